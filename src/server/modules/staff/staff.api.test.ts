import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { buildRetailer, buildStaff, buildStore } from '../../demo/factories.ts';

const ctx = setupTestApp();

describe('staff', () => {
  let retailerId: string;
  let riverside: string;
  let oldTown: string;
  let owner: string;
  let manager: string;
  let associate: string;
  let ambassador: string;
  let managerId: string;
  let associateId: string;
  let otherStoreAssociateId: string;

  beforeAll(async () => {
    const r = await buildRetailer(ctx.deps.db);
    retailerId = r.id;
    riverside = (await buildStore(ctx.deps.db, { retailerId, name: 'Riverside' })).id;
    oldTown = (await buildStore(ctx.deps.db, { retailerId, name: 'Old Town' })).id;
    const o = await buildStaff(ctx.deps.db, { retailerId, role: 'owner', storeIds: [] });
    const m = await buildStaff(ctx.deps.db, { retailerId, role: 'manager', storeIds: [riverside] });
    const a = await buildStaff(ctx.deps.db, { retailerId, role: 'associate', storeIds: [riverside] });
    const amb = await buildStaff(ctx.deps.db, { retailerId, role: 'ambassador', storeIds: [riverside], title: 'Security officer' });
    otherStoreAssociateId = (await buildStaff(ctx.deps.db, { retailerId, storeIds: [oldTown] })).id;
    managerId = m.id;
    associateId = a.id;
    owner = await signIn(ctx.app, o.email);
    manager = await signIn(ctx.app, m.email);
    associate = await signIn(ctx.app, a.email);
    ambassador = await signIn(ctx.app, amb.email);
  });

  it('lists the team a manager may see: their stores only', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/staff', headers: { cookie: manager } });
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((s: { id: string }) => s.id);
    expect(ids).toContain(associateId);
    expect(ids).not.toContain(otherStoreAssociateId);
    const all = await ctx.app.inject({ method: 'GET', url: '/api/staff', headers: { cookie: owner } });
    expect(all.json().items.map((s: { id: string }) => s.id)).toContain(otherStoreAssociateId);
    expect(JSON.stringify(all.json())).not.toMatch(/scrypt|password|pin_hash/);
  });

  it('refuses the team list to associates and ambassadors (403) and to strangers (401)', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/staff', headers: { cookie: associate } })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/staff', headers: { cookie: ambassador } })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/staff' })).statusCode).toBe(401);
  });

  it('lets a manager add an associate to their store, but not a manager or someone in another store', async () => {
    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: { cookie: manager },
      payload: { name: 'Nia Clarke', email: 'Nia@Shop.test', role: 'associate', storeIds: [riverside], password: 'starting-pw' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      name: 'Nia Clarke',
      email: 'nia@shop.test',
      role: 'associate',
      storeIds: [riverside],
      active: true,
      version: 1,
    });
    await signIn(ctx.app, 'nia@shop.test', 'starting-pw');

    const asManager = await ctx.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: { cookie: manager },
      payload: { name: 'X', email: 'x@shop.test', role: 'manager', storeIds: [riverside] },
    });
    expect(asManager.statusCode).toBe(403);
    const otherStore = await ctx.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: { cookie: manager },
      payload: { name: 'Y', email: 'y@shop.test', role: 'associate', storeIds: [oldTown] },
    });
    expect(otherStore.statusCode).toBe(403);
    const byAssociate = await ctx.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: { cookie: associate },
      payload: { name: 'Z', email: 'z@shop.test', role: 'associate', storeIds: [riverside] },
    });
    expect(byAssociate.statusCode).toBe(403);
  });

  it('validates input and names the fields', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: { cookie: owner },
      payload: { name: '', email: 'not-an-email', role: 'wizard', storeIds: 'riverside', shoeSize: 9 },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'email', 'role', 'storeIds', 'shoeSize']));
    const noStore = await ctx.app.inject({
      method: 'POST',
      url: '/api/staff',
      headers: { cookie: owner },
      payload: { name: 'Q', email: 'q@shop.test', role: 'associate', storeIds: [] },
    });
    expect(noStore.statusCode).toBe(400);
    expect(noStore.json().error.fields[0].field).toBe('storeIds');
  });

  it('refuses a duplicate e-mail with 409 naming the field', async () => {
    const payload = { name: 'Dup', email: 'dup@shop.test', role: 'associate', storeIds: [riverside] };
    expect((await ctx.app.inject({ method: 'POST', url: '/api/staff', headers: { cookie: owner }, payload })).statusCode).toBe(201);
    const again = await ctx.app.inject({ method: 'POST', url: '/api/staff', headers: { cookie: owner }, payload });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'conflict', fields: [{ field: 'email' }] });
  });

  it('never loses a concurrent edit: a stale version gets 409', async () => {
    const current = (await ctx.app.inject({ method: 'GET', url: `/api/staff/${associateId}`, headers: { cookie: owner } })).json();
    const first = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/staff/${associateId}`,
      headers: { cookie: manager },
      payload: { version: current.version, title: 'Senior florist' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ title: 'Senior florist', version: current.version + 1 });
    const second = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/staff/${associateId}`,
      headers: { cookie: owner },
      payload: { version: current.version, title: 'Florist' },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('stale_version');
    const after = (await ctx.app.inject({ method: 'GET', url: `/api/staff/${associateId}`, headers: { cookie: owner } })).json();
    expect(after.title).toBe('Senior florist');
  });

  it('lets people edit their own name but not their own role', async () => {
    const me = (await ctx.app.inject({ method: 'GET', url: `/api/staff/${associateId}`, headers: { cookie: associate } })).json();
    const name = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/staff/${associateId}`,
      headers: { cookie: associate },
      payload: { version: me.version, name: 'Renamed Person' },
    });
    expect(name.statusCode).toBe(200);
    const role = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/staff/${associateId}`,
      headers: { cookie: associate },
      payload: { version: name.json().version, role: 'owner' },
    });
    expect(role.statusCode).toBe(403);
  });

  it('hides colleagues outside a manager’s stores (404) and stops managers deactivating managers', async () => {
    expect(
      (await ctx.app.inject({ method: 'GET', url: `/api/staff/${otherStoreAssociateId}`, headers: { cookie: manager } })).statusCode,
    ).toBe(404);
    const self = await ctx.app.inject({ method: 'POST', url: `/api/staff/${managerId}/deactivate`, headers: { cookie: manager } });
    expect(self.statusCode).toBe(403);
  });

  it('records changes to people in the audit log, readable by the owner', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/audit?subjectType=staff&subjectId=${associateId}`,
      headers: { cookie: owner },
    });
    expect(res.statusCode).toBe(200);
    const actions = res.json().items.map((e: { action: string }) => e.action);
    expect(actions).toContain('staff.updated');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: manager } })).statusCode).toBe(403);
    const page1 = await ctx.app.inject({ method: 'GET', url: '/api/audit?limit=2', headers: { cookie: owner } });
    expect(page1.json().items).toHaveLength(2);
    const page2 = await ctx.app.inject({
      method: 'GET',
      url: `/api/audit?limit=2&cursor=${page1.json().nextCursor}`,
      headers: { cookie: owner },
    });
    expect(page2.json().items[0].id < page1.json().items[1].id).toBe(true);
  });
});
