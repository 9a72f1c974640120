import { describe, expect, it } from 'vitest';
import type { Visit } from '../visits/visits.api.ts';
import { endSpace, givenSeconds, loadSpace, NO_SPACE, saveSpace, spaceSeconds, startSpace } from './cadence.ts';
import { cannotMarkYet, itemsForVisit, withPending } from './pending.ts';
import type { QueueItem } from './sync/queue.ts';

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
    times: { arrivedAt: null, startedAt: '2026-03-01T10:00:00.000Z', greetedAt: null, secondsToGreet: null, closedAt: null },
    ...over,
  };
}

let seq = 0;
function item(path: string, body: unknown, over: Partial<QueueItem> = {}): QueueItem {
  seq++;
  return {
    seq,
    id: (body as { clientId?: string }).clientId ?? `q_${seq}`,
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
  it('counts up the time given, across spaces, and never below nothing', () => {
    let s = startSpace(NO_SPACE, 1_000);
    expect(spaceSeconds(s, 31_500)).toBe(30);
    expect(startSpace(s, 9_000)).toBe(s);
    s = endSpace(s, 61_000);
    expect(s).toEqual({ since: null, givenMs: 60_000 });
    expect(spaceSeconds(s, 99_000)).toBe(0);
    s = startSpace(s, 100_000);
    expect(givenSeconds(s, 110_000)).toBe(70);
    expect(spaceSeconds(startSpace(NO_SPACE, 5_000), 1_000)).toBe(0);
  });

  it('keeps its state in the tab’s storage and reads nonsense as none', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveSpace(storage, 'enc_1', { since: 5, givenMs: 10 });
    expect(loadSpace(storage, 'enc_1')).toEqual({ since: 5, givenMs: 10 });
    expect(loadSpace(storage, 'enc_2')).toEqual(NO_SPACE);
    store.set('ones:give-space:enc_3', '{not json');
    expect(loadSpace(storage, 'enc_3')).toEqual(NO_SPACE);
    expect(loadSpace(undefined, 'enc_1')).toEqual(NO_SPACE);
  });
});
