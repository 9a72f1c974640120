/**
 * Pure helpers for the substitutes and plans panel and the holds in the basket: what is short in
 * words, where a plan's units come from, when a hold ends, and the times a hold can be chosen to last.
 */
import { type PlanSource, planFigures } from '../../../shared/domain/substitutes.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The server refuses holds longer than this. */
const LONGEST_HOLD_DAYS = 90;

/** "15 short here", "None here, 24 wanted", "All 24 here". */
export function shortWords(a: { quantity: number; short: number; wanted: { stock: { here: number } } }): string {
  if (a.short <= 0) return `All ${a.quantity} here`;
  if (a.wanted.stock.here <= 0) return `None here, ${a.quantity} wanted`;
  return `${a.short} short here`;
}

/** "Wednesday 2 January", for a delivery's expected day in the store's time zone. */
export function deliveryDay(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(new Date(iso));
}

/**
 * Where a plan line's units come from: "here", "from Old Town", "due Sat 2 Jan, not held", "due Sat
 * 2 Jan at Old Town, not held", "here, instead", "from Old Town, instead".
 */
export function lineSource(line: { source: PlanSource; from: string | null; storeName?: string | undefined }, locale: string): string {
  switch (line.source) {
    case 'here':
      return 'here';
    case 'other-store':
      return `from ${line.from ?? 'another store'}`;
    case 'delivery': {
      if (!line.from) return 'on the next delivery';
      // A day without a time: read as UTC so no time zone moves it.
      const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
        new Date(`${line.from.slice(0, 10)}T00:00:00Z`),
      );
      return `due ${day}${line.storeName ? ` at ${line.storeName}` : ''}, not held`;
    }
    case 'substitute':
      return line.from ? `from ${line.from}, instead` : 'here, instead';
  }
}

/** "Completes the 24", or "6 short of 24". */
export function planReach(plan: { shortfall: number }, quantity: number): string {
  return plan.shortfall > 0 ? `${plan.shortfall} short of ${quantity}` : `Completes the ${quantity}`;
}

/** The local date and time of an instant in a time zone, as numbers. */
function partsIn(at: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** How far a time zone is ahead of UTC at an instant, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const p = partsIn(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/** The instant of a wall-clock time on the day `now` is in that time zone. */
export function todayAt(now: Date, timeZone: string, hour: number, minute: number): Date {
  const p = partsIn(now.getTime(), timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, hour, minute);
  // Twice, so a clock change between now and then is allowed for.
  const first = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(first, timeZone));
}

/** Whether two instants fall on the same day in a time zone. */
function sameDay(a: Date, b: Date, timeZone: string): boolean {
  const x = partsIn(a.getTime(), timeZone);
  const y = partsIn(b.getTime(), timeZone);
  return x.year === y.year && x.month === y.month && x.day === y.day;
}

/** "18:00" (or "18:00 today") on the same day in the store's time zone; "Fri 1 Jan, 10:00" on another day. */
export function clockWords(iso: string, locale: string, timeZone: string, now: Date, sayToday = false): string {
  const at = new Date(iso);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(at);
  if (sameDay(at, now, timeZone)) return sayToday ? `${time} today` : time;
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(at);
  return `${day}, ${time}`;
}

/** A hold as the basket shows it: still set aside, or ended (its time passed on screen, or the server says so). */
export type HoldState = { kind: 'held'; text: string } | { kind: 'ended'; text: string } | null;

/**
 * "9 held at Riverside until 18:00", or "The hold ended at 18:00 — these are no longer set aside";
 * nothing for holds released or sold.
 */
export function holdState(
  hold: { quantity: number; storeName: string; expiresAt: string; status: 'active' | 'expired' | 'released' | 'sold' },
  locale: string,
  timeZone: string,
  now: Date,
): HoldState {
  if (hold.status === 'released' || hold.status === 'sold') return null;
  const when = clockWords(hold.expiresAt, locale, timeZone, now);
  if (hold.status === 'expired' || new Date(hold.expiresAt).getTime() <= now.getTime())
    return { kind: 'ended', text: `The hold ended at ${when} — these are no longer set aside` };
  return { kind: 'held', text: `${hold.quantity} held at ${hold.storeName} until ${when}` };
}

/** How long a chosen plan's units are held. */
export type HoldChoice = 'today' | 'tomorrow' | 'choose';

/**
 * When a hold chosen so ends, as an ISO instant, or a reason it cannot: the end of the store's day
 * (23:59 there), this time tomorrow, or a local date and time from the picker (`2026-12-31T17:30`).
 */
export function holdUntil(
  choice: HoldChoice,
  now: Date,
  timeZone: string,
  chosen: string,
): { iso: string; problem: null } | { iso: null; problem: string } {
  const at =
    choice === 'today'
      ? todayAt(now, timeZone, 23, 59)
      : choice === 'tomorrow'
        ? new Date(now.getTime() + DAY)
        : chosen
          ? new Date(chosen)
          : null;
  if (!at || Number.isNaN(at.getTime())) return { iso: null, problem: 'Choose the day and time the hold ends.' };
  if (at.getTime() <= now.getTime()) return { iso: null, problem: 'Choose a time that is still to come.' };
  if (at.getTime() > now.getTime() + LONGEST_HOLD_DAYS * DAY) return { iso: null, problem: 'A hold lasts at most 90 days.' };
  return { iso: at.toISOString(), problem: null };
}

/** `2026-12-31T17:30` in the device's own time, for a date-and-time input's value and minimum. */
export function localInputValue(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The soonest moment a hold still set aside ends, or null; the basket looks again then. */
export function nextExpiry(holds: { expiresAt: string; status: string }[], now: Date): number | null {
  const times = holds
    .filter((h) => h.status === 'active')
    .map((h) => new Date(h.expiresAt).getTime())
    .filter((t) => t > now.getTime());
  return times.length ? Math.min(...times) : null;
}

/**
 * A plan with its quantities changed by hand: lines set to 0 left out, its figures worked out again
 * (`planFigures`), and words that say what it now is ("Changed by hand: 7 × Ranunculus here, …").
 */
export function adjustedPlan<
  L extends { title: string; quantity: number; unitPrice: number; source: PlanSource; from: string | null; storeName?: string | undefined },
>(
  plan: { lines: L[] },
  quantities: number[],
  asked: number,
  locale: string,
): { lines: L[]; units: number; shortfall: number; total: number; readyBy: string | null; words: string } {
  const lines = plan.lines.flatMap((l, i) => {
    const quantity = Math.max(0, Math.floor(quantities[i] ?? l.quantity));
    return quantity > 0 ? [{ ...l, quantity }] : [];
  });
  const parts = lines.map((l) => `${l.quantity} × ${l.title} ${lineSource(l, locale)}`);
  return { lines, ...planFigures(lines, asked), words: `Changed by hand: ${parts.join(', ') || 'nothing'}` };
}
