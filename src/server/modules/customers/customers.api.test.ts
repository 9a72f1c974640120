import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { buildRetailer, buildStaff, buildStore } from '../../demo/factories.ts';
import { upsertTerms } from '../vocabulary/vocabulary.repo.ts';

const ctx = setupTestApp();

let riverside: string;
let oldTown: string;
let owner: string;
let associate: string;
let colleague: string;
let oldTownAssociate: string;
let ambassador: string;
let otherRetailerOwner: string;

const post = (cookie: string, url: string, payload: object) => ctx.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const get = (cookie: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });
const search = async (cookie: string, q: string) =>
  (await get(cookie, `/api/customers?q=${encodeURIComponent(q)}`)).json().items as {
    id: string;
    match: string;
    displayName: string;
    context: string;
  }[];

let okafor: string;
let clientSeq = 0;
const cid = () => `client-${Date.now()}-${++clientSeq}`;

beforeAll(async () => {
  const r = await buildRetailer(ctx.deps.db, { country: 'GB' });
  riverside = (await buildStore(ctx.deps.db, { retailerId: r.id, name: 'Riverside' })).id;
  oldTown = (await buildStore(ctx.deps.db, { retailerId: r.id, name: 'Old Town' })).id;
  const base = { retailerId: r.id, storeIds: [riverside] };
  owner = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { ...base, role: 'owner' })).email);
  associate = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { ...base, name: 'Priya' })).email);
  colleague = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { ...base, name: 'Sam' })).email);
  oldTownAssociate = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { retailerId: r.id, storeIds: [oldTown] })).email);
  ambassador = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { ...base, role: 'ambassador' })).email);
  otherRetailerOwner = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { role: 'owner' })).email);
  await upsertTerms(ctx.deps.db, r.id, [
    { kind: 'colour', key: 'sage', label: 'Sage', family: 'green', hex: '#9caf88' },
    { kind: 'colour', key: 'cream', label: 'Cream', family: 'cream', hex: '#f3ead3' },
    { kind: 'colour', key: 'blush', label: 'Blush', family: 'pink', hex: '#e8b4b8' },
    { kind: 'room', key: 'living-room', label: 'Living room' },
    { kind: 'room', key: 'bedroom', label: 'Bedroom' },
    { kind: 'style', key: 'classic', label: 'Classic' },
  ]);
  const res = await post(associate, '/api/customers', {
    title: 'Mrs',
    firstName: 'Adaeze',
    lastName: 'Okafor',
    phones: [{ label: 'home', number: '020 7946 0958' }],
    emails: [{ label: 'personal', address: 'adaeze.okafor@example.com' }],
    homeStoreId: riverside,
    dates: [{ kind: 'anniversary', month: 12, day: 31, remind: true }],
  });
  expect(res.statusCode).toBe(201);
  okafor = res.json().id;
  for (const [firstName, lastName, number] of [
    ['Okoro', 'Chidi', '07700 900123'],
    ['Oksana', 'Kovalenko', '+44 7700 900456'],
    ['Katherine', 'Wójcik', '07700 900417'],
    ['Kate', 'Wojcik', '+44 7700 900417'],
  ] as const) {
    expect(
      (await post(associate, '/api/customers', { firstName, lastName, phones: [{ label: 'mobile', number }], homeStoreId: riverside }))
        .statusCode,
    ).toBe(201);
  }
  await post(oldTownAssociate, '/api/customers', { firstName: 'Olu', lastName: 'Okafor', homeStoreId: oldTown });
});

describe('customer profiles', () => {
  it('creates a profile, addresses her as Mrs Okafor, and returns the version as ETag', async () => {
    const res = await get(associate, `/api/customers/${okafor}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({
      displayName: 'Mrs Okafor',
      fullName: 'Adaeze Okafor',
      initials: 'AO',
      phones: [{ label: 'home', number: '020 7946 0958' }],
      figures: { visits: 0, spend: 0, averageBasket: null },
      version: 1,
    });
  });

  it('audit-logs every view of a profile', async () => {
    await get(associate, `/api/customers/${okafor}`);
    const audit = await get(owner, `/api/audit?subjectType=customer&subjectId=${okafor}`);
    expect(audit.json().items.filter((e: { action: string }) => e.action === 'customer.viewed').length).toBeGreaterThanOrEqual(2);
  });

  it('validates input, naming each field', async () => {
    const res = await post(associate, '/api/customers', {
      firstName: '',
      emails: [{ label: 'x', address: 'not an email' }],
      dates: [{ kind: 'birthday', month: 13, day: 1, remind: true }],
      shoeSize: 9,
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['firstName', 'emails.0.address', 'dates.0.month', 'shoeSize']));
    const feb30 = await post(associate, '/api/customers', {
      firstName: 'X',
      dates: [{ kind: 'birthday', month: 2, day: 30, remind: false }],
    });
    expect(feb30.statusCode).toBe(400);
    expect(feb30.json().error.fields[0].field).toBe('dates.0.day');
  });

  it('stores script tags as plain text', async () => {
    const res = await post(associate, '/api/customers', { firstName: '<script>alert(1)</script>', lastName: 'Tester' });
    expect(res.statusCode).toBe(201);
    expect(res.json().firstName).toBe('<script>alert(1)</script>');
  });

  it('keeps customers to their stores and to staff who may see them (403, 404, 401)', async () => {
    expect((await get(ambassador, `/api/customers/${okafor}`)).statusCode).toBe(403);
    expect((await get(oldTownAssociate, `/api/customers/${okafor}`)).statusCode).toBe(404);
    expect((await get(otherRetailerOwner, `/api/customers/${okafor}`)).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/customers/${okafor}` })).statusCode).toBe(401);
    expect((await get(owner, `/api/customers/${okafor}`)).statusCode).toBe(200);
  });

  it('never loses a concurrent edit: If-Match is required, and a stale version gets 409 with the current profile', async () => {
    const patch = (cookie: string, version: string | undefined, payload: object) =>
      ctx.app.inject({
        method: 'PATCH',
        url: `/api/customers/${okafor}`,
        headers: { cookie, ...(version ? { 'if-match': version } : {}) },
        payload,
      });
    expect((await patch(associate, undefined, { preferredName: 'Addy' })).statusCode).toBe(428);
    const first = await patch(associate, '"1"', { tags: ['vip'] });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const stale = await patch(colleague, '"1"', { preferredName: 'Ada' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    expect(stale.json().error.details.current).toMatchObject({ version: 2, tags: ['vip'], preferredName: null });
    const retried = await patch(colleague, '"2"', { preferredName: 'Ada' });
    expect(retried.json()).toMatchObject({ preferredName: 'Ada', displayName: 'Ada', tags: ['vip'], version: 3 });
    const back = await patch(colleague, '"3"', { preferredName: null });
    expect(back.json().displayName).toBe('Mrs Okafor');
  });
});

describe('lookup as you type', () => {
  it('finds Mrs Okafor by a name prefix, by her number in any formatting, by its last digits and by e-mail', async () => {
    for (const q of [
      'oka',
      'Oka',
      'ADAEZE',
      'adaeze oka',
      '0207 946 0958',
      '020 7946 0958',
      '+44 20 7946 0958',
      '0958',
      '946 0958',
      'adaeze.ok',
      'adaeze.okafor@example.com',
    ]) {
      const ids = (await search(associate, q)).map((r) => r.id);
      expect(ids, q).toContain(okafor);
    }
  });

  it('finds a name with one typo, ranked after exact and prefix matches', async () => {
    const typo = await search(associate, 'okafur');
    expect(typo[0]).toMatchObject({ id: okafor, match: 'typo' });
    const results = await search(associate, 'oko');
    expect(results.map((r) => r.displayName)).toContain('Okoro Chidi');
    expect(results.find((r) => r.id === okafor)).toBeUndefined();
    const ranked = await search(associate, 'okafor');
    expect(ranked[0]).toMatchObject({ id: okafor, match: 'exact' });
  });

  it('is accent- and case-insensitive and shows a line of context', async () => {
    const [kath] = await search(associate, 'wojcik katherine');
    expect(kath).toMatchObject({ displayName: 'Katherine Wójcik' });
    expect(kath?.context).toContain('Riverside');
    expect((await search(associate, 'wójcik')).length).toBe(2);
  });

  it('shows only customers the person may see, and nothing for an empty query', async () => {
    const mine = (await search(associate, 'okafor')).map((r) => r.displayName);
    expect(mine).toEqual(['Mrs Okafor']);
    const theirs = (await search(oldTownAssociate, 'okafor')).map((r) => r.displayName);
    expect(theirs).toEqual(['Olu Okafor']);
    expect(await search(associate, '   ')).toEqual([]);
    expect((await get(ambassador, '/api/customers?q=oka')).statusCode).toBe(403);
    expect(await search(otherRetailerOwner, 'okafor')).toEqual([]);
  });
});

describe('notes', () => {
  it('saves a note once however often it is sent, and shows it on the timeline', async () => {
    const clientId = cid();
    const payload = { clientId, body: 'Has a cat (Biscuit): no lilies, ever.' };
    const first = await post(associate, `/api/customers/${okafor}/notes`, payload);
    expect(first.statusCode).toBe(201);
    const again = await post(associate, `/api/customers/${okafor}/notes`, payload);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const timeline = await get(associate, `/api/customers/${okafor}/timeline`);
    const notes = timeline.json().items.filter((i: { type: string }) => i.type === 'note');
    expect(notes.filter((n: { note: { clientId: string } }) => n.note.clientId === clientId)).toHaveLength(1);
    expect(notes[0].note).toMatchObject({ body: 'Has a cat (Biscuit): no lilies, ever.', canEdit: true, author: { name: 'Priya' } });
  });

  it('warns before saving a note that looks sensitive, and records the warning when saved anyway', async () => {
    const body = 'Paid with 4111 1111 1111 1111; mother in hospital';
    const warned = await post(associate, `/api/customers/${okafor}/notes`, { clientId: cid(), body });
    expect(warned.statusCode).toBe(422);
    expect(warned.json().error.details.findings.map((f: { kind: string }) => f.kind)).toEqual(['card-number', 'health']);
    expect(JSON.stringify(warned.json())).not.toContain('4111 1111 1111 1111');
    const saved = await post(associate, `/api/customers/${okafor}/notes`, { clientId: cid(), body, acknowledgeSensitive: true });
    expect(saved.statusCode).toBe(201);
    expect(saved.json().sensitive).toBe(true);
    const audit = await get(owner, `/api/audit?subjectType=customer&subjectId=${okafor}`);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toContain('note.added_despite_warning');
  });

  it('lets only the author reword a note, keeping the earlier wording', async () => {
    const note = (await post(associate, `/api/customers/${okafor}/notes`, { clientId: cid(), body: 'Likes tulipss' })).json();
    const url = `/api/customers/${okafor}/notes/${note.id}`;
    const byColleague = await ctx.app.inject({ method: 'PATCH', url, headers: { cookie: colleague }, payload: { body: 'x' } });
    expect(byColleague.statusCode).toBe(403);
    const fixed = await ctx.app.inject({ method: 'PATCH', url, headers: { cookie: associate }, payload: { body: 'Likes tulips' } });
    expect(fixed.json()).toMatchObject({ body: 'Likes tulips', canEdit: true });
    expect(fixed.json().editedAt).not.toBeNull();
    const revisions = await ctx.deps.db.selectFrom('customer_note_revisions').select('body').where('note_id', '=', note.id).execute();
    expect(revisions.map((r) => r.body)).toEqual(['Likes tulipss']);
  });

  it('pages the timeline newest first', async () => {
    const first = await get(associate, `/api/customers/${okafor}/timeline?limit=2`);
    expect(first.json().items).toHaveLength(2);
    const next = await get(associate, `/api/customers/${okafor}/timeline?limit=2&cursor=${encodeURIComponent(first.json().nextCursor)}`);
    expect(next.json().items).toHaveLength(2);
    const a = first.json().items.at(-1).at;
    expect(next.json().items[0].at <= a).toBe(true);
    expect(next.json().items[0].id).not.toBe(first.json().items.at(-1).id);
  });
});

describe('preferences and consent', () => {
  it('records a bedroom in two colours, with who recorded it, once per clientId', async () => {
    const clientId = cid();
    const payload = { clientId, key: 'room', value: { room: 'bedroom', colours: ['sage', 'blush'], light: 'low' } };
    const res = await post(associate, `/api/customers/${okafor}/preferences`, payload);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      key: 'room',
      value: { room: 'bedroom', colours: ['sage', 'blush'] },
      recordedBy: { name: 'Priya' },
    });
    expect((await post(associate, `/api/customers/${okafor}/preferences`, payload)).json().id).toBe(res.json().id);
    const profile = (await get(associate, `/api/customers/${okafor}`)).json();
    expect(profile.preferences.filter((p: { key: string }) => p.key === 'room')).toHaveLength(1);
  });

  it('links a preference to a visit of the retailer’s only, naming encounterId otherwise', async () => {
    const visit = await post(associate, '/api/encounters', { clientId: cid(), storeId: riverside, customerId: okafor });
    expect(visit.statusCode, visit.body).toBe(201);
    const other = (await get(otherRetailerOwner, '/api/me')).json();
    const theirStore = await buildStore(ctx.deps.db, { retailerId: other.retailer.id, name: 'Elsewhere' });
    const theirVisit = await post(otherRetailerOwner, '/api/encounters', { clientId: cid(), storeId: theirStore.id });
    expect(theirVisit.statusCode, theirVisit.body).toBe(201);
    const prefer = (encounterId: string) =>
      post(associate, `/api/customers/${okafor}/preferences`, {
        clientId: cid(),
        key: 'room',
        value: { room: 'bedroom', colours: ['sage'], light: 'low' },
        encounterId,
      });
    for (const encounterId of [theirVisit.json().id, 'enc_nothing_here']) {
      const refused = await prefer(encounterId);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields).toEqual([expect.objectContaining({ field: 'encounterId' })]);
    }
    const linked = await prefer(visit.json().id);
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json()).toMatchObject({ key: 'room', encounterId: visit.json().id });
  });

  it('refuses colours that are not in the vocabulary, bad shapes and unknown keys', async () => {
    const notVocab = await post(associate, `/api/customers/${okafor}/preferences`, {
      clientId: cid(),
      key: 'colour-liked',
      value: { colour: 'greenish' },
    });
    expect(notVocab.statusCode).toBe(400);
    expect(notVocab.json().error.fields[0]).toMatchObject({ field: 'value.colour' });
    const badShape = await post(associate, `/api/customers/${okafor}/preferences`, {
      clientId: cid(),
      key: 'room',
      value: { room: 'bedroom', light: 'blinding' },
    });
    expect(badShape.statusCode).toBe(400);
    expect(badShape.json().error.fields.map((f: { field: string }) => f.field)).toContain('value.light');
    const unknown = await post(associate, `/api/customers/${okafor}/preferences`, {
      clientId: cid(),
      key: 'star-sign',
      value: { value: 'leo' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].field).toBe('key');
  });

  it('accepts a retailer’s own preference key without a migration, and removes preferences into history', async () => {
    const retailerId = (await get(owner, '/api/me')).json().retailer.id;
    await ctx.deps.db
      .insertInto('preference_keys')
      .values({ retailer_id: retailerId, key: 'vase-count', label: 'Vases at home', value_type: 'number' })
      .execute();
    const ok = await post(associate, `/api/customers/${okafor}/preferences`, { clientId: cid(), key: 'vase-count', value: { value: 4 } });
    expect(ok.statusCode).toBe(201);
    const wrongType = await post(associate, `/api/customers/${okafor}/preferences`, {
      clientId: cid(),
      key: 'vase-count',
      value: { value: 'four' },
    });
    expect(wrongType.statusCode).toBe(400);
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/customers/${okafor}/preferences/${ok.json().id}`,
      headers: { cookie: associate },
    });
    expect(del.statusCode).toBe(204);
    const profile = (await get(associate, `/api/customers/${okafor}`)).json();
    expect(profile.preferences.map((p: { key: string }) => p.key)).not.toContain('vase-count');
  });

  it('keeps consent per channel and purpose with source, time and who captured it', async () => {
    const url = `/api/customers/${okafor}/consents`;
    expect((await post(associate, url, { channel: 'email', purpose: 'marketing', granted: true, source: 'in store' })).statusCode).toBe(
      200,
    );
    const res = await post(associate, url, { channel: 'email', purpose: 'marketing', granted: false, source: 'e-mail reply' });
    expect(res.json().items).toEqual([
      expect.objectContaining({
        channel: 'email',
        purpose: 'marketing',
        granted: false,
        source: 'e-mail reply',
        capturedBy: expect.objectContaining({ name: 'Priya' }),
      }),
    ]);
    expect((await post(associate, url, { channel: 'fax', purpose: 'marketing', granted: true, source: 'x' })).statusCode).toBe(400);
    const history = await ctx.deps.db.selectFrom('customer_consents').select('granted').where('customer_id', '=', okafor).execute();
    expect(history).toHaveLength(2);
  });
});

describe('vocabulary', () => {
  it('is read by staff and edited by the owner only', async () => {
    const list = await get(associate, '/api/vocabulary');
    expect(list.json().items.find((t: { key: string }) => t.key === 'sage')).toMatchObject({
      kind: 'colour',
      family: 'green',
      hex: '#9caf88',
    });
    const put = (cookie: string, url: string, payload: object) => ctx.app.inject({ method: 'PUT', url, headers: { cookie }, payload });
    expect((await put(associate, '/api/vocabulary/colour/dusty-rose', { label: 'Dusty rose' })).statusCode).toBe(403);
    const ok = await put(owner, '/api/vocabulary/colour/dusty-rose', { label: 'Dusty rose', family: 'pink', hex: '#D4A5A5' });
    expect(ok.json()).toMatchObject({ key: 'dusty-rose', hex: '#d4a5a5', archived: false });
    expect((await put(owner, '/api/vocabulary/colour/Not%20A%20Key', { label: 'x' })).statusCode).toBe(400);
    expect((await put(owner, '/api/vocabulary/room/hall', { label: 'Hall', hex: '#000000' })).statusCode).toBe(400);
  });
});

describe('export and erase', () => {
  it('exports everything held about a customer for managers and owners only, and logs it', async () => {
    expect((await get(associate, `/api/customers/${okafor}/export`)).statusCode).toBe(403);
    const res = await get(owner, `/api/customers/${okafor}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.json();
    expect(data.profile).toMatchObject({ first_name: 'Adaeze', last_name: 'Okafor' });
    expect(data.notes.length).toBeGreaterThan(0);
    expect(data.preferences.length).toBeGreaterThan(0);
    expect(data.consents.length).toBeGreaterThan(0);
    expect(JSON.stringify(data)).not.toContain('retailer_id');
    const audit = await get(owner, `/api/audit?subjectType=customer&subjectId=${okafor}`);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toContain('customer.exported');
  });

  it('erases personal data, keeps an anonymous record, and the customer can no longer be found', async () => {
    const created = (
      await post(associate, '/api/customers', {
        firstName: 'Forget',
        lastName: 'Me',
        phones: [{ label: 'm', number: '07700 900999' }],
        homeStoreId: riverside,
      })
    ).json();
    await post(associate, `/api/customers/${created.id}/notes`, { clientId: cid(), body: 'Likes peonies' });
    expect((await post(associate, `/api/customers/${created.id}/erase`, {})).statusCode).toBe(403);
    expect((await post(owner, `/api/customers/${created.id}/erase`, {})).statusCode).toBe(204);
    const profile = (await get(owner, `/api/customers/${created.id}`)).json();
    expect(profile).toMatchObject({ firstName: 'Erased customer', lastName: null, phones: [], preferences: [], consents: [] });
    expect(profile.erasedAt).not.toBeNull();
    expect(await search(owner, 'forget')).toEqual([]);
    expect(await search(owner, '0999')).toEqual([]);
    const notes = await ctx.deps.db.selectFrom('customer_notes').select('id').where('customer_id', '=', created.id).execute();
    expect(notes).toEqual([]);
    const audit = await get(owner, `/api/audit?subjectType=customer&subjectId=${created.id}`);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toContain('customer.erased');
  });
});
