import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { buildProduct, buildStaff, buildStore } from '../../demo/factories.ts';

const ctx = setupTestApp();

describe('stock and sales', () => {
  let retailerId: string;
  let riverside: string;
  let oldTown: string;
  let farAway: string;
  let owner: string;
  let manager: string;
  let associate: string;
  let otherOwner: string;
  let customerId: string;
  let white: string;
  let anemone: string;

  beforeAll(async () => {
    const o = await buildStaff(ctx.deps.db, { role: 'owner' });
    retailerId = o.retailer_id;
    riverside = o.storeIds[0] as string;
    await ctx.deps.db.updateTable('stores').set({ latitude: 51.5072, longitude: -0.1276 }).where('id', '=', riverside).execute();
    oldTown = (await buildStore(ctx.deps.db, { retailerId, name: 'Old Town', latitude: 51.52, longitude: -0.1 })).id;
    farAway = (await buildStore(ctx.deps.db, { retailerId, name: 'Harbour', latitude: 53.48, longitude: -2.24 })).id;
    const m = await buildStaff(ctx.deps.db, { retailerId, role: 'manager', storeIds: [riverside, oldTown, farAway] });
    const a = await buildStaff(ctx.deps.db, { retailerId, role: 'associate', storeIds: [riverside] });
    owner = await signIn(ctx.app, o.email);
    manager = await signIn(ctx.app, m.email);
    associate = await signIn(ctx.app, a.email);
    otherOwner = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { role: 'owner' })).email);
    const ranunculus = await buildProduct(ctx.deps.db, {
      retailerId,
      title: 'Ranunculus',
      lowStockThreshold: 10,
      variants: [{ title: 'White', sku: 'RAN-WHT', price: 3.5, stock: { [riverside]: 9, [oldTown]: 0, [farAway]: 30 } }],
    });
    white = ranunculus.variantIds[0] as string;
    anemone = (
      await buildProduct(ctx.deps.db, {
        retailerId,
        title: 'Anemone',
        variants: [{ title: 'White', sku: 'ANE-WHT', price: 3, stock: { [riverside]: 24, [oldTown]: 12 } }],
      })
    ).variantIds[0] as string;
    const customer = await ctx.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: { cookie: owner },
      payload: { firstName: 'Adaeze', lastName: 'Okafor', phones: [{ label: 'home', number: '020 7946 0958' }] },
    });
    customerId = customer.json().id;
  });

  const post = (cookie: string, url: string, payload: unknown) =>
    ctx.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
  const get = (cookie: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });
  const onHand = async (variantId: string, storeId: string) =>
    (
      await ctx.deps.db
        .selectFrom('stock_levels')
        .select('on_hand')
        .where('retailer_id', '=', retailerId)
        .where('variant_id', '=', variantId)
        .where('store_id', '=', storeId)
        .executeTakeFirst()
    )?.on_hand ?? 0;

  it('says where 12 white ranunculus can be had today: nearest first, with what is on its way', async () => {
    const due = new Date(Date.now() + 86_400_000).toISOString();
    const delivery = await post(manager, '/api/stock/deliveries', { storeId: oldTown, variantId: white, quantity: 20, expectedAt: due });
    expect(delivery.statusCode, delivery.body).toBe(201);
    const res = await get(associate, `/api/variants/${white}/availability?quantity=12&nearStoreId=${riverside}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.stores.map((s: { storeId: string }) => s.storeId)).toEqual([riverside, oldTown, farAway]);
    expect(body.stores[0]).toMatchObject({ storeId: riverside, available: 9, state: 'low', distanceKm: 0 });
    expect(body.stores[1]).toMatchObject({ storeId: oldTown, available: 0, state: 'out', incoming: [{ quantity: 20, expectedAt: due }] });
    expect(body.stores[1].distanceKm).toBeGreaterThan(1);
    expect(body.stores[1].distanceKm).toBeLessThan(5);
    expect(body.stores[2]).toMatchObject({ storeId: farAway, available: 30, state: 'in-stock' });
    expect(body.canSupply).toEqual([farAway]);
  });

  it('records a sale in one go: stock, the customer’s figures, their timeline and their place in lookup', async () => {
    const res = await post(associate, '/api/sales', {
      externalId: 'till-1-0001',
      storeId: riverside,
      customerId,
      lines: [
        { variantId: white, quantity: 4 },
        { sku: 'ANE-WHT', quantity: 6, discount: 1.5 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const sale = res.json();
    expect(sale).toMatchObject({
      kind: 'sale',
      total: 14 + 16.5,
      discountTotal: 1.5,
      currency: 'GBP',
      customer: { id: customerId, name: 'Adaeze Okafor' },
    });
    expect(sale.lines.map((l: { description: string; total: number }) => [l.description, l.total])).toEqual([
      ['Ranunculus — White', 14],
      ['Anemone — White', 16.5],
    ]);
    expect(await onHand(white, riverside)).toBe(5);
    expect(await onHand(anemone, riverside)).toBe(18);
    const profile = (await get(associate, `/api/customers/${customerId}`)).json();
    expect(profile.figures).toMatchObject({ spend: 30.5, purchases: 1, visits: 1, averageBasket: 30.5 });
    const timeline = (await get(associate, `/api/customers/${customerId}/timeline`)).json();
    expect(timeline.items[0]).toMatchObject({ type: 'purchase', sale: { id: sale.id, total: 30.5, store: expect.any(String) } });
    const terms = await ctx.deps.db
      .selectFrom('customer_search_terms')
      .select(['last_visit_at', 'home_store_id'])
      .where('retailer_id', '=', retailerId)
      .where('customer_id', '=', customerId)
      .execute();
    expect(terms.length).toBeGreaterThan(0);
    for (const t of terms) expect(t).toMatchObject({ last_visit_at: expect.any(Date), home_store_id: riverside });
  });

  it('records a sale posted twice once; the same id with other lines is a conflict', async () => {
    const payload = { externalId: 'pos-77', storeId: riverside, lines: [{ variantId: anemone, quantity: 1 }] };
    const first = await post(associate, '/api/sales', payload);
    const again = await post(associate, '/api/sales', payload);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await onHand(anemone, riverside)).toBe(17);
    const other = await post(associate, '/api/sales', { ...payload, lines: [{ variantId: anemone, quantity: 2 }] });
    expect(other.statusCode).toBe(409);
  });

  it('refuses what stock cannot cover, or back-orders it when asked', async () => {
    const refused = await post(associate, '/api/sales', { storeId: riverside, lines: [{ variantId: white, quantity: 6 }] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('Only 5');
    expect(await onHand(white, riverside)).toBe(5);
    const backordered = await post(associate, '/api/sales', {
      storeId: riverside,
      allowBackorder: true,
      lines: [{ variantId: white, quantity: 6 }],
    });
    expect(backordered.statusCode, backordered.body).toBe(201);
    expect(backordered.json().lines[0]).toMatchObject({ quantity: 6, backordered: 1 });
    expect(await onHand(white, riverside)).toBe(0);
  });

  it('refuses bad sales, naming the field', async () => {
    const bad = async (payload: object, status = 400) => {
      const res = await post(associate, '/api/sales', { storeId: riverside, lines: [{ variantId: anemone, quantity: 1 }], ...payload });
      expect(res.statusCode, res.body).toBe(status);
      return res.json().error;
    };
    expect((await bad({ currency: 'XYZ' })).fields[0].field).toBe('currency');
    expect((await bad({ currency: 'EUR' })).fields[0].field).toBe('currency');
    expect((await bad({ lines: [{ variantId: 'var_nope', quantity: 1 }] })).fields[0].field).toBe('lines[0].variantId');
    expect((await bad({ lines: [{ variantId: anemone, quantity: 1, unitPrice: -2 }] })).fields[0].field).toContain('unitPrice');
    expect((await bad({ lines: [{ variantId: anemone, quantity: 1, discount: 10 }] })).fields[0].field).toBe('lines[0].discount');
    expect((await bad({ lines: [{ variantId: anemone, quantity: 0 }] })).fields[0].field).toContain('quantity');
    expect((await bad({ storeId: oldTown }, 403)).code).toBe('forbidden');
  });

  it('holds units for a customer until the hold expires or the sale uses it', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const hold = await post(associate, '/api/stock/holds', { storeId: riverside, variantId: anemone, quantity: 15, customerId, expiresAt });
    expect(hold.statusCode, hold.body).toBe(201);
    const avail = async () =>
      (await get(associate, `/api/variants/${anemone}/availability`))
        .json()
        .stores.find((s: { storeId: string }) => s.storeId === riverside);
    expect(await avail()).toMatchObject({ onHand: 17, held: 15, available: 2 });
    // Someone else cannot take the held units.
    expect((await post(associate, '/api/sales', { storeId: riverside, lines: [{ variantId: anemone, quantity: 3 }] })).statusCode).toBe(
      409,
    );
    expect((await post(associate, '/api/stock/holds', { storeId: riverside, variantId: anemone, quantity: 3, expiresAt })).statusCode).toBe(
      409,
    );
    // The customer's sale takes them from the hold.
    const sale = await post(associate, '/api/sales', {
      storeId: riverside,
      customerId,
      lines: [{ variantId: anemone, quantity: 15, holdId: hold.json().id }],
    });
    expect(sale.statusCode, sale.body).toBe(201);
    expect(await avail()).toMatchObject({ onHand: 2, held: 0, available: 2 });
    // An expired hold stops counting.
    const short = await post(associate, '/api/stock/holds', { storeId: riverside, variantId: anemone, quantity: 2, expiresAt });
    expect((await avail()).available).toBe(0);
    await ctx.deps.db
      .updateTable('stock_holds')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', short.json().id)
      .execute();
    expect((await avail()).available).toBe(2);
    const released = await post(associate, `/api/stock/holds/${short.json().id}/release`, {});
    expect(released.json().status).toBe('released');
    expect((await post(associate, `/api/stock/holds/${short.json().id}/release`, {})).statusCode).toBe(409);
  });

  it('moves stock by counts, damage, deliveries and transfers, never below zero unless the retailer allows it', async () => {
    const move = (cookie: string, payload: object) =>
      post(cookie, '/api/stock/movements', { storeId: riverside, variantId: anemone, ...payload });
    expect((await move(associate, { reason: 'count', quantity: 20 })).json()).toEqual({ onHand: 20, movement: 18 });
    expect((await move(associate, { reason: 'damage', quantity: -2 })).statusCode).toBe(403);
    expect((await move(manager, { reason: 'damage', quantity: -2 })).json().onHand).toBe(18);
    expect((await move(manager, { reason: 'damage', quantity: 2 })).statusCode).toBe(400);
    const negative = await move(manager, { reason: 'correction', quantity: -50 });
    expect(negative.statusCode).toBe(409);
    expect(await onHand(anemone, riverside)).toBe(18);
    const transfer = await post(manager, '/api/stock/transfers', {
      fromStoreId: riverside,
      toStoreId: oldTown,
      variantId: anemone,
      quantity: 8,
    });
    expect(transfer.json()).toMatchObject({ fromOnHand: 10, toOnHand: 20 });
    const [due] = await ctx.deps.db.selectFrom('stock_deliveries').select('id').where('retailer_id', '=', retailerId).execute();
    expect((await post(associate, `/api/stock/deliveries/${due?.id}/receive`, {})).statusCode).toBe(403);
    const received = await post(manager, `/api/stock/deliveries/${due?.id}/receive`, { quantity: 18 });
    expect(received.json()).toMatchObject({ status: 'received' });
    expect(await onHand(white, oldTown)).toBe(18);
    expect((await post(manager, `/api/stock/deliveries/${due?.id}/receive`, {})).statusCode).toBe(409);
    await ctx.deps.db.updateTable('retailers').set({ allow_negative_stock: true }).where('id', '=', retailerId).execute();
    expect((await move(manager, { reason: 'correction', quantity: -12 })).json().onHand).toBe(-2);
    await ctx.deps.db.updateTable('retailers').set({ allow_negative_stock: false }).where('id', '=', retailerId).execute();
    // The stock figure is the sum of its movements, everywhere.
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from stock_levels s
      where s.retailer_id = ${retailerId}
        and s.on_hand <> (select coalesce(sum(m.quantity), 0) from stock_movements m
                          where m.retailer_id = s.retailer_id and m.store_id = s.store_id and m.variant_id = s.variant_id)`.execute(
      ctx.deps.db,
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('lists what is low or out in a store', async () => {
    const res = await get(manager, `/api/stores/${riverside}/low-stock`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { title: string; productTitle: string; state: string }[];
    expect(items.map((i) => [i.productTitle, i.state])).toEqual([
      ['Anemone', 'out'],
      ['Ranunculus', 'out'],
    ]);
  });

  it('gives back part of a sale, refunding what was paid, never more than was bought', async () => {
    await post(manager, '/api/stock/movements', { storeId: riverside, variantId: anemone, reason: 'count', quantity: 30 });
    const sale = (
      await post(associate, '/api/sales', {
        storeId: riverside,
        customerId,
        lines: [{ variantId: anemone, quantity: 10, discount: 5 }],
      })
    ).json();
    expect(sale.total).toBe(25);
    const spendBefore = (await get(associate, `/api/customers/${customerId}`)).json();
    const back = await post(associate, `/api/sales/${sale.id}/returns`, { lines: [{ lineNo: 1, quantity: 4 }] });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({ kind: 'return', originalSaleId: sale.id, total: -10 });
    expect(await onHand(anemone, riverside)).toBe(24);
    const tooMany = await post(associate, `/api/sales/${sale.id}/returns`, { lines: [{ lineNo: 1, quantity: 7 }] });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.fields[0]).toMatchObject({ field: 'lines[0].quantity', message: expect.stringContaining('Only 6') });
    // An exchange: two more back (not restocked: damaged), one white ranunculus instead.
    await post(manager, '/api/stock/movements', { storeId: riverside, variantId: white, reason: 'count', quantity: 3 });
    const exchange = await post(associate, `/api/sales/${sale.id}/returns`, {
      lines: [{ lineNo: 1, quantity: 2, restock: false }],
      exchange: [{ variantId: white, quantity: 1 }],
    });
    expect(exchange.statusCode, exchange.body).toBe(201);
    expect(exchange.json().total).toBe(-5 + 3.5);
    expect(await onHand(anemone, riverside)).toBe(24);
    expect(await onHand(white, riverside)).toBe(2);
    const detail = (await get(associate, `/api/sales/${sale.id}`)).json();
    expect(detail.lines[0].returned).toBe(6);
    expect(detail.returns).toHaveLength(2);
    const after = (await get(associate, `/api/customers/${customerId}`)).json();
    expect(after.figures.spend).toBeCloseTo(spendBefore.figures.spend - 10 - 1.5, 2);
  });

  it('lists sales newest first a page at a time, to staff of those stores only', async () => {
    const first = (await get(associate, '/api/sales?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = (await get(associate, `/api/sales?limit=50&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    const all = [...first.items, ...rest.items];
    expect(new Set(all.map((s: { id: string }) => s.id)).size).toBe(all.length);
    expect(all.every((s: { store: { id: string } }) => s.store.id === riverside)).toBe(true);
    expect((await get(otherOwner, `/api/sales/${all[0].id}`)).statusCode).toBe(404);
    expect((await get(otherOwner, `/api/variants/${white}/availability`)).statusCode).toBe(404);
  });

  it('lets exactly as many tills sell the last units as there are units', async () => {
    const last = await buildProduct(ctx.deps.db, {
      retailerId,
      title: 'Last peonies',
      variants: [{ title: 'Coral', price: 6, stock: { [riverside]: 5 } }],
    });
    const variantId = last.variantIds[0] as string;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(associate, '/api/sales', { externalId: `race-${i}`, storeId: riverside, lines: [{ variantId, quantity: 1 }] }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(codes.filter((c) => c === 409)).toHaveLength(15);
    expect(await onHand(variantId, riverside)).toBe(0);
  });
});
