import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie, setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { buildRetailer, buildStaff, buildStore } from '../../demo/factories.ts';

const ctx = setupTestApp();

describe('sign-in', () => {
  let person: Awaited<ReturnType<typeof buildStaff>>;
  beforeAll(async () => {
    person = await buildStaff(ctx.deps.db, { email: 'ada@shop.test', name: 'Ada', role: 'manager' });
  });

  it('signs in with the right password and sets an HttpOnly, SameSite session cookie', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ADA@shop.test', password: 'ones-demo' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'ones_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(res.json()).toMatchObject({ staff: { id: person.id, name: 'Ada', role: 'manager' }, retailer: { id: person.retailer_id } });
    const me = await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: sessionCookie(res) } });
    expect(me.statusCode).toBe(200);
    expect(me.json().stores).toHaveLength(1);
    expect(me.json().permissions).toContain('staff.manage');
  });

  it('refuses a wrong password with 401 and a clear message', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ada@shop.test', password: 'nope-nope' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'invalid_credentials' });
    expect(res.json().error.message).toMatch(/do not match/);
    expect(res.cookies).toHaveLength(0);
  });

  it('names the missing and mistyped fields (400)', async () => {
    const missing = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ada@shop.test' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('validation_failed');
    expect(missing.json().error.fields).toEqual([{ field: 'password', message: 'is required' }]);
    const wrongType = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 42, password: ['x'] } });
    expect(wrongType.statusCode).toBe(400);
    const fields = wrongType.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "ada@shop.test", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
  });

  it('refuses a 5 MB body with 413', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'ada@shop.test', password: 'x'.repeat(5 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('blocks an account after repeated wrong passwords (429), even for the right one, and changes nothing else', async () => {
    const target = await buildStaff(ctx.deps.db, { email: 'bruno@shop.test' });
    const before = await ctx.deps.db.selectFrom('staff').selectAll().where('id', '=', target.id).executeTakeFirstOrThrow();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: `10.0.0.${i}`,
        payload: { email: 'bruno@shop.test', password: `wrong-${i}` },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json().error.code).toBe('rate_limited');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    const right = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'bruno@shop.test', password: 'ones-demo' },
    });
    expect(right.statusCode).toBe(429);
    const after = await ctx.deps.db.selectFrom('staff').selectAll().where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const sessions = await ctx.deps.db.selectFrom('sessions').select('id').where('staff_id', '=', target.id).execute();
    expect(sessions).toHaveLength(0);
  });

  it('blocks an address that tries many accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '192.0.2.77',
        payload: { email: `nobody${i}@shop.test`, password: 'whatever1' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });
});

describe('sessions', () => {
  it('rejects a forged cookie, an expired session and a logged-out one with 401', async () => {
    const p = await buildStaff(ctx.deps.db, {});
    const cookie = await signIn(ctx.app, p.email);
    const forged = cookie.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: forged } })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: 'ones_session=garbage' } })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me' })).json().error.code).toBe('unauthenticated');

    const expiring = await signIn(ctx.app, p.email);
    await sql`update sessions set expires_at = now() - interval '1 minute' where staff_id = ${p.id}`.execute(ctx.deps.db);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: expiring } })).statusCode).toBe(401);

    const live = await signIn(ctx.app, p.email);
    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: live } });
    expect(out.statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: live } })).statusCode).toBe(401);
  });

  it('ends a deactivated person’s sessions at once', async () => {
    const manager = await buildStaff(ctx.deps.db, { role: 'manager' });
    const associate = await buildStaff(ctx.deps.db, { retailerId: manager.retailer_id, storeIds: manager.storeIds });
    const managerCookie = await signIn(ctx.app, manager.email);
    const associateCookie = await signIn(ctx.app, associate.email);
    const res = await ctx.app.inject({ method: 'POST', url: `/api/staff/${associate.id}/deactivate`, headers: { cookie: managerCookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: associateCookie } })).statusCode).toBe(401);
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: associate.email, password: 'ones-demo' },
    });
    expect(again.statusCode).toBe(401);
  });

  it('changes the password, keeping this session and ending the others', async () => {
    const p = await buildStaff(ctx.deps.db, {});
    const here = await signIn(ctx.app, p.email);
    const elsewhere = await signIn(ctx.app, p.email);
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { cookie: here },
      payload: { currentPassword: 'not-it-at-all', newPassword: 'a-new-secret' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].field).toBe('currentPassword');
    const short = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { cookie: here },
      payload: { currentPassword: 'ones-demo', newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].field).toBe('newPassword');
    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { cookie: here },
      payload: { currentPassword: 'ones-demo', newPassword: 'a-new-secret' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: here } })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: elsewhere } })).statusCode).toBe(401);
    await signIn(ctx.app, p.email, 'a-new-secret');
  });

  it('lets a manager issue a one-time reset link that sets a new password', async () => {
    const manager = await buildStaff(ctx.deps.db, { role: 'manager' });
    const associate = await buildStaff(ctx.deps.db, { retailerId: manager.retailer_id, storeIds: manager.storeIds });
    const oldSession = await signIn(ctx.app, associate.email);
    const managerCookie = await signIn(ctx.app, manager.email);
    const asAssociate = await ctx.app.inject({
      method: 'POST',
      url: `/api/staff/${manager.id}/reset-link`,
      headers: { cookie: oldSession },
    });
    expect(asAssociate.statusCode).toBe(403);
    const link = await ctx.app.inject({ method: 'POST', url: `/api/staff/${associate.id}/reset-link`, headers: { cookie: managerCookie } });
    expect(link.statusCode).toBe(201);
    const token = link.json().url.split('#')[1];
    expect(link.json().url).toMatch(/^http:\/\/ones\.test\/reset-password#/);
    const reset = await ctx.app.inject({ method: 'POST', url: '/api/auth/reset', payload: { token, password: 'fresh-start-1' } });
    expect(reset.statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: oldSession } })).statusCode).toBe(401);
    await signIn(ctx.app, associate.email, 'fresh-start-1');
    const reused = await ctx.app.inject({ method: 'POST', url: '/api/auth/reset', payload: { token, password: 'second-try-2' } });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.fields[0].field).toBe('token');
  });

  it('switches store only to one the person works in', async () => {
    const p = await buildStaff(ctx.deps.db, {});
    const other = await buildStore(ctx.deps.db, { retailerId: p.retailer_id });
    const cookie = await signIn(ctx.app, p.email);
    const bad = await ctx.app.inject({ method: 'PUT', url: '/api/me/store', headers: { cookie }, payload: { storeId: other.id } });
    expect(bad.statusCode).toBe(400);
    const good = await ctx.app.inject({ method: 'PUT', url: '/api/me/store', headers: { cookie }, payload: { storeId: p.storeIds[0] } });
    expect(good.json().currentStoreId).toBe(p.storeIds[0]);
  });

  it('lets a person with the same e-mail and password at two retailers switch between them', async () => {
    const a = await buildStaff(ctx.deps.db, { email: 'both@shop.test', role: 'owner' });
    const b = await buildStaff(ctx.deps.db, { email: 'both@shop.test', role: 'associate' });
    const elsewhere = await buildStaff(ctx.deps.db, { email: 'both@shop.test', password: 'different-pw' });
    const cookie = await signIn(ctx.app, 'both@shop.test');
    const me = (await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json();
    const ids = me.retailers.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining([a.retailer_id, b.retailer_id]));
    expect(ids).not.toContain(elsewhere.retailer_id);
    const target = me.retailer.id === a.retailer_id ? b.retailer_id : a.retailer_id;
    const sw = await ctx.app.inject({ method: 'POST', url: '/api/me/retailer', headers: { cookie }, payload: { retailerId: target } });
    expect(sw.statusCode).toBe(200);
    expect(sw.json().retailer.id).toBe(target);
    const refused = await ctx.app.inject({
      method: 'POST',
      url: '/api/me/retailer',
      headers: { cookie: sessionCookie(sw) },
      payload: { retailerId: elsewhere.retailer_id },
    });
    expect(refused.statusCode).toBe(404);
  });
});

describe('shared store devices and PINs', () => {
  it('registers a tablet, lets a colleague switch in with a PIN, and hands back', async () => {
    const retailer = await buildRetailer(ctx.deps.db);
    const store = await buildStore(ctx.deps.db, { retailerId: retailer.id, name: 'Riverside' });
    const otherStore = await buildStore(ctx.deps.db, { retailerId: retailer.id, name: 'Old Town' });
    const base = { retailerId: retailer.id, storeIds: [store.id] };
    const manager = await buildStaff(ctx.deps.db, { ...base, role: 'manager', pin: '2468' });
    const officer = await buildStaff(ctx.deps.db, { ...base, role: 'ambassador', title: 'Security officer', pin: '4444' });
    const elsewhere = await buildStaff(ctx.deps.db, { retailerId: retailer.id, storeIds: [otherStore.id], pin: '9999' });

    const managerCookie = await signIn(ctx.app, manager.email);
    const reg = await ctx.app.inject({
      method: 'POST',
      url: '/api/devices',
      headers: { cookie: managerCookie },
      payload: { storeId: store.id, name: 'Counter tablet' },
    });
    expect(reg.statusCode).toBe(200);
    expect(reg.json().device).toMatchObject({ name: 'Counter tablet', storeId: store.id });
    const deviceCookie = `ones_device=${reg.cookies.find((c) => c.name === 'ones_device')?.value}`;

    const roster = await ctx.app.inject({ method: 'GET', url: '/api/device', headers: { cookie: deviceCookie } });
    const names = roster.json().staff.map((s: { id: string }) => s.id);
    expect(names).toEqual(expect.arrayContaining([manager.id, officer.id]));
    expect(names).not.toContain(elsewhere.id);

    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/pin',
      headers: { cookie: `${deviceCookie}; ${managerCookie}` },
      payload: { staffId: officer.id, pin: '0000' },
    });
    expect(wrong.statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: managerCookie } })).statusCode).toBe(200);

    const notHere = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/pin',
      headers: { cookie: deviceCookie },
      payload: { staffId: elsewhere.id, pin: '9999' },
    });
    expect(notHere.statusCode).toBe(401);

    const switched = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/pin',
      headers: { cookie: `${deviceCookie}; ${managerCookie}` },
      payload: { staffId: officer.id, pin: '4444' },
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toMatchObject({
      staff: { id: officer.id, role: 'ambassador' },
      device: { storeId: store.id },
      currentStoreId: store.id,
    });
    // The manager's session on this browser ended; the device did not.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: managerCookie } })).statusCode).toBe(401);
    const back = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/pin',
      headers: { cookie: `${deviceCookie}; ${sessionCookie(switched)}` },
      payload: { staffId: manager.id, pin: '2468' },
    });
    expect(back.statusCode).toBe(200);
    expect(back.json().staff.id).toBe(manager.id);
  });

  it('refuses PIN sign-in without a device, and blocks a person after repeated wrong PINs', async () => {
    const manager = await buildStaff(ctx.deps.db, { role: 'manager', pin: '1357' });
    const noDevice = await ctx.app.inject({ method: 'POST', url: '/api/auth/pin', payload: { staffId: manager.id, pin: '1357' } });
    expect(noDevice.statusCode).toBe(401);
    const cookie = await signIn(ctx.app, manager.email);
    const reg = await ctx.app.inject({
      method: 'POST',
      url: '/api/devices',
      headers: { cookie },
      payload: { storeId: manager.storeIds[0], name: 'Till' },
    });
    const deviceCookie = `ones_device=${reg.cookies.find((c) => c.name === 'ones_device')?.value}`;
    const badPin = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/pin',
      headers: { cookie: deviceCookie },
      payload: { staffId: manager.id, pin: '12' },
    });
    expect(badPin.statusCode).toBe(400);
    expect(badPin.json().error.fields[0].field).toBe('pin');
    const statuses = [];
    for (let i = 0; i < 20; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/pin',
        headers: { cookie: deviceCookie },
        payload: { staffId: manager.id, pin: `00${10 + i}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    const right = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/pin',
      headers: { cookie: deviceCookie },
      payload: { staffId: manager.id, pin: '1357' },
    });
    expect(right.statusCode).toBe(429);
  });

  it('lets people set their own PIN after confirming their password; associates cannot register devices', async () => {
    const p = await buildStaff(ctx.deps.db, {});
    const cookie = await signIn(ctx.app, p.email);
    const wrong = await ctx.app.inject({
      method: 'PUT',
      url: '/api/me/pin',
      headers: { cookie },
      payload: { password: 'wrong-one', pin: '2580' },
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await ctx.app.inject({
      method: 'PUT',
      url: '/api/me/pin',
      headers: { cookie },
      payload: { password: 'ones-demo', pin: '2580' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json().staff.hasPin).toBe(true);
    const reg = await ctx.app.inject({
      method: 'POST',
      url: '/api/devices',
      headers: { cookie },
      payload: { storeId: p.storeIds[0], name: 'Mine' },
    });
    expect(reg.statusCode).toBe(403);
  });
});
