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

  it('has a question set for each shop: the florist’s and the home-décor one', async () => {
    const names = async (email: string) => {
      const cookie = await signIn(ctx.app, email);
      return (await ctx.app.inject({ method: 'GET', url: '/api/question-sets', headers: { cookie } }))
        .json()
        .items.map((s: { name: string }) => s.name);
    };
    expect(await names('associate@bloom.example')).toEqual(['Flowers for an occasion']);
    expect(await names('associate@hearth.example')).toEqual(['Dressing a room']);
  });

  it('has catalogs: white ranunculus 9 at Riverside and none at Old Town, white anemones, and the two-colourway cushion set', async () => {
    const bloom = await signIn(ctx.app, 'associate@bloom.example');
    const products = async (cookie: string, q: string) =>
      (await ctx.app.inject({ method: 'GET', url: `/api/products?limit=100&q=${encodeURIComponent(q)}`, headers: { cookie } })).json()
        .items as {
        id: string;
        title: string;
      }[];
    const [ranunculus] = (await products(bloom, 'ranunculus')).filter((p) => p.title === 'Ranunculus');
    const detail = (await ctx.app.inject({ method: 'GET', url: `/api/products/${ranunculus?.id}`, headers: { cookie: bloom } })).json();
    const white = detail.variants.find((v: { title: string }) => v.title === 'White');
    const availability = (
      await ctx.app.inject({ method: 'GET', url: `/api/variants/${white.id}/availability`, headers: { cookie: bloom } })
    ).json();
    const byName = Object.fromEntries(availability.stores.map((s: { storeName: string; available: number }) => [s.storeName, s.available]));
    expect(byName).toEqual({ Riverside: 9, 'Old Town': 0 });
    const anemones = (await products(bloom, 'anemone')).find((p) => p.title === 'Anemone');
    const anemone = (await ctx.app.inject({ method: 'GET', url: `/api/products/${anemones?.id}`, headers: { cookie: bloom } })).json();
    expect(anemone.variants.map((v: { title: string }) => v.title)).toContain('White');
    const hearth = await signIn(ctx.app, 'associate@hearth.example');
    const [cushions] = (await products(hearth, 'velvet cushion set')).filter((p) => p.title === 'Velvet cushion set');
    const set = (await ctx.app.inject({ method: 'GET', url: `/api/products/${cushions?.id}`, headers: { cookie: hearth } })).json();
    expect(set.variants.map((v: { title: string }) => v.title)).toEqual(['Teal / mustard', 'Grey / blush']);
    const counts = await sql<{ name: string; n: number }>`
      select r.name, count(*)::int as n from products p join retailers r on r.id = p.retailer_id group by r.name order by r.name`.execute(
      ctx.deps.db,
    );
    expect(counts.rows.map((r) => [r.name, r.n >= (r.name === 'Bloom & Stem' ? 60 : 80)])).toEqual([
      ['Bloom & Stem', true],
      ['Hearth & Hue', true],
    ]);
  });

  it('has a year of sales to learn baskets from, in the customers’ figures and timelines', async () => {
    const { rows } = await sql<{ name: string; sales: number; lines: number; days: number; customers: number }>`
      select r.name, count(distinct s.id)::int as sales, count(l.*)::int as lines,
             count(distinct date_trunc('day', s.sold_at))::int as days, count(distinct s.customer_id)::int as customers
      from sales s join retailers r on r.id = s.retailer_id join sale_lines l on l.retailer_id = s.retailer_id and l.sale_id = s.id
      group by r.name order by r.name`.execute(ctx.deps.db);
    expect(rows.map((r) => r.name)).toEqual(['Bloom & Stem', 'Hearth & Hue']);
    for (const r of rows) {
      expect(r.sales).toBeGreaterThan(1000);
      expect(r.lines).toBeGreaterThan(r.sales);
      expect(r.days).toBeGreaterThan(300);
      expect(r.customers).toBeGreaterThan(100);
    }
    const unknown = await sql<{ n: number }>`select count(*)::int as n from sale_lines where variant_id is null`.execute(ctx.deps.db);
    expect(unknown.rows[0]?.n).toBe(0);
    const cookie = await signIn(ctx.app, 'associate@bloom.example');
    const [okafor] = (await ctx.app.inject({ method: 'GET', url: '/api/customers?q=okafor', headers: { cookie } })).json().items;
    const timeline = (
      await ctx.app.inject({ method: 'GET', url: `/api/customers/${okafor.id}/timeline?limit=50`, headers: { cookie } })
    ).json();
    expect(timeline.items.some((i: { type: string }) => i.type === 'purchase')).toBe(true);
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
