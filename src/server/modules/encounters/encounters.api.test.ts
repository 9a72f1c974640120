import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { localSmtp } from '../../../../test/helpers/smtp.ts';
import { DEFAULT_ROADMAP } from '../../../shared/domain/roadmap.ts';
import { demoOkaforId, loadDemo } from '../../demo/demo.ts';

/** Visits on the demo world, through the API: the roadmap, steps, who helped, notes, the customer linked later. */
const ctx = setupTestApp();

let associate: string;
let owner: string;
let ambassador: string;
let hearth: string;
let stores: Record<string, string>;
let sets: Record<string, string>;
let okaforId: string;
let staff: Record<string, string>;

const send = (
  method: 'POST' | 'PUT' | 'PATCH' | 'GET' | 'DELETE',
  cookie: string,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) => ctx.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

type Encounter = {
  id: string;
  version: number;
  customer: { id: string; name: string | null } | null;
  status: string;
  leadStaffId: string | null;
  staff: { staffId: string; name: string; roles: string[] }[];
  roadmap: { version: number };
  steps: { key: string; state: string; at: string | null }[];
  currentStep: string | null;
  guidanceSessions: { id: string }[];
  notes: { text: string; clientId: string }[];
  times: { arrivedAt: string | null; greetedAt: string | null; secondsToGreet: number | null };
};

/** Bloom & Stem's retailer id, read through its Riverside store. */
async function bloomRetailerId(): Promise<string> {
  const store = await ctx.deps.db
    .selectFrom('stores')
    .select('retailer_id')
    .where('id', '=', stores.Riverside as string)
    .executeTakeFirstOrThrow();
  return store.retailer_id;
}

async function start(cookie: string, body: Record<string, unknown>): Promise<Encounter> {
  const res = await send('POST', cookie, '/api/encounters', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const step = (cookie: string, id: string, clientId: string, key: string, status: 'done' | 'skipped' = 'done') =>
  send('POST', cookie, `/api/encounters/${id}/steps`, { clientId, key, status });
const state = (e: Encounter, key: string) => e.steps.find((s) => s.key === key)?.state;

beforeAll(async () => {
  await loadDemo(ctx.deps.db);
  associate = await signIn(ctx.app, 'associate@bloom.example');
  owner = await signIn(ctx.app, 'owner@bloom.example');
  ambassador = await signIn(ctx.app, 'security@bloom.example');
  hearth = await signIn(ctx.app, 'associate@hearth.example');
  stores = Object.fromEntries((await ctx.deps.db.selectFrom('stores').select(['id', 'name']).execute()).map((s) => [s.name, s.id]));
  sets = Object.fromEntries((await ctx.deps.db.selectFrom('question_sets').select(['id', 'name']).execute()).map((s) => [s.name, s.id]));
  staff = Object.fromEntries((await ctx.deps.db.selectFrom('staff').select(['id', 'email']).execute()).map((s) => [s.email, s.id]));
  okaforId = await demoOkaforId(ctx.deps.db);
});

describe('the roadmap', () => {
  it('starts as greet → acknowledge → converse → discover → recommend → give space → close → thank → follow up', async () => {
    const res = await send('GET', associate, '/api/roadmap');
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json().definition.steps.map((s: { key: string }) => s.key)).toEqual([
      'greet',
      'acknowledge',
      'converse',
      'discover',
      'recommend',
      'give-space',
      'close',
      'thank',
      'follow-up',
    ]);
  });

  it('is edited by the owner only, from the version opened, with mistakes named; visits keep the version they started with', async () => {
    const before = await start(associate, { clientId: 'enc-roadmap-0001', storeId: stores.Riverside });
    const changed = { ...DEFAULT_ROADMAP, steps: DEFAULT_ROADMAP.steps.filter((s) => s.key !== 'converse') };
    expect((await send('PUT', associate, '/api/roadmap', changed, { 'if-match': '"1"' })).statusCode).toBe(403);
    expect((await send('PUT', owner, '/api/roadmap', changed)).statusCode).toBe(428);
    const wrong = await send(
      'PUT',
      owner,
      '/api/roadmap',
      { name: 'Ours', steps: [{ key: 'Greet!', name: '', guidance: '', skippable: false, doneWhen: { kind: 'marked' } }] },
      { 'if-match': '"1"' },
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['steps.0.key', 'steps.0.name', 'steps']);
    const saved = await send('PUT', owner, '/api/roadmap', changed, { 'if-match': '"1"' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, currentVersion: 2 });
    expect((await send('PUT', owner, '/api/roadmap', changed, { 'if-match': '"1"' })).statusCode).toBe(409);
    const old = (await send('GET', associate, `/api/encounters/${before.id}`)).json() as Encounter;
    expect(old.roadmap.version).toBe(1);
    expect(old.steps.map((s) => s.key)).toContain('converse');
    const after = await start(associate, { clientId: 'enc-roadmap-0002', storeId: stores.Riverside });
    expect(after.roadmap.version).toBe(2);
    expect(after.steps.map((s) => s.key)).not.toContain('converse');
  });
});

describe('a visit', () => {
  it('starts for a known customer, once per clientId, with the one who started it as lead', async () => {
    const e = await start(associate, { clientId: 'enc-okafor-0001', storeId: stores.Riverside, customerId: okaforId });
    expect(e.customer).toMatchObject({ id: okaforId, name: 'Adaeze Okafor' });
    expect(e.staff).toEqual([expect.objectContaining({ staffId: staff['associate@bloom.example'], roles: ['lead'] })]);
    expect(e.currentStep).toBe('greet');
    expect((await start(associate, { clientId: 'enc-okafor-0001', storeId: stores.Riverside })).id).toBe(e.id);
  });

  it('starts for someone new with a first name and one contact, or for someone not yet known', async () => {
    const fresh = await start(associate, {
      clientId: 'enc-new-00001',
      storeId: stores.Riverside,
      newCustomer: { firstName: 'Imogen', email: 'imogen@example.com' },
    });
    expect(fresh.customer?.name).toBe('Imogen');
    const anonymous = await start(ambassador, { clientId: 'enc-anon-0001', storeId: stores.Riverside });
    expect(anonymous.customer).toBeNull();
    // The ambassador may help anyone but not add people to the book, nor start in a store they do not work in.
    const refused = await send('POST', ambassador, '/api/encounters', {
      clientId: 'enc-new-00002',
      storeId: stores.Riverside,
      newCustomer: { firstName: 'Olu' },
    });
    expect(refused.statusCode).toBe(403);
    expect((await send('POST', associate, '/api/encounters', { clientId: 'enc-elsewhere', storeId: stores['Old Town'] })).statusCode).toBe(
      403,
    );
    const bad = await send('POST', associate, '/api/encounters', {
      clientId: 'enc-bad-00001',
      storeId: stores.Riverside,
      customerId: 'cus_nope',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('customerId');
  });

  it('takes steps in the roadmap’s order, each once, and knows the time to greet', async () => {
    const arrived = new Date(Date.now() - 90_000).toISOString();
    const e = await start(associate, { clientId: 'enc-steps-0001', storeId: stores.Riverside, customerId: okaforId, arrivedAt: arrived });
    const early = await step(associate, e.id, 'enc-steps-thank', 'thank');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('"Greet" comes before "Thank".');
    const skipGreet = await step(associate, e.id, 'enc-steps-skip', 'greet', 'skipped');
    expect(skipGreet.json().error.message).toBe('"Greet" cannot be skipped.');
    expect((await step(associate, e.id, 'enc-steps-nope', 'dance')).statusCode).toBe(404);
    const greeted = (await step(associate, e.id, 'enc-steps-greet', 'greet')).json() as Encounter;
    expect(state(greeted, 'greet')).toBe('done');
    expect(greeted.currentStep).toBe('acknowledge');
    expect(greeted.times.secondsToGreet).toBeGreaterThanOrEqual(89);
    expect(greeted.times.secondsToGreet).toBeLessThan(120);
    // The same step again, from another device, is taken once.
    const again = (await step(ambassador, e.id, 'enc-steps-greet-2', 'greet')).json() as Encounter;
    expect(again.steps.filter((s) => s.state === 'done')).toHaveLength(1);
    // Skippable steps in between are passed over.
    const thanked = (await step(associate, e.id, 'enc-steps-thank-2', 'acknowledge', 'skipped')).json() as Encounter;
    expect(state(thanked, 'acknowledge')).toBe('skipped');
    expect((await step(associate, e.id, 'enc-steps-thank-3', 'thank')).statusCode).toBe(409); // "Close" comes first
  });

  it('counts discovery done once enough questions are answered in its guided selling, which takes the visit’s customer', async () => {
    const e = await start(associate, { clientId: 'enc-discover-01', storeId: stores.Riverside, customerId: okaforId });
    const s = await send('POST', associate, '/api/guidance-sessions', {
      setId: sets['Flowers for an occasion'],
      storeId: stores.Riverside,
      encounterId: e.id,
    });
    expect(s.statusCode, s.body).toBe(201);
    expect(s.json().customer.id).toBe(okaforId);
    for (const [key, answer] of [
      ['occasion', { values: ['birthday'] }],
      ['palette', { values: ['white'] }],
      ['quantity', { quantity: 12 }],
    ] as const)
      expect((await send('PUT', associate, `/api/guidance-sessions/${s.json().id}/answers/${key}`, { answer })).statusCode).toBe(200);
    const now = (await send('GET', associate, `/api/encounters/${e.id}`)).json() as Encounter;
    expect(now.guidanceSessions.map((g) => g.id)).toEqual([s.json().id]);
    expect(state(now, 'discover')).toBe('done');
    // Preferences kept from the visit's answers say which visit they came from.
    expect(
      (await send('POST', associate, `/api/guidance-sessions/${s.json().id}/save-preferences`, { customerAgreed: true })).statusCode,
    ).toBe(200);
    const kept = await ctx.deps.db
      .selectFrom('customer_preferences')
      .select('encounter_id')
      .where('session_id', '=', s.json().id)
      .execute();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((p) => p.encounter_id === e.id)).toBe(true);
    // A session cannot join a visit of another store.
    const elsewhere = await send('POST', owner, '/api/guidance-sessions', {
      setId: sets['Flowers for an occasion'],
      storeId: stores['Old Town'],
      encounterId: e.id,
    });
    expect(elsewhere.statusCode).toBe(400);
  });

  it('credits a colleague who joins, and one who takes over; another retailer’s staff cannot join', async () => {
    const e = await start(associate, { clientId: 'enc-assist-0001', storeId: stores.Riverside });
    const joined = await send('POST', ambassador, `/api/encounters/${e.id}/staff`, { clientId: 'enc-assist-join', role: 'assist' });
    expect(joined.statusCode, joined.body).toBe(200);
    const taken = (
      await send('POST', associate, `/api/encounters/${e.id}/staff`, {
        clientId: 'enc-assist-lead',
        role: 'lead',
        staffId: staff['manager@bloom.example'],
      })
    ).json() as Encounter;
    expect(taken.leadStaffId).toBe(staff['manager@bloom.example']);
    expect(taken.staff.map((s) => [s.name, s.roles])).toEqual([
      ['Priya Natarajan', ['lead']],
      ['Daniel Mensah', ['assist']],
      ['Marcus Oyelaran', ['lead']],
    ]);
    const foreign = await send('POST', associate, `/api/encounters/${e.id}/staff`, {
      clientId: 'enc-assist-frgn',
      role: 'assist',
      staffId: staff['associate@hearth.example'],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields[0].field).toBe('staffId');
  });

  it('keeps notes from two devices, each once', async () => {
    const e = await start(associate, { clientId: 'enc-notes-0001', storeId: stores.Riverside });
    await send('POST', associate, `/api/encounters/${e.id}/notes`, { clientId: 'enc-note-a', text: 'Table for ten, white and green.' });
    await send('POST', ambassador, `/api/encounters/${e.id}/notes`, { clientId: 'enc-note-b', text: 'Prefers no lilies.' });
    const last = (
      await send('POST', associate, `/api/encounters/${e.id}/notes`, { clientId: 'enc-note-a', text: 'Table for ten, white and green.' })
    ).json() as Encounter;
    expect(last.notes.map((n) => n.text)).toEqual(['Table for ten, white and green.', 'Prefers no lilies.']);
    expect((await send('POST', associate, `/api/encounters/${e.id}/notes`, { clientId: 'enc-note-c', text: '   ' })).statusCode).toBe(400);
  });

  it('links the customer once known, from the version seen; a stale edit is refused', async () => {
    const e = await start(associate, { clientId: 'enc-link-00001', storeId: stores.Riverside });
    const s = await send('POST', associate, '/api/guidance-sessions', {
      setId: sets['Flowers for an occasion'],
      storeId: stores.Riverside,
      encounterId: e.id,
    });
    const linked = await send('PATCH', associate, `/api/encounters/${e.id}`, { customerId: okaforId }, { 'if-match': `"${e.version}"` });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().customer.id).toBe(okaforId);
    expect((await send('GET', associate, `/api/guidance-sessions/${s.json().id}`)).json().customer.id).toBe(okaforId);
    const stale = await send(
      'PATCH',
      associate,
      `/api/encounters/${e.id}`,
      { arrivedAt: new Date().toISOString() },
      { 'if-match': `"${e.version}"` },
    );
    expect(stale.statusCode).toBe(409);
  });

  it('is another retailer’s business only: 404 for their staff, and listed per store', async () => {
    const e = await start(associate, { clientId: 'enc-tenant-0001', storeId: stores.Riverside });
    expect((await send('GET', hearth, `/api/encounters/${e.id}`)).statusCode).toBe(404);
    const list = await send('GET', associate, `/api/encounters?storeId=${stores.Riverside}&status=open`);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(e.id);
  });
});

describe('closing a visit', () => {
  const variant = async (sku: string) =>
    (await ctx.deps.db.selectFrom('variants').select('id').where('sku', '=', sku).executeTakeFirstOrThrow()).id;
  const customerFigures = async () =>
    ctx.deps.db.selectFrom('customers').select(['visits', 'purchases']).where('id', '=', okaforId).executeTakeFirstOrThrow();

  async function visitWithBasket(clientId: string, lines: { sku: string; quantity: number }[]) {
    const e = await start(associate, { clientId, storeId: stores.Riverside, customerId: okaforId });
    const s = await send('POST', associate, '/api/guidance-sessions', {
      setId: sets['Flowers for an occasion'],
      storeId: stores.Riverside,
      encounterId: e.id,
    });
    for (const [i, l] of lines.entries())
      expect(
        (
          await send('POST', associate, `/api/guidance-sessions/${s.json().id}/basket`, {
            clientId: `${clientId}-b${i}`,
            variantId: await variant(l.sku),
            quantity: l.quantity,
          })
        ).statusCode,
      ).toBe(200);
    return { encounter: e, session: s.json().id as string };
  }

  it('New Year’s Eve: the plan chosen with holds becomes the sale; stock, the customer’s figures and the roadmap follow; closing twice is refused', async () => {
    const e = await start(associate, { clientId: 'enc-nye-000001', storeId: stores.Riverside, customerId: okaforId });
    await step(associate, e.id, 'enc-nye-greet', 'greet');
    const s = (
      await send('POST', associate, '/api/guidance-sessions', {
        setId: sets['Flowers for an occasion'],
        storeId: stores.Riverside,
        encounterId: e.id,
      })
    ).json();
    for (const [key, answer] of [
      ['occasion', { values: ['new-year'] }],
      ['palette', { values: ['white'] }],
      ['quantity', { quantity: 24 }],
      ['budget', { budget: { max: 80, firm: false } }],
    ] as const)
      await send('PUT', associate, `/api/guidance-sessions/${s.id}/answers/${key}`, { answer });
    const alternatives = (
      await send('GET', associate, `/api/guidance-sessions/${s.id}/alternatives?variantId=${await variant('BS-RAN-WHT')}`)
    ).json();
    // Mrs Okafor has a cat: the plan completes the 24 with something safe for pets.
    const plan = alternatives.plans[0] as { units: number; lines: { variantId: string; quantity: number; unitPrice: number }[] };
    expect(plan.units).toBe(24);
    const taken = await send('POST', associate, `/api/guidance-sessions/${s.id}/plans`, {
      clientId: 'enc-nye-plan',
      lines: plan.lines,
      hold: true,
    });
    expect(taken.statusCode, taken.body).toBe(200);
    const level = async (variantId: string) =>
      (
        await ctx.deps.db
          .selectFrom('stock_levels')
          .select('on_hand')
          .where('store_id', '=', stores.Riverside as string)
          .where('variant_id', '=', variantId)
          .executeTakeFirstOrThrow()
      ).on_hand;
    const levels = await Promise.all(plan.lines.map((l) => level(l.variantId)));
    const before = await customerFigures();
    const closed = await send('POST', associate, `/api/encounters/${e.id}/close`, { outcome: 'sale' });
    expect(closed.statusCode, closed.body).toBe(200);
    const after = closed.json() as Encounter & { outcome: string; saleId: string };
    expect(after).toMatchObject({ status: 'closed', outcome: 'sale' });
    expect(state(after, 'close')).toBe('done');
    const sale = (await send('GET', associate, `/api/sales/${after.saleId}`)).json();
    expect(sale.lines.map((l: { variantId: string; quantity: number }) => [l.variantId, l.quantity])).toEqual(
      plan.lines.map((l) => [l.variantId, l.quantity]),
    );
    expect(sale.lines[0].total).toBe(21.6);
    expect(await Promise.all(plan.lines.map((l) => level(l.variantId)))).toEqual(levels.map((n, i) => n - (plan.lines[i]?.quantity ?? 0)));
    const holds = await ctx.deps.db.selectFrom('stock_holds').select('status').where('session_id', '=', s.id).execute();
    expect(holds.map((h) => h.status)).toEqual(['sold', 'sold']);
    const figures = await customerFigures();
    expect([figures.visits - before.visits, figures.purchases - before.purchases]).toEqual([1, 1]);
    const again = await send('POST', associate, `/api/encounters/${e.id}/close`, { outcome: 'no-sale', reason: 'browsing' });
    expect(again.statusCode).toBe(409);
    // Thanking comes after the close.
    expect((await step(associate, e.id, 'enc-nye-thank', 'thank')).statusCode).toBe(200);
  });

  it('closes with no sale and the reason, counting the visit', async () => {
    const e = await start(associate, { clientId: 'enc-nosale-001', storeId: stores.Riverside, customerId: okaforId });
    const before = await customerFigures();
    const res = await send('POST', associate, `/api/encounters/${e.id}/close`, {
      outcome: 'no-sale',
      reason: 'will-come-back',
      note: 'Back on Saturday with her sister.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'no-sale', noSaleReason: 'will-come-back', saleId: null });
    expect(res.json().notes.map((n: { text: string }) => n.text)).toEqual(['Back on Saturday with her sister.']);
    expect((await customerFigures()).visits).toBe(before.visits + 1);
    const bad = await send('POST', associate, `/api/encounters/${e.id}/close`, { outcome: 'no-sale', reason: 'bored' });
    expect(bad.statusCode).toBe(400);
  });

  it('closed from two devices at once, with a sale and with none: one wins, the other is refused, and no sale is left behind', async () => {
    for (let i = 0; i < 6; i++) {
      const e = await start(associate, { clientId: `enc-race-${i}-0001`, storeId: stores.Riverside, customerId: okaforId });
      const close = (outcome: 'sale' | 'no-sale') =>
        send(
          'POST',
          associate,
          `/api/encounters/${e.id}/close`,
          outcome === 'sale'
            ? { outcome, lines: [{ sku: 'BS-ANE-WHT', quantity: 1 }], allowBackorder: true }
            : { outcome, reason: 'browsing' },
        );
      // Either request may reach the server first.
      const [sale, none] =
        i % 2 === 0
          ? await Promise.all([close('sale'), close('no-sale')])
          : (await Promise.all([close('no-sale'), close('sale')])).reverse();
      expect([sale?.statusCode, none?.statusCode].sort(), `${sale?.body} ${none?.body}`).toEqual([200, 409]);
      const sales = await ctx.deps.db.selectFrom('sales').select('id').where('visit_id', '=', e.id).execute();
      const visit = (await send('GET', associate, `/api/encounters/${e.id}`)).json();
      const won = sale?.statusCode === 200 ? 'sale' : 'no-sale';
      expect(visit).toMatchObject({ status: 'closed', outcome: won });
      expect(sales.map((s) => s.id)).toEqual(won === 'sale' ? [visit.saleId] : []);
    }
  });

  it('a special order becomes a sale when fulfilled, once', async () => {
    const due = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const { encounter } = await visitWithBasket('enc-order-0001', [{ sku: 'BS-ANE-WHT', quantity: 20 }]);
    const noAddress = await send('POST', associate, `/api/encounters/${encounter.id}/close`, {
      outcome: 'special-order',
      order: { fulfilment: 'delivery', dueOn: due },
    });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json().error.fields[0].field).toBe('order.address');
    const res = await send('POST', associate, `/api/encounters/${encounter.id}/close`, {
      outcome: 'special-order',
      order: {
        fulfilment: 'delivery',
        dueOn: due,
        recipient: 'Chioma Okafor',
        address: { line1: '12 Elm Row', city: 'London', postcode: 'N1 2AB' },
        cardMessage: 'Happy birthday, with love',
        deposit: 20,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', outcome: 'special-order', saleId: null });
    const orders = (await send('GET', associate, `/api/special-orders?storeId=${stores.Riverside}`)).json().items;
    const order = orders.find((o: { encounterId: string }) => o.encounterId === encounter.id);
    expect(order).toMatchObject({
      dueOn: due,
      deposit: 20,
      recipient: 'Chioma Okafor',
      customer: { id: okaforId, name: 'Adaeze Okafor' },
      address: { line1: '12 Elm Row', city: 'London' },
      lines: [{ quantity: 20, unitPrice: 2.2, title: 'Anemone — White' }],
      total: 44,
    });
    expect((await send('GET', associate, `/api/encounters/${encounter.id}`)).json().specialOrder).toMatchObject({
      id: order.id,
      dueOn: due,
      status: 'open',
      cardMessage: 'Happy birthday, with love',
    });
    const fulfilled = await send('POST', associate, `/api/special-orders/${order.id}/fulfil`);
    expect(fulfilled.statusCode, fulfilled.body).toBe(200);
    expect((await send('POST', associate, `/api/special-orders/${order.id}/fulfil`)).statusCode).toBe(409);
    const sale = (await send('GET', associate, `/api/sales/${fulfilled.json().saleId}`)).json();
    expect(sale).toMatchObject({ staff: { name: 'Priya Natarajan' }, note: 'Special order: £20.00 deposit paid when ordered.', total: 44 });
    const after = (await send('GET', associate, `/api/encounters/${encounter.id}`)).json();
    expect(after).toMatchObject({ saleId: fulfilled.json().saleId, saleTotal: 44, specialOrder: { status: 'fulfilled' } });
    const done = (await send('GET', associate, `/api/special-orders?storeId=${stores.Riverside}&status=fulfilled`)).json().items;
    expect(done.map((o: { id: string }) => o.id)).toContain(order.id);
  });

  it('a special order the customer no longer wants is cancelled with the reason, once; one handed over cannot be', async () => {
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const order = async (clientId: string) => {
      const { encounter } = await visitWithBasket(clientId, [{ sku: 'BS-ANE-WHT', quantity: 5 }]);
      const closed = await send('POST', associate, `/api/encounters/${encounter.id}/close`, {
        outcome: 'special-order',
        order: { fulfilment: 'collection', dueOn: due, deposit: 5 },
      });
      expect(closed.statusCode, closed.body).toBe(200);
      const open = (await send('GET', associate, `/api/special-orders?storeId=${stores.Riverside}`)).json().items;
      return { encounterId: encounter.id, id: open.find((o: { encounterId: string }) => o.encounterId === encounter.id).id as string };
    };
    const kept = await order('enc-cancel-0001');
    const noReason = await send('POST', associate, `/api/special-orders/${kept.id}/cancel`, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].field).toBe('reason');
    expect((await send('POST', associate, '/api/special-orders/nope/cancel', { reason: 'Changed her mind' })).statusCode).toBe(404);
    const cancelled = await send('POST', associate, `/api/special-orders/${kept.id}/cancel`, { reason: 'The party is off' });
    expect(cancelled.statusCode, cancelled.body).toBe(204);
    expect((await send('POST', associate, `/api/special-orders/${kept.id}/cancel`, { reason: 'Again' })).statusCode).toBe(409);
    expect((await send('POST', associate, `/api/special-orders/${kept.id}/fulfil`)).statusCode).toBe(409);
    const listed = (await send('GET', associate, `/api/special-orders?storeId=${stores.Riverside}&status=cancelled`)).json().items;
    expect(listed.find((o: { id: string }) => o.id === kept.id)).toMatchObject({
      status: 'cancelled',
      saleId: null,
      cancelled: { reason: 'The party is off' },
    });
    expect((await send('GET', associate, `/api/encounters/${kept.encounterId}`)).json().specialOrder).toMatchObject({
      status: 'cancelled',
      cancelled: { reason: 'The party is off' },
    });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'special-order.cancelled')
      .where('subject_id', '=', okaforId)
      .execute();
    expect(audit.map((a) => a.details)).toContainEqual(
      expect.objectContaining({ orderId: kept.id, reason: 'The party is off', deposit: 5 }),
    );

    const handed = await order('enc-cancel-0002');
    expect((await send('POST', associate, `/api/special-orders/${handed.id}/fulfil`)).statusCode).toBe(200);
    const late = await send('POST', associate, `/api/special-orders/${handed.id}/cancel`, { reason: 'Too late' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/fulfilled already/);
  });

  it('refuses an empty basket, a retired product, a negative quantity, and the ambassador', async () => {
    const empty = await start(associate, { clientId: 'enc-empty-0001', storeId: stores.Riverside });
    const nothing = await send('POST', associate, `/api/encounters/${empty.id}/close`, { outcome: 'sale' });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().error.fields[0].field).toBe('lines');
    const negative = await send('POST', associate, `/api/encounters/${empty.id}/close`, {
      outcome: 'sale',
      lines: [{ sku: 'BS-ANE-WHT', quantity: -2 }],
    });
    expect(negative.statusCode).toBe(400);
    expect(
      (await send('POST', ambassador, `/api/encounters/${empty.id}/close`, { outcome: 'no-sale', reason: 'browsing' })).statusCode,
    ).toBe(403);
    const { encounter } = await visitWithBasket('enc-retired-01', [{ sku: 'BS-ANE-RED', quantity: 2 }]);
    await ctx.deps.db.updateTable('variants').set({ retired: true }).where('sku', '=', 'BS-ANE-RED').execute();
    try {
      const retired = await send('POST', associate, `/api/encounters/${encounter.id}/close`, { outcome: 'sale' });
      expect(retired.statusCode).toBe(400);
      expect((await send('GET', associate, `/api/encounters/${encounter.id}`)).json().status).toBe('open');
    } finally {
      await ctx.deps.db.updateTable('variants').set({ retired: false }).where('sku', '=', 'BS-ANE-RED').execute();
    }
  });
});

describe('surprise and delight, and lost demand', () => {
  const manager = () => signIn(ctx.app, 'manager@bloom.example');

  it('draws gestures against the store’s monthly budget, refuses one with no budget left, and shows them to the manager and on the timeline', async () => {
    await ctx.deps.db
      .updateTable('stores')
      .set({ gesture_budget: 10 })
      .where('id', '=', stores.Riverside as string)
      .execute();
    const e = await start(associate, { clientId: 'enc-gesture-001', storeId: stores.Riverside, customerId: okaforId });
    const give = (clientId: string, cost: number, cookie = associate) =>
      send('POST', cookie, `/api/encounters/${e.id}/gestures`, {
        clientId,
        kind: 'extra-blooms',
        description: 'Three extra white ranunculus',
        cost,
      });
    const first = await give('enc-gesture-a', 7.2);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().gestures).toEqual([expect.objectContaining({ kind: 'extra-blooms', cost: 7.2 })]);
    expect((await give('enc-gesture-a', 7.2)).json().gestures).toHaveLength(1);
    const over = await give('enc-gesture-b', 5);
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toBe(
      'Only £2.80 of this month’s £10.00 for gestures is left; ask the manager, or choose a smaller gesture.',
    );
    expect((await give('enc-gesture-c', 5, ambassador)).statusCode).toBe(403);
    const m = await manager();
    const month = (await send('GET', m, `/api/stores/${stores.Riverside}/gestures`)).json();
    expect(month).toMatchObject({ budget: 10, spent: 7.2, left: 2.8 });
    expect(month.gestures[0]).toMatchObject({
      description: 'Three extra white ranunculus',
      givenBy: 'Priya Natarajan',
      encounterId: e.id,
      customer: { id: okaforId, name: 'Adaeze Okafor' },
    });
    expect((await send('GET', associate, `/api/stores/${stores.Riverside}/gestures`)).statusCode).toBe(403);
    const timeline = (await send('GET', associate, `/api/customers/${okaforId}/timeline`)).json();
    expect(JSON.stringify(timeline)).toContain('gesture.given');
  });

  it('keeps what a taken plan could not give here as lost demand, and what is recorded by hand', async () => {
    const e = await start(associate, { clientId: 'enc-lost-00001', storeId: stores.Riverside });
    const s = (
      await send('POST', associate, '/api/guidance-sessions', {
        setId: sets['Flowers for an occasion'],
        storeId: stores.Riverside,
        encounterId: e.id,
      })
    ).json();
    await send('PUT', associate, `/api/guidance-sessions/${s.id}/answers/palette`, { answer: { values: ['white'] } });
    const ranunculus = (await ctx.deps.db.selectFrom('variants').select('id').where('sku', '=', 'BS-RAN-WHT').executeTakeFirstOrThrow()).id;
    const a = (await send('GET', associate, `/api/guidance-sessions/${s.id}/alternatives?variantId=${ranunculus}&quantity=30`)).json();
    const plan = a.plans.find((p: { lines: { source: string }[] }) => p.lines.some((l) => l.source === 'substitute'));
    const taken = await send('POST', associate, `/api/guidance-sessions/${s.id}/plans`, {
      clientId: 'enc-lost-plan',
      lines: plan.lines,
      hold: false,
      for: { variantId: ranunculus, quantity: 30 },
    });
    expect(taken.statusCode, taken.body).toBe(200);
    const byHand = await send('POST', associate, `/api/encounters/${e.id}/lost-demand`, {
      clientId: 'enc-lost-hand',
      description: 'Blue delphiniums',
      quantity: 5,
      outcome: 'lost',
    });
    expect(byHand.statusCode, byHand.body).toBe(204);
    expect(
      (await send('POST', associate, `/api/encounters/${e.id}/lost-demand`, { clientId: 'enc-lost-none', quantity: 5, outcome: 'lost' }))
        .statusCode,
    ).toBe(400);
    const report = (await send('GET', await manager(), `/api/lost-demand?storeId=${stores.Riverside}`)).json().items;
    const wanted = report.find((i: { variantId: string }) => i.variantId === ranunculus);
    const here = plan.lines
      .filter((l: { source: string }) => l.source === 'here')
      .reduce((n: number, l: { quantity: number }) => n + l.quantity, 0);
    expect(wanted.units).toBe(30 - here);
    expect(wanted.outcomes.substituted).toBe(
      plan.lines
        .filter((l: { source: string }) => l.source === 'substitute')
        .reduce((n: number, l: { quantity: number }) => n + l.quantity, 0),
    );
    expect(report.find((i: { description: string }) => i.description === 'Blue delphiniums')).toMatchObject({
      units: 5,
      outcomes: { lost: 5 },
      productId: null,
    });
    expect(wanted.productId).toEqual(expect.any(String));
    // The visit's record keeps both, with what was taken instead.
    const record = (await send('GET', associate, `/api/encounters/${e.id}`)).json();
    expect(record.lostDemand.map((l: { description: string; outcome: string }) => [l.description, l.outcome])).toContainEqual([
      'Blue delphiniums',
      'lost',
    ]);
    expect(record.lostDemand.find((l: { outcome: string }) => l.outcome === 'substituted').substitute).toEqual(expect.any(String));
    // Days are the store's; an inverted range is named.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    const m = await manager();
    const todayOnly = (await send('GET', m, `/api/lost-demand?storeId=${stores.Riverside}&from=${today}&to=${today}`)).json().items;
    expect(todayOnly.map((i: { description: string }) => i.description)).toContain('Blue delphiniums');
    const lastYear = await send('GET', m, `/api/lost-demand?storeId=${stores.Riverside}&from=2025-01-01&to=2025-01-31`);
    expect(lastYear.json().items).toEqual([]);
    const inverted = await send('GET', m, `/api/lost-demand?storeId=${stores.Riverside}&from=${today}&to=2025-01-01`);
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json().error.fields[0].field).toBe('to');
  });
});

describe('follow-ups', () => {
  const smtp = localSmtp();

  it('closing proposes them; an e-mail one is sent when due only with consent; a back-in-stock call falls due when the delivery arrives; done shows on the timeline', async () => {
    const { outboxHandlers } = await import('../outbox/outbox.service.ts');
    const { smtpMailer } = await import('../outbox/mailer.ts');
    const { runDueJobs } = await import('../jobs/jobs.ts');
    const handlers = outboxHandlers(smtpMailer(smtp.url()), 'hello@bloom.example');
    const { newId } = await import('../../../shared/ids.ts');
    const retailerId = await bloomRetailerId();
    // Two customers: one who agreed to e-mail, one who did not.
    const yes = await send('POST', associate, '/api/customers', {
      firstName: 'Yasmin',
      emails: [{ label: 'home', address: 'yasmin@example.com' }],
    });
    const no = await send('POST', associate, '/api/customers', {
      firstName: 'Noor',
      emails: [{ label: 'home', address: 'noor@example.com' }],
    });
    await ctx.deps.db
      .insertInto('customer_consents')
      .values({
        retailer_id: retailerId,
        id: newId('consent'),
        customer_id: yes.json().id,
        channel: 'email',
        purpose: 'marketing',
        granted: true,
        source: 'in store',
      })
      .execute();
    const ranunculus = (await ctx.deps.db.selectFrom('variants').select('id').where('sku', '=', 'BS-RAN-WHT').executeTakeFirstOrThrow()).id;
    for (const [who, customerId] of [
      ['yes', yes.json().id],
      ['no', no.json().id],
    ] as const) {
      const e = await start(associate, { clientId: `enc-fu-${who}-0001`, storeId: stores.Riverside, customerId });
      expect((await send('GET', associate, `/api/encounters/${e.id}/follow-up-proposals`)).statusCode).toBe(409);
      await send('POST', associate, `/api/encounters/${e.id}/lost-demand`, {
        clientId: `enc-fu-${who}-lost`,
        variantId: ranunculus,
        quantity: 10,
        outcome: 'lost',
      });
      await send('POST', associate, `/api/encounters/${e.id}/close`, { outcome: 'sale', lines: [{ sku: 'BS-ANE-WHT', quantity: 3 }] });
      const proposals = (await send('GET', associate, `/api/encounters/${e.id}/follow-up-proposals`)).json().items;
      expect(proposals.map((p: { kind: string }) => p.kind)).toEqual(['thank-you', 'back-in-stock']);
      const thanks = proposals[0];
      const added = await send('POST', associate, `/api/encounters/${e.id}/follow-ups`, {
        clientId: `enc-fu-${who}-thanks`,
        kind: 'thank-you',
        title: thanks.title,
        channel: 'email',
        dueOn: thanks.dueOn,
        message: { subject: 'Thank you', text: 'We hope the anemones open beautifully.' },
      });
      expect(added.statusCode, added.body).toBe(201);
      const back = await send('POST', associate, `/api/encounters/${e.id}/follow-ups`, {
        clientId: `enc-fu-${who}-back`,
        kind: 'back-in-stock',
        title: proposals[1].title,
        channel: 'phone',
        dueOn: null,
        variantId: ranunculus,
      });
      expect(back.statusCode, back.body).toBe(201);
    }
    const mine = (await send('GET', associate, '/api/follow-ups')).json().items as {
      id: string;
      kind: string;
      dueAt: string | null;
      customer: { name: string };
      message: { status: string; reason: string | null } | null;
    }[];
    const forYasmin = mine.filter((f) => f.customer.name === 'Yasmin');
    expect(forYasmin.map((f) => [f.kind, f.dueAt === null])).toEqual([
      ['thank-you', false],
      ['back-in-stock', true],
    ]);
    expect(forYasmin[0]?.message).toEqual({ status: 'queued', reason: null });
    expect(new Set(mine.map((f) => (f as { assigneeName?: string }).assigneeName))).toEqual(new Set(['Priya Natarajan']));
    const store = (await send('GET', await signIn(ctx.app, 'manager@bloom.example'), `/api/follow-ups?storeId=${stores.Riverside}`)).json();
    expect(store.items.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining(mine.map((f) => f.id)));
    expect((await send('GET', hearth, `/api/follow-ups?storeId=${stores.Riverside}`)).json().items).toEqual([]);
    expect(mine.find((f) => f.customer.name === 'Noor' && f.kind === 'thank-you')?.message).toEqual({
      status: 'suppressed',
      reason: 'No consent in force for marketing messages by e-mail.',
    });
    // Not due yet; then, the next day, only the consented customer is sent it.
    await runDueJobs(ctx.deps, handlers);
    expect(smtp.received).toEqual([]);
    ctx.deps.now = () => new Date(Date.now() + 2 * 86_400_000);
    try {
      await runDueJobs(ctx.deps, handlers);
    } finally {
      ctx.deps.now = () => new Date();
    }
    // The thank-you and, from closing the visit, the request for feedback.
    expect(smtp.received.map((m) => m.to)).toEqual(['yasmin@example.com', 'yasmin@example.com']);
    // The ranunculus arrive: the calls waiting for them fall due.
    const delivery = await send('POST', owner, '/api/stock/deliveries', {
      storeId: stores.Riverside,
      variantId: ranunculus,
      quantity: 40,
      expectedAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(delivery.statusCode, delivery.body).toBe(201);
    expect((await send('POST', owner, `/api/stock/deliveries/${delivery.json().id}/receive`, {})).statusCode).toBe(200);
    const after = (await send('GET', associate, '/api/follow-ups')).json().items as {
      id: string;
      encounterId: string;
      kind: string;
      dueAt: string | null;
      customer: { name: string };
    }[];
    expect(after.filter((f) => f.kind === 'back-in-stock').every((f) => f.dueAt !== null)).toBe(true);
    const call = after.find((f) => f.kind === 'back-in-stock' && f.customer.name === 'Yasmin') as { id: string; encounterId: string };
    expect(
      (await send('POST', associate, `/api/follow-ups/${call.id}/complete`, { outcome: 'Called; she will collect ten on Friday.' }))
        .statusCode,
    ).toBe(204);
    expect((await send('POST', associate, `/api/follow-ups/${call.id}/complete`, { outcome: 'Again' })).statusCode).toBe(409);
    const visit = (await send('GET', associate, `/api/encounters/${(call as { encounterId?: string }).encounterId}`)).json();
    expect(visit.followUps.map((f: { kind: string; status: string }) => [f.kind, f.status])).toEqual([
      ['thank-you', 'open'],
      ['back-in-stock', 'done'],
    ]);
    expect(visit.followUps[1]).toMatchObject({ assigneeName: 'Priya Natarajan', outcome: 'Called; she will collect ten on Friday.' });
    const timeline = (await send('GET', associate, `/api/customers/${yes.json().id}/timeline`)).json();
    const summaries = JSON.stringify(timeline);
    expect(summaries).toContain('Followed up: ');
    expect(summaries).toContain(' — Called; she will collect ten on Friday.');
    expect(summaries).toContain('Visit ended with a sale');
  });

  it('a follow-up no longer needed is cancelled with the reason, once, and its e-mail is not sent', async () => {
    const { outboxHandlers } = await import('../outbox/outbox.service.ts');
    const { smtpMailer } = await import('../outbox/mailer.ts');
    const { runDueJobs } = await import('../jobs/jobs.ts');
    const { newId } = await import('../../../shared/ids.ts');
    const handlers = outboxHandlers(smtpMailer(smtp.url()), 'hello@bloom.example');
    const customer = await send('POST', associate, '/api/customers', {
      firstName: 'Ines',
      emails: [{ label: 'home', address: 'ines@example.com' }],
    });
    await ctx.deps.db
      .insertInto('customer_consents')
      .values({
        retailer_id: await bloomRetailerId(),
        id: newId('consent'),
        customer_id: customer.json().id,
        channel: 'email',
        purpose: 'marketing',
        granted: true,
        source: 'in store',
      })
      .execute();
    const e = await start(associate, { clientId: 'enc-fu-cancel-0001', storeId: stores.Riverside, customerId: customer.json().id });
    await send('POST', associate, `/api/encounters/${e.id}/close`, { outcome: 'sale', lines: [{ sku: 'BS-ANE-WHT', quantity: 1 }] });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const added = await send('POST', associate, `/api/encounters/${e.id}/follow-ups`, {
      clientId: 'enc-fu-cancel-thanks',
      kind: 'thank-you',
      title: 'Thank Ines for coming in',
      channel: 'email',
      dueOn: tomorrow,
      message: { subject: 'Thank you', text: 'We hope the anemones open beautifully.' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const id = added.json().id as string;
    const noReason = await send('POST', associate, `/api/follow-ups/${id}/cancel`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].field).toBe('reason');
    const cancelled = await send('POST', associate, `/api/follow-ups/${id}/cancel`, {
      reason: 'She came back in and we thanked her then.',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(204);
    expect((await send('POST', associate, `/api/follow-ups/${id}/cancel`, { reason: 'Again' })).statusCode).toBe(409);
    expect((await send('POST', associate, `/api/follow-ups/${id}/complete`, { outcome: 'Sent' })).statusCode).toBe(409);
    expect((await send('GET', associate, '/api/follow-ups')).json().items.map((f: { id: string }) => f.id)).not.toContain(id);
    const record = (await send('GET', associate, `/api/encounters/${e.id}`)).json();
    expect(record.followUps.find((f: { id: string }) => f.id === id)).toMatchObject({
      status: 'cancelled',
      outcome: 'She came back in and we thanked her then.',
    });
    ctx.deps.now = () => new Date(Date.now() + 2 * 86_400_000);
    try {
      await runDueJobs(ctx.deps, handlers, { limit: 100 });
    } finally {
      ctx.deps.now = () => new Date();
    }
    const thankYou = await ctx.deps.db
      .selectFrom('outbox_messages')
      .select(['status', 'reason'])
      .where('to_address', '=', 'ines@example.com')
      .where('subject', '=', 'Thank you')
      .executeTakeFirstOrThrow();
    expect(thankYou).toEqual({ status: 'suppressed', reason: 'The follow-up was cancelled before this message was due.' });
    expect(smtp.received.filter((m) => m.to === 'ines@example.com' && m.text.includes('anemones open beautifully'))).toEqual([]);
  });
});

describe('follow-ups where the store is', () => {
  it('proposes a reminder a week before an anniversary, due at 10:00 in New York for a store there', async () => {
    const { buildStore } = await import('../../demo/factories.ts');
    const retailerId = await bloomRetailerId();
    const ny = await buildStore(ctx.deps.db, { retailerId, name: 'Fifth Avenue', timeZone: 'America/New_York' });
    const dayInNy = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(at);
    const plusDays = (ymd: string, days: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const today = dayInNy(ctx.deps.now());
    const anniversary = plusDays(today, 30);
    const customer = await send('POST', owner, '/api/customers', {
      firstName: 'Grace',
      emails: [{ label: 'home', address: 'grace@example.com' }],
      dates: [{ kind: 'anniversary', month: Number(anniversary.slice(5, 7)), day: Number(anniversary.slice(8, 10)), remind: true }],
    });
    expect(customer.statusCode, customer.body).toBe(201);
    const e = await start(owner, { clientId: 'enc-ny-anniv-01', storeId: ny.id, customerId: customer.json().id });
    expect((await send('POST', owner, `/api/encounters/${e.id}/close`, { outcome: 'no-sale', reason: 'gift-idea' })).statusCode).toBe(200);
    const proposals = (await send('GET', owner, `/api/encounters/${e.id}/follow-up-proposals`)).json().items as {
      kind: string;
      title: string;
      dueOn: string;
    }[];
    const reminder = proposals.find((p) => p.kind === 'anniversary');
    expect(reminder).toEqual(
      expect.objectContaining({
        title: `Grace’s anniversary is on ${anniversary.slice(8, 10)}/${anniversary.slice(5, 7)}`,
        dueOn: plusDays(anniversary, -7),
      }),
    );
    const added = await send('POST', owner, `/api/encounters/${e.id}/follow-ups`, {
      clientId: 'enc-ny-anniv-fu',
      kind: 'anniversary',
      title: reminder?.title,
      channel: 'phone',
      dueOn: reminder?.dueOn,
    });
    expect(added.statusCode, added.body).toBe(201);
    const listed = (await send('GET', owner, `/api/follow-ups?storeId=${ny.id}`)).json().items as { id: string; dueAt: string }[];
    const dueAt = new Date(listed.find((f) => f.id === added.json().id)?.dueAt ?? '');
    // 10:00 on its day in New York: 14:00 or 15:00 UTC, as daylight saving time has it.
    expect(dayInNy(dueAt)).toBe(reminder?.dueOn);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', timeStyle: 'short' }).format(dueAt)).toBe('10:00');
    expect([14, 15]).toContain(dueAt.getUTCHours());
  });
});

describe('the back office', () => {
  it('lists a store’s visits a page at a time, filtered by outcome, with who helped and what the sale came to', async () => {
    const m = await signIn(ctx.app, 'manager@bloom.example');
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const e = await start(m, { clientId: `enc-list-${i}-0001`, storeId: stores['Old Town'] as string, customerId: okaforId });
      made.push(e.id);
    }
    const [sold, left, open] = made as [string, string, string];
    await send('POST', m, `/api/encounters/${sold}/staff`, {
      clientId: 'enc-list-assist',
      role: 'assist',
      staffId: staff['owner@bloom.example'],
    });
    expect(
      (
        await send('POST', owner, `/api/encounters/${sold}/close`, {
          outcome: 'sale',
          lines: [{ sku: 'BS-ANE-WHT', quantity: 2, unitPrice: 2.5 }],
        })
      ).statusCode,
    ).toBe(200);
    await send('POST', owner, `/api/encounters/${left}/close`, { outcome: 'no-sale', reason: 'price' });
    const url = `/api/encounters?storeId=${stores['Old Town']}`;
    const first = (await send('GET', owner, `${url}&limit=2`)).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = (await send('GET', owner, `${url}&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    const ids = [...first.items, ...rest.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(made));
    const sales = (await send('GET', owner, `${url}&outcome=sale`)).json().items;
    expect(sales.map((i: { id: string }) => i.id)).toEqual([sold]);
    expect(sales[0]).toMatchObject({
      status: 'closed',
      outcome: 'sale',
      saleTotal: 5,
      customer: { id: okaforId, name: 'Adaeze Okafor' },
      leadName: expect.any(String),
      assistNames: ['Rosa Fairweather'],
      closedAt: expect.any(String),
    });
    const noSale = (await send('GET', owner, `${url}&outcome=no-sale`)).json().items;
    expect(noSale.map((i: { id: string; noSaleReason: string }) => [i.id, i.noSaleReason])).toEqual([[left, 'price']]);
    expect((await send('GET', owner, `${url}&status=open`)).json().items.map((i: { id: string }) => i.id)).toContain(open);
    expect((await send('GET', owner, `${url}&outcome=maybe`)).statusCode).toBe(400);
    // The ambassador sees the visits of their store, not the customer's name.
    const riverside = await start(associate, { clientId: 'enc-list-amb-001', storeId: stores.Riverside, customerId: okaforId });
    const seen = (await send('GET', ambassador, `/api/encounters?storeId=${stores.Riverside}&status=open`)).json().items;
    expect(seen.find((i: { id: string }) => i.id === riverside.id).customer).toEqual({ id: okaforId, name: null });
  });

  it('shows the basket on the visit’s record', async () => {
    const e = await start(associate, { clientId: 'enc-basket-0001', storeId: stores.Riverside });
    const s = await send('POST', associate, '/api/guidance-sessions', {
      setId: sets['Flowers for an occasion'],
      storeId: stores.Riverside,
      encounterId: e.id,
    });
    const anemone = (await ctx.deps.db.selectFrom('variants').select('id').where('sku', '=', 'BS-ANE-WHT').executeTakeFirstOrThrow()).id;
    await send('POST', associate, `/api/guidance-sessions/${s.json().id}/basket`, {
      clientId: 'enc-basket-line',
      variantId: anemone,
      quantity: 6,
    });
    const record = (await send('GET', associate, `/api/encounters/${e.id}`)).json();
    expect(record.basket).toEqual([expect.objectContaining({ variantId: anemone, title: 'Anemone — White', quantity: 6, unitPrice: 2.2 })]);
    expect(record).toMatchObject({ saleTotal: null, specialOrder: null, followUps: [], lostDemand: [] });
  });

  it('shows what was considered, the cadence kept for coaching, and the customer’s answer to those who may see it', async () => {
    // A customer never asked for feedback before, so closing the visit asks her.
    const customerId = (
      await send('POST', associate, '/api/customers', { firstName: 'Folake', phones: [{ label: 'm', number: '07700 900777' }] })
    ).json().id as string;
    const e = await start(associate, { clientId: 'enc-considered-01', storeId: stores.Riverside, customerId });
    const s = (
      await send('POST', associate, '/api/guidance-sessions', {
        setId: sets['Flowers for an occasion'],
        storeId: stores.Riverside,
        encounterId: e.id,
      })
    ).json().id as string;
    const list = await send('POST', associate, `/api/guidance-sessions/${s}/recommendations?limit=3`);
    expect(list.statusCode, list.body).toBe(200);
    const recommended = [...list.json().main, ...list.json().stretch].map((r: { productId: string }) => r.productId);
    expect(recommended.length).toBeGreaterThan(0);
    const variant = (sku: string) =>
      ctx.deps.db
        .selectFrom('variants as v')
        .innerJoin('products as p', 'p.id', 'v.product_id')
        .select(['v.id', 'v.product_id', 'p.title'])
        .where('v.sku', '=', sku)
        .executeTakeFirstOrThrow();
    const [anemone, ranunculus] = [await variant('BS-ANE-WHT'), await variant('BS-RAN-WHT')];
    const compared = await send('POST', associate, `/api/guidance-sessions/${s}/compare`, { variantIds: [anemone.id, ranunculus.id] });
    expect(compared.statusCode, compared.body).toBe(200);
    for (const [i, v] of [anemone, ranunculus].entries())
      expect(
        (
          await send('POST', associate, `/api/guidance-sessions/${s}/basket`, {
            clientId: `enc-considered-b${i}`,
            variantId: v.id,
            quantity: 2,
          })
        ).statusCode,
      ).toBe(200);
    const lines = (await send('GET', associate, `/api/guidance-sessions/${s}`)).json().basket as { id: string; variantId: string }[];
    const taken = lines.find((l) => l.variantId === ranunculus.id) as { id: string };
    expect((await send('DELETE', associate, `/api/guidance-sessions/${s}/basket/${taken.id}`)).statusCode).toBe(200);
    expect((await send('POST', associate, `/api/encounters/${e.id}/space`, { clientId: 'enc-considered-space' })).statusCode).toBe(200);
    expect((await send('POST', associate, `/api/encounters/${e.id}/close`, { outcome: 'no-sale', reason: 'browsing' })).statusCode).toBe(
      200,
    );

    const record = (await send('GET', associate, `/api/encounters/${e.id}`)).json();
    const considered = record.considered as {
      productId: string;
      title: string;
      recommended: boolean;
      compared: boolean;
      basket: string | null;
    }[];
    expect(considered.find((c) => c.productId === anemone.product_id)).toMatchObject({
      title: anemone.title,
      compared: true,
      basket: 'kept',
    });
    expect(considered.find((c) => c.productId === ranunculus.product_id)).toMatchObject({
      title: ranunculus.title,
      compared: true,
      basket: 'removed',
    });
    for (const id of recommended) expect(considered.find((c) => c.productId === id)?.recommended).toBe(true);
    expect(new Set(considered.map((c) => c.productId)).size).toBe(considered.length);
    expect(record.times).toMatchObject({ secondsGiven: expect.any(Number), secondsToGreet: null });
    expect(record.feedback).toBeNull();

    // The customer answers: the associate who served her and the owner see it; the security officer, who did not, does not.
    const request = await ctx.deps.db
      .selectFrom('feedback_requests')
      .select(['id', 'retailer_id'])
      .where('encounter_id', '=', e.id)
      .executeTakeFirstOrThrow();
    await ctx.deps.db
      .insertInto('feedback_responses')
      .values({
        retailer_id: request.retailer_id,
        id: 'fbr_considered01',
        kind: 'visit',
        request_id: request.id,
        encounter_id: e.id,
        store_id: stores.Riverside as string,
        customer_id: customerId,
        staff_ids: [staff['associate@bloom.example'] as string],
        satisfaction: 4,
        expectations: 'exceeded',
        comment: 'Priya knew just what would last.',
      })
      .execute();
    const answer = { satisfaction: 4, expectations: 'exceeded', comment: 'Priya knew just what would last.', poor: false };
    expect((await send('GET', associate, `/api/encounters/${e.id}`)).json().feedback).toMatchObject(answer);
    expect((await send('GET', owner, `/api/encounters/${e.id}`)).json().feedback).toMatchObject(answer);
    const seenBySecurity = await send('GET', ambassador, `/api/encounters/${e.id}`);
    expect(seenBySecurity.statusCode).toBe(200);
    expect(seenBySecurity.json().feedback).toBeNull();
  });

  it('lets the owner set a store’s monthly budget for gestures, and no one else', async () => {
    const url = `/api/stores/${stores['Old Town']}`;
    const m = await signIn(ctx.app, 'manager@bloom.example');
    expect((await send('PATCH', m, url, { gestureBudget: 80 })).statusCode).toBe(403);
    expect((await send('PATCH', owner, url, { gestureBudget: -1 })).statusCode).toBe(400);
    const res = await send('PATCH', owner, url, { gestureBudget: 80 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().gestureBudget).toBe(80);
    expect((await send('GET', m, `${url}/gestures`)).json()).toMatchObject({ budget: 80, left: 80 });
  });
});
