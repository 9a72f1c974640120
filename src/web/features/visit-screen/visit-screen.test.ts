import { describe, expect, it } from 'vitest';
import { questionsToAsk } from '../../../shared/domain/question-sets.ts';
import type { GuidanceSession } from '../guidance/guidance.api.ts';
import type { Visit } from '../visits/visits.api.ts';
import { secondsSince, spaceSince } from './cadence.ts';
import { queuedWrites } from './guidance-writes.ts';
import { cannotMarkYet, itemsForVisit, pendingBasketLines, removedBasketLines, sessionWithPending, withPending } from './pending.ts';
import type { Queue, QueueItem } from './sync/queue.ts';

const step = (key: string, state: Visit['steps'][number]['state'], skippable = true, at: string | null = null) => ({
  key,
  name: key.charAt(0).toUpperCase() + key.slice(1),
  guidance: `Guidance for ${key}`,
  skippable,
  doneWhen: { kind: 'marked' as const },
  state,
  at,
});

function visit(over: Partial<Visit> = {}): Visit {
  return {
    id: 'enc_1',
    clientId: 'c_visit_1',
    version: 1,
    store: { id: 'sto_1', name: 'Riverside', timeZone: 'Europe/London' },
    customer: null,
    status: 'open',
    outcome: null,
    noSaleReason: null,
    saleId: null,
    saleTotal: null,
    leadStaffId: null,
    staff: [],
    roadmap: { id: 'rm_1', version: 1, currentVersion: 1, name: 'Our way' },
    steps: [step('greet', 'current', false), step('acknowledge', 'to-do'), step('give-space', 'to-do'), step('close', 'to-do', false)],
    currentStep: 'greet',
    guidanceSessions: [],
    basket: [],
    gestures: [],
    lostDemand: [],
    specialOrder: null,
    followUps: [],
    notes: [],
    times: {
      arrivedAt: null,
      startedAt: '2026-03-01T10:00:00.000Z',
      greetedAt: null,
      secondsToGreet: null,
      closedAt: null,
      secondsInDiscovery: null,
      secondsGiven: 0,
      spaceSince: null,
    },
    ...over,
  };
}

let seq = 0;
function item(path: string, body: unknown, over: Partial<QueueItem> = {}): QueueItem {
  seq++;
  return {
    seq,
    id: (body as { clientId?: string } | undefined)?.clientId ?? `q_${seq}`,
    scope: 'c_visit_1',
    method: 'POST',
    path,
    body,
    createdAt: Date.parse('2026-03-01T10:01:00.000Z') + seq * 1000,
    attempts: 0,
    state: 'waiting',
    ...over,
  };
}

describe('withPending', () => {
  it('shows the server’s visit as it is when nothing is queued', () => {
    const shown = withPending(visit(), []);
    expect(shown.steps.map((s) => s.state)).toEqual(['current', 'to-do', 'to-do', 'to-do']);
    expect(shown.currentStep?.key).toBe('greet');
    expect(shown.notes).toEqual([]);
    expect(shown.gestures).toEqual([]);
  });

  it('marks queued steps at once, waiting, and moves the current step on', () => {
    const greet = item('/api/encounters/enc_1/steps', { clientId: 'c_s1', key: 'greet', status: 'done' });
    const shown = withPending(visit(), [
      greet,
      item('/api/encounters/enc_1/steps', { clientId: 'c_s2', key: 'acknowledge', status: 'skipped' }),
    ]);
    expect(shown.steps.map((s) => [s.key, s.state, s.pending])).toEqual([
      ['greet', 'done', 'waiting'],
      ['acknowledge', 'skipped', 'waiting'],
      ['give-space', 'current', undefined],
      ['close', 'to-do', undefined],
    ]);
    expect(shown.steps[0]?.at).toBe(new Date(greet.createdAt).toISOString());
    expect(shown.currentStep?.key).toBe('give-space');
  });

  it('leaves a refused step as it was, flagged with the server’s message', () => {
    const error = { status: 409, code: 'conflict', message: '“Greet” comes before “Give space”.' };
    const shown = withPending(visit(), [
      item('/api/encounters/enc_1/steps', { clientId: 'c_s3', key: 'give-space', status: 'done' }, { state: 'failed', error }),
    ]);
    const space = shown.steps.find((s) => s.key === 'give-space');
    expect(space).toMatchObject({ state: 'to-do', pending: 'failed', error });
    expect(shown.currentStep?.key).toBe('greet');
  });

  it('lets the server’s answer win once it has the step', () => {
    const saved = visit({ steps: [step('greet', 'done', false, '2026-03-01T10:00:30.000Z'), step('acknowledge', 'current')] });
    const shown = withPending(saved, [item('/api/encounters/enc_1/steps', { clientId: 'c_s4', key: 'greet', status: 'done' })]);
    expect(shown.steps[0]).toMatchObject({ state: 'done', at: '2026-03-01T10:00:30.000Z' });
    expect(shown.steps[0]?.pending).toBeUndefined();
  });

  it('adds queued notes after the saved ones, once, and drops one the server already has', () => {
    const saved = visit({
      notes: [{ id: 'note_1', clientId: 'c_n1', text: 'Saved', at: '2026-03-01T10:00:10.000Z', staffId: 's', staffName: 'Amara' }],
    });
    const shown = withPending(saved, [
      item('/api/encounters/enc_1/notes', { clientId: 'c_n1', text: 'Saved' }),
      item('/api/encounters/enc_1/notes', { clientId: 'c_n2', text: 'White tulips' }),
    ]);
    expect(shown.notes.map((n) => [n.text, n.pending])).toEqual([
      ['Saved', undefined],
      ['White tulips', 'waiting'],
    ]);
  });

  it('shows a gesture the server refused (over budget) with its message', () => {
    const error = { status: 409, code: 'budget_exceeded', message: 'Only £3.00 is left of this month’s budget.' };
    const shown = withPending(visit(), [
      item(
        '/api/encounters/enc_1/gestures',
        { clientId: 'c_g1', kind: 'extra-blooms', description: 'Three stems', cost: 4.5 },
        {
          state: 'failed',
          error,
        },
      ),
    ]);
    expect(shown.gestures).toEqual([
      expect.objectContaining({ id: 'c_g1', kind: 'extra-blooms', description: 'Three stems', cost: 4.5, pending: 'failed', error }),
    ]);
  });

  it('ignores other visits’ changes', () => {
    const items = [
      item('/api/encounters/enc_2/notes', { clientId: 'c_n9', text: 'Someone else' }),
      item('/api/encounters/enc_10/steps', { clientId: 'c_s9', key: 'greet', status: 'done' }),
    ];
    expect(itemsForVisit(items, 'enc_1')).toEqual([]);
    expect(withPending(visit(), items).notes).toEqual([]);
  });
});

describe('cannotMarkYet', () => {
  it('follows the server: an earlier step that may not be skipped comes first', () => {
    const { steps } = withPending(visit(), []);
    expect(cannotMarkYet(steps, 'give-space')).toBe('“Greet” comes before “Give-space”.');
    const after = withPending(visit(), [item('/api/encounters/enc_1/steps', { clientId: 'c_s5', key: 'greet', status: 'done' })]);
    expect(cannotMarkYet(after.steps, 'give-space')).toBeNull();
  });
});

describe('give space', () => {
  const space = (path: string, over: Partial<QueueItem> = {}) =>
    item(`/api/encounters/enc_1/space${path}`, { clientId: `c_sp_${seq + 1}` }, over);

  it('is under way from a queued start until a queued end, and from the server’s open one', () => {
    const start = space('');
    expect(spaceSince(visit(), [start])).toBe(new Date(start.createdAt).toISOString());
    expect(spaceSince(visit(), [start, space('/end')])).toBeNull();
    const open = visit({ times: { ...visit().times, spaceSince: '2026-03-01T10:05:00.000Z' } });
    expect(spaceSince(open, [])).toBe('2026-03-01T10:05:00.000Z');
    // A queued start does not move the server's; a queued end closes it; a refused end does not.
    expect(spaceSince(open, [space('')])).toBe('2026-03-01T10:05:00.000Z');
    expect(spaceSince(open, [space('/end')])).toBeNull();
    expect(spaceSince(open, [space('/end', { state: 'failed' })])).toBe('2026-03-01T10:05:00.000Z');
    // Another visit's space is not this one's.
    expect(spaceSince(visit(), [item('/api/encounters/enc_2/space', { clientId: 'c_sp_other' }, { scope: 'enc_2' })])).toBeNull();
  });

  it('counts whole seconds up, never below nothing', () => {
    const at = Date.parse('2026-03-01T10:05:00.000Z');
    expect(secondsSince('2026-03-01T10:05:00.000Z', at + 30_900)).toBe(30);
    expect(secondsSince('2026-03-01T10:05:00.000Z', at - 5_000)).toBe(0);
    expect(secondsSince(null, at)).toBe(0);
  });
});

describe('sessionWithPending', () => {
  const definition = {
    questions: [
      {
        key: 'occasion',
        prompt: 'What for?',
        type: 'single',
        choices: [
          { value: 'wedding', label: 'Wedding' },
          { value: 'home', label: 'Home' },
        ],
      },
      // Asked only for a wedding.
      { key: 'venue', prompt: 'Where?', type: 'text', askIf: { question: 'occasion', anyOf: ['wedding'] } },
      { key: 'budget', prompt: 'How much?', type: 'budget' },
    ],
  } as unknown as GuidanceSession['set']['definition'];
  const session = (over: Partial<GuidanceSession> = {}): GuidanceSession =>
    ({
      id: 'gs_1',
      set: { id: 'qs_1', name: 'Flowers', version: 1, currentVersion: 1, definition },
      answers: {},
      skipped: [],
      toAsk: questionsToAsk(definition, {}).map((q) => q.key),
      basket: [],
      ...over,
    }) as GuidanceSession;
  const answerPath = (key: string) => `/api/guidance-sessions/gs_1/answers/${key}`;

  it('lays queued answers and skips over the session and asks the branching questions they open', () => {
    const base = session();
    expect(base.toAsk).toEqual(['occasion', 'budget']);
    const shown = sessionWithPending(base, [
      item(answerPath('occasion'), { answer: { values: ['wedding'] } }, { method: 'PUT' }),
      item(answerPath('budget'), undefined, { method: 'DELETE' }),
    ]);
    expect(shown.answers).toEqual({ occasion: { values: ['wedding'] } });
    expect(shown.skipped).toEqual(['budget']);
    expect(shown.toAsk).toEqual(['occasion', 'venue', 'budget']);
    // The server's session is not changed.
    expect(base.answers).toEqual({});
  });

  it('takes the last of several queued answers to one question, and leaves refused ones out', () => {
    const shown = sessionWithPending(session(), [
      item(answerPath('occasion'), { answer: { values: ['wedding'] } }, { method: 'PUT' }),
      item(answerPath('occasion'), { answer: { values: ['home'] } }, { method: 'PUT' }),
      item(answerPath('budget'), { answer: { max: 10 } }, { method: 'PUT', state: 'failed' }),
    ]);
    expect(shown.answers).toEqual({ occasion: { values: ['home'] } });
    expect(shown.toAsk).toEqual(['occasion', 'budget']);
  });

  it('shows a queued basket line with its title and price until the server has it, never twice', () => {
    const line = item(
      '/api/guidance-sessions/gs_1/basket',
      { clientId: 'b_line_0001', variantId: 'var_1', quantity: 12, listId: 'rl_1' },
      { show: { title: 'Ranunculus — White', unitPrice: 2.4, productId: 'prd_1' } },
    );
    const shown = sessionWithPending(session(), [line]);
    expect(shown.basket).toEqual([
      expect.objectContaining({ clientId: 'b_line_0001', title: 'Ranunculus — White', quantity: 12, total: 28.8, pending: 'waiting' }),
    ]);
    const saved = { ...shown.basket[0]!, id: 'bl_1', pending: undefined };
    expect(sessionWithPending(session({ basket: [saved] }), [line]).basket).toHaveLength(1);
    // Another session's changes are not this one's.
    expect(sessionWithPending(session({ id: 'gs_2' }), [line]).basket).toEqual([]);
  });

  it('takes a line out at once while its removal waits, and shows it again when the server refuses it', () => {
    const saved = {
      id: 'bl_1',
      clientId: 'b_line_0009',
      variantId: 'var_1',
      productId: 'prd_1',
      title: 'Tulip',
      quantity: 2,
      unitPrice: 1,
      total: 2,
      listId: null,
      addedAt: '2026-03-01T10:02:00.000Z',
    };
    const removal = item('/api/guidance-sessions/gs_1/basket/bl_1', undefined, { method: 'DELETE' });
    expect(sessionWithPending(session({ basket: [saved] }), [removal]).basket).toEqual([]);
    expect(sessionWithPending(session({ basket: [saved] }), [{ ...removal, state: 'failed' }]).basket).toEqual([saved]);
  });

  it('sends with each answer or skip the answer the screen showed, so the server can refuse one changed on another device', async () => {
    const queued: QueueItem[] = [];
    const queue = {
      enqueue: async (change: Partial<QueueItem>) => {
        const queuedItem = item(change.path as string, change.body, change);
        queued.push(queuedItem);
        return queuedItem;
      },
    } as unknown as Queue;
    const writes = queuedWrites(queue, 'c_visit_1', true);
    const first = await writes.answer(session(), 'occasion', { values: ['home'] });
    const second = await writes.answer(first, 'occasion', { values: ['wedding'] });
    await writes.skip(second, 'occasion');
    expect(queued.map((q) => [q.method, q.body])).toEqual([
      ['PUT', { answer: { values: ['home'] }, replaces: null }],
      // The answer still in the queue is the one shown.
      ['PUT', { answer: { values: ['wedding'] }, replaces: { values: ['home'] } }],
      ['DELETE', { replaces: { values: ['wedding'] } }],
    ]);
  });

  it('narrows to a queued category, or back to everything', () => {
    const cushions = { id: 'cat_1', path: 'Soft furnishings/Cushions' };
    const base = session({ category: null, categoryOptions: [cushions] });
    const narrow = (categoryId: string | null) => item('/api/guidance-sessions/gs_1', { categoryId }, { method: 'PATCH' });
    expect(sessionWithPending(base, [narrow('cat_1')]).category).toEqual(cushions);
    expect(sessionWithPending(base, [narrow('cat_1'), narrow(null)]).category).toBeNull();
    // Another session's narrowing is not this one's.
    expect(sessionWithPending(session({ id: 'gs_2', category: null, categoryOptions: [cushions] }), [narrow('cat_1')]).category).toBeNull();
  });

  it('lists the lines whose removal waits, for the close to leave out', () => {
    const v = visit({ guidanceSessions: [{ id: 'gs_1', setName: 'Flowers', startedAt: '2026-03-01T10:02:00.000Z' }] });
    const show = { title: 'Tulip', variantId: 'var_1', quantity: 2, unitPrice: 1 };
    expect(
      removedBasketLines(v, [
        item('/api/guidance-sessions/gs_1/basket/bl_1', undefined, { method: 'DELETE', scope: 'enc_1', show }),
        item('/api/guidance-sessions/gs_1/basket/bl_2', undefined, { method: 'DELETE', scope: 'enc_1', show, state: 'failed' }),
      ]),
    ).toEqual([{ variantId: 'var_1', quantity: 2, unitPrice: 1 }]);
  });

  it('lists the visit’s queued basket lines, refused ones marked, for the close', () => {
    const v = visit({ guidanceSessions: [{ id: 'gs_1', setName: 'Flowers', startedAt: '2026-03-01T10:02:00.000Z' }] });
    const lines = pendingBasketLines(v, [
      item(
        '/api/guidance-sessions/gs_1/basket',
        { clientId: 'b_line_0002', variantId: 'var_1', quantity: 2 },
        {
          scope: 'enc_1',
          state: 'failed',
          show: { title: 'Tulip', unitPrice: 1 },
        },
      ),
      item('/api/guidance-sessions/gs_9/basket', { clientId: 'b_line_0003', variantId: 'var_2', quantity: 1 }, { scope: 'enc_1' }),
    ]);
    expect(lines).toEqual([expect.objectContaining({ title: 'Tulip', quantity: 2, pending: 'failed' })]);
  });
});
