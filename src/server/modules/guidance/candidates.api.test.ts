import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { demoVocabulary } from '../../../shared/domain/demo-vocabulary.ts';
import { buildProduct, buildStaff } from '../../demo/factories.ts';
import { upsertTerms } from '../vocabulary/vocabulary.repo.ts';
import { fetchCandidates } from './candidates.ts';

/** What the recommendation shortlist stands on: units sold and lowest prices kept up to date, and how it picks. */
const ctx = setupTestApp();

let retailerId: string;
let storeId: string;
let owner: string;

const send = (method: 'POST' | 'PATCH', url: string, payload: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, headers: { cookie: owner, ...headers }, payload });

beforeAll(async () => {
  const o = await buildStaff(ctx.deps.db, { role: 'owner' });
  retailerId = o.retailer_id;
  storeId = o.storeIds[0] as string;
  owner = await signIn(ctx.app, o.email);
  await upsertTerms(ctx.deps.db, retailerId, demoVocabulary('florist'));
});

const product = (id: string) =>
  ctx.deps.db.selectFrom('products').select(['units_sold', 'price_from']).where('id', '=', id).executeTakeFirstOrThrow();

describe('what the shortlist stands on', () => {
  it('counts units sold, less those returned, for the variant and its product, from the one sales service', async () => {
    const tulip = await buildProduct(ctx.deps.db, {
      retailerId,
      title: 'Tulip',
      variants: [
        { title: 'Red', sku: 'TUL-RED', price: 1.5, stock: { [storeId]: 50 } },
        { title: 'White', sku: 'TUL-WHT', price: 1.8, stock: { [storeId]: 50 } },
      ],
    });
    const [red, white] = tulip.variantIds as [string, string];
    const sale = await send('POST', '/api/sales', {
      externalId: 'till-units-1',
      storeId,
      lines: [
        { variantId: red, quantity: 10 },
        { variantId: white, quantity: 3 },
      ],
    });
    expect(sale.statusCode, sale.body).toBe(201);
    expect((await send('POST', `/api/sales/${sale.json().id}/returns`, { lines: [{ lineNo: 1, quantity: 4 }] })).statusCode).toBe(201);
    const totals = await ctx.deps.db
      .selectFrom('variant_sales_totals')
      .select(['variant_id', 'units'])
      .where('retailer_id', '=', retailerId)
      .execute();
    expect(Object.fromEntries(totals.map((t) => [t.variant_id, t.units]))).toEqual({ [red]: 6, [white]: 3 });
    expect((await product(tulip.id)).units_sold).toBe(9);
  });

  it('keeps a product’s lowest price on sale as variants are added, repriced and retired', async () => {
    const create = await send('POST', '/api/products', {
      title: 'Peony',
      variants: [
        { title: 'Coral', sku: 'PEO-COR', price: 6 },
        { title: 'Blush', sku: 'PEO-BLU', price: 5 },
      ],
    });
    expect(create.statusCode, create.body).toBe(201);
    const peony = create.json();
    expect(Number((await product(peony.id)).price_from)).toBe(5);
    const blush = peony.variants.find((v: { title: string }) => v.title === 'Blush');
    const retired = await send('PATCH', `/api/variants/${blush.id}`, { retired: true }, { 'if-match': `"${peony.version}"` });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(Number((await product(peony.id)).price_from)).toBe(6);
  });
});

describe('the shortlist', () => {
  it('puts what matches most of what was asked first, leaves retired products out, and falls back on best-sellers', async () => {
    const both = await buildProduct(ctx.deps.db, {
      retailerId,
      title: 'Sage wedding posy',
      attributes: { colours: ['sage'], occasions: ['wedding'], petSafe: true },
      variants: [{ title: 'Standard', sku: 'POSY-1', price: 30, stock: { [storeId]: 2 } }],
    });
    const one = await buildProduct(ctx.deps.db, {
      retailerId,
      title: 'Sage candle',
      attributes: { colours: ['sage'], petSafe: true },
      variants: [{ title: 'Standard', sku: 'CAN-1', price: 12, stock: { [storeId]: 5 } }],
    });
    const retired = await buildProduct(ctx.deps.db, {
      retailerId,
      title: 'Old sage wedding arch',
      status: 'retired',
      attributes: { colours: ['sage'], occasions: ['wedding'] },
      variants: [{ title: 'Standard', sku: 'ARCH-1', price: 20, stock: { [storeId]: 1 } }],
    });
    const query = {
      retailerId,
      storeId,
      categoryIds: null,
      wishes: [
        { attribute: 'colours' as const, values: ['sage'], weight: 3, source: 'answer' as const },
        { attribute: 'occasions' as const, values: ['wedding'], weight: 3, source: 'answer' as const },
      ],
      rules: [],
      budget: null,
      quantity: 1,
      families: { sage: 'green' },
    };
    const found = await fetchCandidates(ctx.deps.db, query);
    const ids = found.map((c) => c.productId);
    expect(ids.slice(0, 2)).toEqual([both.id, one.id]);
    expect(ids).not.toContain(retired.id);
    expect(found[0]).toMatchObject({ unitPrice: 30, stock: { here: 2, elsewhere: [] }, attributes: { colourFamilies: ['green'] } });
    // A firm budget of £20 rules out the £30 posy before it is read.
    const cheap = await fetchCandidates(ctx.deps.db, { ...query, budget: { max: 20, firm: true } });
    expect(cheap.map((c) => c.productId)).not.toContain(both.id);
    // Nothing asked: the best-sellers, most sold first (the tulips sold above).
    const sellers = await fetchCandidates(ctx.deps.db, { ...query, wishes: [] });
    expect(sellers[0]?.title).toBe('Tulip — Red');
  });
});
