import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { buildRetailer, buildStaff, buildStore } from '../../demo/factories.ts';

const ctx = setupTestApp();

let manager: string;
let associate: string;
let otherRetailerOwner: string;
let seq = 0;
const cid = () => `merge-client-${++seq}-${Date.now()}`;

const inject = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  cookie: string,
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) => ctx.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload ? { payload } : {}) });

async function customer(body: object): Promise<{ id: string; version: number }> {
  const res = await inject('POST', associate, '/api/customers', body);
  expect(res.statusCode).toBe(201);
  return res.json();
}

const profile = async (id: string) => (await inject('GET', manager, `/api/customers/${id}`)).json();

beforeAll(async () => {
  const r = await buildRetailer(ctx.deps.db, { country: 'GB' });
  const store = (await buildStore(ctx.deps.db, { retailerId: r.id, name: 'Riverside' })).id;
  const base = { retailerId: r.id, storeIds: [store] };
  manager = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { ...base, role: 'manager', name: 'Maya' })).email);
  associate = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { ...base, name: 'Priya' })).email);
  otherRetailerOwner = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { role: 'owner' })).email);
});

describe('saved items', () => {
  it('saves a wishlist entry once per clientId, lists it on the profile, and removes it', async () => {
    const c = await customer({ firstName: 'Iris', lastName: 'Bell' });
    const clientId = cid();
    const first = await inject('POST', associate, `/api/customers/${c.id}/saved-items`, {
      clientId,
      title: 'Peony bouquet, large',
      note: 'For June',
    });
    expect(first.statusCode).toBe(201);
    const again = await inject('POST', associate, `/api/customers/${c.id}/saved-items`, {
      clientId,
      title: 'Peony bouquet, large',
      note: 'For June',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const p = await profile(c.id);
    expect(p.savedItems).toEqual([
      expect.objectContaining({ title: 'Peony bouquet, large', note: 'For June', addedBy: expect.objectContaining({ name: 'Priya' }) }),
    ]);
    expect((await inject('POST', associate, `/api/customers/${c.id}/saved-items`, { clientId: cid(), title: '' })).statusCode).toBe(400);
    expect(
      (await inject('POST', otherRetailerOwner, `/api/customers/${c.id}/saved-items`, { clientId: cid(), title: 'x' })).statusCode,
    ).toBe(404);
    expect(
      (await ctx.app.inject({ method: 'POST', url: `/api/customers/${c.id}/saved-items`, payload: { clientId: cid(), title: 'x' } }))
        .statusCode,
    ).toBe(401);
    expect((await inject('DELETE', associate, `/api/customers/${c.id}/saved-items/${first.json().id}`)).statusCode).toBe(204);
    expect((await inject('DELETE', associate, `/api/customers/${c.id}/saved-items/${first.json().id}`)).statusCode).toBe(404);
    expect((await profile(c.id)).savedItems).toEqual([]);
  });
});

describe('duplicates', () => {
  let kate: { id: string; version: number };
  let katherine: { id: string; version: number };
  let suffixTwin: { id: string; version: number };
  let stranger: { id: string; version: number };

  beforeAll(async () => {
    katherine = await customer({
      title: 'Ms',
      firstName: 'Katherine',
      lastName: 'Wójcik',
      preferredName: 'Kate',
      phones: [{ label: 'mobile', number: '07700 900417' }],
      emails: [{ label: 'personal', address: 'kate.wojcik@example.com' }],
    });
    kate = await customer({ firstName: 'Kate', lastName: 'Wojcik', phones: [{ label: 'mobile', number: '+44 7700 900417' }] });
    // The same mobile typed with a wrong leading digit, and a similar name.
    suffixTwin = await customer({ firstName: 'Tomasz', lastName: 'Nowak', phones: [{ label: 'mobile', number: '07812 345678' }] });
    await customer({ firstName: 'Tomas', lastName: 'Nowak', phones: [{ label: 'mobile', number: '07912 345678' }] });
    // Same phone ending, different person: not a duplicate.
    stranger = await customer({ firstName: 'Ruth', lastName: 'Abara', phones: [{ label: 'mobile', number: '07612 345678' }] });
  });

  it('finds profiles of the same person by phone, e-mail, or similar name and phone ending', async () => {
    const res = await inject('GET', associate, `/api/customers/${katherine.id}/duplicates`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      {
        customer: expect.objectContaining({ id: kate.id, fullName: 'Kate Wojcik' }),
        reasons: [{ kind: 'same-phone', text: expect.stringContaining('07700 900417') }],
      },
    ]);
    const twins = (await inject('GET', associate, `/api/customers/${suffixTwin.id}/duplicates`)).json().items;
    expect(twins).toHaveLength(1);
    expect(twins[0].reasons[0].kind).toBe('similar-name-phone-suffix');
    expect((await inject('GET', associate, `/api/customers/${stranger.id}/duplicates`)).json().items).toEqual([]);
  });

  it('lists pairs across the book for managers only, each pair once, in pages', async () => {
    expect((await inject('GET', associate, '/api/customer-duplicates')).statusCode).toBe(403);
    const res = await inject('GET', manager, '/api/customer-duplicates?limit=1');
    expect(res.statusCode).toBe(200);
    const pairs = [...res.json().items];
    let cursor = res.json().nextCursor;
    while (cursor) {
      const next = (await inject('GET', manager, `/api/customer-duplicates?limit=1&cursor=${encodeURIComponent(cursor)}`)).json();
      pairs.push(...next.items);
      cursor = next.nextCursor;
    }
    const names = pairs.map((p) => [p.a.fullName, p.b.fullName].sort().join(' + ')).sort();
    expect(names).toEqual(['Kate Wojcik + Katherine Wójcik', 'Tomas Nowak + Tomasz Nowak']);
    expect((await inject('GET', otherRetailerOwner, '/api/customer-duplicates')).json().items).toEqual([]);
  });

  it('stops suggesting a pair a manager dismissed', async () => {
    const twinPair = (await inject('GET', associate, `/api/customers/${suffixTwin.id}/duplicates`)).json().items[0].customer.id;
    expect(
      (await inject('POST', associate, '/api/customer-duplicates/dismiss', { customerIds: [suffixTwin.id, twinPair] })).statusCode,
    ).toBe(403);
    expect(
      (await inject('POST', manager, '/api/customer-duplicates/dismiss', { customerIds: [suffixTwin.id, suffixTwin.id] })).statusCode,
    ).toBe(400);
    expect((await inject('POST', manager, '/api/customer-duplicates/dismiss', { customerIds: [suffixTwin.id, twinPair] })).statusCode).toBe(
      204,
    );
    expect((await inject('GET', associate, `/api/customers/${suffixTwin.id}/duplicates`)).json().items).toEqual([]);
  });
});

describe('merge and unmerge', () => {
  it('merges field by field, moves everything the customer told us, and undoes it keeping later edits', async () => {
    const survivor = await customer({
      title: 'Ms',
      firstName: 'Katherine',
      lastName: 'Wójcik',
      preferredName: 'Kate',
      phones: [{ label: 'mobile', number: '07700 900999' }],
      emails: [{ label: 'personal', address: 'kathy@example.com' }],
      tags: ['newsletter'],
    });
    const other = await customer({
      firstName: 'Kath',
      lastName: 'Wojcik',
      phones: [
        { label: 'home', number: '020 7946 0111' },
        { label: 'mobile', number: '+44 7700 900999' },
      ],
      address: { line1: '3 Foxglove Mews', city: 'London', postcode: 'E8 2RX', country: 'GB' },
      tags: ['weddings'],
    });
    const note = await inject('POST', associate, `/api/customers/${other.id}/notes`, {
      clientId: cid(),
      body: 'Sends peonies to her mother.',
    });
    expect(note.statusCode).toBe(201);
    expect(
      (await inject('POST', associate, `/api/customers/${other.id}/saved-items`, { clientId: cid(), title: 'Silk peonies' })).statusCode,
    ).toBe(201);
    expect(
      (
        await inject('POST', associate, `/api/customers/${other.id}/consents`, {
          channel: 'email',
          purpose: 'marketing',
          granted: true,
          source: 'in store',
        })
      ).statusCode,
    ).toBe(200);
    await ctx.deps.db.updateTable('customers').set({ visits: 2, purchases: 2, spend: 80 }).where('id', '=', other.id).execute();
    await ctx.deps.db.updateTable('customers').set({ visits: 3, purchases: 1, spend: 20 }).where('id', '=', survivor.id).execute();

    const body = { otherId: other.id, survivorVersion: 1, otherVersion: 1, take: { firstName: 'other' } };
    expect((await inject('POST', associate, `/api/customers/${survivor.id}/merge`, body)).statusCode).toBe(403);
    expect((await inject('POST', manager, `/api/customers/${survivor.id}/merge`, { ...body, otherId: survivor.id })).statusCode).toBe(400);
    expect((await inject('POST', manager, `/api/customers/${survivor.id}/merge`, { ...body, otherVersion: 7 })).statusCode).toBe(409);
    expect((await inject('POST', otherRetailerOwner, `/api/customers/${survivor.id}/merge`, body)).statusCode).toBe(404);

    const res = await inject('POST', manager, `/api/customers/${survivor.id}/merge`, body);
    expect(res.statusCode).toBe(200);
    const merged = res.json().customer;
    expect(merged).toMatchObject({
      firstName: 'Kath',
      lastName: 'Wójcik',
      preferredName: 'Kate',
      title: 'Ms',
      address: { line1: '3 Foxglove Mews' },
      tags: ['newsletter', 'weddings'],
      figures: { visits: 5, purchases: 3, spend: 100 },
      version: 2,
      mergedIntoId: null,
    });
    // The same mobile in two formats is one phone.
    expect(merged.phones.map((p: { number: string }) => p.number)).toEqual(['07700 900999', '020 7946 0111']);
    expect(merged.savedItems.map((i: { title: string }) => i.title)).toEqual(['Silk peonies']);
    expect(merged.consents).toEqual([expect.objectContaining({ channel: 'email', purpose: 'marketing', granted: true })]);
    const timeline = (await inject('GET', manager, `/api/customers/${survivor.id}/timeline`)).json().items;
    expect(timeline.some((i: { note?: { body: string } }) => i.note?.body === 'Sends peonies to her mother.')).toBe(true);
    expect(res.json().merge).toMatchObject({
      survivorId: survivor.id,
      mergedId: other.id,
      mergedName: 'Kath Wojcik',
      mergedBy: { name: 'Maya' },
    });

    // The merged profile is read-only and no longer found; the survivor is found by its phone.
    const gone = await profile(other.id);
    expect(gone.mergedIntoId).toBe(survivor.id);
    expect(
      (await inject('PATCH', manager, `/api/customers/${other.id}`, { firstName: 'X' }, { 'if-match': String(gone.version) })).statusCode,
    ).toBe(409);
    const found = (await inject('GET', associate, '/api/customers?q=0111')).json().items.map((i: { id: string }) => i.id);
    expect(found).toEqual([survivor.id]);
    expect(
      (await inject('POST', manager, `/api/customers/${survivor.id}/merge`, { ...body, survivorVersion: 2, otherVersion: gone.version }))
        .statusCode,
    ).toBe(409);

    // Later edits: a new e-mail and a changed preferred name stay after the unmerge.
    const edit = await inject(
      'PATCH',
      manager,
      `/api/customers/${survivor.id}`,
      { preferredName: 'Kasia', emails: [...merged.emails, { label: 'work', address: 'k.wojcik@studio.example' }] },
      { 'if-match': '2' },
    );
    expect(edit.statusCode).toBe(200);
    const laterNote = await inject('POST', associate, `/api/customers/${survivor.id}/notes`, {
      clientId: cid(),
      body: 'Came in after the merge.',
    });

    const merges = (await inject('GET', associate, `/api/customers/${survivor.id}/merges`)).json().items;
    expect(merges).toHaveLength(1);
    expect(Date.parse(merges[0].undoableUntil) - Date.parse(merges[0].mergedAt)).toBe(30 * 86_400_000);
    expect((await inject('POST', associate, `/api/customer-merges/${merges[0].id}/unmerge`)).statusCode).toBe(403);
    const undo = await inject('POST', manager, `/api/customer-merges/${merges[0].id}/unmerge`);
    expect(undo.statusCode).toBe(200);
    const { survivor: back, restored } = undo.json();
    expect(back).toMatchObject({
      firstName: 'Katherine',
      preferredName: 'Kasia',
      address: null,
      tags: ['newsletter'],
      figures: { visits: 3, purchases: 1, spend: 20 },
    });
    expect(back.phones.map((p: { number: string }) => p.number)).toEqual(['07700 900999']);
    expect(back.emails.map((e: { address: string }) => e.address)).toEqual(['kathy@example.com', 'k.wojcik@studio.example']);
    expect(back.savedItems).toEqual([]);
    expect(restored).toMatchObject({
      firstName: 'Kath',
      mergedIntoId: null,
      savedItems: [expect.objectContaining({ title: 'Silk peonies' })],
    });
    const restoredNotes = (await inject('GET', manager, `/api/customers/${other.id}/timeline`)).json().items;
    expect(restoredNotes.some((i: { note?: { body: string } }) => i.note?.body === 'Sends peonies to her mother.')).toBe(true);
    const survivorNotes = (await inject('GET', manager, `/api/customers/${survivor.id}/timeline`)).json().items;
    expect(survivorNotes.some((i: { note?: { id: string } }) => i.note?.id === laterNote.json().id)).toBe(true);
    expect((await inject('GET', associate, '/api/customers?q=0111')).json().items.map((i: { id: string }) => i.id)).toEqual([other.id]);
    expect((await inject('POST', manager, `/api/customer-merges/${merges[0].id}/unmerge`)).statusCode).toBe(409);
  });

  it('cannot undo a merge after 30 days', async () => {
    const a = await customer({ firstName: 'Ada', lastName: 'Lovell', phones: [{ label: 'mobile', number: '07700 900555' }] });
    const b = await customer({ firstName: 'Ada', lastName: 'Lovell', phones: [{ label: 'mobile', number: '07700 900555' }] });
    const res = await inject('POST', manager, `/api/customers/${a.id}/merge`, { otherId: b.id, survivorVersion: 1, otherVersion: 1 });
    expect(res.statusCode).toBe(200);
    await sql`update customer_merges set merged_at = now() - interval '31 days' where id = ${res.json().merge.id}`.execute(ctx.deps.db);
    const undo = await inject('POST', manager, `/api/customer-merges/${res.json().merge.id}/unmerge`);
    expect(undo.statusCode).toBe(409);
    expect(undo.json().error.message).toMatch(/30 days/);
  });
});
