import { describe, expect, it } from 'vitest';
import type { GestureMonth } from '../visits.api.ts';
import {
  budgetState,
  count,
  isDay,
  isMonth,
  lastDays,
  lostDemandSummary,
  monthIn,
  monthName,
  outcomeParts,
  shiftDay,
  shiftMonth,
  timesAsked,
  todayIn,
  totalsByKind,
} from './report-logic.ts';

const gesture = (kind: GestureMonth['gestures'][number]['kind'], cost: number): GestureMonth['gestures'][number] => ({
  id: `gst_${kind}_${cost}`,
  encounterId: 'enc_1',
  customer: null,
  kind,
  description: kind,
  cost,
  givenBy: null,
  givenAt: '2026-03-01T10:00:00Z',
});

describe('months and days for the reports', () => {
  it('finds today and this month where the store is, not where the browser is', () => {
    // 23:30 UTC on 31 March is already 1 April in Auckland and still 31 March in London (BST).
    const now = new Date('2026-03-31T23:30:00Z');
    expect(todayIn('Europe/London', now)).toBe('2026-04-01');
    expect(todayIn('America/New_York', now)).toBe('2026-03-31');
    expect(monthIn('Pacific/Auckland', now)).toBe('2026-04');
    expect(monthIn('America/Los_Angeles', now)).toBe('2026-03');
  });

  it('steps months across the year and names them', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
    expect(shiftMonth('2026-03', 0)).toBe('2026-03');
    expect(monthName('2026-03', 'en-GB')).toBe('March 2026');
  });

  it('counts the last n days including today', () => {
    expect(lastDays(7, '2026-03-05')).toEqual({ from: '2026-02-27', to: '2026-03-05' });
    expect(lastDays(30, '2026-03-30')).toEqual({ from: '2026-03-01', to: '2026-03-30' });
    expect(shiftDay('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('accepts only real months and days from the address', () => {
    expect(isMonth('2026-03')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth(null)).toBe(false);
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('yesterday')).toBe(false);
  });
});

describe('spend against the budget', () => {
  it('warns past 80 % and says used up only at 100 %', () => {
    expect(budgetState(50, 0)).toEqual({ percent: 0, level: 'ok', over: 0 });
    expect(budgetState(50, 40)).toEqual({ percent: 80, level: 'ok', over: 0 });
    expect(budgetState(50, 40.5)).toEqual({ percent: 81, level: 'warn', over: 0 });
    expect(budgetState(50, 49.99)).toEqual({ percent: 99, level: 'warn', over: 0 });
    expect(budgetState(50, 50)).toEqual({ percent: 100, level: 'used-up', over: 0 });
  });

  it('caps the bar when the budget was lowered below what was spent, and says by how much', () => {
    expect(budgetState(20, 32.5)).toEqual({ percent: 100, level: 'used-up', over: 12.5 });
  });

  it('has nothing to measure against without a budget', () => {
    expect(budgetState(0, 0)).toEqual({ percent: 0, level: 'none', over: 0 });
    expect(budgetState(0, 5)).toEqual({ percent: 100, level: 'used-up', over: 5 });
  });

  it('adds the month up by kind, the costliest first', () => {
    const totals = totalsByKind([
      gesture('gift-wrap', 1.5),
      gesture('extra-blooms', 4.2),
      gesture('gift-wrap', 1.5),
      gesture('free-sample', 3),
      gesture('extra-blooms', 0.1),
    ]);
    expect(totals).toEqual([
      { kind: 'extra-blooms', count: 2, cost: 4.3 },
      { kind: 'free-sample', count: 1, cost: 3 },
      { kind: 'gift-wrap', count: 2, cost: 3 },
    ]);
    expect(totalsByKind([])).toEqual([]);
  });
});

describe('lost demand', () => {
  it('breaks an item down in a fixed order, leaving out what did not happen', () => {
    expect(outcomeParts({ lost: 2, substituted: 6 })).toEqual([
      { outcome: 'substituted', units: 6, percent: 75 },
      { outcome: 'lost', units: 2, percent: 25 },
    ]);
    expect(outcomeParts({})).toEqual([]);
    expect(outcomeParts({ ordered: 0 })).toEqual([]);
  });

  it('adds up units, what was lost and its share', () => {
    const item = (units: number, outcomes: Record<string, number>) => ({
      variantId: null,
      productId: null,
      description: 'x',
      units,
      times: 1,
      outcomes,
    });
    expect(lostDemandSummary([item(8, { substituted: 6, lost: 2 }), item(4, { lost: 1, 'other-store': 3 })])).toEqual({
      units: 12,
      lost: 3,
      lostPercent: 25,
      outcomes: { substituted: 6, lost: 3, 'other-store': 3 },
    });
    expect(lostDemandSummary([])).toEqual({ units: 0, lost: 0, lostPercent: 0, outcomes: {} });
  });

  it('says counts in words', () => {
    expect(count(1, 'unit')).toBe('1 unit');
    expect(count(3, 'unit')).toBe('3 units');
    expect(timesAsked(1)).toBe('asked for once');
    expect(timesAsked(2)).toBe('asked for twice');
    expect(timesAsked(7)).toBe('asked for 7 times');
  });
});
