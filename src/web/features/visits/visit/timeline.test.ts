import { describe, expect, it } from 'vitest';
import type { Visit } from '../visits.api.ts';
import { customerLabel, dayAndTime, helpedBy, stepsFigure } from './format.ts';
import { buildTimeline, sinceStartText, visitLength } from './timeline.ts';

const T = (hhmmss: string) => `2026-12-31T${hhmmss}.000Z`;

type Step = Visit['steps'][number];

function step(key: string, state: Step['state'], at: string | null = null, doneWhen: Step['doneWhen'] = { kind: 'marked' }): Step {
  return { key, name: key.charAt(0).toUpperCase() + key.slice(1), guidance: '', skippable: true, doneWhen, state, at };
}

/** A closed visit at a florist's: came in 10:00, started 10:02, greeted 10:00:40, an assist, a note, lost demand, a gesture. */
function visit(over: Partial<Visit> = {}): Visit {
  return {
    id: 'enc_1',
    clientId: 'c1',
    version: 1,
    store: { id: 'sto_1', name: 'Riverside', timeZone: 'Europe/London' },
    customer: { id: 'cus_1', name: 'Adaeze Okafor', preferredName: null },
    status: 'closed',
    outcome: 'no-sale',
    noSaleReason: 'will-come-back',
    saleId: null,
    saleTotal: null,
    leadStaffId: 'stf_p',
    staff: [
      { staffId: 'stf_p', name: 'Priya Natarajan', roles: ['lead'], joinedAt: T('10:02:00') },
      { staffId: 'stf_d', name: 'Daniel Mensah', roles: ['assist'], joinedAt: T('10:05:00') },
    ],
    roadmap: { id: 'rm_1', version: 1, currentVersion: 2, name: 'Our way' },
    steps: [
      step('greet', 'done', T('10:00:40')),
      step('acknowledge', 'done', T('10:01:00')),
      step('converse', 'skipped', T('10:01:30')),
      step('discover', 'done', null, { kind: 'questions-answered', atLeast: 3 }),
      step('close', 'done', null, { kind: 'closed' }),
      step('thank', 'current'),
      step('follow-up', 'to-do'),
    ],
    currentStep: 'thank',
    guidanceSessions: [{ id: 'gse_1', setName: 'Wedding flowers', startedAt: T('10:06:00') }],
    basket: [],
    considered: [],
    feedback: null,
    gestures: [{ id: 'ges_1', kind: 'extra-blooms', description: 'Eucalyptus', cost: 1.5, givenAt: T('10:09:00') }],
    lostDemand: [
      { id: 'los_1', description: 'Blue hydrangeas', quantity: 3, outcome: 'other-store', substitute: null, note: null, at: T('10:08:00') },
    ],
    specialOrder: null,
    followUps: [],
    notes: [{ id: 'not_1', clientId: 'n1', text: 'Wedding in June', at: T('10:07:00'), staffId: 'stf_p', staffName: 'Priya Natarajan' }],
    times: {
      arrivedAt: T('10:00:00'),
      startedAt: T('10:02:00'),
      greetedAt: T('10:00:40'),
      secondsToGreet: 40,
      closedAt: T('10:12:00'),
      secondsInDiscovery: null,
      secondsGiven: 0,
      spaceSince: null,
    },
    ...over,
  };
}

describe('a visit’s timeline', () => {
  it('tells what happened in order, from the arrival, with the time since the visit began', () => {
    const t = buildTimeline(visit());
    expect(t.began).toBe(T('10:00:00'));
    expect(t.entries.map((e) => [e.kind, e.sinceStart])).toEqual([
      ['arrived', 0],
      ['step', 40],
      ['step', 60],
      ['step', 90],
      ['started', 120],
      ['joined', 300],
      ['session', 360],
      ['note', 420],
      ['lost', 480],
      ['gesture', 540],
      ['closed', 720],
    ]);
    expect(t.entries[4]).toMatchObject({ kind: 'started', by: 'Priya Natarajan' });
    expect(t.entries[5]).toMatchObject({ kind: 'joined', name: 'Daniel Mensah', roles: ['assist'] });
    expect(t.entries[3]).toMatchObject({ kind: 'step', name: 'Converse', state: 'skipped' });
    // The step the closing did is told with the closing, not as a step without a time.
    expect(t.entries[10]).toMatchObject({ kind: 'closed', outcome: 'no-sale', steps: ['Close'] });
    expect(t.untimed).toEqual([{ key: 'discover', name: 'Discover' }]);
    expect(t.notReached).toEqual([
      { key: 'thank', name: 'Thank', current: true },
      { key: 'follow-up', name: 'Follow-up', current: false },
    ]);
  });

  it('begins at the start when no arrival is recorded, and tells an open visit without an ending', () => {
    const t = buildTimeline(
      visit({
        status: 'open',
        outcome: null,
        noSaleReason: null,
        steps: [step('greet', 'done', T('10:02:30')), step('close', 'current')],
        times: {
          arrivedAt: null,
          startedAt: T('10:02:00'),
          greetedAt: T('10:02:30'),
          secondsToGreet: 30,
          closedAt: null,
          secondsInDiscovery: null,
          secondsGiven: 0,
          spaceSince: null,
        },
        gestures: [],
        lostDemand: [],
        notes: [],
        guidanceSessions: [],
      }),
    );
    expect(t.began).toBe(T('10:02:00'));
    expect(t.entries.map((e) => `${e.kind}@${e.sinceStart}`)).toEqual(['started@0', 'step@30', 'joined@180']);
    expect(t.notReached).toEqual([{ key: 'close', name: 'Close', current: true }]);
  });

  it('sets apart a step done with no time that the closing did not do, rather than guess its time', () => {
    const t = buildTimeline(
      visit({
        steps: [
          step('discover', 'done', null, { kind: 'questions-answered', atLeast: 3 }),
          step('close', 'done', null, { kind: 'basket' }),
        ],
      }),
    );
    expect(t.untimed.map((s) => s.key)).toEqual(['discover', 'close']);
    expect(t.entries.at(-1)).toMatchObject({ kind: 'closed', steps: [] });
  });

  it('puts the arrival before the start, and the ending last, when they share a moment', () => {
    const t = buildTimeline(
      visit({
        staff: [{ staffId: 'stf_p', name: 'Priya Natarajan', roles: ['lead'], joinedAt: T('10:00:01') }],
        steps: [],
        notes: [{ id: 'n', clientId: 'n', text: 'x', at: T('10:12:00'), staffId: null, staffName: null }],
        guidanceSessions: [],
        gestures: [],
        lostDemand: [],
        times: {
          arrivedAt: T('10:00:00'),
          startedAt: T('10:00:00'),
          greetedAt: null,
          secondsToGreet: null,
          closedAt: T('10:12:00'),
          secondsInDiscovery: null,
          secondsGiven: 0,
          spaceSince: null,
        },
      }),
    );
    expect(t.entries.map((e) => e.kind)).toEqual(['arrived', 'started', 'note', 'closed']);
    // The lead who joined as the visit started started it: no separate "joined".
    expect(t.entries[1]).toMatchObject({ by: 'Priya Natarajan' });
  });

  it('says a colleague who took over later took over, and no-one started a visit the API started', () => {
    const t = buildTimeline(visit({ staff: [{ staffId: 'stf_m', name: 'Marcus Oyelaran', roles: ['lead'], joinedAt: T('10:04:00') }] }));
    expect(t.entries.find((e) => e.kind === 'started')).toMatchObject({ by: null });
    expect(t.entries.find((e) => e.kind === 'joined')).toMatchObject({ name: 'Marcus Oyelaran', roles: ['lead'] });
  });
});

describe('visit words', () => {
  it('says how long after the start, in seconds for the first minute, whole minutes after, and days past the first', () => {
    expect(sinceStartText(0)).toBe('start');
    expect(sinceStartText(40)).toBe('+40 s');
    expect(sinceStartText(200)).toBe('+3 min');
    expect(sinceStartText(3900)).toBe('+1 h 5 min');
    expect(sinceStartText(-90)).toBe('−1 min');
    expect(sinceStartText(26 * 3600)).toBe('+1 day');
    expect(sinceStartText(50 * 3600)).toBe('+2 days');
  });

  it('measures a visit from its beginning to its end, or to now while it is open', () => {
    expect(visitLength(visit())).toBe(720);
    const open = visit({ times: { ...visit().times, closedAt: null, secondsInDiscovery: null, secondsGiven: 0, spaceSince: null } });
    expect(visitLength(open, new Date(T('10:30:00')))).toBe(1800);
  });

  it('names the customer, who helped, and the steps', () => {
    expect(customerLabel(null)).toBe('Someone not yet known');
    expect(customerLabel({ name: null })).toBe('A customer');
    expect(customerLabel({ name: 'Adaeze Okafor' })).toBe('Adaeze Okafor');
    expect(helpedBy({ leadName: 'Priya', assistNames: [] }, 'en-GB')).toBe('Led by Priya');
    expect(helpedBy({ leadName: 'Priya', assistNames: ['Daniel', 'Sam'] }, 'en-GB')).toBe('Led by Priya, helped by Daniel and Sam');
    expect(helpedBy({ leadName: null, assistNames: ['Daniel'] }, 'en-GB')).toBe('Helped by Daniel');
    expect(helpedBy({ leadName: null, assistNames: [] }, 'en-GB')).toBeNull();
    expect(stepsFigure(visit().steps)).toEqual({ value: '4 of 7', note: '1 skipped' });
    expect(stepsFigure([step('greet', 'done')])).toEqual({ value: '1 of 1', note: undefined });
  });

  it('gives the day and time where the store is, with the year only when it is not this year', () => {
    const now = new Date(T('12:00:00'));
    expect(dayAndTime(T('10:02:00'), 'en-GB', 'Europe/London', now)).toBe('Thu 31 Dec, 10:02');
    expect(dayAndTime('2025-06-01T09:00:00Z', 'en-GB', 'Europe/London', now)).toBe('Sun, 1 Jun 2025, 10:00');
  });
});
