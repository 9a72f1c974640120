import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { buildStaff } from '../../demo/factories.ts';

const ctx = setupTestApp();

describe('API tokens', () => {
  let owner: string;
  let manager: string;
  let storeId: string;

  beforeAll(async () => {
    const o = await buildStaff(ctx.deps.db, { role: 'owner' });
    storeId = o.storeIds[0] as string;
    const m = await buildStaff(ctx.deps.db, { retailerId: o.retailer_id, storeIds: [storeId], role: 'manager' });
    owner = await signIn(ctx.app, o.email);
    manager = await signIn(ctx.app, m.email);
  });

  it('creates a token shown once, usable as a Bearer credential bound to its role and stores, until revoked', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie: owner },
      payload: { name: 'POS sync', role: 'associate', storeIds: [storeId] },
    });
    expect(created.statusCode).toBe(201);
    const { token, item } = created.json();
    expect(item).toMatchObject({ name: 'POS sync', role: 'associate', storeIds: [storeId], revokedAt: null });
    const list = await ctx.app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie: owner } });
    expect(JSON.stringify(list.json())).not.toContain(token.split('.')[2]);

    const bearer = { authorization: `Bearer ${token}` };
    const stores = await ctx.app.inject({ method: 'GET', url: '/api/stores', headers: bearer });
    expect(stores.statusCode).toBe(200);
    expect(stores.json().items.map((s: { id: string }) => s.id)).toEqual([storeId]);
    // Tokens are not people: person-only routes refuse them.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/staff', headers: bearer })).statusCode).toBe(403);

    const revoke = await ctx.app.inject({ method: 'DELETE', url: `/api/tokens/${item.id}`, headers: { cookie: owner } });
    expect(revoke.statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/stores', headers: bearer })).statusCode).toBe(401);
  });

  it('rejects malformed and wrong tokens with 401', async () => {
    for (const h of [
      'Bearer nonsense',
      'Basic abc',
      'Bearer ret_00000000000000000000000000.tok_00000000000000000000000000.xxxxxxxxxxxxxxxxxxxxxxxx',
    ]) {
      expect((await ctx.app.inject({ method: 'GET', url: '/api/stores', headers: { authorization: h } })).statusCode).toBe(401);
    }
  });

  it('keeps token management to owners and checks input', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie: manager } })).statusCode).toBe(403);
    const noStores = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie: owner },
      payload: { name: 'X', role: 'owner' },
    });
    expect(noStores.statusCode).toBe(400);
    expect(noStores.json().error.fields[0].field).toBe('storeIds');
    const badRole = await ctx.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie: owner },
      payload: { name: 'X', role: 'god', allStores: true },
    });
    expect(badRole.statusCode).toBe(400);
  });
});
