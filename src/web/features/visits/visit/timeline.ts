import type { Visit, VisitOutcome } from '../visits.api.ts';
import { duration, secondsBetween } from '../words.ts';

/** What every line of a visit's story has: when, and how long after the visit began. */
interface At {
  /** Unique within the timeline, for React. */
  id: string;
  at: string;
  /** Seconds since the visit began (the customer came in, or the visit was started). */
  sinceStart: number;
}

/** One thing that happened in a visit, in the words the screen shows it with. */
export type TimelineEntry = At &
  (
    | { kind: 'arrived' }
    | { kind: 'started'; by: string | null }
    | { kind: 'joined'; name: string; roles: ('lead' | 'assist')[] }
    | { kind: 'step'; name: string; state: 'done' | 'skipped' }
    | { kind: 'session'; sessionId: string; setName: string }
    | { kind: 'note'; text: string; author: string | null }
    | { kind: 'gesture'; gesture: Visit['gestures'][number] }
    | { kind: 'lost'; item: Visit['lostDemand'][number] }
    /** `steps`: the roadmap steps done by the closing itself (e.g. "Close"). */
    | { kind: 'closed'; outcome: VisitOutcome | null; steps: string[] }
  );

type WithoutSince<E> = E extends unknown ? Omit<E, 'sinceStart'> : never;

export interface Timeline {
  /** When the visit began: the customer's arrival when recorded (and earlier), else its start. */
  began: string;
  /** Everything with a time, in the order it happened. */
  entries: TimelineEntry[];
  /** Steps done by what happened in the visit (questions answered, a recommendation, the basket): no time is recorded for them. */
  untimed: { key: string; name: string }[];
  /** Steps not reached (the first of them is where the visit is, while it is open). */
  notReached: { key: string; name: string; current: boolean }[];
}

/** Two things at the same moment read in this order: the arrival before the start, the closing last. */
const RANK: Record<TimelineEntry['kind'], number> = {
  arrived: 0,
  started: 1,
  joined: 2,
  step: 3,
  session: 4,
  note: 5,
  lost: 6,
  gesture: 7,
  closed: 8,
};

/** Someone who joined within this long of the start started the visit. */
const AT_START_MS = 5_000;

const ms = (iso: string) => new Date(iso).getTime();

/**
 * A visit's story as one chronological list — arrival, start, steps marked, colleagues joining,
 * guided selling, notes, lost demand, gestures, the ending — with the steps that carry no time
 * (done by a condition) and those not reached set apart; a step the closing itself did is told with
 * the closing.
 */
export function buildTimeline(v: Visit): Timeline {
  const began = v.times.arrivedAt && ms(v.times.arrivedAt) < ms(v.times.startedAt) ? v.times.arrivedAt : v.times.startedAt;
  const since = (at: string) => secondsBetween(began, at);
  const entries: TimelineEntry[] = [];
  const add = (e: WithoutSince<TimelineEntry>) => entries.push({ ...e, sinceStart: since(e.at) });

  if (v.times.arrivedAt) add({ id: 'arrived', kind: 'arrived', at: v.times.arrivedAt });
  const starter = v.staff.find((s) => s.roles[0] === 'lead' && Math.abs(ms(s.joinedAt) - ms(v.times.startedAt)) <= AT_START_MS);
  add({ id: 'started', kind: 'started', at: v.times.startedAt, by: starter?.name ?? null });
  for (const s of v.staff)
    if (s !== starter) add({ id: `staff-${s.staffId}`, kind: 'joined', at: s.joinedAt, name: s.name, roles: s.roles });

  const untimed: Timeline['untimed'] = [];
  const notReached: Timeline['notReached'] = [];
  const doneByClosing: string[] = [];
  for (const s of v.steps) {
    if (s.state === 'current' || s.state === 'to-do') notReached.push({ key: s.key, name: s.name, current: s.state === 'current' });
    else if (s.at) add({ id: `step-${s.key}`, kind: 'step', at: s.at, name: s.name, state: s.state });
    else if (s.state === 'done' && s.doneWhen.kind === 'closed' && v.times.closedAt) doneByClosing.push(s.name);
    else untimed.push({ key: s.key, name: s.name });
  }

  for (const g of v.guidanceSessions) add({ id: `session-${g.id}`, kind: 'session', at: g.startedAt, sessionId: g.id, setName: g.setName });
  for (const n of v.notes) add({ id: `note-${n.id}`, kind: 'note', at: n.at, text: n.text, author: n.staffName });
  for (const l of v.lostDemand) add({ id: `lost-${l.id}`, kind: 'lost', at: l.at, item: l });
  for (const g of v.gestures) add({ id: `gesture-${g.id}`, kind: 'gesture', at: g.givenAt, gesture: g });
  if (v.status === 'closed' && v.times.closedAt)
    add({ id: 'closed', kind: 'closed', at: v.times.closedAt, outcome: v.outcome, steps: doneByClosing });

  // Array sort is stable: entries of one kind at one moment keep the order the visit lists them in.
  entries.sort((a, b) => ms(a.at) - ms(b.at) || RANK[a.kind] - RANK[b.kind]);
  return { began, entries, untimed, notReached };
}

/** "start", "+45 s", "+3 min", "+1 h 5 min", "+2 days": how long after the visit began (whole minutes past the first, whole days past the first). */
export function sinceStartText(seconds: number): string {
  if (Math.abs(seconds) < 1) return 'start';
  const sign = seconds < 0 ? '−' : '+';
  const s = Math.abs(seconds);
  if (s >= 86_400) {
    const days = Math.floor(s / 86_400);
    return `${sign}${days} day${days === 1 ? '' : 's'}`;
  }
  return `${sign}${duration(s < 60 ? s : Math.floor(s / 60) * 60)}`;
}

/** How long a visit took (or has run, while open): from its beginning to its closing, or to `now`. */
export function visitLength(v: Pick<Visit, 'times'>, now = new Date()): number {
  const a = v.times.arrivedAt;
  const began = a && ms(a) < ms(v.times.startedAt) ? a : v.times.startedAt;
  return secondsBetween(began, v.times.closedAt ?? now.toISOString());
}
