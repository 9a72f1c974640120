import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { buildStaff } from '../../demo/factories.ts';

const ctx = setupTestApp();

describe('retailer settings', () => {
  let owner: string;
  let manager: string;

  beforeAll(async () => {
    const o = await buildStaff(ctx.deps.db, { role: 'owner' });
    const m = await buildStaff(ctx.deps.db, { retailerId: o.retailer_id, storeIds: o.storeIds, role: 'manager' });
    owner = await signIn(ctx.app, o.email);
    manager = await signIn(ctx.app, m.email);
  });

  it('shows the retailer to its staff and lets the owner change regional settings', async () => {
    const before = await ctx.app.inject({ method: 'GET', url: '/api/retailer', headers: { cookie: manager } });
    expect(before.json()).toMatchObject({ country: 'GB', currency: 'GBP', locale: 'en-GB', phoneRegion: 'GB' });
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/retailer',
      headers: { cookie: owner },
      payload: { name: 'Bloom Ireland', country: 'IE', currency: 'EUR', locale: 'en-ie', phoneRegion: 'IE' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Bloom Ireland', currency: 'EUR', locale: 'en-IE', phoneRegion: 'IE' });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: manager } })).json().retailer.currency).toBe('EUR');
  });

  it('refuses managers (403), and bad codes with the field named (400)', async () => {
    expect(
      (await ctx.app.inject({ method: 'PATCH', url: '/api/retailer', headers: { cookie: manager }, payload: { name: 'X' } })).statusCode,
    ).toBe(403);
    const bad = await ctx.app.inject({ method: 'PATCH', url: '/api/retailer', headers: { cookie: owner }, payload: { currency: 'gbp' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('currency');
    const locale = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/retailer',
      headers: { cookie: owner },
      payload: { locale: 'not a locale!' },
    });
    expect(locale.statusCode).toBe(400);
    expect(locale.json().error.fields[0].field).toBe('locale');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/retailer' })).statusCode).toBe(401);
  });
});
