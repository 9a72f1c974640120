import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../test/helpers/app.ts';
import { loadDemo, removeDemo } from './demo.ts';
import { loadDemoVisits } from './demo-visits.ts';

/** The demo's visits, as `npm start` loads them: recorded through the services, shown by the back office. */
const ctx = setupTestApp();
let manager: string;
let riverside: string;

beforeAll(async () => {
  await loadDemo(ctx.deps.db);
  await loadDemoVisits(ctx.deps);
  // A second run adds nothing.
  await loadDemoVisits(ctx.deps);
  manager = await signIn(ctx.app, 'manager@bloom.example');
  riverside = (await ctx.deps.db.selectFrom('stores').select('id').where('name', '=', 'Riverside').executeTakeFirstOrThrow()).id;
});

const get = (url: string, cookie = manager) => ctx.app.inject({ method: 'GET', url, headers: { cookie } }).then((r) => r.json());

describe('the demo visits', () => {
  it('fill the back office of Riverside: every way a visit ends, one under way', async () => {
    const visits = (await get(`/api/encounters?storeId=${riverside}`)).items as {
      id: string;
      status: string;
      outcome: string | null;
      assistNames: string[];
      saleTotal: number | null;
    }[];
    expect(visits.map((v) => v.outcome)).toEqual([null, 'no-sale', 'no-sale', 'sale', 'special-order']);
    const anniversary = visits.find((v) => v.outcome === 'sale');
    expect(anniversary).toMatchObject({ assistNames: ['Daniel Mensah'], saleTotal: expect.any(Number) });
    const record = await get(`/api/encounters/${anniversary?.id}`);
    expect(record.customer.name).toBe('Adaeze Okafor');
    expect(record.times.secondsToGreet).toBe(150);
    expect(record.gestures).toHaveLength(1);
    expect(record.steps.filter((s: { state: string }) => s.state === 'done').length).toBeGreaterThanOrEqual(7);
    expect(record.followUps).toEqual([expect.objectContaining({ kind: 'thank-you', assigneeName: 'Priya Natarajan' })]);
  });

  it('leave a special order to hand over, gestures against the budget, lost demand and follow-ups for Priya', async () => {
    const orders = (await get(`/api/special-orders?storeId=${riverside}`)).items;
    expect(orders).toEqual([expect.objectContaining({ recipient: 'Grace Whitfield', deposit: 20, status: 'open' })]);
    expect(orders[0].lines.map((l: { title: string }) => l.title)).toHaveLength(2);
    const month = await get(`/api/stores/${riverside}/gestures`);
    expect(month.gestures.length).toBeLessThanOrEqual(1);
    const lost = (await get(`/api/lost-demand?storeId=${riverside}`)).items;
    expect(lost.map((i: { description: string }) => i.description)).toContain('Blue delphiniums');
    const mine = (await get('/api/follow-ups', await signIn(ctx.app, 'associate@bloom.example'))).items;
    expect(mine.map((f: { kind: string }) => f.kind).sort()).toEqual(['after-delivery', 'back-in-stock', 'thank-you']);
  });

  it('go with the demo when it is removed', async () => {
    await removeDemo(ctx.deps.db);
    expect(await ctx.deps.db.selectFrom('encounters').select('id').execute()).toEqual([]);
  });
});
