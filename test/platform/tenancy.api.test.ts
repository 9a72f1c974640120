import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildStaff, buildStore } from '../../src/server/demo/factories.ts';
import { setupTestApp, signIn } from '../helpers/app.ts';

const ctx = setupTestApp();

// Tables that are not owned by one retailer, each for a stated reason.
const GLOBAL_TABLES: Record<string, string> = {
  retailers: 'the tenants themselves; their id is the distribution key',
  schema_migrations: 'the schema version',
  auth_throttle: 'failed sign-ins counted before any retailer is known',
};

describe('tenant isolation', () => {
  let ownerA: string;
  let storeB: string;
  let staffB: string;
  let tokenB: string;

  beforeAll(async () => {
    const a = await buildStaff(ctx.deps.db, { role: 'owner' });
    const b = await buildStaff(ctx.deps.db, { role: 'owner' });
    storeB = (await buildStore(ctx.deps.db, { retailerId: b.retailer_id })).id;
    staffB = b.id;
    ownerA = await signIn(ctx.app, a.email);
    const ownerB = await signIn(ctx.app, b.email);
    tokenB = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: { cookie: ownerB },
        payload: { name: 'B', role: 'owner', allStores: true },
      })
    ).json().item.id;
  });

  it('answers 404 for another retailer’s store, staff and token, whatever the verb', async () => {
    const cookie = ownerA;
    expect((await ctx.app.inject({ method: 'GET', url: `/api/stores/${storeB}`, headers: { cookie } })).statusCode).toBe(404);
    expect(
      (await ctx.app.inject({ method: 'PATCH', url: `/api/stores/${storeB}`, headers: { cookie }, payload: { name: 'Mine' } })).statusCode,
    ).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/staff/${staffB}`, headers: { cookie } })).statusCode).toBe(404);
    expect(
      (await ctx.app.inject({ method: 'PATCH', url: `/api/staff/${staffB}`, headers: { cookie }, payload: { version: 1, name: 'x' } }))
        .statusCode,
    ).toBe(404);
    expect((await ctx.app.inject({ method: 'POST', url: `/api/staff/${staffB}/deactivate`, headers: { cookie } })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'POST', url: `/api/staff/${staffB}/reset-link`, headers: { cookie } })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/tokens/${tokenB}`, headers: { cookie } })).statusCode).toBe(404);
    const assign = await ctx.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: { cookie },
      payload: { name: 'Sneaky', email: 'sneaky@shop.test', role: 'associate', storeIds: [storeB] },
    });
    expect(assign.statusCode).toBe(400);
    const lists = [
      await ctx.app.inject({ method: 'GET', url: '/api/stores', headers: { cookie } }),
      await ctx.app.inject({ method: 'GET', url: '/api/staff', headers: { cookie } }),
      await ctx.app.inject({ method: 'GET', url: '/api/tokens', headers: { cookie } }),
      await ctx.app.inject({ method: 'GET', url: '/api/audit?limit=200', headers: { cookie } }),
    ];
    for (const res of lists) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(storeB);
      expect(res.body).not.toContain(staffB);
      expect(res.body).not.toContain(tokenB);
    }
  });

  it('every table carries retailer_id (so it can be distributed by it), except the stated global ones', async () => {
    const { rows } = await sql<{ table_name: string; has_retailer: boolean }>`
      select t.table_name,
             exists (select 1 from information_schema.columns c
                     where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'retailer_id') as has_retailer
      from information_schema.tables t
      where t.table_schema = 'public' and t.table_type = 'BASE TABLE'`.execute(ctx.deps.db);
    expect(rows.length).toBeGreaterThan(5);
    const missing = rows.filter((r) => !r.has_retailer && !(r.table_name in GLOBAL_TABLES)).map((r) => r.table_name);
    expect(missing).toEqual([]);
  });

  it('leads every tenant table’s primary key with retailer_id', async () => {
    const { rows } = await sql<{ table_name: string; first_column: string }>`
      select tc.table_name, kcu.column_name as first_column
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu
        on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema and kcu.ordinal_position = 1
      where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY'`.execute(ctx.deps.db);
    const wrong = rows.filter((r) => !(r.table_name in GLOBAL_TABLES) && r.first_column !== 'retailer_id').map((r) => r.table_name);
    expect(wrong).toEqual([]);
  });
});
