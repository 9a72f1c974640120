import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, loadDemo, removeDemo } from '../../src/server/demo/demo.ts';
import { setupTestApp, signIn } from '../helpers/app.ts';

const ctx = setupTestApp();

describe('the demo world', () => {
  beforeAll(async () => {
    await loadDemo(ctx.deps.db);
  });

  it('signs in every demo account with the demo password', async () => {
    for (const a of DEMO_ACCOUNTS) {
      const me = (await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: await signIn(ctx.app, a.email) } })).json();
      expect(me.staff.name).toBe(a.name);
    }
  });

  it('has Mrs Okafor, found by "oka", her number and its last digits, with her sage-and-cream living room and no lilies', async () => {
    const cookie = await signIn(ctx.app, 'associate@bloom.example');
    for (const q of ['oka', '0207 946 0958', '0958']) {
      const items = (await ctx.app.inject({ method: 'GET', url: `/api/customers?q=${encodeURIComponent(q)}`, headers: { cookie } })).json()
        .items;
      expect(
        items.map((i: { fullName: string }) => i.fullName),
        q,
      ).toContain('Adaeze Okafor');
    }
    const [hit] = (await ctx.app.inject({ method: 'GET', url: '/api/customers?q=okafor', headers: { cookie } })).json().items;
    const profile = (await ctx.app.inject({ method: 'GET', url: `/api/customers/${hit.id}`, headers: { cookie } })).json();
    expect(profile.displayName).toBe('Mrs Okafor');
    const room = profile.preferences.find((p: { key: string }) => p.key === 'room');
    expect(room.value).toMatchObject({ room: 'living-room', colours: ['sage', 'cream'] });
    expect(profile.preferences.find((p: { key: string }) => p.key === 'avoid').value).toMatchObject({
      item: 'lilies',
      reason: 'cat at home',
    });
  });

  it('holds a few hundred customers per retailer, a likely duplicate pair, and only vocabulary keys in preferences', async () => {
    const counts = await sql<{ name: string; n: number }>`
      select r.name, count(*)::int as n from customers c join retailers r on r.id = c.retailer_id group by r.name order by r.name`.execute(
      ctx.deps.db,
    );
    expect(counts.rows.map((r) => r.name)).toEqual(['Bloom & Stem', 'Hearth & Hue']);
    for (const r of counts.rows) expect(r.n).toBeGreaterThanOrEqual(250);
    const pair = await sql<{ n: number }>`select count(*)::int as n from customer_search_terms where term = 'p:447700900417'`.execute(
      ctx.deps.db,
    );
    expect(pair.rows[0]?.n).toBe(2);
    const dangling = await sql<{ n: number }>`
      select count(*)::int as n from customer_preferences p
      cross join lateral jsonb_array_elements_text(coalesce(p.value->'colours', '[]') || coalesce(jsonb_build_array(p.value->'colour') - 'null', '[]')) as k(key)
      where k.key is not null and not exists (
        select 1 from vocabulary_terms v where v.retailer_id = p.retailer_id and v.kind = 'colour' and v.key = k.key)`.execute(ctx.deps.db);
    expect(dangling.rows[0]?.n).toBe(0);
  });

  it('resets: removes the demo retailers with everything they own, search index included, and loads them again', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from customer_search_terms`.execute(ctx.deps.db);
    await removeDemo(ctx.deps.db);
    const orphans = await sql<{ n: number }>`
      select count(*)::int as n from customer_search_terms t
      where not exists (select 1 from customers c where c.retailer_id = t.retailer_id and c.id = t.customer_id)`.execute(ctx.deps.db);
    expect(orphans.rows[0]?.n).toBe(0);
    await loadDemo(ctx.deps.db);
    const after = await sql<{ n: number }>`select count(*)::int as n from customer_search_terms`.execute(ctx.deps.db);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });
});
