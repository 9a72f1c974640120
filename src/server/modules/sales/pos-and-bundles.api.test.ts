import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { buildProduct, buildStaff, buildStore } from '../../demo/factories.ts';

const ctx = setupTestApp();

describe('selling bundles, and a till posting sales with an API token', () => {
  let retailerId: string;
  let storeId: string;
  let otherStore: string;
  let owner: string;
  let associate: string;
  let rose: string;
  let green: string;
  let bouquet: string;

  beforeAll(async () => {
    const o = await buildStaff(ctx.deps.db, { role: 'owner' });
    retailerId = o.retailer_id;
    storeId = o.storeIds[0] as string;
    otherStore = (await buildStore(ctx.deps.db, { retailerId, name: 'Old Town' })).id;
    owner = await signIn(ctx.app, o.email);
    associate = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { retailerId, role: 'associate', storeIds: [storeId] })).email);
    rose = (
      await buildProduct(ctx.deps.db, {
        retailerId,
        title: 'Rose',
        variants: [{ title: 'Red', sku: 'ROSE-RED', price: 3, stock: { [storeId]: 40 } }],
      })
    ).variantIds[0] as string;
    green = (
      await buildProduct(ctx.deps.db, {
        retailerId,
        title: 'Pittosporum',
        variants: [{ title: 'Stem', price: 1.5, stock: { [storeId]: 12 } }],
      })
    ).variantIds[0] as string;
    bouquet = (await buildProduct(ctx.deps.db, { retailerId, title: 'Red rose bouquet', variants: [{ title: 'Dozen', price: 45 }] }))
      .variantIds[0] as string;
    const made = await ctx.app.inject({
      method: 'PUT',
      url: `/api/variants/${bouquet}/components`,
      headers: { cookie: owner },
      payload: {
        components: [
          { variantId: rose, quantity: 12 },
          { variantId: green, quantity: 5 },
        ],
      },
    });
    expect(made.statusCode, made.body).toBe(200);
  });

  const onHand = async (variantId: string) =>
    (
      await ctx.deps.db
        .selectFrom('stock_levels')
        .select('on_hand')
        .where('retailer_id', '=', retailerId)
        .where('variant_id', '=', variantId)
        .where('store_id', '=', storeId)
        .executeTakeFirst()
    )?.on_hand ?? 0;
  const sell = (headers: Record<string, string>, payload: object) =>
    ctx.app.inject({ method: 'POST', url: '/api/sales', headers, payload: { storeId, ...payload } });

  it('takes a bundle’s units from its components, and nothing from the bundle itself', async () => {
    const res = await sell({ cookie: associate }, { lines: [{ variantId: bouquet, quantity: 1 }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().lines[0]).toMatchObject({ description: 'Red rose bouquet — Dozen', quantity: 1, total: 45 });
    expect([await onHand(rose), await onHand(green), await onHand(bouquet)]).toEqual([28, 7, 0]);
    const moves = await ctx.deps.db
      .selectFrom('stock_movements')
      .select(['variant_id', 'quantity', 'reason'])
      .where('retailer_id', '=', retailerId)
      .where('sale_id', '=', res.json().id)
      .orderBy('quantity')
      .execute();
    expect(moves).toEqual([
      { variant_id: rose, quantity: -12, reason: 'sale' },
      { variant_id: green, quantity: -5, reason: 'sale' },
    ]);
  });

  it('refuses a bundle a component cannot cover, taking nothing; back-ordered, it takes what there is', async () => {
    // 28 roses make 2 bouquets, 7 stems of greenery only 1.
    const refused = await sell({ cookie: associate }, { lines: [{ variantId: bouquet, quantity: 2 }] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      message: 'Only 1 of Red rose bouquet — Dozen available in this store.',
      fields: [{ field: 'lines[0].quantity' }],
    });
    expect([await onHand(rose), await onHand(green)]).toEqual([28, 7]);

    const backordered = await sell({ cookie: associate }, { allowBackorder: true, lines: [{ variantId: bouquet, quantity: 3 }] });
    expect(backordered.statusCode, backordered.body).toBe(201);
    expect(backordered.json().lines[0]).toMatchObject({ quantity: 3, backordered: 2 });
    // One bouquet's worth is taken from each component; the roses set aside for the other two go back.
    expect([await onHand(rose), await onHand(green)]).toEqual([16, 2]);
    const roses = await ctx.deps.db
      .selectFrom('stock_movements')
      .select(({ fn }) => fn.sum<number>('quantity').as('net'))
      .where('retailer_id', '=', retailerId)
      .where('sale_id', '=', backordered.json().id)
      .where('variant_id', '=', rose)
      .executeTakeFirstOrThrow();
    expect(Number(roses.net)).toBe(-12);

    const none = await sell({ cookie: associate }, { lines: [{ variantId: bouquet, quantity: 1 }] });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.message).toContain('Only 0 of Red rose bouquet');
  });

  it('lets a till post a sale with its API token, once per external id', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie: owner },
      payload: { name: 'Riverside till', role: 'associate', storeIds: [storeId] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().token}` };
    const sale = { externalId: 'till-7/000123', lines: [{ sku: 'ROSE-RED', quantity: 2 }] };

    expect((await sell({}, sale)).statusCode).toBe(401);
    expect((await sell({ authorization: 'Bearer ret_x.tok_y.z' }, sale)).statusCode).toBe(401);
    const first = await sell(bearer, sale);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'sale', total: 6, staff: null });
    const again = await sell(bearer, sale);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await onHand(rose)).toBe(14);
    const recorded = await ctx.deps.db
      .selectFrom('sales')
      .select('id')
      .where('retailer_id', '=', retailerId)
      .where('external_id', '=', sale.externalId)
      .execute();
    expect(recorded).toHaveLength(1);

    const changed = await sell(bearer, { ...sale, lines: [{ sku: 'ROSE-RED', quantity: 3 }] });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('conflict');
    // The token sells only in its own stores, and its lines are checked like anyone's.
    expect((await sell(bearer, { storeId: otherStore, externalId: 'till-7/000124', lines: sale.lines })).statusCode).toBe(403);
    const bad = await sell(bearer, { externalId: 'till-7/000125', lines: [{ sku: 'NOPE', quantity: 1 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('lines[0].sku');
    expect(await onHand(rose)).toBe(14);
  });
});
