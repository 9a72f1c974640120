import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { loadDemo } from '../../demo/demo.ts';

/** "What the shop keeps about me", from the customer's feedback link: in words, nothing internal, consent changed as staff would. */
const ctx = setupTestApp();

let associate: string;
let associateName: string;
let riverside: string;

const get = (url: string) => ctx.app.inject({ method: 'GET', url });
const form = (url: string, body: string) =>
  ctx.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
const staff = (method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie: associate }, ...(payload ? { payload } : {}) });

let seq = 0;
const cid = () => `about-me-${Date.now()}-${++seq}`;

/** A customer in the book, with whatever profile fields are given. */
async function customer(fields: Record<string, unknown>) {
  const res = await staff('POST', '/api/customers', { homeStoreId: riverside, ...fields });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** A closed visit (for a customer, or nobody known) and the path of its QR link. */
async function visitLink(customerId: string | null) {
  const started = await staff('POST', '/api/encounters', {
    clientId: cid(),
    storeId: riverside,
    ...(customerId ? { customerId } : {}),
  });
  expect(started.statusCode, started.body).toBe(201);
  const encounterId = started.json().id as string;
  const closed = await staff('POST', `/api/encounters/${encounterId}/close`, { outcome: 'no-sale', reason: 'browsing' });
  expect(closed.statusCode, closed.body).toBe(200);
  const link = await staff('POST', `/api/encounters/${encounterId}/feedback-link`);
  expect(link.statusCode, link.body).toBe(200);
  const path = new URL(link.json().url as string).pathname;
  const request = await ctx.deps.db
    .selectFrom('feedback_requests')
    .select('id')
    .where('encounter_id', '=', encounterId)
    .executeTakeFirstOrThrow();
  return { path, about: `${path}/about`, encounterId, requestId: request.id };
}

async function prefer(customerId: string, key: string, value: object) {
  const res = await staff('POST', `/api/customers/${customerId}/preferences`, { clientId: cid(), key, value });
  expect(res.statusCode, res.body).toBe(201);
}

const consentRows = (customerId: string) =>
  ctx.deps.db.selectFrom('customer_consents').selectAll().where('customer_id', '=', customerId).orderBy('captured_at').execute();

let ines: string;
let other: string;

beforeAll(async () => {
  await loadDemo(ctx.deps.db);
  // Each test asks the same customers again: no waiting between requests here.
  await ctx.deps.db.updateTable('retailers').set({ feedback_limit_days: 0 }).where('slug', '=', 'bloom-and-stem').execute();
  associate = await signIn(ctx.app, 'associate@bloom.example');
  riverside = (await ctx.deps.db.selectFrom('stores').select('id').where('name', '=', 'Riverside').executeTakeFirstOrThrow()).id;
  associateName = (
    await ctx.deps.db.selectFrom('staff').select('name').where('email', '=', 'associate@bloom.example').executeTakeFirstOrThrow()
  ).name;

  ines = await customer({
    title: 'Ms',
    firstName: 'Inès',
    lastName: 'Marchetti',
    preferredName: 'Nessa',
    phones: [{ label: 'mobile', number: '07700 900871' }],
    emails: [{ label: 'personal', address: 'ines.marchetti@example.com' }],
    address: { line1: '14 Willow Lane', city: 'Bristol', postcode: 'BS1 4DJ', country: 'GB' },
    dates: [{ kind: 'birthday', month: 3, day: 14, remind: true }],
  });
  await prefer(ines, 'colour-liked', { colour: 'sage' });
  await prefer(ines, 'colour-liked', { colour: 'dusty-rose' });
  await prefer(ines, 'room', { room: 'living-room', colours: ['cream'], light: 'low' });
  await prefer(ines, 'avoid', { item: 'lilies', reason: 'the cat' });
  await prefer(ines, 'budget', { category: 'bouquets', min: 40, max: 60 });
  const note = await staff('POST', `/api/customers/${ines}/notes`, {
    clientId: cid(),
    body: 'Staff eyes only: haggles over delivery fees',
  });
  expect(note.statusCode, note.body).toBe(201);
  const consent = await staff('POST', `/api/customers/${ines}/consents`, {
    channel: 'email',
    purpose: 'marketing',
    granted: true,
    source: 'in store',
  });
  expect(consent.statusCode, consent.body).toBe(200);

  other = await customer({
    firstName: 'Gunnar',
    lastName: 'Thorsby',
    phones: [{ label: 'work', number: '07700 900555' }],
    emails: [{ label: 'work', address: 'gunnar@example.com' }],
  });
  await prefer(other, 'colour-liked', { colour: 'burgundy' });
});

describe('the page', () => {
  it('shows the customer’s details and preferences in words, with nothing internal', async () => {
    const v = await visitLink(ines);
    const res = await get(v.about);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-robots-tag']).toBe('noindex');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    const body = res.body;
    expect(body).toContain('<html lang="en-GB">');
    expect(body).toMatch(/<h1>What Bloom &amp; Stem keeps about you<\/h1>/);
    for (const text of [
      'Ms Inès Marchetti',
      'Nessa',
      'Phone (mobile)',
      '07700 900871',
      'ines.marchetti@example.com',
      '14 Willow Lane',
      'BS1 4DJ',
      'United Kingdom',
      '<h3>Colours you like</h3><ul class="items"><li>Sage</li><li>Dusty rose</li></ul>',
      '<h3>Rooms</h3><ul class="items"><li>Living room: Cream · low light</li></ul>',
      '<li>Lilies (the cat)</li>',
      '<li>Bouquets: £40 to £60</li>',
      'Birthday: 14 March',
    ])
      expect(body).toContain(text);
    // Consent per channel and purpose, as it stands, in a form of fieldsets and labelled choices.
    expect(body).toContain(`<form method="post" action="${v.about}"`);
    expect(body).toMatch(/<fieldset class="channel"><legend>E-mail<\/legend>/);
    expect(body).toMatch(/<legend>News and offers<span class="state"> Now: yes, since [^<]+<\/span><\/legend>/);
    expect(body).toMatch(/name="consent\.email\.marketing" value="yes" checked/);
    expect(body).toContain('<legend>Text messages</legend>');
    // Nothing staff keep for themselves, no ids, no staff, no keys of the vocabulary.
    expect(body).not.toContain('haggles');
    expect(body).not.toMatch(/\b(cus|stf|enc|cns|fbq)_/);
    expect(body).not.toContain(associateName);
    expect(body).not.toContain(associateName.split(' ')[0] as string);
    for (const key of ['dusty-rose', 'living-room', 'colour-liked', 'in store']) expect(body).not.toContain(key);
    expect(body).not.toMatch(/https?:\/\//);
    expect(body).not.toMatch(/\ssrc=/);
    expect(body).not.toContain('<script');
    expect(body).toContain(`<a class="link" href="${v.path}">Back to your feedback</a>`);
  });

  it('is logged as a view of the customer’s details, by the customer', async () => {
    const views = () =>
      ctx.deps.db
        .selectFrom('audit_log')
        .select(['actor_type', 'actor_id', 'ip'])
        .where('subject_id', '=', ines)
        .where('action', '=', 'customer.viewed')
        .orderBy('at')
        .orderBy('id')
        .execute();
    const v = await visitLink(ines);
    const before = await views();
    expect((await get(v.about)).statusCode).toBe(200);
    const after = await views();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ actor_type: 'customer', actor_id: ines });
  });

  it('is linked from the feedback page when the visit had a customer, and not otherwise', async () => {
    const known = await visitLink(ines);
    const page = await get(known.path);
    expect(page.body).toContain(`<a class="link" href="${known.about}">See what Bloom &amp; Stem keeps about you</a>`);
    const anonymous = await visitLink(null);
    expect((await get(anonymous.path)).body).not.toContain('/about');
  });

  it('never shows another customer’s data', async () => {
    const mine = await get((await visitLink(ines)).about);
    const theirs = await get((await visitLink(other)).about);
    expect(theirs.statusCode).toBe(200);
    for (const text of ['Gunnar', 'Thorsby', '07700 900555', 'gunnar@example.com', 'Burgundy']) {
      expect(mine.body).not.toContain(text);
      expect(theirs.body).toContain(text);
    }
    for (const text of ['Inès', 'Marchetti', '07700 900871', 'Sage', 'Lilies', 'Willow Lane']) expect(theirs.body).not.toContain(text);
  });

  it('escapes markup in what staff typed', async () => {
    const marked = await customer({ firstName: '<script>alert("x")</script>', lastName: '<b>Bold</b> & "co"' });
    await prefer(marked, 'avoid', { item: '<img src=x onerror=alert(1)>' });
    const res = await get((await visitLink(marked)).about);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script');
    expect(res.body).not.toContain('<img');
    expect(res.body).not.toContain('<b>Bold');
    expect(res.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b&gt;Bold&lt;/b&gt; &amp; &quot;co&quot;');
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('changing consent', () => {
  it('is recorded as a staff change is, logged for the customer’s timeline, and shown to staff', async () => {
    const v = await visitLink(ines);
    const before = await consentRows(ines);
    const res = await form(v.about, 'consent.email.marketing=no&consent.sms.service=yes&consent.post.marketing=');
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`${v.about}?saved=1`);
    expect(res.headers['cache-control']).toBe('no-store');
    const after = await consentRows(ines);
    expect(after).toHaveLength(before.length + 2);
    const added = after.filter((r) => !before.some((b) => b.id === r.id));
    expect(added.map((r) => ({ ...r, captured_at: undefined, id: undefined }))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'email', purpose: 'marketing', granted: false, source: 'customer-link', captured_by: null }),
        expect.objectContaining({ channel: 'sms', purpose: 'service', granted: true, source: 'customer-link', captured_by: null }),
      ]),
    );
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['actor_type', 'actor_id', 'subject_type', 'details'])
      .where('subject_id', '=', ines)
      .where('action', '=', 'consent.changed')
      .where('actor_type', '=', 'customer')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor_type: 'customer', actor_id: ines, subject_type: 'customer' });

    // The page says so, and shows the choice now in force.
    const page = await get(res.headers.location as string);
    expect(page.body).toContain('Saved: your choices are recorded.');
    expect(page.body).toMatch(/name="consent\.email\.marketing" value="no" checked/);
    expect(page.body).toMatch(/name="consent\.sms\.service" value="yes" checked/);

    // Staff see it on the profile and the timeline, like any other consent change.
    const profile = (await staff('GET', `/api/customers/${ines}`)).json();
    expect(profile.consents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'email', purpose: 'marketing', granted: false, source: 'customer-link', capturedBy: null }),
        expect.objectContaining({ channel: 'sms', purpose: 'service', granted: true, source: 'customer-link', capturedBy: null }),
      ]),
    );
    const timeline = (await staff('GET', `/api/customers/${ines}/timeline`)).json().items as { action?: string; summary?: string }[];
    const summaries = timeline.filter((i) => i.action === 'consent.changed').map((i) => i.summary);
    expect(summaries).toContain('Consent changed: email marketing withdrawn');
    expect(summaries).toContain('Consent changed: sms service granted');

    // Sending the same choices again records nothing new.
    expect((await form(v.about, 'consent.email.marketing=no&consent.sms.service=yes')).statusCode).toBe(303);
    expect(await consentRows(ines)).toHaveLength(after.length);
  });

  it('refuses a bad value naming the field, and saves nothing of the form', async () => {
    const v = await visitLink(ines);
    const before = await consentRows(ines);
    const auditBefore = await ctx.deps.db.selectFrom('audit_log').select('id').where('subject_id', '=', ines).execute();
    for (const [body, field] of [
      ['consent.post.marketing=yes&consent.email.service=maybe', 'consent.email.service'],
      ['consent.post.marketing=yes&consent.fax.marketing=yes', 'consent.fax.marketing'],
      ['consent.post.marketing=yes&consent.email.spam=yes', 'consent.email.spam'],
      ['consent.post.marketing=yes&granted=yes', 'granted'],
    ] as const) {
      const res = await form(v.about, body);
      expect(res.statusCode, body).toBe(400);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('role="alert"');
      expect(res.body).toContain(field);
      expect(res.body).toContain('Nothing was saved.');
    }
    expect(await consentRows(ines)).toHaveLength(before.length);
    expect(await ctx.deps.db.selectFrom('audit_log').select('id').where('subject_id', '=', ines).execute()).toHaveLength(
      auditBefore.length,
    );
  });
});

describe('links that do not open it', () => {
  const expectProblem = async (path: string, status: number, text: string) => {
    const page = await get(path);
    expect(page.statusCode, path).toBe(status);
    expect(page.body).toContain(text);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'none'");
    const sent = await form(path, 'consent.email.marketing=yes');
    expect(sent.statusCode, path).toBe(status);
    return page.body;
  };

  it('a visit with nobody known: the same 404 page, no data', async () => {
    const v = await visitLink(null);
    const body = await expectProblem(v.about, 404, 'This link does not work');
    expect(body).not.toContain('Riverside');
  });

  it('tampered, guessed or another retailer’s: 404, nothing changes', async () => {
    const v = await visitLink(ines);
    const before = await consentRows(ines);
    const tampered = v.path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const paths = [
      `${tampered}/about`,
      `/f/bloom-and-stem/${'a'.repeat(43)}/about`,
      v.about.replace('/bloom-and-stem/', '/hearth-and-hue/'),
    ];
    for (const path of paths) {
      const body = await expectProblem(path, 404, 'This link does not work');
      expect(body).not.toContain('Marchetti');
    }
    expect(await consentRows(ines)).toHaveLength(before.length);
  });

  it('expired: the 410 page, nothing changes', async () => {
    const v = await visitLink(ines);
    const before = await consentRows(ines);
    await ctx.deps.db
      .updateTable('feedback_requests')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', v.requestId)
      .execute();
    const body = await expectProblem(v.about, 410, 'This link has expired');
    expect(body).not.toContain('Marchetti');
    expect(await consentRows(ines)).toHaveLength(before.length);
  });

  it('an erased customer’s: 404, no data', async () => {
    const gone = await customer({ firstName: 'Forget', lastName: 'Me', phones: [{ label: 'mobile', number: '07700 900999' }] });
    const v = await visitLink(gone);
    expect((await get(v.about)).statusCode).toBe(200);
    const manager = await signIn(ctx.app, 'manager@bloom.example');
    const erased = await ctx.app.inject({ method: 'POST', url: `/api/customers/${gone}/erase`, headers: { cookie: manager } });
    expect(erased.statusCode, erased.body).toBe(204);
    const body = await expectProblem(v.about, 404, 'This link does not work');
    expect(body).not.toContain('900999');
    expect(await consentRows(gone)).toEqual([]);
  });
});
