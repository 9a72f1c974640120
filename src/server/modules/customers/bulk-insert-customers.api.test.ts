import { describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { buildStaff } from '../../demo/factories.ts';
import { bulkInsertCustomers } from './bulk-insert-customers.ts';

const ctx = setupTestApp();

describe('bulk insert', () => {
  it('inserts customers that are found exactly like ones added through the API', async () => {
    const owner = await buildStaff(ctx.deps.db, { role: 'owner' });
    const batch = Array.from({ length: 500 }, (_, i) => ({
      firstName: i === 7 ? 'Łukasz' : `Person${i}`,
      lastName: i === 7 ? 'Wójcik' : 'Bulkton',
      phones: i === 7 ? [{ label: 'mobile', number: '07700 900777' }] : [],
      emails: i === 7 ? [{ label: 'home', address: 'lukasz@example.com' }] : [],
      tags: i === 7 ? ['vip', 'has "quotes"', 'back\\slash', 'tab\tand\nline', '{braces},comma'] : [],
      visits: i,
      lastVisitAt: new Date(Date.UTC(2026, 0, 1 + (i % 28))),
    }));
    const ids = await bulkInsertCustomers(ctx.deps.db, owner.retailer_id, 'GB', batch);
    expect(ids).toHaveLength(500);
    const again = await bulkInsertCustomers(ctx.deps.db, owner.retailer_id, 'GB', [{ firstName: 'Lukas', lastName: 'Wojcik' }]);
    expect(again).toHaveLength(1);
    const cookie = await signIn(ctx.app, owner.email);
    const find = async (q: string) =>
      (await ctx.app.inject({ method: 'GET', url: `/api/customers?q=${encodeURIComponent(q)}`, headers: { cookie } })).json().items as {
        fullName: string;
        match: string;
      }[];
    expect((await find('lukasz'))[0]).toMatchObject({ fullName: 'Łukasz Wójcik', match: 'exact' });
    expect((await find('0777'))[0]?.fullName).toBe('Łukasz Wójcik');
    expect((await find('lukasz@'))[0]?.fullName).toBe('Łukasz Wójcik');
    expect((await find('wojcikk')).map((r) => r.match)).toEqual(['typo', 'typo']);
    expect((await find('bulkton')).length).toBe(20);
    const row = await ctx.deps.db
      .selectFrom('customers')
      .select(['tags', 'visits'])
      .where('id', '=', ids[7] as string)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ tags: ['vip', 'has "quotes"', 'back\\slash', 'tab\tand\nline', '{braces},comma'], visits: 7 });
  });
});
