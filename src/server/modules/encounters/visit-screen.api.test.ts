import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { demoOkaforId, loadDemo } from '../../demo/demo.ts';
import { loadDemoVisits } from '../../demo/demo-visits.ts';

/** The visit screen's one read: the visit, the customer at a glance, and conversation starters from real facts. */
const ctx = setupTestApp();
let associate: string;
let riverside: string;
let okaforId: string;

const send = (method: 'GET' | 'POST', cookie: string, url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  await loadDemo(ctx.deps.db);
  await loadDemoVisits(ctx.deps);
  associate = await signIn(ctx.app, 'associate@bloom.example');
  riverside = (await ctx.deps.db.selectFrom('stores').select('id').where('name', '=', 'Riverside').executeTakeFirstOrThrow()).id;
  okaforId = await demoOkaforId(ctx.deps.db);
});

async function start(clientId: string, customerId?: string) {
  const res = await send('POST', associate, '/api/encounters', { clientId, storeId: riverside, ...(customerId ? { customerId } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('the visit screen’s data', () => {
  it('brings Mrs Okafor’s profile, her last visit and purchases, notes, and starters each with its fact', async () => {
    const id = await start('screen-okafor-001', okaforId);
    const res = await send('GET', associate, `/api/encounters/${id}/screen`);
    expect(res.statusCode, res.body).toBe(200);
    const screen = res.json();
    expect(screen.visit).toMatchObject({ id, status: 'open', customer: { id: okaforId } });
    expect(screen.customer).toMatchObject({ id: okaforId, firstName: 'Adaeze', lastName: 'Okafor' });
    expect(screen.customer.preferences.length).toBeGreaterThan(0);
    // Yesterday's anniversary visit and its sale, newest first.
    expect(screen.history.visits[0]).toMatchObject({ outcome: 'sale' });
    expect(screen.history.purchases.map((p: { title: string }) => p.title)).toEqual(
      expect.arrayContaining(['Peony — White', 'Tulip — White']),
    );
    expect(screen.history.notes.length).toBeLessThanOrEqual(10);
    expect(screen.starters.length).toBeGreaterThan(0);
    expect(screen.starters.length).toBeLessThanOrEqual(4);
    for (const s of screen.starters) {
      expect(s.text.length).toBeGreaterThan(0);
      expect(s.fact.text.length).toBeGreaterThan(0);
    }
    // The open thank-you call from yesterday's visit is one of the facts the starters may draw on.
    const facts = screen.starters.map((s: { fact: { kind: string } }) => s.fact.kind);
    expect(facts.some((k: string) => ['follow-up', 'purchase', 'care', 'room'].includes(k))).toBe(true);
    // Opening it is a view of the customer, logged.
    const viewed = await ctx.deps.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'customer.viewed')
      .where('subject_id', '=', okaforId)
      .execute();
    expect(viewed.length).toBeGreaterThan(0);
  });

  it('has no customer and no starters for someone not yet known, nor for a role that may not see customers', async () => {
    const anonymous = await start('screen-anon-0001');
    const res = (await send('GET', associate, `/api/encounters/${anonymous}/screen`)).json();
    expect(res).toMatchObject({ customer: null, history: null, starters: [] });
    const id = await start('screen-okafor-002', okaforId);
    const officer = await signIn(ctx.app, 'security@bloom.example');
    const seen = await send('GET', officer, `/api/encounters/${id}/screen`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ customer: null, history: null, starters: [], visit: { customer: { id: okaforId, name: null } } });
  });

  it('is another retailer’s business only', async () => {
    const id = await start('screen-tenant-01', okaforId);
    expect((await send('GET', await signIn(ctx.app, 'associate@hearth.example'), `/api/encounters/${id}/screen`)).statusCode).toBe(404);
  });
});
