import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { FLORIST_QUESTIONS } from '../../../shared/domain/demo-question-sets.ts';
import { newId } from '../../../shared/ids.ts';
import { buildRetailer, buildStaff, buildStore } from '../../demo/factories.ts';
import { getRoadmap } from '../encounters/encounters.service.ts';
import { insertQuestionSet } from '../guidance/question-sets.service.ts';

/** Each answer beside what happened in its visit, and what goes with delighted customers. */
const ctx = setupTestApp();

const MIN = 60_000;
const DAY = 86_400_000;
/** Visits close at 10:15 UTC on the day before the run (and the answers come five minutes later). */
const dayBefore = new Date(Date.now() - DAY).toISOString().slice(0, 10);
const at = (hhmm: string, date = dayBefore) => new Date(`${date}T${hhmm}:00Z`);

let retailerId: string;
let otherRetailer: string;
let north: string;
let south: string;
let setId: string;
let otherSetId: string;
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};
const visits: Record<string, { encounterId: string; responseId: string }> = {};

interface Visit {
  retailer?: string;
  store: string;
  lead: string;
  assist?: string;
  date?: string;
  outcome?: 'sale' | 'no-sale';
  answer: { satisfaction?: number; expectations?: 'not-met' | 'met' | 'exceeded' } | 'imported';
  /** Steps marked, as [key, status, hh:mm]. */
  marks?: [string, 'done' | 'skipped', string][];
  /** Discovery questions answered, with when each was first answered (hh:mm). */
  answers?: string[];
  listShownAt?: string;
  space?: [string, string];
  gesture?: string;
  lost?: string;
  bought?: [string, number, number][];
}

/** A closed visit at 10:00–10:15 (arrival 09:59) with the behaviours given, its feedback request and its answer. */
async function visit(name: string, v: Visit) {
  const db = ctx.deps.db;
  const rid = v.retailer ?? retailerId;
  const date = v.date ?? dayBefore;
  const roadmap = await getRoadmap(db, rid);
  const encounterId = newId('encounter');
  const closedAt = at('10:15', date);
  let saleId: string | null = null;
  if (v.bought) {
    saleId = newId('sale');
    const total = v.bought.reduce((n, [, q, p]) => n + q * p, 0);
    await db
      .insertInto('sales')
      .values({
        retailer_id: rid,
        id: saleId,
        kind: 'sale',
        store_id: v.store,
        staff_id: v.lead,
        sold_at: closedAt,
        currency: 'GBP',
        total,
      })
      .execute();
    await db
      .insertInto('sale_lines')
      .values(
        v.bought.map(([description, quantity, price], i) => ({
          retailer_id: rid,
          sale_id: saleId as string,
          line_no: i + 1,
          description,
          quantity,
          unit_price: price,
          total: quantity * price,
        })),
      )
      .execute();
  }
  await db
    .insertInto('encounters')
    .values({
      retailer_id: rid,
      id: encounterId,
      client_id: `c-${encounterId}`,
      store_id: v.store,
      roadmap_id: roadmap.id,
      roadmap_version: roadmap.version,
      lead_staff_id: v.lead,
      arrived_at: at('09:59', date),
      started_at: at('10:00', date),
      status: 'closed',
      closed_at: closedAt,
      outcome: v.outcome ?? (v.bought ? 'sale' : 'no-sale'),
      sale_id: saleId,
    })
    .execute();
  const staff: [string, 'lead' | 'assist'][] = [[v.lead, 'lead'], ...(v.assist ? [[v.assist, 'assist'] as [string, 'assist']] : [])];
  for (const [staffId, role] of staff)
    await db
      .insertInto('encounter_staff')
      .values({
        retailer_id: rid,
        id: newId('encounterStaff'),
        encounter_id: encounterId,
        client_id: newId('device'),
        staff_id: staffId,
        role,
      })
      .execute();
  for (const [key, status, hhmm] of v.marks ?? [])
    await db
      .insertInto('encounter_steps')
      .values({
        retailer_id: rid,
        id: newId('encounterStep'),
        encounter_id: encounterId,
        client_id: newId('device'),
        step_key: key,
        status,
        at: at(hhmm, date),
      })
      .execute();
  if (v.answers || v.listShownAt) {
    const keys = FLORIST_QUESTIONS.questions.map((q) => q.key);
    const given = (v.answers ?? []).map((hhmm, i) => [keys[i] as string, hhmm] as const);
    const sessionId = newId('guidance');
    await db
      .insertInto('guidance_sessions')
      .values({
        retailer_id: rid,
        id: sessionId,
        set_id: rid === retailerId ? setId : otherSetId,
        set_version: 1,
        store_id: v.store,
        encounter_id: encounterId,
        answers: JSON.stringify(Object.fromEntries(given.map(([k]) => [k, { value: 'x' }]))),
        answered_at: JSON.stringify(Object.fromEntries(given.map(([k, hhmm]) => [k, at(hhmm, date).toISOString()]))),
        created_at: at('10:02', date),
      })
      .execute();
    if (v.listShownAt)
      await db
        .insertInto('guidance_lists')
        .values({
          retailer_id: rid,
          id: newId('guidanceList'),
          session_id: sessionId,
          set_version: 1,
          inputs: JSON.stringify({}),
          quantity: 1,
          result: JSON.stringify({ main: [] }),
          shown_at: at(v.listShownAt, date),
        })
        .execute();
  }
  if (v.space)
    await db
      .insertInto('encounter_space')
      .values({
        retailer_id: rid,
        encounter_id: encounterId,
        client_id: newId('device'),
        started_at: at(v.space[0], date),
        ended_at: at(v.space[1], date),
      })
      .execute();
  if (v.gesture)
    await db
      .insertInto('gestures')
      .values({
        retailer_id: rid,
        id: newId('gesture'),
        client_id: newId('device'),
        encounter_id: encounterId,
        store_id: v.store,
        kind: 'extra-blooms',
        description: v.gesture,
        cost: 3,
        given_at: at('10:12', date),
      })
      .execute();
  if (v.lost)
    await db
      .insertInto('lost_demand')
      .values({
        retailer_id: rid,
        id: newId('lostDemand'),
        client_id: newId('device'),
        store_id: v.store,
        encounter_id: encounterId,
        description: v.lost,
        quantity: 2,
        outcome: 'lost',
        recorded_at: at('10:05', date),
      })
      .execute();
  const requestId = newId('feedbackRequest');
  const staffIds = staff.map(([id]) => id);
  await db
    .insertInto('feedback_requests')
    .values({
      retailer_id: rid,
      id: requestId,
      encounter_id: encounterId,
      store_id: v.store,
      staff_ids: staffIds,
      created_at: closedAt,
      expires_at: new Date(closedAt.getTime() + 14 * DAY),
    })
    .execute();
  const answeredAt = new Date(closedAt.getTime() + 5 * MIN);
  const responseId = newId('feedbackResponse');
  const imported = v.answer === 'imported';
  const answer = v.answer === 'imported' ? { satisfaction: 1 } : v.answer;
  await db
    .insertInto('feedback_responses')
    .values({
      retailer_id: rid,
      id: responseId,
      kind: imported ? 'imported' : 'visit',
      request_id: imported ? null : requestId,
      encounter_id: imported ? null : encounterId,
      store_id: v.store,
      staff_ids: imported ? [] : staffIds,
      satisfaction: answer.satisfaction ?? null,
      expectations: 'expectations' in answer ? (answer.expectations ?? null) : null,
      poor: (answer.satisfaction ?? 5) <= 2,
      source: imported ? 'reviews.csv' : null,
      source_ref: imported ? name : null,
      created_at: answeredAt,
      updated_at: answeredAt,
    })
    .execute();
  visits[name] = { encounterId, responseId };
}

const get = (who: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie: cookies[who] as string } });

type Figures = { visits: number; averageSatisfaction: number | null; shareExceeded: number | null };
type Delight = { questions: number; answered: number; behaviours: { behaviour: string; with: Figures; without: Figures }[] };

async function delight(who: string, query = ''): Promise<Delight> {
  const res = await get(who, `/api/feedback/delight?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const row = (d: Delight, behaviour: string) => d.behaviours.find((b) => b.behaviour === behaviour);

beforeAll(async () => {
  const db = ctx.deps.db;
  retailerId = (await buildRetailer(db, { name: 'Petal & Pine' })).id;
  otherRetailer = (await buildRetailer(db, { name: 'Elsewhere' })).id;
  north = (await buildStore(db, { retailerId, name: 'North' })).id;
  south = (await buildStore(db, { retailerId, name: 'South' })).id;
  const elsewhere = (await buildStore(db, { retailerId: otherRetailer, name: 'Elsewhere' })).id;
  setId = await insertQuestionSet(db, retailerId, FLORIST_QUESTIONS, null);
  otherSetId = await insertQuestionSet(db, otherRetailer, FLORIST_QUESTIONS, null);
  const people = [
    ['owner', 'owner', [north, south]],
    ['mgrNorth', 'manager', [north]],
    ['ann', 'associate', [north]],
    ['bob', 'associate', [north]],
  ] as const;
  for (const [key, role, storeIds] of people) {
    const s = await buildStaff(db, { retailerId, role, storeIds: [...storeIds], name: key === 'ann' ? 'Ann Lee' : `Person ${key}` });
    ids[key] = s.id;
    cookies[key] = await signIn(ctx.app, s.email);
  }
  const stranger = (await buildStaff(db, { retailerId: otherRetailer, role: 'owner', storeIds: [elsewhere] })).id;
  const ann = ids.ann as string;
  const bob = ids.bob as string;

  // North: the full visit, delighted — everything the roadmap asks, space, a gesture, a sale, with help.
  await visit('full', {
    store: north,
    lead: ann,
    assist: bob,
    marks: [
      ['greet', 'done', '10:01'],
      ['acknowledge', 'skipped', '10:01'],
      ['converse', 'done', '10:02'],
    ],
    answers: ['10:03', '10:04', '10:06'],
    listShownAt: '10:07',
    space: ['10:08', '10:10'],
    gesture: 'Three extra tulips',
    bought: [
      ['Spring bouquet', 1, 35],
      ['Vase', 2, 12.5],
    ],
    answer: { satisfaction: 5, expectations: 'exceeded' },
  });
  // North: given space and recommended, no gesture, something missing, no sale.
  await visit('spaceLost', {
    store: north,
    lead: ann,
    marks: [['greet', 'done', '10:04']],
    answers: ['10:05'],
    listShownAt: '10:06',
    space: ['10:07', '10:08'],
    lost: 'Peonies',
    answer: { satisfaction: 3, expectations: 'met' },
  });
  // North: rushed through, nothing asked, nothing shown, no sale.
  await visit('bare', { store: north, lead: bob, answer: { satisfaction: 1, expectations: 'not-met' } });
  // South: a sale with a gesture, only satisfaction answered.
  await visit('south', { store: south, lead: ann, gesture: 'Gift wrap', bought: [['Orchid', 1, 40]], answer: { satisfaction: 4 } });
  // Left out: an imported review, a visit a week earlier, another retailer's visit.
  await visit('imported', { store: north, lead: ann, answer: 'imported' });
  await visit('earlier', {
    store: north,
    lead: ann,
    date: new Date(Date.now() - 8 * DAY).toISOString().slice(0, 10),
    space: ['10:07', '10:08'],
    answer: { satisfaction: 1, expectations: 'not-met' },
  });
  await visit('elsewhere', {
    retailer: otherRetailer,
    store: elsewhere,
    lead: stranger,
    answer: { satisfaction: 5, expectations: 'exceeded' },
  });
});

describe('each answer with its visit’s behaviours', () => {
  it('carries the steps, the cadence, what was shown, bought, given and missed', async () => {
    const res = await get('mgrNorth', `/api/feedback?from=${dayBefore}&to=${dayBefore}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { id: string; behaviours: unknown }[];
    const full = items.find((i) => i.id === visits.full?.responseId);
    expect(full?.behaviours).toEqual({
      steps: [
        { key: 'greet', name: expect.any(String), state: 'done', at: at('10:01').toISOString() },
        { key: 'acknowledge', name: expect.any(String), state: 'skipped', at: at('10:01').toISOString() },
        { key: 'converse', name: expect.any(String), state: 'done', at: at('10:02').toISOString() },
        // Done by their conditions: three questions answered, a list shown, the visit closed.
        { key: 'discover', name: expect.any(String), state: 'done', at: null },
        { key: 'recommend', name: expect.any(String), state: 'done', at: null },
        { key: 'close', name: expect.any(String), state: 'done', at: null },
      ],
      // Arrived 09:59, greeted 10:01; discovery from the converse step (10:02) to the third answer (10:06).
      secondsToGreet: 120,
      secondsInDiscovery: 240,
      secondsGiven: 120,
      questionsAnswered: 3,
      recommendationsShown: 1,
      assisted: true,
      bought: [
        { description: 'Spring bouquet', quantity: 1 },
        { description: 'Vase', quantity: 2 },
      ],
      saleTotal: 60,
      gestures: ['Three extra tulips'],
      lostDemand: [],
    });
    const bare = items.find((i) => i.id === visits.bare?.responseId);
    expect(bare?.behaviours).toMatchObject({
      steps: [{ key: 'close', state: 'done' }],
      secondsToGreet: null,
      secondsInDiscovery: null,
      secondsGiven: 0,
      questionsAnswered: 0,
      recommendationsShown: 0,
      assisted: false,
      bought: [],
      saleTotal: null,
      gestures: [],
    });
    const lost = items.find((i) => i.id === visits.spaceLost?.responseId);
    expect(lost?.behaviours).toMatchObject({ secondsGiven: 60, lostDemand: [{ description: 'Peonies', quantity: 2, outcome: 'lost' }] });
    // An imported review has no visit.
    expect(items.find((i) => i.id === visits.imported?.responseId)?.behaviours).toBeNull();
  });
});

describe('what goes with delighted customers', () => {
  it('compares the answered visits with and without each behaviour, imported reviews and other retailers left out', async () => {
    const d = await delight('owner', `from=${dayBefore}&to=${dayBefore}`);
    expect(d.questions).toBe(3);
    expect(d.answered).toBe(4);
    expect(d.behaviours.map((b) => b.behaviour)).toEqual(['space', 'gesture', 'in-stock', 'discovery', 'recommended', 'sale', 'assisted']);
    // Space: full (5, exceeded) and spaceLost (3, met) against bare (1, not met) and south (4, no expectations).
    expect(row(d, 'space')).toEqual({
      behaviour: 'space',
      with: { visits: 2, averageSatisfaction: 4, shareExceeded: 0.5 },
      without: { visits: 2, averageSatisfaction: 2.5, shareExceeded: 0 },
    });
    expect(row(d, 'gesture')).toEqual({
      behaviour: 'gesture',
      with: { visits: 2, averageSatisfaction: 4.5, shareExceeded: 1 },
      without: { visits: 2, averageSatisfaction: 2, shareExceeded: 0 },
    });
    expect(row(d, 'in-stock')?.without).toEqual({ visits: 1, averageSatisfaction: 3, shareExceeded: 0 });
    expect(row(d, 'in-stock')?.with.visits).toBe(3);
    expect(row(d, 'discovery')?.with).toEqual({ visits: 1, averageSatisfaction: 5, shareExceeded: 1 });
    expect(row(d, 'recommended')?.with).toEqual({ visits: 2, averageSatisfaction: 4, shareExceeded: 0.5 });
    expect(row(d, 'sale')).toEqual({
      behaviour: 'sale',
      with: { visits: 2, averageSatisfaction: 4.5, shareExceeded: 1 },
      without: { visits: 2, averageSatisfaction: 2, shareExceeded: 0 },
    });
    expect(row(d, 'assisted')?.with).toEqual({ visits: 1, averageSatisfaction: 5, shareExceeded: 1 });
    expect(row(d, 'assisted')?.without.visits).toBe(3);
  });

  it('counts discovery from the number of questions asked for', async () => {
    const d = await delight('owner', `from=${dayBefore}&to=${dayBefore}&questions=1`);
    expect(row(d, 'discovery')?.with).toEqual({ visits: 2, averageSatisfaction: 4, shareExceeded: 0.5 });
  });

  it('follows the period, the store and the person', async () => {
    const all = await delight('owner');
    expect(all.answered).toBe(5);
    expect(row(all, 'space')?.with.visits).toBe(3);
    const north = await delight('mgrNorth', `from=${dayBefore}`);
    expect(north.answered).toBe(3);
    const bob = await delight('owner', `from=${dayBefore}&staffId=${ids.bob}`);
    // Bob led the bare visit and assisted the full one.
    expect(bob.answered).toBe(2);
    expect(row(bob, 'assisted')?.with.visits).toBe(1);
  });

  it('is for managers, in their own stores, and names a bad filter', async () => {
    expect((await get('ann', '/api/feedback/delight')).statusCode).toBe(403);
    expect((await get('mgrNorth', `/api/feedback/delight?storeId=${south}`)).statusCode).toBe(403);
    const bad = await get('owner', '/api/feedback/delight?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('from');
    expect((await get('owner', '/api/feedback/delight?questions=0')).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/feedback/delight' })).statusCode).toBe(401);
  });

  it('shows every behaviour with nothing counted when no visit was answered', async () => {
    const d = await delight('owner', `storeId=${south}&to=${new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10)}`);
    expect(d.answered).toBe(0);
    expect(d.behaviours).toHaveLength(7);
    expect(row(d, 'sale')).toEqual({
      behaviour: 'sale',
      with: { visits: 0, averageSatisfaction: null, shareExceeded: null },
      without: { visits: 0, averageSatisfaction: null, shareExceeded: null },
    });
  });
});
