import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { loadDemo } from '../../demo/demo.ts';

/**
 * What the visit screen's queue can send the server on a bad day: the same change twice, a change
 * for a visit closed meanwhile, two tablets on one visit, a note far too long, a tablet clock ten
 * minutes wrong — and the cadence kept for coaching (time in discovery, time given to decide).
 */
const ctx = setupTestApp();
const SECOND = 1000;
const MINUTE = 60 * SECOND;

let associate: string;
let officer: string;
let hearth: string;
let riverside: string;
let setId: string;
let peony: string;
let tulip: string;
// The server's clock, moved by the tests; whole seconds, so times read back exactly.
let clock = Math.floor(Date.now() / SECOND) * SECOND;
const iso = (t: number) => new Date(t).toISOString();

type Visit = {
  id: string;
  status: string;
  staff: { staffId: string; roles: string[] }[];
  steps: { key: string; state: string; at: string | null }[];
  notes: { clientId: string; text: string; at: string }[];
  gestures: { description: string; givenAt: string }[];
  times: {
    startedAt: string;
    closedAt: string | null;
    secondsToGreet: number | null;
    secondsInDiscovery: number | null;
    secondsGiven: number;
    spaceSince: string | null;
  };
};

const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', cookie: string | null, url: string, payload?: unknown) =>
  ctx.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const get = async (id: string): Promise<Visit> => {
  const res = await send('GET', associate, `/api/encounters/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const state = (v: Visit, key: string) => v.steps.find((s) => s.key === key);

async function start(clientId: string, body: Record<string, unknown> = {}): Promise<string> {
  const res = await send('POST', associate, '/api/encounters', { clientId, storeId: riverside, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function session(encounterId: string, clientId: string): Promise<string> {
  const res = await send('POST', associate, '/api/guidance-sessions', { setId, storeId: riverside, encounterId, clientId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const count = async (table: string, column: string, value: string) =>
  Number(
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = ${value}`.execute(ctx.deps.db))
      .rows[0]?.n,
  );

beforeAll(async () => {
  await loadDemo(ctx.deps.db);
  ctx.deps.now = () => new Date(clock);
  associate = await signIn(ctx.app, 'associate@bloom.example');
  officer = await signIn(ctx.app, 'security@bloom.example');
  hearth = await signIn(ctx.app, 'associate@hearth.example');
  const db = ctx.deps.db;
  riverside = (await db.selectFrom('stores').select('id').where('name', '=', 'Riverside').executeTakeFirstOrThrow()).id;
  setId = (await db.selectFrom('question_sets').select('id').where('name', '=', 'Flowers for an occasion').executeTakeFirstOrThrow()).id;
  const variant = async (sku: string) => (await db.selectFrom('variants').select('id').where('sku', '=', sku).executeTakeFirstOrThrow()).id;
  peony = await variant('BS-PEO-WHT');
  tulip = await variant('BS-TUL-WHT');
});

afterAll(() => {
  ctx.deps.now = () => new Date();
});

describe('cadence, kept for coaching', () => {
  it('times discovery from the step before it until its questions are answered', async () => {
    const t0 = clock;
    const id = await start('bad-disc-visit-01');
    clock = t0 + 30 * SECOND;
    expect(
      (await send('POST', associate, `/api/encounters/${id}/steps`, { clientId: 'bad-disc-greet', key: 'greet', status: 'done' }))
        .statusCode,
    ).toBe(200);
    // Discovery has not begun while the conversation is still to come.
    expect((await get(id)).times.secondsInDiscovery).toBeNull();
    clock = t0 + 300 * SECOND;
    // Sent late from the tablet, with the times they happened.
    for (const [key, status, after] of [
      ['acknowledge', 'skipped', 60],
      ['converse', 'done', 120],
    ] as const) {
      const res = await send('POST', associate, `/api/encounters/${id}/steps`, {
        clientId: `bad-disc-${key}`,
        key,
        status,
        at: iso(t0 + after * SECOND),
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const under = await get(id);
    expect(state(under, 'discover')?.state).toBe('current');
    expect(under.times.secondsInDiscovery).toBe(180);

    const s = await session(id, 'bad-disc-session');
    for (const [key, answer, after] of [
      ['occasion', { values: ['birthday'] }, 400],
      ['palette', { values: ['white'] }, 420],
      // Changing an answer keeps when the question was first answered.
      ['occasion', { values: ['anniversary'] }, 430],
      ['quantity', { quantity: 12 }, 450],
    ] as const) {
      clock = t0 + after * SECOND;
      const res = await send('PUT', associate, `/api/guidance-sessions/${s}/answers/${key}`, { answer });
      expect(res.statusCode, res.body).toBe(200);
    }
    clock = t0 + 900 * SECOND;
    const done = await get(id);
    expect(state(done, 'discover')?.state).toBe('done');
    expect(done.times.secondsInDiscovery).toBe(450 - 120);

    // Taking an answer back: discovery is under way again, timed from when the conversation ended.
    expect((await send('DELETE', associate, `/api/guidance-sessions/${s}/answers/palette`)).statusCode).toBe(200);
    expect((await get(id)).times.secondsInDiscovery).toBe(900 - 120);
    clock = t0 + 960 * SECOND;
    expect(
      (await send('PUT', associate, `/api/guidance-sessions/${s}/answers/palette`, { answer: { values: ['white'] } })).statusCode,
    ).toBe(200);
    expect((await get(id)).times.secondsInDiscovery).toBe(960 - 120);
  });

  it('times discovery until it is skipped, and not before it is the current step', async () => {
    const t0 = clock;
    const id = await start('bad-disc-visit-02');
    const mark = (key: string, status: 'done' | 'skipped', after: number) =>
      send('POST', associate, `/api/encounters/${id}/steps`, { clientId: `bad-skip-${key}`, key, status, at: iso(t0 + after * SECOND) });
    clock = t0 + 200 * SECOND;
    expect((await mark('greet', 'done', 10)).statusCode).toBe(200);
    expect((await mark('converse', 'done', 40)).statusCode).toBe(200);
    // Acknowledging is still the step to do: discovery has not begun.
    expect((await get(id)).times.secondsInDiscovery).toBeNull();
    // Skipped without acknowledging: it counts from the conversation, the last step settled before it.
    expect((await mark('discover', 'skipped', 100)).statusCode).toBe(200);
    clock = t0 + 500 * SECOND;
    expect((await get(id)).times.secondsInDiscovery).toBe(60);
  });

  it('keeps the space given to decide: each space once, one at a time, ended by the associate or by closing', async () => {
    const t0 = clock;
    const id = await start('bad-space-visit-01');
    const give = (cookie: string, clientId: string, at?: number) =>
      send('POST', cookie, `/api/encounters/${id}/space`, { clientId, ...(at === undefined ? {} : { at: iso(at) }) });
    const back = (cookie: string, clientId: string, at?: number) =>
      send('POST', cookie, `/api/encounters/${id}/space/end`, { clientId, ...(at === undefined ? {} : { at: iso(at) }) });

    clock = t0 + 100 * SECOND;
    expect((await get(id)).times).toMatchObject({ secondsGiven: 0, spaceSince: null });
    const given = await give(associate, 'bad-space-give-1');
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json().times).toMatchObject({ secondsGiven: 0, spaceSince: iso(t0 + 100 * SECOND) });
    clock = t0 + 130 * SECOND;
    expect((await get(id)).times).toMatchObject({ secondsGiven: 30, spaceSince: iso(t0 + 100 * SECOND) });
    // A second tablet giving space while it is given: the same space.
    expect((await give(officer, 'bad-space-give-2')).json().times).toMatchObject({ spaceSince: iso(t0 + 100 * SECOND) });
    clock = t0 + 170 * SECOND;
    const ended = await back(associate, 'bad-space-back-1', t0 + 160 * SECOND);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().times).toMatchObject({ secondsGiven: 60, spaceSince: null });
    // Coming back again, with no space open, changes nothing.
    expect((await back(officer, 'bad-space-back-2')).json().times).toMatchObject({ secondsGiven: 60, spaceSince: null });

    // A space that began by the tablet before the last one ended starts where it ended.
    expect((await give(associate, 'bad-space-give-3', t0 + 150 * SECOND)).json().times).toMatchObject({
      secondsGiven: 70,
      spaceSince: iso(t0 + 160 * SECOND),
    });
    clock = t0 + 200 * SECOND;
    const closed = await send('POST', associate, `/api/encounters/${id}/close`, { outcome: 'no-sale', reason: 'browsing' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().times).toMatchObject({ secondsGiven: 60 + 40, spaceSince: null, closedAt: iso(t0 + 200 * SECOND) });
    clock = t0 + 900 * SECOND;
    expect((await get(id)).times.secondsGiven).toBe(100);
    const rows = await sql<{ retailer_id: string; ended_at: Date | null }>`
      select retailer_id, ended_at from encounter_space where encounter_id = ${id}`.execute(ctx.deps.db);
    expect(rows.rows).toHaveLength(2);
    expect(rows.rows.every((r) => r.retailer_id.startsWith('ret_') && r.ended_at !== null)).toBe(true);
  });

  it('asks who is giving space, of a visit they can see', async () => {
    const id = await start('bad-space-visit-02');
    expect((await send('POST', null, `/api/encounters/${id}/space`, { clientId: 'bad-space-anon-1' })).statusCode).toBe(401);
    const bad = await send('POST', associate, `/api/encounters/${id}/space`, { at: iso(clock) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([expect.objectContaining({ field: 'clientId' })]);
    expect((await send('POST', hearth, `/api/encounters/${id}/space`, { clientId: 'bad-space-other-1' })).statusCode).toBe(404);
    expect((await send('POST', hearth, `/api/encounters/${id}/space/end`, { clientId: 'bad-space-other-2' })).statusCode).toBe(404);
    const other = await start('bad-space-visit-03');
    expect((await send('POST', associate, `/api/encounters/${other}/space`, { clientId: 'bad-space-used-1' })).statusCode).toBe(200);
    const reused = await send('POST', associate, `/api/encounters/${id}/space`, { clientId: 'bad-space-used-1' });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.fields[0].field).toBe('clientId');
  });
});

describe('a replayed queue', () => {
  it('records every kind of change once, and answers the repeat with success', async () => {
    const id = await start('bad-replay-visit');
    const s = await session(id, 'bad-replay-session');
    expect(await session(id, 'bad-replay-session')).toBe(s);
    const dueOn = iso(clock + 3 * 86_400_000).slice(0, 10);
    const changes: [string, 'POST' | 'PUT', string, object][] = [
      ['step', 'POST', `/api/encounters/${id}/steps`, { clientId: 'bad-replay-step', key: 'greet', status: 'done' }],
      ['note', 'POST', `/api/encounters/${id}/notes`, { clientId: 'bad-replay-note', text: 'Wants white for the table' }],
      [
        'gesture',
        'POST',
        `/api/encounters/${id}/gestures`,
        { clientId: 'bad-replay-gesture', kind: 'free-sample', description: 'A sprig of eucalyptus', cost: 0 },
      ],
      ['join', 'POST', `/api/encounters/${id}/staff`, { clientId: 'bad-replay-join', role: 'assist' }],
      ['space', 'POST', `/api/encounters/${id}/space`, { clientId: 'bad-replay-space' }],
      ['space end', 'POST', `/api/encounters/${id}/space/end`, { clientId: 'bad-replay-back' }],
      [
        'lost demand',
        'POST',
        `/api/encounters/${id}/lost-demand`,
        { clientId: 'bad-replay-lost', description: 'Blue delphiniums', quantity: 5, outcome: 'lost' },
      ],
      [
        'follow-up',
        'POST',
        `/api/encounters/${id}/follow-ups`,
        { clientId: 'bad-replay-follow', kind: 'other', title: 'Ask how the peonies opened', channel: 'phone', dueOn },
      ],
      ['answer', 'PUT', `/api/guidance-sessions/${s}/answers/occasion`, { answer: { values: ['birthday'] } }],
      ['basket line', 'POST', `/api/guidance-sessions/${s}/basket`, { clientId: 'bad-replay-line', variantId: peony, quantity: 3 }],
    ];
    for (const [what, method, url, body] of changes)
      for (const time of [1, 2]) {
        clock += SECOND;
        const res = await send(method, what === 'join' ? officer : associate, url, body);
        expect(res.statusCode, `${what}, time ${time}: ${res.body}`).toBeLessThan(300);
      }
    const v = await get(id);
    expect(v.steps.filter((x) => x.state === 'done').map((x) => x.key)).toEqual(['greet']);
    expect(v.notes.map((n) => n.clientId)).toEqual(['bad-replay-note']);
    expect(v.gestures).toHaveLength(1);
    expect(v.staff.map((x) => x.roles)).toEqual([['lead'], ['assist']]);
    expect(await count('encounter_staff', 'client_id', 'bad-replay-join')).toBe(1);
    expect(await count('encounter_space', 'encounter_id', id)).toBe(1);
    expect(await count('lost_demand', 'client_id', 'bad-replay-lost')).toBe(1);
    expect(await count('follow_ups', 'client_id', 'bad-replay-follow')).toBe(1);
    expect(await count('guidance_basket_lines', 'client_id', 'bad-replay-line')).toBe(1);
    const g = (await send('GET', associate, `/api/guidance-sessions/${s}`)).json();
    expect(g.answers).toEqual({ occasion: { values: ['birthday'] } });
    expect(g.basket.map((l: { quantity: number }) => l.quantity)).toEqual([3]);
    // The repeated answer did not move when the question was answered.
    const answered = await sql<{ at: string }>`select answered_at->>'occasion' as at from guidance_sessions where id = ${s}`.execute(
      ctx.deps.db,
    );
    // It was first sent three ticks before the end: itself again, then the basket line twice.
    expect(Date.parse(answered.rows[0]?.at ?? '')).toBe(clock - 3 * SECOND);
    // Taking a line out twice takes it out once.
    const line = g.basket[0].id;
    for (const _ of [1, 2]) expect((await send('DELETE', associate, `/api/guidance-sessions/${s}/basket/${line}`)).statusCode).toBe(200);
    expect((await send('GET', associate, `/api/guidance-sessions/${s}`)).json().basket).toEqual([]);
  });
});

describe('a change for a visit closed meanwhile', () => {
  let id: string;
  let s: string;
  let line: string;
  // Read when sent: the ids are known only once the visit is started.
  const before: [string, 'POST' | 'PUT', () => string, () => object][] = [
    ['step', 'POST', () => `/api/encounters/${id}/steps`, () => ({ clientId: 'bad-closed-step', key: 'greet', status: 'done' })],
    ['note', 'POST', () => `/api/encounters/${id}/notes`, () => ({ clientId: 'bad-closed-note', text: 'Before the close' })],
    [
      'gesture',
      'POST',
      () => `/api/encounters/${id}/gestures`,
      () => ({ clientId: 'bad-closed-gesture', kind: 'gift-wrap', description: 'Wrapped in kraft paper', cost: 0 }),
    ],
    ['join', 'POST', () => `/api/encounters/${id}/staff`, () => ({ clientId: 'bad-closed-join', role: 'assist' })],
    ['space', 'POST', () => `/api/encounters/${id}/space`, () => ({ clientId: 'bad-closed-space' })],
    ['answer', 'PUT', () => `/api/guidance-sessions/${s}/answers/occasion`, () => ({ answer: { values: ['birthday'] } })],
    [
      'basket line',
      'POST',
      () => `/api/guidance-sessions/${s}/basket`,
      () => ({ clientId: 'bad-closed-line', variantId: peony, quantity: 2 }),
    ],
  ];

  beforeAll(async () => {
    id = await start('bad-closed-visit');
    s = await session(id, 'bad-closed-session');
    for (const [what, method, url, body] of before) {
      clock += SECOND;
      const res = await send(method, associate, url(), body());
      expect(res.statusCode, `${what}: ${res.body}`).toBe(200);
    }
    line = (await send('GET', associate, `/api/guidance-sessions/${s}`)).json().basket[0].id;
    clock += 10 * SECOND;
    const closed = await send('POST', associate, `/api/encounters/${id}/close`, { outcome: 'no-sale', reason: 'will-come-back' });
    expect(closed.statusCode, closed.body).toBe(200);
  });

  it('refuses every new change with 409, saying the visit was closed, and keeps nothing of it', async () => {
    const after: [string, 'POST' | 'PUT' | 'DELETE', string, object | undefined][] = [
      ['note', 'POST', `/api/encounters/${id}/notes`, { clientId: 'bad-late-note', text: 'After the close' }],
      ['step', 'POST', `/api/encounters/${id}/steps`, { clientId: 'bad-late-step', key: 'acknowledge', status: 'done' }],
      [
        'gesture',
        'POST',
        `/api/encounters/${id}/gestures`,
        { clientId: 'bad-late-gesture', kind: 'free-sample', description: 'A late sample', cost: 0 },
      ],
      ['join', 'POST', `/api/encounters/${id}/staff`, { clientId: 'bad-late-join', role: 'assist' }],
      ['space', 'POST', `/api/encounters/${id}/space`, { clientId: 'bad-late-space' }],
      ['space end', 'POST', `/api/encounters/${id}/space/end`, { clientId: 'bad-late-back' }],
      ['answer', 'PUT', `/api/guidance-sessions/${s}/answers/palette`, { answer: { values: ['white'] } }],
      ['changed answer', 'PUT', `/api/guidance-sessions/${s}/answers/occasion`, { answer: { values: ['anniversary'] } }],
      ['skip', 'DELETE', `/api/guidance-sessions/${s}/answers/occasion`, undefined],
      ['basket line', 'POST', `/api/guidance-sessions/${s}/basket`, { clientId: 'bad-late-line', variantId: tulip, quantity: 1 }],
      ['basket removal', 'DELETE', `/api/guidance-sessions/${s}/basket/${line}`, undefined],
      ['guided selling', 'POST', '/api/guidance-sessions', { setId, storeId: riverside, encounterId: id, clientId: 'bad-late-session' }],
    ];
    for (const [what, method, url, body] of after) {
      const res = await send(method, what === 'join' ? officer : associate, url, body);
      expect(res.statusCode, `${what}: ${res.body}`).toBe(409);
      expect(res.json().error, what).toMatchObject({ code: 'conflict', message: expect.stringMatching(/^This visit was closed/) });
    }
    const note = await send('POST', associate, `/api/encounters/${id}/notes`, { clientId: 'bad-late-note-2', text: 'Once more' });
    expect(note.json().error.message).toBe('This visit was closed before this change arrived: the note was not added.');
    const v = await get(id);
    expect(v.notes.map((n) => n.clientId)).toEqual(['bad-closed-note']);
    expect(state(v, 'acknowledge')?.state).not.toBe('done');
    expect(v.gestures).toHaveLength(1);
    expect(v.staff.flatMap((x) => x.roles)).toEqual(['lead', 'assist']);
    expect(await count('encounter_space', 'encounter_id', id)).toBe(1);
    const g = (await send('GET', associate, `/api/guidance-sessions/${s}`)).json();
    expect(g.answers).toEqual({ occasion: { values: ['birthday'] } });
    expect(g.basket.map((l: { variantId: string }) => l.variantId)).toEqual([peony]);
  });

  it('answers a repeat of a change made before the close with success', async () => {
    for (const [what, method, url, body] of before) {
      const res = await send(method, associate, url(), body());
      expect(res.statusCode, `${what}: ${res.body}`).toBe(200);
    }
    expect(await session(id, 'bad-closed-session')).toBe(s);
    const v = await get(id);
    expect(v.notes).toHaveLength(1);
    expect(v.gestures).toHaveLength(1);
  });

  it('still takes the steps that come after closing: thanking, following up', async () => {
    const res = await send('POST', associate, `/api/encounters/${id}/steps`, {
      clientId: 'bad-closed-thank',
      key: 'thank',
      status: 'done',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(state(res.json(), 'thank')?.state).toBe('done');
  });

  it('ended the space under way when it closed', async () => {
    const v = await get(id);
    expect(v.times.spaceSince).toBeNull();
    expect(v.times.secondsGiven).toBe((Date.parse(v.times.closedAt ?? '') - Date.parse(v.times.startedAt)) / SECOND - 5);
  });
});

describe('two tablets on one visit', () => {
  it('takes one step marked on both once, answering both with the same state, and keeps both notes', async () => {
    const id = await start('bad-two-visit-01');
    const [a, b] = await Promise.all([
      send('POST', associate, `/api/encounters/${id}/steps`, { clientId: 'bad-two-greet-a', key: 'greet', status: 'done' }),
      send('POST', officer, `/api/encounters/${id}/steps`, { clientId: 'bad-two-greet-b', key: 'greet', status: 'done' }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json().steps).toEqual(b.json().steps);
    const later = await send('POST', officer, `/api/encounters/${id}/steps`, { clientId: 'bad-two-greet-c', key: 'greet', status: 'done' });
    expect(later.statusCode).toBe(200);
    expect(later.json().steps).toEqual(a.json().steps);
    expect(await count('encounter_steps', 'encounter_id', id)).toBe(1);

    const [n1, n2] = await Promise.all([
      send('POST', associate, `/api/encounters/${id}/notes`, { clientId: 'bad-two-note-a', text: 'She likes white' }),
      send('POST', officer, `/api/encounters/${id}/notes`, { clientId: 'bad-two-note-b', text: 'The cat chews leaves' }),
    ]);
    expect([n1.statusCode, n2.statusCode]).toEqual([200, 200]);
    expect((await get(id)).notes.map((n) => n.text).sort()).toEqual(['She likes white', 'The cat chews leaves']);
  });
});

describe('a note far too long', () => {
  it('is refused, naming the field and the limit in words, and nothing is kept', async () => {
    const id = await start('bad-long-visit-01');
    const res = await send('POST', associate, `/api/encounters/${id}/notes`, { clientId: 'bad-long-note-1', text: 'x'.repeat(10_000) });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual([{ field: 'text', message: 'is too long: at most 4,000 characters' }]);
    expect(error.message).toBe('Please check: text is too long: at most 4,000 characters.');
    expect((await get(id)).notes).toEqual([]);
    const longest = await send('POST', associate, `/api/encounters/${id}/notes`, { clientId: 'bad-long-note-2', text: 'y'.repeat(4000) });
    expect(longest.statusCode).toBe(200);
    expect(longest.json().notes[0].text).toHaveLength(4000);
  });
});

describe('a tablet clock ten minutes wrong', () => {
  const change = (id: string, tag: string, at: string) =>
    Promise.all([
      send('POST', associate, `/api/encounters/${id}/steps`, { clientId: `bad-clock-${tag}-step`, key: 'greet', status: 'done', at }),
      send('POST', associate, `/api/encounters/${id}/notes`, { clientId: `bad-clock-${tag}-note`, text: 'Noted', at }),
      send('POST', associate, `/api/encounters/${id}/gestures`, {
        clientId: `bad-clock-${tag}-gesture`,
        kind: 'free-sample',
        description: 'A sample',
        cost: 0,
        at,
      }),
      send('POST', associate, `/api/encounters/${id}/space`, { clientId: `bad-clock-${tag}-space`, at }),
    ]);

  it('ahead: nothing is kept as happening after now', async () => {
    const t0 = clock;
    const id = await start('bad-clock-visit-01');
    clock = t0 + 5 * MINUTE;
    for (const res of await change(id, 'ahead', iso(clock + 10 * MINUTE))) expect(res.statusCode, res.body).toBe(200);
    const v = await get(id);
    const now = iso(clock);
    expect([state(v, 'greet')?.at, v.notes[0]?.at, v.gestures[0]?.givenAt, v.times.spaceSince]).toEqual([now, now, now, now]);
    expect(v.times).toMatchObject({ secondsToGreet: 300, secondsGiven: 0 });
    const back = await send('POST', associate, `/api/encounters/${id}/space/end`, {
      clientId: 'bad-clock-ahead-back',
      at: iso(clock + 10 * MINUTE),
    });
    expect(back.json().times).toMatchObject({ secondsGiven: 0, spaceSince: null });
  });

  it('behind: nothing is kept as happening before the visit began', async () => {
    const t0 = clock;
    const id = await start('bad-clock-visit-02');
    clock = t0 + 2 * MINUTE;
    for (const res of await change(id, 'behind', iso(clock - 10 * MINUTE))) expect(res.statusCode, res.body).toBe(200);
    const v = await get(id);
    const begun = iso(t0);
    expect([state(v, 'greet')?.at, v.notes[0]?.at, v.gestures[0]?.givenAt, v.times.spaceSince]).toEqual([begun, begun, begun, begun]);
    expect(v.times).toMatchObject({ secondsToGreet: 0, secondsGiven: 120 });
    const back = await send('POST', associate, `/api/encounters/${id}/space/end`, {
      clientId: 'bad-clock-behind-back',
      at: iso(t0 - 10 * MINUTE),
    });
    expect(back.json().times).toMatchObject({ secondsGiven: 0, spaceSince: null });
  });

  it('behind, for a customer who arrived before the tablet started the visit: kept from the arrival', async () => {
    const t0 = clock;
    const id = await start('bad-clock-visit-03', { arrivedAt: iso(t0 - 3 * MINUTE) });
    const res = await send('POST', associate, `/api/encounters/${id}/steps`, {
      clientId: 'bad-clock-arrival-greet',
      key: 'greet',
      status: 'done',
      at: iso(t0 - 20 * MINUTE),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(state(res.json(), 'greet')?.at).toBe(iso(t0 - 3 * MINUTE));
    expect(res.json().times.secondsToGreet).toBe(0);
  });
});
