import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { buildProduct, buildStaff, buildStore } from '../../demo/factories.ts';
import { AppError } from '../../http/errors.ts';
import type { AuditContext } from '../audit/audit.repo.ts';
import { importSalesHistory } from '../imports/import-sales.ts';
import { runDueJobs } from '../jobs/jobs.ts';
import { computeRules, rulesHandlers } from './rules.service.ts';

const ctx = setupTestApp();

/**
 * French invoices 1–5 and a cancellation, a German one. Baskets by the definitions: 1 {A, B}
 * (postage left out), 2 {A, B}, 3 {A, C}, 4 {} (postage only, still a basket), 5 {A} (B sold and
 * taken off: 0 units), C6 is cancelled. So A is in 4 of 5 baskets, B in 2, A with B in 2.
 */
const HISTORY = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '600001,10001,ANTIQUE SILVER TEA GLASS,2,2011-03-01 09:00:00,1.25,12345.0,France',
  '600001,10002,ROSE TEA TOWEL,1,2011-03-01 09:00:00,2.10,12345.0,France',
  '600001,POST,POSTAGE,1,2011-03-01 09:00:00,18,12345.0,France',
  '600002,10001,ANTIQUE SILVER TEA GLASS,1,2011-03-02 09:00:00,1.25,12346.0,France',
  '600002,10002,ROSE TEA TOWEL,3,2011-03-02 09:00:00,2.10,12346.0,France',
  '600003,10001,ANTIQUE SILVER TEA GLASS,1,2011-03-03 09:00:00,1.25,12347.0,France',
  '600003,10003,ENAMEL JUG,1,2011-03-03 09:00:00,4.95,12347.0,France',
  '600004,POST,POSTAGE,1,2011-03-04 09:00:00,18,12348.0,France',
  '600005,10001,ANTIQUE SILVER TEA GLASS,1,2011-03-05 09:00:00,1.25,12349.0,France',
  '600005,10002,ROSE TEA TOWEL,1,2011-03-05 09:00:00,2.10,12349.0,France',
  '600005,10002,ROSE TEA TOWEL,-1,2011-03-05 09:00:00,2.10,12349.0,France',
  'C600006,10001,ANTIQUE SILVER TEA GLASS,-1,2011-03-06 09:00:00,1.25,12345.0,France',
  'C600006,10002,ROSE TEA TOWEL,-1,2011-03-06 09:00:00,2.10,12345.0,France',
  '600007,10003,ENAMEL JUG,1,2011-03-07 09:00:00,4.95,12350.0,Germany',
  '600007,10004,ZINC PLANTER,1,2011-03-07 09:00:00,6.50,12350.0,Germany',
  '',
].join('\n');

const stream = async function* (text: string) {
  yield Buffer.from(text);
};

interface Item {
  products: { id: string; title: string; variants: { sku: string | null }[] }[];
  source: string;
  reason: string;
  support: number | null;
  confidence: number | null;
  lift: number | null;
  baskets: number | null;
}

describe('goes well with', () => {
  let retailerId: string;
  let storeId: string;
  let audit: AuditContext;
  let owner: string;
  let associate: string;
  let otherOwner: string;
  const product: Record<string, string> = {};

  beforeAll(async () => {
    const o = await buildStaff(ctx.deps.db, { role: 'owner' });
    retailerId = o.retailer_id;
    storeId = o.storeIds[0] as string;
    audit = { retailerId, actorType: 'system', actorId: null, requestId: null, ip: null };
    owner = await signIn(ctx.app, o.email);
    associate = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { retailerId, storeIds: [storeId], role: 'associate' })).email);
    otherOwner = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { role: 'owner' })).email);
    const report = await importSalesHistory(ctx.deps, audit, stream(HISTORY), { storeId, fileName: 'history.csv' });
    expect(report.failed).toBe(0);
    const variants = await ctx.deps.db.selectFrom('variants').select(['sku', 'product_id']).where('retailer_id', '=', retailerId).execute();
    for (const v of variants) product[v.sku as string] = v.product_id;
  });

  const get = (cookie: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });
  const items = async (cookie: string, url: string) => {
    const res = await get(cookie, url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { productId: string; rules: { runId: string; country: string | null; baskets: number } | null; items: Item[] };
  };

  it('keeps each imported invoice’s country on the sale, and a till sale’s store country', async () => {
    const sales = await ctx.deps.db.selectFrom('sales').select(['external_id', 'country']).where('retailer_id', '=', retailerId).execute();
    expect(sales.map((s) => [s.external_id, s.country]).sort()).toEqual([
      ['600001', 'FR'],
      ['600002', 'FR'],
      ['600003', 'FR'],
      ['600004', 'FR'],
      ['600005', 'FR'],
      ['600007', 'DE'],
      ['C600006', 'FR'],
    ]);
    const brussels = await buildStore(ctx.deps.db, { retailerId, address: { country: 'BE' } });
    const plain = await buildStore(ctx.deps.db, { retailerId });
    const vase = await buildProduct(ctx.deps.db, { retailerId, variants: [{ title: 'Default', price: 5, sku: 'VASE-1' }] });
    const countries: (string | null)[] = [];
    for (const s of [brussels.id, plain.id]) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/sales',
        headers: { cookie: owner },
        payload: { storeId: s, allowBackorder: true, lines: [{ variantId: vase.variantIds[0], quantity: 1 }] },
      });
      expect(res.statusCode, res.body).toBe(201);
      const row = await ctx.deps.db
        .selectFrom('sales')
        .select('country')
        .where('retailer_id', '=', retailerId)
        .where('id', '=', res.json().id)
        .executeTakeFirstOrThrow();
      countries.push(row.country);
    }
    expect(countries).toEqual(['BE', null]);
  });

  it('learns rules from the baskets of a country by the definitions: cancellations out, empty baskets in, excluded codes and 0 units not items', async () => {
    const progress: string[] = [];
    const run = await computeRules(
      ctx.deps,
      audit,
      { country: 'France', minSupport: 0.4 },
      { batchSales: 2, onProgress: (p) => progress.push(p.phase) },
    );
    expect(run).toMatchObject({ baskets: 5, items: 3, itemsets: 3, rules: 2, selection: { country: 'FR', storeId: null } });
    expect(progress.filter((p) => p === 'reading').length).toBeGreaterThanOrEqual(4);
    expect(progress).toContain('itemsets');
    const stored = await ctx.deps.db
      .selectFrom('association_rules')
      .select(['antecedent', 'consequent', 'support', 'confidence', 'lift', 'basket_count', 'antecedent_count', 'consequent_count'])
      .where('retailer_id', '=', retailerId)
      .where('run_id', '=', run.id)
      .orderBy('position')
      .execute();
    const a = product['10001'] as string;
    const b = product['10002'] as string;
    const byAntecedent = new Map(stored.map((r) => [r.antecedent.join(), r]));
    expect(byAntecedent.get(a)).toEqual({
      antecedent: [a],
      consequent: [b],
      support: 0.4,
      confidence: 0.5,
      lift: 1.25,
      basket_count: 2,
      antecedent_count: 4,
      consequent_count: 2,
    });
    expect(byAntecedent.get(b)).toMatchObject({ consequent: [a], confidence: 1, lift: 1.25 });
    const saved = await ctx.deps.db
      .selectFrom('rule_runs')
      .selectAll()
      .where('retailer_id', '=', retailerId)
      .where('id', '=', run.id)
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ status: 'succeeded', is_current: true, selection: 'country:FR', baskets: 5, sales_total: 5, rules: 2 });
  });

  it('answers the best pairings for a product with their reasons, and the catalog’s own pairings', async () => {
    const a = product['10001'] as string;
    const b = product['10002'] as string;
    const jug = product['10003'] as string;
    const forA = await items(associate, `/api/products/${a}/goes-well-with?country=FR`);
    expect(forA.rules).toMatchObject({ country: 'FR', baskets: 5 });
    expect(forA.items).toEqual([
      {
        products: [{ id: b, title: 'Rose tea towel', variants: [{ id: expect.any(String), title: 'Default', sku: '10002' }] }],
        source: 'baskets',
        reason: 'often bought together: in 50% of baskets with it',
        support: 0.4,
        confidence: 0.5,
        lift: 1.25,
        baskets: 4,
      },
    ]);
    expect((await items(associate, `/api/products/${b}/goes-well-with?country=France`)).items[0]?.reason).toBe(
      'often bought together: in 100% of baskets with it',
    );
    // Without a country there is no run for all sales yet: only what the catalog says.
    expect(await items(associate, `/api/products/${a}/goes-well-with`)).toEqual({ productId: a, rules: null, items: [] });
    await ctx.deps.db
      .insertInto('product_pairings')
      .values([
        { retailer_id: retailerId, product_id: jug, paired_id: a },
        { retailer_id: retailerId, product_id: a, paired_id: b },
      ])
      .execute();
    const paired = await items(associate, `/api/products/${a}/goes-well-with?country=FR`);
    expect(paired.items.map((i) => [i.products.map((p) => p.id), i.source, i.reason])).toEqual([
      [[b], 'both', 'we pair them; often bought together: in 50% of baskets with it'],
      [[jug], 'catalog', 'we pair them'],
    ]);
    expect(paired.items[1]).toMatchObject({ support: null, confidence: null, lift: null });
  });

  it('keeps the current rules until a new run succeeds, then replaces them', async () => {
    const current = async () =>
      ctx.deps.db
        .selectFrom('rule_runs')
        .select(['id', 'rules'])
        .where('retailer_id', '=', retailerId)
        .where('selection', '=', 'country:FR')
        .where('is_current', '=', true)
        .execute();
    const [before] = await current();
    const failing = computeRules(
      ctx.deps,
      audit,
      { country: 'FR', minSupport: 0.2 },
      {
        onProgress: (p) => {
          if (p.phase === 'saving') throw new Error('the disk is full');
        },
      },
    );
    await expect(failing).rejects.toThrow('the disk is full');
    expect(await current()).toEqual([before]);
    const failed = await ctx.deps.db
      .selectFrom('rule_runs')
      .select(['id', 'status', 'error'])
      .where('retailer_id', '=', retailerId)
      .where('status', '=', 'failed')
      .executeTakeFirstOrThrow();
    expect(failed.error).toBe('the disk is full');
    const leftover = await ctx.deps.db
      .selectFrom('association_rules')
      .select('position')
      .where('retailer_id', '=', retailerId)
      .where('run_id', '=', failed.id)
      .execute();
    expect(leftover).toEqual([]);
    const next = await computeRules(ctx.deps, audit, { country: 'FR', minSupport: 0.2 });
    expect(next.rules).toBeGreaterThan(2);
    expect(await current()).toEqual([{ id: next.id, rules: next.rules }]);
    const old = await ctx.deps.db
      .selectFrom('association_rules')
      .select('position')
      .where('retailer_id', '=', retailerId)
      .where('run_id', '=', before?.id as string)
      .execute();
    expect(old).toEqual([]);
    // The German selection is its own: computing it leaves France's current run alone.
    const germany = await computeRules(ctx.deps, audit, { country: 'DE', minSupport: 0.5 });
    expect(germany).toMatchObject({ baskets: 1, itemsets: 3, rules: 2 });
    expect(await current()).toEqual([{ id: next.id, rules: next.rules }]);
    const jug = await items(owner, `/api/products/${product['10003']}/goes-well-with?country=DE`);
    expect(jug.items.map((i) => [i.products[0]?.id, i.source])).toEqual([
      [product['10004'], 'baskets'],
      [product['10001'], 'catalog'],
    ]);
  });

  it('refuses a support of 0 or above 1 and an unknown country by name; a country with no sales is a run of 0 baskets', async () => {
    for (const minSupport of [0, 1.5, -0.1]) {
      const err = await computeRules(ctx.deps, audit, { minSupport }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).fields?.map((f) => f.field)).toEqual(['minSupport']);
    }
    const lift = await computeRules(ctx.deps, audit, { minSupport: 0.5, minConfidence: 2 }).catch((e: unknown) => e);
    expect((lift as AppError).fields?.map((f) => f.field)).toEqual(['minConfidence']);
    const nowhere = await computeRules(ctx.deps, audit, { country: 'Narnia' }).catch((e: unknown) => e);
    expect((nowhere as AppError).fields?.map((f) => f.field)).toEqual(['country']);
    const store = await computeRules(ctx.deps, audit, { storeId: 'sto_nope' }).catch((e: unknown) => e);
    expect((store as AppError).fields?.map((f) => f.field)).toEqual(['storeId']);
    const japan = await computeRules(ctx.deps, audit, { country: 'Japan', minSupport: 0.1 });
    expect(japan).toMatchObject({ baskets: 0, items: 0, itemsets: 0, rules: 0, salesTotal: 0 });
    const row = await ctx.deps.db
      .selectFrom('rule_runs')
      .select(['status', 'baskets'])
      .where('retailer_id', '=', retailerId)
      .where('id', '=', japan.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'succeeded', baskets: 0 });
  });

  it('answers 401 signed out, 403 for a store one does not work in, 400 for bad input, 404 for another retailer’s product', async () => {
    const a = product['10001'] as string;
    expect((await ctx.app.inject({ method: 'GET', url: `/api/products/${a}/goes-well-with` })).statusCode).toBe(401);
    const elsewhere = await buildStore(ctx.deps.db, { retailerId });
    expect((await get(associate, `/api/products/${a}/goes-well-with?storeId=${elsewhere.id}`)).statusCode).toBe(403);
    expect((await get(owner, `/api/products/${a}/goes-well-with?storeId=${elsewhere.id}`)).statusCode).toBe(200);
    expect((await get(owner, `/api/products/${a}/goes-well-with?limit=0`)).statusCode).toBe(400);
    const narnia = await get(owner, `/api/products/${a}/goes-well-with?country=Narnia`);
    expect(narnia.statusCode).toBe(400);
    expect(narnia.json().error.fields[0].field).toBe('country');
    expect((await get(otherOwner, `/api/products/${a}/goes-well-with`)).statusCode).toBe(404);
    expect((await get(owner, '/api/products/prd_nothing/goes-well-with')).statusCode).toBe(404);
  });

  describe('learned by the server on request', () => {
    const post = (cookie: string, payload: unknown) =>
      ctx.app.inject({ method: 'POST', url: '/api/rules/runs', headers: { cookie }, payload: payload as object });
    type Run = {
      id: string;
      status: string;
      current: boolean;
      country: string | null;
      store: { id: string; name: string } | null;
      baskets: number;
      rules: number;
      progress: unknown;
      error: string | null;
      startedBy: string | null;
      best: { antecedent: { title: string }[]; consequent: { title: string }[]; confidence: number }[];
    };
    const runs = async (cookie: string) => {
      const res = await get(cookie, '/api/rules/runs');
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { items: Run[] }).items;
    };

    it('queues a run once per selection, runs it in the background, and shows it with its best pairings', async () => {
      const first = await post(owner, { country: 'FR', minSupport: 0.4 });
      expect(first.statusCode, first.body).toBe(202);
      expect(first.json().queued).toBe(true);
      // Asking again while it waits gives the same run.
      const again = await post(owner, { country: 'France', minSupport: 0.4 });
      expect(again.json()).toEqual({ runId: first.json().runId, queued: false });
      const waiting = (await runs(owner)).find((r) => r.id === first.json().runId);
      expect(waiting).toMatchObject({ status: 'queued', country: 'FR', store: null, current: false, progress: null });
      expect(waiting?.startedBy).toBeTruthy();

      const outcome = await runDueJobs(ctx.deps, rulesHandlers);
      expect(outcome).toMatchObject({ done: 1, failed: 0 });
      const done = (await runs(owner)).find((r) => r.id === first.json().runId);
      expect(done).toMatchObject({ status: 'succeeded', current: true, baskets: 5, progress: null, error: null });
      expect(done?.rules).toBeGreaterThan(0);
      expect(done?.best[0]).toMatchObject({ antecedent: [{ title: expect.any(String) }], consequent: [{ title: expect.any(String) }] });
      // The goes-well-with answer now comes from it.
      expect((await items(owner, `/api/products/${product['10002']}/goes-well-with?country=FR`)).rules?.runId).toBe(first.json().runId);
      // Once it has run, asking again queues a new run.
      expect((await post(owner, { country: 'FR', minSupport: 0.4 })).json().queued).toBe(true);
      await runDueJobs(ctx.deps, rulesHandlers);
    });

    it('fails at once, without trying again, a run that went with its store before it could start', async () => {
      const store = await buildStore(ctx.deps.db, { retailerId });
      const { runId } = (await post(owner, { storeId: store.id })).json();
      await ctx.deps.db.deleteFrom('stores').where('retailer_id', '=', retailerId).where('id', '=', store.id).execute();
      expect(await runDueJobs(ctx.deps, rulesHandlers)).toMatchObject({ failed: 1 });
      const job = await ctx.deps.db
        .selectFrom('jobs')
        .select(['status', 'last_error'])
        .where('payload', '@>', JSON.stringify({ runId }) as never)
        .executeTakeFirstOrThrow();
      expect(job).toEqual({ status: 'failed', last_error: `There is no rules run ${runId}.` });
    });

    it('answers 401 signed out, 403 for staff who may not change the catalog, 400 for bad input, and never shows another retailer’s runs', async () => {
      expect((await ctx.app.inject({ method: 'GET', url: '/api/rules/runs' })).statusCode).toBe(401);
      expect((await ctx.app.inject({ method: 'POST', url: '/api/rules/runs', payload: {} })).statusCode).toBe(401);
      expect((await post(associate, {})).statusCode).toBe(403);
      expect((await get(associate, '/api/rules/runs')).statusCode).toBe(403);
      const cases: [unknown, string][] = [
        [{ minSupport: 0 }, 'minSupport'],
        [{ minSupport: 1.5 }, 'minSupport'],
        [{ country: 'Narnia' }, 'country'],
        [{ storeId: 'sto_nope' }, 'storeId'],
      ];
      for (const [body, field] of cases) {
        const res = await post(owner, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.fields.map((f: { field: string }) => f.field)).toContain(field);
      }
      expect((await post(owner, { colour: 'red' })).statusCode).toBe(400);
      expect(await runs(otherOwner)).toEqual([]);
    });
  });
});
