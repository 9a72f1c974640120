import { GESTURE_KINDS, type GestureKind, LOST_OUTCOMES, type LostOutcome } from '../../../../shared/domain/visits.ts';
import type { GestureMonth, LostDemandItem } from '../visits.api.ts';

/** The pure arithmetic behind the gestures and lost-demand screens: months, day ranges, shares. */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether a string is a month as the API takes it (`YYYY-MM`). */
export const isMonth = (s: string | null | undefined): s is string => !!s && MONTH.test(s);

/** Whether a string is a calendar day (`YYYY-MM-DD`) that exists. */
export function isDay(s: string | null | undefined): s is string {
  if (!s || !DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Today (`YYYY-MM-DD`) where the store is. */
export function todayIn(timeZone: string, now = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** This month (`YYYY-MM`) where the store is. */
export const monthIn = (timeZone: string, now = new Date()) => todayIn(timeZone, now).slice(0, 7);

/** The month `delta` months after (or before) `month`. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}

/** "March 2026". */
export function monthName(month: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** The day `delta` days after (or before) `day`. */
export function shiftDay(day: string, delta: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
}

/** The last `days` days up to and including today: "last 7 days" starts six days ago. */
export function lastDays(days: number, today: string): { from: string; to: string } {
  return { from: shiftDay(today, -(days - 1)), to: today };
}

/** "ok" up to 80 % spent, "warn" past it, "used-up" at 100 %; "none" when there is no budget and nothing spent. */
export type BudgetLevel = 'ok' | 'warn' | 'used-up' | 'none';

/** How much of the month's budget is spent, for the bar (capped at 100) and the warning. */
export function budgetState(budget: number, spent: number): { percent: number; level: BudgetLevel; over: number } {
  const over = Math.max(0, Math.round((spent - budget) * 100) / 100);
  if (budget <= 0) return { percent: spent > 0 ? 100 : 0, level: spent > 0 ? 'used-up' : 'none', over };
  const exact = (spent / budget) * 100;
  const percent = Math.min(100, Math.round(exact));
  // A penny short of the budget is not "used up"; rounding must not say it is.
  const level: BudgetLevel = spent >= budget ? 'used-up' : exact > 80 ? 'warn' : 'ok';
  return { percent: level === 'used-up' ? 100 : Math.min(percent, 99), level, over };
}

export interface KindTotal {
  kind: GestureKind;
  count: number;
  cost: number;
}

/** The month's gestures added up by kind, the costliest first (the API's order of kinds breaks ties). */
export function totalsByKind(gestures: GestureMonth['gestures']): KindTotal[] {
  const totals = new Map<GestureKind, KindTotal>();
  for (const g of gestures) {
    const t = totals.get(g.kind) ?? { kind: g.kind, count: 0, cost: 0 };
    t.count += 1;
    t.cost = Math.round((t.cost + g.cost) * 100) / 100;
    totals.set(g.kind, t);
  }
  return [...totals.values()].sort((a, b) => b.cost - a.cost || GESTURE_KINDS.indexOf(a.kind) - GESTURE_KINDS.indexOf(b.kind));
}

export interface OutcomePart {
  outcome: LostOutcome;
  units: number;
  /** Share of the units, 0–100, unrounded (the widths of a stacked bar add up to 100). */
  percent: number;
}

/** What happened instead, in the fixed order substituted → other store → ordered → lost, leaving out what did not happen. */
export function outcomeParts(outcomes: LostDemandItem['outcomes']): OutcomePart[] {
  const total = LOST_OUTCOMES.reduce((sum, o) => sum + (outcomes[o] ?? 0), 0);
  if (total <= 0) return [];
  return LOST_OUTCOMES.filter((o) => (outcomes[o] ?? 0) > 0).map((o) => {
    const units = outcomes[o] ?? 0;
    return { outcome: o, units, percent: (units / total) * 100 };
  });
}

/** The whole range added up: units asked for, units lost and their share (whole percent), and units by outcome. */
export function lostDemandSummary(items: LostDemandItem[]): {
  units: number;
  lost: number;
  lostPercent: number;
  outcomes: Partial<Record<LostOutcome, number>>;
} {
  const outcomes: Partial<Record<LostOutcome, number>> = {};
  let units = 0;
  for (const item of items) {
    units += item.units;
    for (const o of LOST_OUTCOMES) {
      const n = item.outcomes[o] ?? 0;
      if (n > 0) outcomes[o] = (outcomes[o] ?? 0) + n;
    }
  }
  const lost = outcomes.lost ?? 0;
  return { units, lost, lostPercent: units > 0 ? Math.round((lost / units) * 100) : 0, outcomes };
}

/** "1 unit", "3 units" — and the like for any noun with a regular plural. */
export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "asked for once", "asked for twice", "asked for 5 times". */
export const timesAsked = (n: number) => `asked for ${n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`}`;
