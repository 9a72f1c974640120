import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { newId } from '../../../shared/ids.ts';
import { loadDemo } from '../../demo/demo.ts';

/** Closing a visit asks for feedback: the request, the QR code on the tablet, the e-mail under consent, the limit. */
const ctx = setupTestApp();

let associate: string;
let hearth: string;
let riverside: string;
let bloomId: string;
let associateId: string;

const send = (method: 'POST' | 'GET', cookie: string | null, url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });

let visits = 0;
/** Starts a visit in Riverside (for a known customer, someone new, or nobody known) and returns it, open. */
async function startVisit(who: { customerId?: string; newCustomer?: { firstName: string; email?: string } } = {}) {
  const res = await send('POST', associate, '/api/encounters', { clientId: `feedback-visit-${++visits}`, storeId: riverside, ...who });
  expect(res.statusCode, res.body).toBe(201);
  const e = res.json() as { id: string; customer: { id: string } | null };
  return { id: e.id, customerId: e.customer?.id ?? null };
}

async function close(id: string) {
  const res = await send('POST', associate, `/api/encounters/${id}/close`, { outcome: 'no-sale', reason: 'browsing' });
  expect(res.statusCode, res.body).toBe(200);
}

const requestOf = (encounterId: string) =>
  ctx.deps.db.selectFrom('feedback_requests').selectAll().where('encounter_id', '=', encounterId).executeTakeFirst();

const pathOf = (url: string) => new URL(url).pathname;

async function consent(customerId: string) {
  await ctx.deps.db
    .insertInto('customer_consents')
    .values({
      retailer_id: bloomId,
      id: newId('consent'),
      customer_id: customerId,
      channel: 'email',
      purpose: 'marketing',
      granted: true,
      source: 'in store',
    })
    .execute();
}

beforeAll(async () => {
  await loadDemo(ctx.deps.db);
  associate = await signIn(ctx.app, 'associate@bloom.example');
  hearth = await signIn(ctx.app, 'associate@hearth.example');
  const store = await ctx.deps.db
    .selectFrom('stores')
    .select(['id', 'retailer_id'])
    .where('name', '=', 'Riverside')
    .executeTakeFirstOrThrow();
  riverside = store.id;
  bloomId = store.retailer_id;
  associateId = (
    await ctx.deps.db.selectFrom('staff').select('id').where('email', '=', 'associate@bloom.example').executeTakeFirstOrThrow()
  ).id;
});

describe('closing a visit', () => {
  it('creates a request tied to the visit, its store and who served, expiring after the link days', async () => {
    const v = await startVisit();
    expect(await requestOf(v.id)).toBeUndefined();
    const before = Date.now();
    await close(v.id);
    const q = await requestOf(v.id);
    expect(q).toMatchObject({
      retailer_id: bloomId,
      store_id: riverside,
      customer_id: null,
      staff_ids: [associateId],
      first_opened_at: null,
    });
    const days = (q?.expires_at.getTime() ?? 0) - before;
    expect(Math.round(days / 86_400_000)).toBe(14);
  });
});

describe('the QR code', () => {
  it('is refused without a sign-in, for an open visit, and for another retailer', async () => {
    const v = await startVisit();
    expect((await send('POST', null, `/api/encounters/${v.id}/feedback-link`)).statusCode).toBe(401);
    const open = await send('POST', associate, `/api/encounters/${v.id}/feedback-link`);
    expect(open.statusCode).toBe(409);
    await close(v.id);
    expect((await send('POST', hearth, `/api/encounters/${v.id}/feedback-link`)).statusCode).toBe(404);
    expect((await send('POST', associate, '/api/encounters/enc_nothing/feedback-link')).statusCode).toBe(404);
  });

  it('gives a working link and its SVG; showing it again replaces the one before', async () => {
    const v = await startVisit();
    await close(v.id);
    const first = await send('POST', associate, `/api/encounters/${v.id}/feedback-link`);
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json() as { url: string; expiresAt: string; svg: string };
    expect(body.url).toMatch(/^http:\/\/ones\.test\/f\/bloom-and-stem\/[A-Za-z0-9_-]{43}$/);
    expect(body.svg.trimStart()).toMatch(/^<svg/);
    expect(new Date(body.expiresAt).getTime()).toBe((await requestOf(v.id))?.expires_at.getTime());
    expect((await send('GET', null, pathOf(body.url))).statusCode).toBe(200);
    // Only a hash of the token is kept.
    const token = body.url.split('/').pop() as string;
    const stored = await ctx.deps.db.selectFrom('feedback_links').select('token_hash').where('channel', '=', 'qr').execute();
    expect(stored.some((l) => l.token_hash.includes(token))).toBe(false);

    const second = (await send('POST', associate, `/api/encounters/${v.id}/feedback-link`)).json() as { url: string };
    expect(second.url).not.toBe(body.url);
    expect((await send('GET', null, pathOf(body.url))).statusCode).toBe(404);
    expect((await send('GET', null, pathOf(second.url))).statusCode).toBe(200);
  });
});

describe('the e-mail', () => {
  it('goes to a consented customer after the delay, with a link of its own that works', async () => {
    const v = await startVisit({ newCustomer: { firstName: 'Ines', email: 'ines@example.com' } });
    await consent(v.customerId as string);
    const before = Date.now();
    await close(v.id);
    const q = await requestOf(v.id);
    const m = await ctx.deps.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('message_key', '=', `feedback:${q?.id}`)
      .executeTakeFirstOrThrow();
    expect(m).toMatchObject({ status: 'queued', purpose: 'marketing', to_address: 'ines@example.com', customer_id: v.customerId });
    const job = await ctx.deps.db
      .selectFrom('jobs')
      .select('run_at')
      .where('id', '=', m.job_id as string)
      .executeTakeFirstOrThrow();
    expect(job.run_at.getTime()).toBeGreaterThanOrEqual(before + 120 * 60_000 - 1000);
    const link = await ctx.deps.db
      .selectFrom('feedback_links')
      .selectAll()
      .where('request_id', '=', q?.id as string)
      .executeTakeFirstOrThrow();
    expect(link).toMatchObject({ channel: 'email', message_id: m.id, revoked_at: null });
    const url = /http:\/\/ones\.test\/f\/\S+/.exec(m.body_text)?.[0] as string;
    expect(url).toBeTruthy();
    const page = await send('GET', null, pathOf(url));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Riverside');
  });

  it('is suppressed without consent, and its link never works', async () => {
    const v = await startVisit({ newCustomer: { firstName: 'Olu', email: 'olu@example.com' } });
    await close(v.id);
    const q = await requestOf(v.id);
    expect(q?.customer_id).toBe(v.customerId);
    const m = await ctx.deps.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('message_key', '=', `feedback:${q?.id}`)
      .executeTakeFirstOrThrow();
    expect(m.status).toBe('suppressed');
    expect(m.reason).toMatch(/consent/i);
    expect(
      await ctx.deps.db
        .selectFrom('feedback_links')
        .select('token_hash')
        .where('request_id', '=', q?.id as string)
        .execute(),
    ).toEqual([]);
    const url = /http:\/\/ones\.test\/f\/\S+/.exec(m.body_text)?.[0] as string;
    expect((await send('GET', null, pathOf(url))).statusCode).toBe(404);
    // The QR code still works for the visit.
    expect((await send('POST', associate, `/api/encounters/${v.id}/feedback-link`)).statusCode).toBe(200);
  });
});

describe('the limit', () => {
  it('asks a customer at most once in the limit days, and says why on the tablet', async () => {
    const first = await startVisit({ newCustomer: { firstName: 'Mira', email: 'mira@example.com' } });
    await close(first.id);
    const customerId = first.customerId as string;
    const q1 = await requestOf(first.id);
    expect(q1).toBeDefined();

    const second = await startVisit({ customerId });
    await close(second.id);
    expect(await requestOf(second.id)).toBeUndefined();
    const why = await send('POST', associate, `/api/encounters/${second.id}/feedback-link`);
    expect(why.statusCode).toBe(404);
    expect(why.json().error.message).toMatch(
      /^Asked for feedback on \d{4}-\d{2}-\d{2} already: the next request can go after \d{4}-\d{2}-\d{2}\.$/,
    );

    // Once the limit has passed, the next visit is asked again.
    await ctx.deps.db
      .updateTable('feedback_requests')
      .set({ created_at: new Date(Date.now() - 31 * 86_400_000) })
      .where('id', '=', q1?.id as string)
      .execute();
    const third = await startVisit({ customerId });
    await close(third.id);
    expect(await requestOf(third.id)).toBeDefined();
  });

  it('never asks an erased customer', async () => {
    const v = await startVisit({ newCustomer: { firstName: 'Gone', email: 'gone@example.com' } });
    await ctx.deps.db
      .updateTable('customers')
      .set({ erased_at: new Date() })
      .where('id', '=', v.customerId as string)
      .execute();
    await close(v.id);
    expect(await requestOf(v.id)).toBeUndefined();
    const why = await send('POST', associate, `/api/encounters/${v.id}/feedback-link`);
    expect(why.statusCode).toBe(404);
    expect(why.json().error.message).toMatch(/erased/);
  });
});
