import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { buildProduct, buildStaff, buildStore } from '../../demo/factories.ts';
import { applyMovement } from '../stock/stock.repo.ts';

const ctx = setupTestApp();

describe('in stock here', () => {
  let retailerId: string;
  let owner: string;
  beforeAll(async () => {
    const o = await buildStaff(ctx.deps.db, { role: 'owner' });
    retailerId = o.retailer_id;
    owner = await signIn(ctx.app, o.email);
  });
  const get = (cookie: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });

  it('lists a product while some variant has units on hand in the store, following stock as it moves', async () => {
    const store = (await buildStore(ctx.deps.db, { retailerId })).id;
    const other = (await buildStore(ctx.deps.db, { retailerId })).id;
    const zinnia = await buildProduct(ctx.deps.db, {
      retailerId,
      title: 'Zinnia',
      variants: [
        { title: 'Red', price: 4, stock: { [store]: 1 } },
        { title: 'Pink', price: 5, stock: { [other]: 2 } },
      ],
    });
    const listed = async (storeId: string) =>
      (await get(owner, `/api/products?storeId=${storeId}&inStock=true&q=zinnia`))
        .json()
        .items.map((i: { id: string; available: number }) => [i.id, i.available]);
    expect(await listed(store)).toEqual([[zinnia.id, 1]]);
    const move = (variantId: string, storeId: string, quantity: number) =>
      applyMovement(ctx.deps.db, { retailerId, storeId, variantId, quantity, reason: 'correction' }, { allowShort: true });
    await move(zinnia.variantIds[0] as string, store, -1);
    expect(await listed(store)).toEqual([]);
    expect(await listed(other)).toEqual([[zinnia.id, 2]]);
    await move(zinnia.variantIds[1] as string, store, 3);
    expect(await listed(store)).toEqual([[zinnia.id, 3]]);
    await move(zinnia.variantIds[1] as string, other, -2);
    expect(await listed(other)).toEqual([]);
  });
});
