import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { loadDemo } from '../../demo/demo.ts';
import { giveAnswers } from './answers.service.ts';
import { hashToken } from './requests.service.ts';

/** The customer's page, by token and without a sign-in: answers saved as given, amended, refused when wrong. */
const ctx = setupTestApp();

let associate: string;
let riverside: string;
let managerId: string;

const inject = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as string }) });

let visits = 0;
/** A closed visit for someone new and the path of its QR link. */
async function visitLink(firstName = 'Lea') {
  const started = await ctx.app.inject({
    method: 'POST',
    url: '/api/encounters',
    headers: { cookie: associate },
    payload: { clientId: `page-visit-${++visits}`, storeId: riverside, newCustomer: { firstName, phone: `+44 7700 900${100 + visits}` } },
  });
  expect(started.statusCode, started.body).toBe(201);
  const e = started.json() as { id: string; customer: { id: string } };
  const closed = await ctx.app.inject({
    method: 'POST',
    url: `/api/encounters/${e.id}/close`,
    headers: { cookie: associate },
    payload: { outcome: 'no-sale', reason: 'browsing' },
  });
  expect(closed.statusCode, closed.body).toBe(200);
  const link = await ctx.app.inject({ method: 'POST', url: `/api/encounters/${e.id}/feedback-link`, headers: { cookie: associate } });
  expect(link.statusCode, link.body).toBe(200);
  const path = new URL(link.json().url as string).pathname;
  const request = await ctx.deps.db.selectFrom('feedback_requests').selectAll().where('encounter_id', '=', e.id).executeTakeFirstOrThrow();
  return { path, encounterId: e.id, customerId: e.customer.id, requestId: request.id };
}

const responsesOf = (requestId: string) =>
  ctx.deps.db.selectFrom('feedback_responses').selectAll().where('request_id', '=', requestId).execute();
const followUpsOf = (encounterId: string) =>
  ctx.deps.db.selectFrom('follow_ups').selectAll().where('encounter_id', '=', encounterId).execute();
const put = (path: string, body: unknown) => inject('PUT', path, body);
const form = (path: string, body: string) => inject('POST', path, body, { 'content-type': 'application/x-www-form-urlencoded' });

beforeAll(async () => {
  await loadDemo(ctx.deps.db);
  associate = await signIn(ctx.app, 'associate@bloom.example');
  riverside = (await ctx.deps.db.selectFrom('stores').select('id').where('name', '=', 'Riverside').executeTakeFirstOrThrow()).id;
  managerId = (await ctx.deps.db.selectFrom('staff').select('id').where('email', '=', 'manager@bloom.example').executeTakeFirstOrThrow())
    .id;
});

describe('the page', () => {
  it('is the retailer’s own, private, accessible page with no third-party request', async () => {
    const v = await visitLink();
    const res = await inject('GET', v.path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-robots-tag']).toBe('noindex');
    const csp = String(res.headers['content-security-policy']);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(res.body).toContain(`<script nonce="${nonce}">`);
    expect(res.body).toContain('<html lang="en-GB">');
    expect(res.body).toContain('Bloom');
    expect(res.body).not.toMatch(/https?:\/\//);
    expect(res.body).not.toMatch(/\ssrc=/);
    for (const legend of ['Did we listen to what you needed?', 'Did you ever feel rushed or pressured?', 'Was what you wanted in stock?'])
      expect(res.body).toContain(`<legend>${legend}</legend>`);
    expect(res.body).toContain('You may contact me about this');
    expect(res.body).toContain('role="status" aria-live="polite"');
    // Each response has its own nonce.
    const again = await inject('GET', v.path);
    expect(String(again.headers['content-security-policy'])).not.toContain(nonce as string);
  });

  it('records when it was first opened, once', async () => {
    const v = await visitLink();
    await inject('GET', v.path);
    const first = await ctx.deps.db
      .selectFrom('feedback_requests')
      .select('first_opened_at')
      .where('id', '=', v.requestId)
      .executeTakeFirstOrThrow();
    expect(first.first_opened_at).toBeInstanceOf(Date);
    await new Promise((r) => setTimeout(r, 5));
    await inject('GET', v.path);
    const second = await ctx.deps.db
      .selectFrom('feedback_requests')
      .select('first_opened_at')
      .where('id', '=', v.requestId)
      .executeTakeFirstOrThrow();
    expect(second.first_opened_at?.getTime()).toBe(first.first_opened_at?.getTime());
  });
});

describe('the retailer’s colour', () => {
  it('is the page’s own, with text that reads on it', async () => {
    const bloom = await ctx.deps.db
      .selectFrom('retailers')
      .select(['id', 'brand_colour'])
      .where('slug', '=', 'bloom-and-stem')
      .executeTakeFirstOrThrow();
    try {
      await ctx.deps.db.updateTable('retailers').set({ brand_colour: '#f4d03f' }).where('id', '=', bloom.id).execute();
      const light = await inject('GET', (await visitLink()).path);
      expect(light.body).toMatch(/:root\{--brand:#f4d03f;--on-brand:#[0-9a-fA-F]{3,6}\}/);
      await ctx.deps.db.updateTable('retailers').set({ brand_colour: '#5B2A86' }).where('id', '=', bloom.id).execute();
      const dark = await inject('GET', (await visitLink()).path);
      expect(dark.body).toContain('--brand:#5B2A86;');
      // Dark text on the light colour, light text on the dark one.
      const onBrand = (html: string) => /--on-brand:(#[0-9a-fA-F]+)/.exec(html)?.[1];
      expect(onBrand(light.body)).not.toBe(onBrand(dark.body));
    } finally {
      await ctx.deps.db.updateTable('retailers').set({ brand_colour: bloom.brand_colour }).where('id', '=', bloom.id).execute();
    }
  });
});

describe('answers', () => {
  it('save as they are given and can be amended: one response, linked to the visit', async () => {
    const v = await visitLink();
    const a = await put(v.path, { satisfaction: 4 });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().answers).toMatchObject({ satisfaction: 4, comment: null });
    const b = await put(v.path, { expectations: 'exceeded', listened: true });
    expect(b.json().answers).toMatchObject({ satisfaction: 4, expectations: 'exceeded', listened: true });
    const c = await put(v.path, { satisfaction: 5 });
    expect(c.json().answers).toMatchObject({ satisfaction: 5, expectations: 'exceeded' });
    // The same answer sent twice is the same upsert.
    await put(v.path, { satisfaction: 5 });
    const rows = await responsesOf(v.requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'visit',
      encounter_id: v.encounterId,
      customer_id: v.customerId,
      store_id: riverside,
      satisfaction: 5,
      expectations: 'exceeded',
      listened: true,
      felt_rushed: null,
    });
    expect(rows[0]?.staff_ids.length).toBe(1);
    // Reopening shows them.
    const page = await inject('GET', v.path);
    expect(page.body).toMatch(/name="satisfaction" value="5" checked/);
    expect(page.body).toMatch(/name="expectations" value="exceeded" checked/);
    // One audit entry for the customer's timeline.
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('action', '=', 'feedback.received')
      .where('subject_id', '=', v.customerId)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('sent twice at the same moment, are saved once, with one entry on the timeline', async () => {
    const v = await visitLink();
    const [a, b] = await Promise.all([put(v.path, { satisfaction: 5, listened: true }), put(v.path, { satisfaction: 5, listened: true })]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const rows = await responsesOf(v.requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ satisfaction: 5, listened: true, poor: false });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'feedback.received')
      .where('subject_id', '=', v.customerId)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('save from the form without a script, then 303 back to the page', async () => {
    const v = await visitLink();
    const res = await form(
      v.path,
      'satisfaction=4&expectations=met&listened=yes&feltRushed=no&inStock=yes&comment=Lovely+tulips&mayContact=yes',
    );
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`${v.path}?saved=1`);
    expect((await responsesOf(v.requestId))[0]).toMatchObject({
      satisfaction: 4,
      expectations: 'met',
      listened: true,
      felt_rushed: false,
      in_stock: true,
      comment: 'Lovely tulips',
      may_contact: true,
    });
    const page = await inject('GET', res.headers.location as string);
    expect(page.body).toContain('your answers are saved');
    // Unticking the box and sending again takes it back.
    await form(v.path, 'satisfaction=4');
    expect((await responsesOf(v.requestId))[0]).toMatchObject({ satisfaction: 4, may_contact: false, comment: 'Lovely tulips' });
    expect(await responsesOf(v.requestId)).toHaveLength(1);
  });

  it('are refused when wrong, naming the field, and nothing is saved', async () => {
    const v = await visitLink();
    await put(v.path, { satisfaction: 3, comment: 'fine' });
    const six = await put(v.path, { satisfaction: 6, comment: 'changed' });
    expect(six.statusCode).toBe(400);
    expect(six.json().error.fields.map((f: { field: string }) => f.field)).toContain('satisfaction');
    const long = await put(v.path, { comment: 'x'.repeat(6000) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields[0].field).toBe('comment');
    expect((await put(v.path, { expectations: 'meh' })).statusCode).toBe(400);
    expect((await put(v.path, { listened: 'yes' })).statusCode).toBe(400);
    expect((await put(v.path, { secret: 1 })).statusCode).toBe(400);
    const huge = await put(v.path, { comment: 'x'.repeat(1024 * 1024) });
    expect([400, 413]).toContain(huge.statusCode);
    const byForm = await form(v.path, 'satisfaction=6&comment=changed');
    expect(byForm.statusCode).toBe(400);
    expect(byForm.headers['content-type']).toMatch(/^text\/html/);
    expect(byForm.body).toContain('satisfaction must be a whole number from 1 to 5');
    const longForm = await form(v.path, `comment=${'y'.repeat(5001)}`);
    expect(longForm.statusCode).toBe(400);
    expect(longForm.body).toContain('comment is too long');
    expect((await responsesOf(v.requestId))[0]).toMatchObject({ satisfaction: 3, comment: 'fine' });
  });

  it('keep markup, emoji and right-to-left text as typed, and the page shows them harmlessly', async () => {
    const v = await visitLink();
    const text = '<script>alert("x")</script> <b>bold</b> 🌷👍🏽 شكرا لكم & "quotes"';
    const res = await put(v.path, { comment: text });
    expect(res.json().answers.comment).toBe(text);
    expect((await responsesOf(v.requestId))[0]?.comment).toBe(text);
    const page = await inject('GET', v.path);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; 🌷👍🏽 شكرا لكم &amp; &quot;quotes&quot;',
    );
    // Exactly 5,000 characters is allowed; an emoji counts as one.
    expect((await put(v.path, { comment: '🌷'.repeat(5000) })).statusCode).toBe(200);
  });
});

describe('links that do not work', () => {
  it('tampered, guessed, replaced or another retailer’s: 404 page, nothing changes', async () => {
    const v = await visitLink();
    await put(v.path, { satisfaction: 4 });
    const token = v.path.split('/').pop() as string;
    const tampered = v.path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const guessed = `/f/bloom-and-stem/${'a'.repeat(43)}`;
    const otherRetailer = v.path.replace('/bloom-and-stem/', '/hearth-and-hue/');
    const wrongShape = `/f/bloom-and-stem/${token.slice(0, 20)}`;
    for (const path of [tampered, guessed, otherRetailer, wrongShape]) {
      const page = await inject('GET', path);
      expect(page.statusCode, path).toBe(404);
      expect(page.body).toContain('This link does not work');
      expect(page.body).not.toContain('Riverside');
      expect(page.headers['cache-control']).toBe('no-store');
      expect((await put(path, { satisfaction: 1 })).statusCode).toBe(404);
      expect((await form(path, 'satisfaction=1')).statusCode).toBe(404);
    }
    // Showing the QR code again replaces this link.
    await ctx.app.inject({ method: 'POST', url: `/api/encounters/${v.encounterId}/feedback-link`, headers: { cookie: associate } });
    expect((await inject('GET', v.path)).statusCode).toBe(404);
    expect((await put(v.path, { satisfaction: 1 })).statusCode).toBe(404);
    const rows = await responsesOf(v.requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.satisfaction).toBe(4);
    expect(await ctx.deps.db.selectFrom('follow_ups').select('id').where('encounter_id', '=', v.encounterId).execute()).toEqual([]);
  });

  it('expired: 410 page, nothing changes', async () => {
    const v = await visitLink();
    await put(v.path, { satisfaction: 4 });
    await ctx.deps.db
      .updateTable('feedback_requests')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', v.requestId)
      .execute();
    const page = await inject('GET', v.path);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('This link has expired');
    expect((await put(v.path, { satisfaction: 1 })).statusCode).toBe(410);
    expect((await form(v.path, 'satisfaction=1')).statusCode).toBe(410);
    expect((await responsesOf(v.requestId))[0]?.satisfaction).toBe(4);
    // Nor can a new QR code be shown for it.
    const again = await ctx.app.inject({
      method: 'POST',
      url: `/api/encounters/${v.encounterId}/feedback-link`,
      headers: { cookie: associate },
    });
    expect(again.statusCode).toBe(409);
  });

  it('an erased customer’s link works no more', async () => {
    const v = await visitLink();
    await ctx.deps.db.updateTable('customers').set({ erased_at: new Date() }).where('id', '=', v.customerId).execute();
    expect((await inject('GET', v.path)).statusCode).toBe(404);
    expect((await put(v.path, { satisfaction: 5 })).statusCode).toBe(404);
    expect(await responsesOf(v.requestId)).toEqual([]);
  });
});

describe('a poor answer', () => {
  it('opens one follow-up for the store’s manager, on the customer’s timeline', async () => {
    const v = await visitLink();
    await put(v.path, { satisfaction: 4 });
    expect(await followUpsOf(v.encounterId)).toEqual([]);
    await put(v.path, { satisfaction: 2, feltRushed: true });
    await put(v.path, { comment: 'The wrapping was nice though', mayContact: true });
    await form(v.path, 'satisfaction=1');
    const fus = await followUpsOf(v.encounterId);
    expect(fus).toHaveLength(1);
    const response = (await responsesOf(v.requestId))[0];
    expect(fus[0]).toMatchObject({
      kind: 'feedback',
      status: 'open',
      assignee_id: managerId,
      store_id: riverside,
      customer_id: v.customerId,
      channel: 'in-person',
      // Follows the answer while open: the customer went down to 1 and untick "you may contact me".
      title: 'Feedback: 1 of 5 — felt rushed',
      client_id: `feedback:${response?.id}`,
      feedback_response_id: response?.id,
    });
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'subject_type', 'actor_type'])
      .where('subject_id', '=', v.customerId)
      .where('action', 'like', 'feedback.%')
      .orderBy('action')
      .execute();
    expect(audit).toEqual([
      { action: 'feedback.follow_up_opened', subject_type: 'customer', actor_type: 'customer' },
      { action: 'feedback.received', subject_type: 'customer', actor_type: 'customer' },
    ]);
  });

  it('is closed by the manager, who records what was done, and the customer’s timeline shows it all', async () => {
    const v = await visitLink('Noor');
    await put(v.path, { satisfaction: 2, comment: 'Nobody came to help for ages' });
    const [fu] = await followUpsOf(v.encounterId);
    expect(fu).toMatchObject({ kind: 'feedback', status: 'open', assignee_id: managerId });
    const manager = await signIn(ctx.app, 'manager@bloom.example');
    const done = await ctx.app.inject({
      method: 'POST',
      url: `/api/follow-ups/${fu?.id}/complete`,
      headers: { cookie: manager },
      payload: { outcome: 'Called Noor, apologised and sent a bunch of tulips' },
    });
    expect(done.statusCode, done.body).toBe(204);
    expect((await followUpsOf(v.encounterId))[0]).toMatchObject({ status: 'done', done_by: managerId });
    const timeline = await ctx.app.inject({ method: 'GET', url: `/api/customers/${v.customerId}/timeline`, headers: { cookie: manager } });
    expect(timeline.statusCode, timeline.body).toBe(200);
    const summaries = (timeline.json().items as { action?: string; summary?: string }[])
      .filter((i) => i.action?.startsWith('feedback.') || i.action === 'follow-up.done')
      .map((i) => [i.action, i.summary]);
    expect(summaries).toEqual([
      ['follow-up.done', 'Followed up: Feedback: 2 of 5 — Called Noor, apologised and sent a bunch of tulips'],
      ['feedback.follow_up_opened', 'Their feedback opened a follow-up for the manager'],
      ['feedback.received', 'Gave feedback on a visit'],
    ]);
    // The manager's feed shows it followed up.
    const feed = await ctx.app.inject({ method: 'GET', url: `/api/feedback?storeId=${riverside}&limit=200`, headers: { cookie: manager } });
    const item = (feed.json().items as { encounter: { id: string } | null; followUp: unknown }[]).find(
      (i) => i.encounter?.id === v.encounterId,
    );
    expect(item?.followUp).toMatchObject({ status: 'done', outcome: 'Called Noor, apologised and sent a bunch of tulips' });
  });

  it('by the retailer’s watch words, case-insensitive, asks for a call when the customer agreed', async () => {
    await ctx.deps.db
      .updateTable('retailers')
      .set({ feedback_watch_words: ['rude', 'refund'] })
      .where('slug', '=', 'bloom-and-stem')
      .execute();
    const v = await visitLink();
    await put(v.path, { satisfaction: 4, comment: 'Lovely flowers.' });
    expect(await followUpsOf(v.encounterId)).toEqual([]);
    await put(v.path, { comment: 'The man at the till was RUDE.', mayContact: true });
    const fus = await followUpsOf(v.encounterId);
    expect(fus).toHaveLength(1);
    expect(fus[0]).toMatchObject({ channel: 'phone', title: 'Feedback: mentioned “rude”' });
  });

  it('expectations not met is poor; a good answer is not', async () => {
    const good = await visitLink();
    await put(good.path, { satisfaction: 5, expectations: 'exceeded', feltRushed: false, comment: 'Wonderful' });
    expect(await followUpsOf(good.encounterId)).toEqual([]);
    const poor = await visitLink();
    await put(poor.path, { expectations: 'not-met' });
    expect((await followUpsOf(poor.encounterId))[0]?.title).toBe('Feedback: expectations not met');
  });
});

describe('the answer saved in the call that opens the link', () => {
  const quickSave = async (path: string, answers: Record<string, unknown>, watchWords: string[] = []) => {
    const [slug, token] = path.split('/').slice(2) as [string, string];
    const save = { id: `fbr_quick${++visits}`, auditId: `aud_quick${visits}`, requestId: null, ip: null, answers, watchWords };
    const { rows } = await sql<{
      l: { saved: boolean } | null;
    }>`select feedback_link(${hashToken(token)}, ${slug}, now(), ${JSON.stringify(save)}::jsonb) as l`.execute(ctx.deps.db);
    return rows[0]?.l?.saved;
  };

  it('is not saved there once the response is one to follow up: the careful way judges it as it stands', async () => {
    const v = await visitLink('Noa');
    expect((await put(v.path, { satisfaction: 1 })).statusCode).toBe(200);
    expect((await responsesOf(v.requestId))[0]).toMatchObject({ satisfaction: 1, poor: true });
    // A caller that judged four stars on their own (as a save that read the link before the one star would) is refused…
    expect(await quickSave(v.path, { satisfaction: 4 })).toBe(false);
    expect((await responsesOf(v.requestId))[0]).toMatchObject({ satisfaction: 1, poor: true });
    // …and the page's save takes the careful way: the answer is no longer poor.
    const [slug, token] = v.path.split('/').slice(2) as [string, string];
    const given = await giveAnswers(ctx.deps, slug, token, { satisfaction: 4, comment: 'Lovely wrapping' }, { requestId: null, ip: null });
    expect(given.answers).toMatchObject({ satisfaction: 4, comment: 'Lovely wrapping' });
    expect((await responsesOf(v.requestId))[0]).toMatchObject({ satisfaction: 4, comment: 'Lovely wrapping', poor: false });
    // An amendment after it changes only what it names.
    expect((await put(v.path, { inStock: true })).statusCode).toBe(200);
    expect((await responsesOf(v.requestId))[0]).toMatchObject({ satisfaction: 4, comment: 'Lovely wrapping', in_stock: true, poor: false });
  });

  it('takes a comment only when it was judged with the retailer’s watch words as they are now', async () => {
    await ctx.deps.db
      .updateTable('retailers')
      .set({ feedback_watch_words: ['late'] })
      .where('slug', '=', 'bloom-and-stem')
      .execute();
    const v = await visitLink('Ravi');
    // Judged with no watch words, or with words the retailer has since changed: not saved.
    expect(await quickSave(v.path, { comment: 'It came late' })).toBe(false);
    expect(await quickSave(v.path, { comment: 'It came late' }, ['rude'])).toBe(false);
    expect(await responsesOf(v.requestId)).toEqual([]);
    // Answers without a comment need no watch words; a comment judged with the current ones is saved.
    expect(await quickSave(v.path, { satisfaction: 5 })).toBe(true);
    expect(await quickSave(v.path, { comment: 'Lovely' }, ['late'])).toBe(true);
    expect((await responsesOf(v.requestId))[0]).toMatchObject({ satisfaction: 5, comment: 'Lovely', poor: false });
    // Through the page, a comment with a watch word is judged with them and opens the follow-up.
    expect((await put(v.path, { comment: 'It came late' })).statusCode).toBe(200);
    expect((await responsesOf(v.requestId))[0]).toMatchObject({ comment: 'It came late', poor: true });
    expect((await followUpsOf(v.encounterId))[0]?.title).toBe('Feedback: mentioned “late”');
  });

  it('is not saved on a link that does not work, and writes its audit entry once', async () => {
    const v = await visitLink('Iris');
    await ctx.deps.db.updateTable('feedback_links').set({ revoked_at: new Date() }).where('request_id', '=', v.requestId).execute();
    expect(await quickSave(v.path, { satisfaction: 5 })).toBe(false);
    expect(await responsesOf(v.requestId)).toEqual([]);
    const w = await visitLink('Ines');
    expect(await quickSave(w.path, { satisfaction: 5 })).toBe(true);
    expect(await quickSave(w.path, { listened: true })).toBe(true);
    const logged = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id', 'actor_type'])
      .where('action', '=', 'feedback.received')
      .where('subject_id', '=', w.customerId)
      .execute();
    expect(logged).toEqual([{ action: 'feedback.received', subject_id: w.customerId, actor_type: 'customer' }]);
  });
});
