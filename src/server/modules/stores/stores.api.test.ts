import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { buildStaff, buildStore } from '../../demo/factories.ts';

const ctx = setupTestApp();

describe('stores', () => {
  let owner: string;
  let associate: string;
  let associateStore: string;
  let otherStore: string;

  beforeAll(async () => {
    const o = await buildStaff(ctx.deps.db, { role: 'owner' });
    associateStore = o.storeIds[0] as string;
    otherStore = (await buildStore(ctx.deps.db, { retailerId: o.retailer_id, name: 'Harbour' })).id;
    const a = await buildStaff(ctx.deps.db, { retailerId: o.retailer_id, storeIds: [associateStore] });
    owner = await signIn(ctx.app, o.email);
    associate = await signIn(ctx.app, a.email);
  });

  it('shows owners every store and others only their own', async () => {
    const all = await ctx.app.inject({ method: 'GET', url: '/api/stores', headers: { cookie: owner } });
    expect(all.json().items).toHaveLength(2);
    const mine = await ctx.app.inject({ method: 'GET', url: '/api/stores', headers: { cookie: associate } });
    expect(mine.json().items.map((s: { id: string }) => s.id)).toEqual([associateStore]);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/stores/${otherStore}`, headers: { cookie: associate } })).statusCode).toBe(
      404,
    );
  });

  it('lets the owner open a store with address, coordinates and time zone', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/stores',
      headers: { cookie: owner },
      payload: {
        name: 'Canal Side',
        timeZone: 'Europe/London',
        address: { line1: '1 Towpath', city: 'Bath', postcode: 'BA2 4AA', country: 'GB' },
        latitude: 51.38,
        longitude: -2.35,
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Canal Side', timeZone: 'Europe/London', latitude: 51.38, address: { city: 'Bath' } });
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/stores/${res.json().id}`,
      headers: { cookie: owner },
      payload: { name: 'Canalside' },
    });
    expect(patched.json().name).toBe('Canalside');
  });

  it('refuses a made-up time zone, half a coordinate, a duplicate name, and associates', async () => {
    const tz = await ctx.app.inject({
      method: 'POST',
      url: '/api/stores',
      headers: { cookie: owner },
      payload: { name: 'T', timeZone: 'Mars/Olympus' },
    });
    expect(tz.statusCode).toBe(400);
    expect(tz.json().error.fields[0].field).toBe('timeZone');
    const half = await ctx.app.inject({
      method: 'POST',
      url: '/api/stores',
      headers: { cookie: owner },
      payload: { name: 'H', timeZone: 'UTC', latitude: 50 },
    });
    expect(half.statusCode).toBe(400);
    const dup = await ctx.app.inject({
      method: 'POST',
      url: '/api/stores',
      headers: { cookie: owner },
      payload: { name: 'Harbour', timeZone: 'UTC' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields[0].field).toBe('name');
    const byAssociate = await ctx.app.inject({
      method: 'POST',
      url: '/api/stores',
      headers: { cookie: associate },
      payload: { name: 'A', timeZone: 'UTC' },
    });
    expect(byAssociate.statusCode).toBe(403);
  });
});
