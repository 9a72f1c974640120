import { IDBFactory } from 'fake-indexeddb';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, fieldError, newClientId } from '../../../api.ts';
import {
  createQueue,
  DB_NAME,
  fetchSend,
  type LocksLike,
  type Queue,
  type QueueOptions,
  type QueueStatus,
  ref,
  type SendRequest,
  type SendResponse,
} from './queue.ts';
import { syncIndicator, useQueue } from './useQueue.ts';

const T0 = Date.UTC(2026, 4, 12, 9, 0, 0);
const MINUTE = 60_000;

interface Recorded {
  key: string;
  method: string;
  path: string;
  body: Record<string, unknown>;
  at: number;
}

/**
 * A stand-in for the Ones API: it records what it got, keeps each clientId once (as the server
 * does), knows closed visits, refuses a step "in the future" as markStep does, and answers with a
 * Date header from the true clock.
 */
function fakeServer(clock: { t: number }) {
  const ids = new Map<string, string>();
  const server = {
    got: [] as SendRequest[],
    recorded: [] as Recorded[],
    down: false,
    signedOut: false,
    /** The page dies mid-request: the server records, the answer never arrives. */
    hangAfterRecording: false,
    /** The request never gets an answer, and nothing is recorded. */
    hang: false,
    closedVisits: new Set<string>(),
    refuse: new Map<string, SendResponse>(),
    troubles: [] as number[],
    async send(req: SendRequest): Promise<SendResponse> {
      server.got.push(req);
      if (server.down) throw new TypeError('Failed to fetch');
      if (server.hang) return new Promise(() => {});
      const date = new Date(clock.t).toUTCString();
      const answer = (status: number, body: unknown): SendResponse => ({ status, body, date });
      const body = (req.body ?? {}) as Record<string, unknown>;
      const key = typeof body.clientId === 'string' ? body.clientId : req.headers['idempotency-key']!;
      const trouble = server.troubles.shift();
      if (trouble) return answer(trouble, { error: { code: trouble === 429 ? 'rate_limited' : 'internal', message: 'Busy.' } });
      if (server.signedOut) return answer(401, { error: { code: 'unauthenticated', message: 'Sign in.' } });
      const refusal = server.refuse.get(key);
      if (refusal) return { ...refusal, date };
      const visit = /^\/api\/encounters\/([^/]+)\//.exec(req.path)?.[1];
      if (visit && server.closedVisits.has(visit))
        return answer(409, { error: { code: 'conflict', message: 'This visit was closed already.' } });
      if (typeof body.at === 'string' && Date.parse(body.at) > clock.t + MINUTE)
        return answer(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid.',
            fields: [{ field: 'at', message: 'A step cannot happen in the future.' }],
          },
        });
      let id = ids.get(key);
      if (!id) {
        id = `${req.path.includes('guidance') ? 'gs' : 'enc'}_${ids.size + 1}`;
        ids.set(key, id);
        server.recorded.push({
          key,
          method: req.method,
          path: req.path,
          body,
          at: typeof body.at === 'string' ? Date.parse(body.at) : clock.t,
        });
      }
      if (server.hangAfterRecording) return new Promise(() => {});
      return answer(200, { id });
    },
  };
  return server;
}

/** Timers the test fires by hand, remembering every delay asked for. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  const delays: number[] = [];
  let n = 0;
  return {
    delays,
    pending,
    setTimer: (fn: () => void, ms: number) => {
      pending.set(++n, fn);
      delays.push(ms);
      return n;
    },
    clearTimer: (h: unknown) => void pending.delete(h as number),
    fire() {
      const [[k, fn]] = [...pending.entries()] as [[number, () => void]];
      pending.delete(k);
      fn();
    },
  };
}

const opened: Queue[] = [];
afterEach(() => {
  for (const q of opened.splice(0)) q.close();
});

/** One tablet: a fresh IndexedDB, a fake server, a device clock `skewMs` off the true one. */
function setup(skewMs = 0) {
  const clock = { t: T0 };
  const factory = new IDBFactory();
  const server = fakeServer(clock);
  const timers = manualTimers();
  const win = new EventTarget();
  const make = (over: Partial<QueueOptions> = {}) => {
    const q = createQueue({
      indexedDB: factory,
      send: (r) => server.send(r),
      now: () => clock.t + skewMs,
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
      locks: null,
      window: win,
      document: null,
      isOnline: () => true,
      broadcast: false,
      ...over,
    });
    opened.push(q);
    return q;
  };
  return { clock, server, timers, win, make, factory };
}

/** Lets the queue finish what it is doing (passes started by passes included). */
async function flush(q: Queue) {
  await q.ready;
  for (let i = 0; i < 4; i++) {
    await q.idle();
    await new Promise((r) => setTimeout(r, 0));
  }
}

const note = (scope: string, visit: string, clientId: string, text = `note ${clientId}`) => ({
  scope,
  path: `/api/encounters/${visit}/notes`,
  body: { clientId, text },
});

const keys = (reqs: SendRequest[]) => reqs.map((r) => r.headers['idempotency-key']);

describe('order and exactly once', () => {
  it('sends in the order queued, each once, with the client id as Idempotency-Key', async () => {
    const { make, server } = setup();
    const q = make();
    const ids = Array.from({ length: 20 }, (_, i) => `n_${String(i).padStart(8, '0')}`);
    await Promise.all(ids.map((id) => q.enqueue(note('v_visit001', 'enc_1', id))));
    const answer = await q.enqueue({
      scope: 'v_visit001',
      method: 'PUT',
      path: '/api/guidance-sessions/gs_1/answers/colour',
      body: { answer: 'white' },
    });
    await flush(q);

    expect(server.recorded.map((r) => r.key)).toEqual([...ids, answer.id]);
    expect(keys(server.got)).toEqual([...ids, answer.id]);
    expect(server.got[0]).toMatchObject({ method: 'POST', body: { clientId: ids[0] }, headers: { 'idempotency-key': ids[0] } });
    expect(answer.id).toMatch(/^q_[0-9a-f]{24}$/);
    expect(server.got.at(-1)?.body).toEqual({ answer: 'white' });
    expect(await q.list()).toEqual([]);
    expect(q.getStatus()).toMatchObject({ loading: false, waiting: 0, failed: [], sending: false, online: true, lastSavedAt: T0 });
  });

  it('takes the id from body.clientId and refuses an id that differs from it', async () => {
    const { make } = setup();
    const q = make();
    await expect(q.enqueue({ id: 'other_id_1', ...note('v_visit001', 'enc_1', 'n_00000001') })).rejects.toMatchObject({
      status: 400,
      fields: [{ field: 'clientId' }],
    });
    await expect(q.enqueue(note('v_visit001', 'enc_1', 'short'))).rejects.toMatchObject({ fields: [{ field: 'clientId' }] });
  });

  it('is harmless when replayed: a reload mid-request sends the item again and the server keeps it once', async () => {
    const { make, server } = setup();
    server.hangAfterRecording = true;
    const first = make();
    await first.enqueue(note('v_visit001', 'enc_1', 'n_00000001'));
    await vi.waitFor(() => expect(server.recorded).toHaveLength(1));
    first.close(); // the page is reloaded before the answer arrives

    server.hangAfterRecording = false;
    const second = make();
    await flush(second);
    expect(keys(server.got)).toEqual(['n_00000001', 'n_00000001']);
    expect(server.got[1]?.body).toEqual(server.got[0]?.body);
    expect(server.recorded).toHaveLength(1);
    expect(await second.list()).toEqual([]);

    // The screen queueing the same change again is harmless too.
    await second.enqueue(note('v_visit001', 'enc_1', 'n_00000001'));
    await flush(second);
    expect(server.got).toHaveLength(3);
    expect(server.recorded).toHaveLength(1);
  });

  it('keeps one item when the same change is queued twice', async () => {
    const { make, server } = setup();
    server.down = true;
    const q = make();
    const a = await q.enqueue(note('v_visit001', 'enc_1', 'n_00000001'));
    const b = await q.enqueue(note('v_visit001', 'enc_1', 'n_00000001'));
    expect(b.seq).toBe(a.seq);
    expect(await q.list()).toHaveLength(1);
  });
});

describe('connection lost, page reloaded', () => {
  it('keeps what was queued across a reload and sends it from the new page', async () => {
    const { make, server } = setup();
    server.down = true;
    const before = make();
    for (const id of ['n_00000001', 'n_00000002', 'n_00000003']) await before.enqueue(note('v_visit001', 'enc_1', id));
    await flush(before);
    expect(server.got).toHaveLength(1); // one try, then back-off
    expect(before.getStatus()).toMatchObject({ waiting: 3, online: false, lastError: { code: 'network' } });
    expect(syncIndicator(before.getStatus())).toEqual({
      tone: 'waiting',
      text: 'Waiting to sync (3)',
      detail: 'Offline: changes are kept on this tablet.',
    });
    before.close();

    server.down = false;
    const after = make();
    await flush(after);
    expect(server.recorded.map((r) => r.key)).toEqual(['n_00000001', 'n_00000002', 'n_00000003']);
    expect(after.getStatus()).toMatchObject({ waiting: 0, online: true });
  });

  it('sends each change once when the connection comes back, without waiting for the back-off', async () => {
    const { make, server, timers, win } = setup();
    server.down = true;
    const q = make();
    await q.enqueue(note('v_visit001', 'enc_1', 'n_00000001'));
    await q.enqueue(note('v_visit001', 'enc_1', 'n_00000002'));
    await flush(q);
    expect(server.got).toHaveLength(1);
    expect(timers.delays).toEqual([1_000]);

    // A new change while backing off goes behind the others; it does not cut the back-off short.
    await q.enqueue(note('v_visit001', 'enc_1', 'n_00000003'));
    await flush(q);
    expect(server.got).toHaveLength(1);

    server.down = false;
    win.dispatchEvent(new Event('online'));
    await flush(q);
    expect(server.recorded.map((r) => r.key)).toEqual(['n_00000001', 'n_00000002', 'n_00000003']);
    expect(keys(server.got)).toEqual(['n_00000001', 'n_00000001', 'n_00000002', 'n_00000003']);
    expect(timers.pending.size).toBe(0);
    const [item] = server.recorded;
    expect(item?.body).toEqual({ clientId: 'n_00000001', text: 'note n_00000001' });
  });

  it('backs off 1 s, 2 s, 4 s … up to 30 s, and starts again at 1 s after a save', async () => {
    const { make, server, timers } = setup();
    server.down = true;
    const q = make();
    await q.enqueue(note('v_visit001', 'enc_1', 'n_00000001'));
    await flush(q);
    for (let i = 0; i < 6; i++) {
      timers.fire();
      await flush(q);
    }
    expect(timers.delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect((await q.list())[0]?.attempts).toBe(7);

    server.down = false;
    timers.fire();
    await flush(q);
    expect(server.recorded).toHaveLength(1);

    server.down = true;
    await q.enqueue(note('v_visit001', 'enc_1', 'n_00000002'));
    await flush(q);
    expect(timers.delays.at(-1)).toBe(1_000);
  });

  it('keeps an item through 5xx and 429 answers, counting attempts and showing the last trouble', async () => {
    const { make, server, timers } = setup();
    server.troubles.push(503, 429);
    const q = make();
    await q.enqueue(note('v_visit001', 'enc_1', 'n_00000001'));
    await flush(q);
    expect(q.getStatus()).toMatchObject({ waiting: 1, failed: [], online: true, lastError: { status: 503, message: 'Busy.' } });
    timers.fire();
    await flush(q);
    expect((await q.list())[0]).toMatchObject({ state: 'waiting', attempts: 2, error: { status: 429, code: 'rate_limited' } });
    timers.fire();
    await flush(q);
    expect(server.recorded).toHaveLength(1);
    expect(q.getStatus().lastError).toBeUndefined();
  });

  it('pauses on 401 until tryNow (after signing in again), failing nothing', async () => {
    const { make, server, timers } = setup();
    server.signedOut = true;
    const q = make();
    await q.enqueue(note('v_visit001', 'enc_1', 'n_00000001'));
    await q.enqueue(note('v_visit001', 'enc_1', 'n_00000002'));
    await flush(q);
    expect(server.got).toHaveLength(1);
    expect(timers.pending.size).toBe(0);
    expect(q.getStatus()).toMatchObject({ signedOut: true, waiting: 2, failed: [] });
    expect(syncIndicator(q.getStatus())).toMatchObject({ tone: 'attention', detail: 'Sign in again to send them.' });

    server.signedOut = false;
    await q.tryNow();
    await flush(q);
    expect(server.recorded).toHaveLength(2);
    expect(q.getStatus()).toMatchObject({ signedOut: false, waiting: 0 });
  });
});

describe('refusals', () => {
  const refusal = (message: string): SendResponse => ({
    status: 400,
    body: { error: { code: 'validation_failed', message, fields: [{ field: 'key', message }] } },
  });

  it('keeps a 409 for a visit closed meanwhile, shows it, and still tries the visit’s later changes', async () => {
    const { make, server, win } = setup();
    server.closedVisits.add('enc_1');
    const q = make();
    await q.enqueue({ ...note('v_visit001', 'enc_1', 'n_00000001'), label: 'Note “white tulips”' });
    await q.enqueue(note('v_visit001', 'enc_1', 'n_00000002'));
    await q.enqueue(note('v_visit002', 'enc_2', 'n_00000003'));
    await flush(q);

    expect(server.recorded.map((r) => r.key)).toEqual(['n_00000003']);
    const status = q.getStatus();
    expect(status.failed.map((i) => [i.id, i.label, i.error])).toEqual([
      ['n_00000001', 'Note “white tulips”', { status: 409, code: 'conflict', message: 'This visit was closed already.' }],
      ['n_00000002', undefined, { status: 409, code: 'conflict', message: 'This visit was closed already.' }],
    ]);
    expect(status.failed[0]?.body).toEqual({ clientId: 'n_00000001', text: 'note n_00000001' });
    expect(syncIndicator(status)).toEqual({ tone: 'attention', text: 'Needs attention (2)' });

    // Not retried on its own, even when the connection comes back.
    win.dispatchEvent(new Event('online'));
    await flush(q);
    expect(server.got).toHaveLength(3);

    // Not lost by a reload; gone only when discarded.
    q.close();
    const again = make();
    await flush(again);
    expect(again.getStatus().failed.map((i) => i.id)).toEqual(['n_00000001', 'n_00000002']);
    await again.discard('n_00000001');
    await again.discard('n_00000002');
    expect(again.getStatus()).toMatchObject({ failed: [], waiting: 0 });
    expect(await again.list()).toEqual([]);
  });

  it('holds back the later changes of the same visit behind a refused one, not other visits', async () => {
    const { make, server } = setup();
    server.refuse.set('s_00000001', refusal('There is no such step.'));
    const q = make();
    await q.enqueue({
      scope: 'v_visitA01',
      path: '/api/encounters/enc_1/steps',
      body: { clientId: 's_00000001', key: 'x', status: 'done' },
    });
    await q.enqueue(note('v_visitA01', 'enc_1', 'n_00000002'));
    await q.enqueue(note('v_visitB01', 'enc_2', 'n_00000003'));
    await flush(q);

    expect(keys(server.got)).toEqual(['s_00000001', 'n_00000003']);
    const status = q.getStatus();
    expect(status).toMatchObject({ waiting: 1, blocked: 1 });
    expect(status.failed).toMatchObject([
      { id: 's_00000001', state: 'failed', attempts: 1, error: { status: 400, message: 'There is no such step.' } },
    ]);
    expect(syncIndicator(status)).toEqual({ tone: 'attention', text: 'Needs attention (1)', detail: '1 more waiting to sync' });

    // Put right on the server, then retried: it goes first, then the one held behind it.
    server.refuse.delete('s_00000001');
    await q.retry('s_00000001');
    await flush(q);
    expect(keys(server.got)).toEqual(['s_00000001', 'n_00000003', 's_00000001', 'n_00000002']);
    expect(q.getStatus()).toMatchObject({ waiting: 0, blocked: 0, failed: [] });
  });

  it('lets the held changes go once the refused one is discarded', async () => {
    const { make, server } = setup();
    server.refuse.set('s_00000001', refusal('There is no such step.'));
    const q = make();
    await q.enqueue({
      scope: 'v_visitA01',
      path: '/api/encounters/enc_1/steps',
      body: { clientId: 's_00000001', key: 'x', status: 'done' },
    });
    await q.enqueue(note('v_visitA01', 'enc_1', 'n_00000002'));
    await flush(q);
    expect(server.recorded).toEqual([]);

    await q.discard('s_00000001');
    await flush(q);
    expect(server.recorded.map((r) => r.key)).toEqual(['n_00000002']);
    expect(q.getStatus()).toMatchObject({ waiting: 0, failed: [] });
  });

  it('will not discard the change on its way to the server', async () => {
    const { make, server } = setup();
    server.hang = true;
    const q = make();
    await q.enqueue(note('v_visit001', 'enc_1', 'n_00000001'));
    await vi.waitFor(() => expect(server.got).toHaveLength(1));
    expect(q.getStatus().sending).toBe(true);
    await expect(q.discard('n_00000001')).rejects.toThrow(/being sent right now/);
  });
});

describe('limits', () => {
  it('refuses a 10,000-character note before queueing it, naming the field', async () => {
    const { make, server } = setup();
    const q = make();
    const err = await q.enqueue(note('v_visit001', 'enc_1', 'n_00000001', 'x'.repeat(10_000))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'The note is 10,000 characters long; at most 4,000 can be saved. Shorten it by 6,000.',
      fields: [{ field: 'text' }],
    });
    expect(fieldError(err, 'text')).toBe('The note is 10,000 characters long; at most 4,000 can be saved. Shorten it by 6,000.');
    expect(await q.list()).toEqual([]);
    expect(server.got).toEqual([]);
  });

  it('counts characters as the server does, checks paths with references, and refuses an empty note', async () => {
    const { make, server } = setup();
    server.down = true;
    const q = make();
    await q.enqueue(note('v_visit001', 'enc_1', 'n_00000001', '🌷'.repeat(4_000)));
    await expect(q.enqueue(note('v_visit001', ref('v_visit001'), 'n_00000002', 'x'.repeat(4_001)))).rejects.toMatchObject({
      fields: [{ field: 'text' }],
    });
    await expect(q.enqueue(note('v_visit001', 'enc_1', 'n_00000003', '   '))).rejects.toThrow('The note is empty');
    await expect(
      q.enqueue({
        scope: 'v_visit001',
        path: '/api/encounters/enc_1/follow-ups',
        body: { clientId: 'f_00000001', title: 'Thank you', message: { subject: 'Hi', text: 'y'.repeat(10_001) } },
      }),
    ).rejects.toMatchObject({ fields: [{ field: 'message.text' }] });
    expect((await q.list()).map((i) => i.id)).toEqual(['n_00000001']);
  });
});

describe('records created through the queue', () => {
  it('starts a visit offline and fills its server id into later paths and bodies', async () => {
    const { make, server } = setup();
    const q = make();
    const visit = newClientId('v');
    const session = newClientId('g');
    await q.enqueue({ scope: visit, path: '/api/encounters', body: { clientId: visit, storeId: 'sto_1' }, createsId: true });
    await q.enqueue({ ...note(visit, ref(visit), 'n_00000001') });
    await q.enqueue({
      scope: visit,
      path: '/api/guidance-sessions',
      body: { clientId: session, encounterId: ref(visit), setId: 'qs_1' },
      createsId: true,
    });
    await q.enqueue({
      scope: visit,
      method: 'PUT',
      path: `/api/guidance-sessions/${ref(session)}/answers/colour`,
      body: { answer: 'white' },
    });
    await flush(q);

    expect(server.got.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/api/encounters'],
      ['POST', '/api/encounters/enc_1/notes'],
      ['POST', '/api/guidance-sessions'],
      ['PUT', '/api/guidance-sessions/gs_3/answers/colour'],
    ]);
    expect(server.got[2]?.body).toMatchObject({ encounterId: 'enc_1' });
    expect(await q.serverId(visit)).toBe('enc_1');
    expect(await q.serverId('n_00000001')).toBeUndefined();
  });

  it('holds a change until what it refers to is saved, and fails it (not silently) if that is discarded', async () => {
    const { make, server } = setup();
    const visit = 'v_visit001';
    server.refuse.set(visit, { status: 403, body: { error: { code: 'forbidden', message: 'Not in your store.' } } });
    const q = make();
    await q.enqueue({ scope: visit, path: '/api/encounters', body: { clientId: visit, storeId: 'sto_9' }, createsId: true });
    await q.enqueue({ ...note('v_other01', ref(visit), 'n_00000001') });
    await flush(q);
    expect(keys(server.got)).toEqual([visit]);
    expect(q.getStatus()).toMatchObject({ waiting: 1, failed: [{ id: visit }] });

    await q.discard(visit);
    await flush(q);
    expect(keys(server.got)).toEqual([visit]);
    expect(q.getStatus().failed).toMatchObject([{ id: 'n_00000001', error: { code: 'unresolved' } }]);
  });
});

describe('a device clock 10 minutes wrong', () => {
  const step = (clientId: string) => ({
    scope: 'v_visit001',
    path: '/api/encounters/enc_1/steps',
    body: { clientId, key: 'greet', status: 'done' },
    happenedAt: 'at',
  });

  it('lets the server stamp a change sent at once', async () => {
    const { make, server } = setup(10 * MINUTE);
    const q = make();
    await q.enqueue(step('s_00000001'));
    await flush(q);
    expect(server.got[0]?.body).toEqual({ clientId: 's_00000001', key: 'greet', status: 'done' });
    expect(server.recorded[0]?.at).toBe(T0);
  });

  it('sends a late change with its real time: fast clock, nothing known yet, learnt from the refusal', async () => {
    const { make, server, clock, win } = setup(10 * MINUTE);
    server.down = true;
    const q = make();
    const item = await q.enqueue(step('s_00000001'));
    expect(item.createdAt).toBe(T0 + 10 * MINUTE); // device time, for display
    await flush(q);

    clock.t += 3 * MINUTE;
    server.down = false;
    win.dispatchEvent(new Event('online'));
    await flush(q);

    expect(server.got.map((r) => (r.body as { at?: string }).at)).toEqual([
      undefined, // tried at once (while down): the server would have stamped it
      new Date(T0 + 10 * MINUTE).toISOString(), // refused: in the future
      new Date(T0 + 500).toISOString(), // with the offset the refusal's Date header gave
    ]);
    expect(server.recorded).toHaveLength(1);
    expect(Math.abs(server.recorded[0]!.at - T0)).toBeLessThan(1_000);
    expect(q.getStatus().failed).toEqual([]);
  });

  it('remembers the offset across reloads: a slow clock’s late change is not put 10 minutes early', async () => {
    const { make, server, clock, win } = setup(-10 * MINUTE);
    const first = make();
    await first.enqueue(note('v_visit001', 'enc_1', 'n_00000001'));
    await flush(first);
    first.close();

    clock.t += MINUTE;
    server.down = true;
    const second = make();
    await second.ready;
    await second.enqueue(step('s_00000002'));
    const happened = clock.t;
    await flush(second);
    clock.t += 2 * MINUTE;
    server.down = false;
    win.dispatchEvent(new Event('online'));
    await flush(second);

    expect(server.recorded.map((r) => r.key)).toEqual(['n_00000001', 's_00000002']);
    expect(Math.abs(server.recorded[1]!.at - happened)).toBeLessThan(1_000);
    expect(server.got.filter((r) => r.headers['idempotency-key'] === 's_00000002')).toHaveLength(2); // one while down
  });
});

describe('two tabs', () => {
  it('sends one at a time under a Web Lock: each change once, and the other tab’s status follows', async () => {
    const { make, server } = setup();
    const names: string[] = [];
    let tail: Promise<unknown> = Promise.resolve();
    const locks: LocksLike = {
      request(name, callback) {
        names.push(name);
        const run = tail.then(callback);
        tail = run.catch(() => undefined);
        return run;
      },
    };
    const tab1 = make({ locks, broadcast: true });
    const tab2 = make({ locks, broadcast: true });
    await Promise.all([tab1.ready, tab2.ready]);
    await Promise.all([
      tab1.enqueue(note('v_visit001', 'enc_1', 'n_00000001')),
      tab2.enqueue(note('v_visit002', 'enc_2', 'n_00000002')),
      tab1.enqueue(note('v_visit001', 'enc_1', 'n_00000003')),
      tab2.enqueue(note('v_visit002', 'enc_2', 'n_00000004')),
    ]);
    await Promise.all([flush(tab1), flush(tab2)]);

    expect(server.got).toHaveLength(4);
    expect(server.recorded.map((r) => r.key).sort()).toEqual(['n_00000001', 'n_00000002', 'n_00000003', 'n_00000004']);
    expect(new Set(names)).toEqual(new Set([DB_NAME]));
    await vi.waitFor(() => {
      expect(tab1.getStatus().waiting).toBe(0);
      expect(tab2.getStatus().waiting).toBe(0);
    });
  });
});

describe('fetchSend', () => {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', date: 'Tue, 12 May 2026 09:00:00 GMT' } });

  it('posts JSON with the Idempotency-Key and returns the answer with its Date', async () => {
    const calls: [string, RequestInit][] = [];
    const send = fetchSend({
      fetch: async (url, init) => {
        calls.push([String(url), init ?? {}]);
        return json(409, { error: { code: 'conflict', message: 'Closed.' } });
      },
    });
    const res = await send({
      method: 'POST',
      path: '/api/encounters/enc_1/notes',
      body: { clientId: 'n_1', text: 'hi' },
      headers: { 'idempotency-key': 'n_1' },
    });
    expect(res).toEqual({ status: 409, body: { error: { code: 'conflict', message: 'Closed.' } }, date: 'Tue, 12 May 2026 09:00:00 GMT' });
    expect(calls[0]?.[1]).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      body: '{"clientId":"n_1","text":"hi"}',
      headers: { 'idempotency-key': 'n_1', 'content-type': 'application/json' },
    });
    const empty = fetchSend({ fetch: async () => new Response(null, { status: 204 }) });
    expect(await empty({ method: 'POST', path: '/api/x', headers: {} })).toMatchObject({ status: 204, body: null });
  });

  it('takes a Wi-Fi sign-in page, or no answer in time, as no answer', async () => {
    const portal = fetchSend({
      fetch: async () => new Response('<html>Accept the terms</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    });
    await expect(portal({ method: 'POST', path: '/api/x', headers: {} })).rejects.toThrow('did not come from Ones');

    const slow = fetchSend({
      timeoutMs: 5,
      fetch: (_url, init) => new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
    });
    await expect(slow({ method: 'POST', path: '/api/x', headers: {} })).rejects.toThrow('aborted');
  });
});

function Indicator({ queue }: { queue: Queue }) {
  return createElement('span', null, useQueue(queue).indicator.text);
}

describe('the indicator', () => {
  const base: QueueStatus = { loading: false, waiting: 0, blocked: 0, failed: [], sending: false, online: true, signedOut: false };

  it('says Saved, Waiting to sync (N) or Needs attention (N)', () => {
    expect(syncIndicator(base)).toEqual({ tone: 'saved', text: 'Saved' });
    expect(syncIndicator({ ...base, loading: true })).toEqual({ tone: 'waiting', text: 'Checking…' });
    expect(syncIndicator({ ...base, waiting: 3, sending: true })).toEqual({
      tone: 'waiting',
      text: 'Waiting to sync (3)',
      detail: 'Sending…',
    });
    expect(syncIndicator({ ...base, waiting: 3, lastError: { status: 503, code: 'unavailable', message: 'Down for a moment.' } })).toEqual({
      tone: 'waiting',
      text: 'Waiting to sync (3)',
      detail: 'Down for a moment.',
    });
  });

  it('renders, on the server and when taking over its page, the status of a queue not read yet', async () => {
    const { make } = setup();
    const q = make();
    await q.enqueue(note('v_visit001', 'enc_1', 'n_00000001'));
    await flush(q);
    // This queue has sent everything; a first view rendered on the server cannot know that, and
    // the browser takes that view over as it was rendered, then shows what its own queue says.
    expect(syncIndicator(q.getStatus()).text).toBe('Saved');
    expect(renderToString(createElement(Indicator, { queue: q }))).toBe('<span>Checking…</span>');
  });
});
