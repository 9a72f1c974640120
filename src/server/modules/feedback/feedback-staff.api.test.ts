import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { type Answers, poorSigns } from '../../../shared/domain/feedback.ts';
import { newId } from '../../../shared/ids.ts';
import { buildRetailer, buildStaff, buildStore } from '../../demo/factories.ts';
import { getRoadmap } from '../encounters/encounters.service.ts';

/** The feed, the weekly figures and the settings of feedback, as staff see them. */
const ctx = setupTestApp();

const DAY = 86_400_000;
/** This week's Monday, 00:00 UTC: the answers below sit in the weeks before it, at midday. */
const thisMonday = (() => {
  const d = new Date();
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * DAY;
})();
const weekStart = (weeksAgo: number) => new Date(thisMonday - weeksAgo * 7 * DAY).toISOString().slice(0, 10);
/** Wednesday at midday UTC, some weeks ago: the same week in London, New York and UTC. */
const wednesday = (weeksAgo: number, minutes = 0) =>
  new Date(thisMonday - weeksAgo * 7 * DAY + 2 * DAY + 12 * 3_600_000 + minutes * 60_000);

let retailerId: string;
let north: string;
let south: string;
let far: string;
let otherStore: string;
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};
const visits: Record<string, { encounterId: string; responseId: string | null }> = {};
let grace: string;

interface Visit {
  retailer?: string;
  store: string;
  staff: string[];
  customer?: string | null;
  at: Date;
  outcome?: 'sale' | 'no-sale';
  answer?: {
    satisfaction?: number;
    expectations?: 'not-met' | 'met' | 'exceeded';
    listened?: boolean;
    feltRushed?: boolean;
    comment?: string;
    at?: Date;
  };
}

/** An answer as the customer's page keeps it: what was not given is no answer. */
const answered = (a: NonNullable<Visit['answer']>): Answers => ({
  satisfaction: a.satisfaction ?? null,
  expectations: a.expectations ?? null,
  listened: a.listened ?? null,
  feltRushed: a.feltRushed ?? null,
  inStock: null,
  comment: a.comment ?? null,
  mayContact: null,
});

async function watchWords(retailerId: string) {
  return (await ctx.deps.db.selectFrom('retailers').select('feedback_watch_words').where('id', '=', retailerId).executeTakeFirst())
    ?.feedback_watch_words;
}

/** A closed visit with its feedback request and, when answered, its response, written as the closing code writes them. */
async function visit(name: string, v: Visit) {
  const db = ctx.deps.db;
  const rid = v.retailer ?? retailerId;
  const roadmap = await getRoadmap(db, rid);
  const encounterId = newId('encounter');
  await db
    .insertInto('encounters')
    .values({
      retailer_id: rid,
      id: encounterId,
      client_id: `c-${encounterId}`,
      store_id: v.store,
      customer_id: v.customer ?? null,
      roadmap_id: roadmap.id,
      roadmap_version: roadmap.version,
      lead_staff_id: v.staff[0] ?? null,
      started_at: new Date(v.at.getTime() - 20 * 60_000),
      status: 'closed',
      closed_at: v.at,
      outcome: v.outcome ?? 'no-sale',
    })
    .execute();
  const requestId = `fbq_${name}_${encounterId.slice(-6)}`;
  await db
    .insertInto('feedback_requests')
    .values({
      retailer_id: rid,
      id: requestId,
      encounter_id: encounterId,
      store_id: v.store,
      customer_id: v.customer ?? null,
      staff_ids: v.staff,
      created_at: v.at,
      expires_at: new Date(v.at.getTime() + 14 * DAY),
    })
    .execute();
  let responseId: string | null = null;
  if (v.answer) {
    responseId = `fbr_${name}_${encounterId.slice(-6)}`;
    const at = v.answer.at ?? new Date(v.at.getTime() + 5 * 60_000);
    await db
      .insertInto('feedback_responses')
      .values({
        retailer_id: rid,
        id: responseId,
        kind: 'visit',
        request_id: requestId,
        encounter_id: encounterId,
        store_id: v.store,
        customer_id: v.customer ?? null,
        staff_ids: v.staff,
        satisfaction: v.answer.satisfaction ?? null,
        expectations: v.answer.expectations ?? null,
        listened: v.answer.listened ?? null,
        felt_rushed: v.answer.feltRushed ?? null,
        in_stock: null,
        comment: v.answer.comment ?? null,
        may_contact: null,
        // Flagged as saving an answer flags it: with the retailer's watch words of the moment.
        poor: poorSigns(answered(v.answer), (await watchWords(rid)) ?? []).length > 0,
        product_id: null,
        source: null,
        source_ref: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  visits[name] = { encounterId, responseId };
}

const get = (who: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie: cookies[who] as string } });
const put = (who: string, url: string, payload: object) =>
  ctx.app.inject({ method: 'PUT', url, headers: { cookie: cookies[who] as string }, payload });

type Item = {
  id: string;
  kind: string;
  comment: string | null;
  commentHidden: boolean;
  poor: boolean;
  customer: { id: string; name: string } | null;
  staff: { id: string; name: string; part: string }[];
  store: { id: string; name: string } | null;
  encounter: { id: string; startedAt: string; outcome: string | null } | null;
  followUp: { id: string; status: string; outcome: string | null } | null;
};
type Week = {
  weekStart: string;
  requests: number;
  responses: number;
  responseRate: number | null;
  averageSatisfaction: number | null;
  shareExceeded: number | null;
  shareFeltRushed: number | null;
};

async function feed(who: string, query = ''): Promise<Item[]> {
  const res = await get(who, `/api/feedback?limit=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}
const idOf = (name: string) => visits[name]?.responseId as string;
const names = (items: Item[]) => {
  const byId = new Map(Object.entries(visits).map(([n, v]) => [v.responseId, n]));
  return items.map((i) => byId.get(i.id) ?? i.id).sort();
};

async function weekly(who: string, query = ''): Promise<Week[]> {
  const res = await get(who, `/api/feedback/weekly?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().weeks;
}
const week = (weeks: Week[], start: string) => weeks.find((w) => w.weekStart === start);

beforeAll(async () => {
  const db = ctx.deps.db;
  retailerId = (await buildRetailer(db, { name: 'Petal & Pine' })).id;
  north = (await buildStore(db, { retailerId, name: 'North', timeZone: 'Europe/London' })).id;
  south = (await buildStore(db, { retailerId, name: 'South', timeZone: 'America/New_York' })).id;
  far = (await buildStore(db, { retailerId, name: 'Far', timeZone: 'Pacific/Auckland' })).id;
  const people = [
    ['owner', 'owner', [north, south, far]],
    ['mgrNorth', 'manager', [north]],
    ['mgrSouth', 'manager', [south]],
    ['ann', 'associate', [north]],
    ['bob', 'associate', [north]],
    ['amb', 'ambassador', [north]],
  ] as const;
  for (const [key, role, storeIds] of people) {
    const s = await buildStaff(db, { retailerId, role, storeIds: [...storeIds], name: key === 'ann' ? 'Ann Lee' : `Person ${key}` });
    ids[key] = s.id;
    cookies[key] = await signIn(ctx.app, s.email);
  }
  const other = await buildStore(db, { name: 'Elsewhere' });
  otherStore = other.id;
  const otherOwner = await buildStaff(db, { retailerId: other.retailerId, role: 'owner', storeIds: [other.id] });
  cookies.otherOwner = await signIn(ctx.app, otherOwner.email);

  grace = newId('customer');
  const customer = (id: string, rid: string, first: string, last: string) =>
    db
      .insertInto('customers')
      .values({ retailer_id: rid, id, first_name: first, last_name: last, phones: '[]', emails: '[]', household: '[]', dates: '[]' })
      .execute();
  await customer(grace, retailerId, 'Grace', 'Okafor');
  const otherCustomer = newId('customer');
  await customer(otherCustomer, other.retailerId, 'Olu', 'Other');

  await db
    .updateTable('retailers')
    .set({ feedback_watch_words: ['NIGHTMARE'] })
    .where('id', '=', retailerId)
    .execute();

  // Last week, North: five requests, four answered.
  await visit('v1', {
    store: north,
    staff: [ids.ann as string, ids.bob as string],
    customer: grace,
    at: wednesday(1),
    outcome: 'sale',
    answer: { satisfaction: 5, expectations: 'exceeded', feltRushed: false, listened: true, comment: 'Lovely help from Ann' },
  });
  await visit('v2', {
    store: north,
    staff: [ids.bob as string],
    at: wednesday(1, 10),
    answer: { satisfaction: 2, expectations: 'met', feltRushed: false, comment: 'ok' },
  });
  await visit('v3', { store: north, staff: [ids.ann as string], at: wednesday(1, 20) });
  await visit('v4', {
    store: north,
    staff: [ids.ann as string],
    at: wednesday(1, 30),
    answer: { satisfaction: 4, expectations: 'met', feltRushed: true },
  });
  await visit('v7', {
    store: north,
    staff: [ids.bob as string, ids.amb as string],
    customer: grace,
    at: wednesday(1, 40),
    answer: { satisfaction: 5, comment: 'Great flowers but the parking was a nightmare' },
  });
  // Two weeks ago, North: two requests, none answered.
  await visit('v5', { store: north, staff: [ids.bob as string], at: wednesday(2) });
  await visit('v6', { store: north, staff: [ids.bob as string], at: wednesday(2, 10) });
  // South, last week, nobody named; Far, on the Sunday two weeks ago (UTC), which is Monday in Auckland.
  const same = new Date(wednesday(1).getTime() + 3 * 3_600_000);
  await visit('v8', { store: south, staff: [], at: wednesday(1, 50), answer: { satisfaction: 3, at: same } });
  await visit('v9', {
    store: far,
    staff: [],
    at: new Date(thisMonday - 8 * DAY + 14 * 3_600_000),
    answer: { satisfaction: 4, expectations: 'exceeded', at: same },
  });
  // Another retailer's answer: never seen here.
  await visit('x1', {
    retailer: other.retailerId,
    store: other.id,
    staff: [otherOwner.id],
    customer: otherCustomer,
    at: wednesday(1),
    answer: { satisfaction: 1, comment: 'Elsewhere' },
  });
  // An imported review: in the feed, never in the figures.
  visits.imp = { encounterId: '', responseId: 'fbr_imported_1' };
  await db
    .insertInto('feedback_responses')
    .values({
      retailer_id: retailerId,
      id: 'fbr_imported_1',
      kind: 'imported',
      request_id: null,
      encounter_id: null,
      store_id: north,
      customer_id: null,
      satisfaction: 1,
      expectations: null,
      listened: null,
      felt_rushed: null,
      in_stock: null,
      comment: 'Fell apart',
      may_contact: null,
      poor: true,
      product_id: null,
      source: 'reviews.csv',
      source_ref: '17',
      created_at: wednesday(1, 5),
      updated_at: wednesday(1, 5),
    })
    .execute();
  await db
    .insertInto('follow_ups')
    .values({
      retailer_id: retailerId,
      id: newId('followUp'),
      client_id: 'fu-v2',
      store_id: north,
      encounter_id: visits.v2?.encounterId as string,
      customer_id: null,
      kind: 'feedback',
      channel: 'phone',
      title: 'Call back about a 2-star visit',
      assignee_id: ids.mgrNorth as string,
      due_at: null,
      variant_id: null,
      message_id: null,
      outcome: null,
      created_by: null,
      feedback_response_id: idOf('v2'),
    })
    .execute();
});

describe('the feedback feed', () => {
  it('needs a signed-in person and refuses bad filters by name', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/feedback' })).statusCode).toBe(401);
    const bad = await get('owner', '/api/feedback?poor=maybe');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('poor');
    const noStore = await get('owner', `/api/feedback?storeId=${otherStore}`);
    expect(noStore.statusCode).toBe(400);
    expect(noStore.json().error.fields).toEqual([{ field: 'storeId', message: 'There is no such store.' }]);
    const badDate = await get('owner', '/api/feedback?from=yesterday');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.fields[0].field).toBe('from');
    const noStaff = await get('owner', '/api/feedback?staffId=stf_nobody');
    expect(noStaff.json().error.fields[0].field).toBe('staffId');
  });

  it('shows the owner every store of the retailer, newest first, and nothing of another retailer', async () => {
    const items = await feed('owner');
    expect(names(items)).toEqual(['imp', 'v1', 'v2', 'v4', 'v7', 'v8', 'v9']);
    const ats = items.map((i) => (i as unknown as { at: string }).at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect(names(await feed('otherOwner'))).toEqual(['x1']);
  });

  it('shows a manager only the stores they work in, and refuses another store', async () => {
    expect(names(await feed('mgrNorth'))).toEqual(['imp', 'v1', 'v2', 'v4', 'v7']);
    expect(names(await feed('mgrSouth'))).toEqual(['v8']);
    expect((await get('mgrSouth', `/api/feedback?storeId=${north}`)).statusCode).toBe(403);
    expect(names(await feed('owner', `&storeId=${south}`))).toEqual(['v8']);
  });

  it('shows an associate only the answers about visits they served, led or assisted', async () => {
    expect(names(await feed('ann'))).toEqual(['v1', 'v4']);
    expect(names(await feed('bob'))).toEqual(['v1', 'v2', 'v7']);
    expect(names(await feed('mgrNorth', `&staffId=${ids.ann}`))).toEqual(['v1', 'v4']);
    // An associate filtering on a colleague still sees only what includes them.
    expect(names(await feed('ann', `&staffId=${ids.bob}`))).toEqual(['v1']);
  });

  it('links each answer to its visit, store, people, customer and follow-up', async () => {
    const items = await feed('mgrNorth');
    const v1 = items.find((i) => i.id === idOf('v1'));
    expect(v1).toMatchObject({
      kind: 'visit',
      satisfaction: 5,
      expectations: 'exceeded',
      listened: true,
      feltRushed: false,
      comment: 'Lovely help from Ann',
      commentHidden: false,
      poor: false,
      store: { id: north, name: 'North' },
      staff: [
        { id: ids.ann, name: 'Ann Lee', part: 'lead' },
        { id: ids.bob, part: 'assist' },
      ],
      encounter: { id: visits.v1?.encounterId, outcome: 'sale' },
      customer: { id: grace, name: 'Grace Okafor' },
      followUp: null,
    });
    expect(items.find((i) => i.id === idOf('v2'))?.followUp).toMatchObject({ status: 'open', outcome: null });
    const imported = items.find((i) => i.id === 'fbr_imported_1');
    expect(imported).toMatchObject({ kind: 'imported', encounter: null, staff: [], customer: null, comment: 'Fell apart' });
  });

  it('hides the words and the customer from an ambassador, but not that there were words', async () => {
    const items = await feed('amb');
    expect(names(items)).toEqual(['v7']);
    expect(items[0]).toMatchObject({ comment: null, commentHidden: true, customer: null, poor: true });
    expect(items[0]?.staff.map((s) => s.part)).toEqual(['lead', 'assist']);
  });

  it('flags poor answers: two stars or less, not met, rushed, or a watch word in any case', async () => {
    const poor = await feed('owner', '&poor=true');
    expect(names(poor)).toEqual(['v2', 'v4', 'v7']);
    expect(poor.every((i) => i.poor)).toBe(true);
    const fine = await feed('owner', '&poor=false');
    expect(names(fine)).toEqual(['imp', 'v1', 'v8', 'v9']);
    expect(fine.filter((i) => i.poor).map((i) => i.kind)).toEqual(['imported']);
  });

  it('leaves imported reviews out of the answers to follow up: no one can follow them up, though a poor rating is still shown', async () => {
    const imported = (await feed('owner')).find((i) => i.id === 'fbr_imported_1');
    expect(imported).toMatchObject({ kind: 'imported', poor: true, followUp: null });
    const toFollowUp = await feed('mgrNorth', '&poor=true');
    expect(toFollowUp.length).toBeGreaterThan(0);
    expect(toFollowUp.every((i) => i.kind === 'visit')).toBe(true);
  });

  it('filters by date, a bare date meaning the whole day', async () => {
    expect(names(await feed('mgrNorth', `&from=${weekStart(0)}`))).toEqual([]);
    expect(names(await feed('mgrNorth', `&from=${weekStart(1)}&to=${weekStart(0)}`))).toEqual(['imp', 'v1', 'v2', 'v4', 'v7']);
    expect(names(await feed('mgrNorth', `&to=${weekStart(1)}`))).toEqual([]);
  });

  it('pages through everything once, ties included', async () => {
    const all = await feed('owner');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get('owner', `/api/feedback?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: Item[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual(all.map((i) => i.id));
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('weekly figures', () => {
  it('counts a store’s visits week by week, imported reviews left out, every week listed', async () => {
    const weeks = await weekly('mgrNorth', `storeId=${north}`);
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)?.weekStart).toBe(weekStart(0));
    expect(week(weeks, weekStart(1))).toEqual({
      weekStart: weekStart(1),
      requests: 5,
      responses: 4,
      responseRate: 0.8,
      averageSatisfaction: 4,
      shareExceeded: 1 / 3,
      shareFeltRushed: 1 / 3,
    });
    expect(week(weeks, weekStart(2))).toEqual({
      weekStart: weekStart(2),
      requests: 2,
      responses: 0,
      responseRate: 0,
      averageSatisfaction: null,
      shareExceeded: null,
      shareFeltRushed: null,
    });
    expect(week(weeks, weekStart(3))).toMatchObject({ requests: 0, responses: 0, responseRate: null });
  });

  it('gives an associate only their own visits', async () => {
    const weeks = await weekly('ann', 'weeks=4');
    expect(weeks.map((w) => w.weekStart)).toEqual([weekStart(3), weekStart(2), weekStart(1), weekStart(0)]);
    expect(week(weeks, weekStart(1))).toMatchObject({ requests: 3, responses: 2, averageSatisfaction: 4.5, shareFeltRushed: 0.5 });
    expect(week(weeks, weekStart(2))).toMatchObject({ requests: 0, responses: 0 });
    const bobs = await weekly('mgrNorth', `staffId=${ids.bob}&weeks=4`);
    expect(week(bobs, weekStart(2))).toMatchObject({ requests: 2, responses: 0, responseRate: 0 });
    expect(week(bobs, weekStart(1))).toMatchObject({ requests: 3, responses: 3 });
  });

  it('starts weeks on Monday in the store’s time zone, in UTC across stores', async () => {
    const owner = await weekly('owner');
    expect(week(owner, weekStart(1))).toMatchObject({ requests: 6, responses: 5 });
    expect(week(owner, weekStart(2))).toMatchObject({ requests: 3, responses: 1 });
    // Sunday afternoon in UTC is already Monday morning in Auckland.
    const auckland = await weekly('owner', `storeId=${far}`);
    expect(auckland.filter((w) => w.requests > 0)).toEqual([
      {
        weekStart: weekStart(1),
        requests: 1,
        responses: 1,
        responseRate: 1,
        averageSatisfaction: 4,
        shareExceeded: 1,
        shareFeltRushed: null,
      },
    ]);
  });

  it('shows a manager nothing of a store they do not work in', async () => {
    const south = await weekly('mgrSouth');
    expect(south.reduce((n, w) => n + w.requests, 0)).toBe(1);
    expect((await get('mgrSouth', `/api/feedback/weekly?storeId=${north}`)).statusCode).toBe(403);
    expect((await get('owner', '/api/feedback/weekly?weeks=0')).statusCode).toBe(400);
    const other = await weekly('otherOwner');
    expect(other.reduce((n, w) => n + w.requests, 0)).toBe(1);
  });
});

describe('feedback settings', () => {
  const valid = {
    delayMinutes: 60,
    limitDays: 45,
    linkDays: 7,
    brandColour: '#AA3366',
    watchWords: [' Rude ', 'rude', 'RUDE', '', 'late'],
  };

  it('shows the settings to anyone who sees feedback', async () => {
    const res = await get('amb', '/api/feedback/settings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ delayMinutes: 120, limitDays: 30, linkDays: 14, brandColour: '#266845', watchWords: ['NIGHTMARE'] });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/feedback/settings' })).statusCode).toBe(401);
  });

  it('lets only the owner change them', async () => {
    expect((await put('mgrNorth', '/api/feedback/settings', valid)).statusCode).toBe(403);
  });

  it('refuses values out of range, naming the field', async () => {
    const cases: [object, string][] = [
      [{ ...valid, delayMinutes: 10081 }, 'delayMinutes'],
      [{ ...valid, limitDays: -1 }, 'limitDays'],
      [{ ...valid, linkDays: 0 }, 'linkDays'],
      [{ ...valid, brandColour: 'green' }, 'brandColour'],
      [{ ...valid, watchWords: Array.from({ length: 51 }, (_, i) => `word${i}`) }, 'watchWords'],
      [{ ...valid, watchWords: ['x'.repeat(41)] }, 'watchWords'],
      [{ ...valid, linkDays: undefined }, 'linkDays'],
    ];
    for (const [body, field] of cases) {
      const res = await put('owner', '/api/feedback/settings', body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.fields[0].field, res.body).toBe(field);
    }
    expect((await get('owner', '/api/feedback/settings')).json().linkDays).toBe(14);
  });

  it('saves trimmed words once each, audits the change, and the feed follows the new words', async () => {
    // Fifty-one words of which two are repeats are fifty once cleaned.
    const many = await put('owner', '/api/feedback/settings', {
      ...valid,
      watchWords: [...Array.from({ length: 49 }, (_, i) => `w${i}`), 'W1', ' w2 ', 'parking'],
    });
    expect(many.statusCode, many.body).toBe(200);
    expect(many.json().watchWords).toHaveLength(50);

    const res = await put('owner', '/api/feedback/settings', valid);
    expect(res.statusCode, res.body).toBe(200);
    const saved = { delayMinutes: 60, limitDays: 45, linkDays: 7, brandColour: '#aa3366', watchWords: ['Rude', 'late'] };
    expect(res.json()).toEqual(saved);
    expect((await get('mgrNorth', '/api/feedback/settings')).json()).toEqual(saved);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['actor_id', 'subject_id', 'details'])
      .where('retailer_id', '=', retailerId)
      .where('action', '=', 'feedback.settings.updated')
      .orderBy('at', 'desc')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor_id: ids.owner, subject_id: retailerId, details: { after: saved } });
    // An answer keeps the flag it was saved with: "nightmare" no longer watched does not unsay it.
    const v7 = (await feed('owner')).find((i) => i.id === idOf('v7'));
    expect(v7?.poor).toBe(true);
    // Another retailer's settings did not move.
    expect((await get('otherOwner', '/api/feedback/settings')).json().delayMinutes).toBe(120);
  });
});
