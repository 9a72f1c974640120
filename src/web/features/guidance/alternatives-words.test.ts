import { describe, expect, it } from 'vitest';
import {
  adjustedPlan,
  clockWords,
  holdState,
  holdUntil,
  lineSource,
  nextExpiry,
  planReach,
  shortWords,
  todayAt,
} from './alternatives-words.ts';

const LONDON = 'Europe/London';
const nye = new Date('2026-12-31T10:00:00Z');

describe('what is short, and where a plan’s units come from', () => {
  const stock = (here: number) => ({ wanted: { stock: { here } } });

  it('says how short the shop is in plain words', () => {
    expect(shortWords({ quantity: 24, short: 15, ...stock(9) })).toBe('15 short here');
    expect(shortWords({ quantity: 24, short: 24, ...stock(0) })).toBe('None here, 24 wanted');
    expect(shortWords({ quantity: 6, short: 0, ...stock(9) })).toBe('All 6 here');
  });

  it('names the store, the delivery day (never moved by a time zone) or the substitute', () => {
    expect(lineSource({ source: 'here', from: null }, 'en-GB')).toBe('here');
    expect(lineSource({ source: 'other-store', from: 'Old Town' }, 'en-GB')).toBe('from Old Town');
    expect(lineSource({ source: 'delivery', from: '2027-01-02' }, 'en-GB')).toBe('due Sat 2 Jan, not held');
    expect(lineSource({ source: 'substitute', from: null }, 'en-GB')).toBe('here, instead');
    expect(lineSource({ source: 'delivery', from: '2027-01-02', storeName: 'Old Town' }, 'en-GB')).toBe(
      'due Sat 2 Jan at Old Town, not held',
    );
    expect(lineSource({ source: 'substitute', from: 'Old Town', storeName: 'Old Town' }, 'en-GB')).toBe('from Old Town, instead');
  });

  it('says whether a plan completes the quantity', () => {
    expect(planReach({ shortfall: 0 }, 24)).toBe('Completes the 24');
    expect(planReach({ shortfall: 6 }, 24)).toBe('6 short of 24');
  });
});

describe('when a hold ends', () => {
  it('finds a wall-clock time in the store’s time zone, summer time included', () => {
    expect(todayAt(nye, LONDON, 23, 59).toISOString()).toBe('2026-12-31T23:59:00.000Z');
    expect(todayAt(new Date('2026-07-01T09:00:00Z'), LONDON, 23, 59).toISOString()).toBe('2026-07-01T22:59:00.000Z');
    expect(todayAt(new Date('2026-07-01T09:00:00Z'), 'America/New_York', 18, 0).toISOString()).toBe('2026-07-01T22:00:00.000Z');
  });

  it('shows only the time on the same day, and the day too otherwise', () => {
    expect(clockWords('2026-12-31T18:00:00Z', 'en-GB', LONDON, nye)).toBe('18:00');
    expect(clockWords('2026-12-31T18:00:00Z', 'en-GB', LONDON, nye, true)).toBe('18:00 today');
    expect(clockWords('2027-01-01T10:00:00Z', 'en-GB', LONDON, nye, true)).toBe('Fri 1 Jan, 10:00');
  });

  it('resolves each choice, and refuses a time gone or too far away', () => {
    expect(holdUntil('today', nye, LONDON, '')).toEqual({ iso: '2026-12-31T23:59:00.000Z', problem: null });
    expect(holdUntil('tomorrow', nye, LONDON, '')).toEqual({ iso: '2027-01-01T10:00:00.000Z', problem: null });
    expect(holdUntil('choose', nye, LONDON, '2026-12-31T18:00:00Z').iso).toBe('2026-12-31T18:00:00.000Z');
    expect(holdUntil('choose', nye, LONDON, '').problem).toBe('Choose the day and time the hold ends.');
    expect(holdUntil('choose', nye, LONDON, '2026-12-31T09:00:00Z').problem).toBe('Choose a time that is still to come.');
    expect(holdUntil('choose', nye, LONDON, '2027-06-01T09:00:00Z').problem).toBe('A hold lasts at most 90 days.');
    expect(holdUntil('today', new Date('2026-12-31T23:59:30Z'), LONDON, '').problem).toBe('Choose a time that is still to come.');
  });
});

describe('holds in the basket', () => {
  const hold = { quantity: 9, storeName: 'Riverside', expiresAt: '2026-12-31T18:00:00Z', status: 'active' as const };

  it('says how many are held, where and until when', () => {
    expect(holdState(hold, 'en-GB', LONDON, nye)).toEqual({ kind: 'held', text: '9 held at Riverside until 18:00' });
  });

  it('says the hold ended once its time passes on screen, before the server says so', () => {
    const after = new Date('2026-12-31T18:00:01Z');
    expect(holdState(hold, 'en-GB', LONDON, after)).toEqual({
      kind: 'ended',
      text: 'The hold ended at 18:00 — these are no longer set aside',
    });
    expect(holdState({ ...hold, status: 'expired' }, 'en-GB', LONDON, nye)?.kind).toBe('ended');
    expect(holdState({ ...hold, status: 'released' }, 'en-GB', LONDON, nye)).toBeNull();
    expect(holdState({ ...hold, status: 'sold' }, 'en-GB', LONDON, nye)).toBeNull();
  });

  it('looks again when the soonest hold still set aside ends', () => {
    const holds = [
      { expiresAt: '2026-12-31T18:00:00Z', status: 'active' },
      { expiresAt: '2026-12-31T12:00:00Z', status: 'active' },
      { expiresAt: '2026-12-31T11:00:00Z', status: 'released' },
      { expiresAt: '2026-12-31T09:00:00Z', status: 'active' },
    ];
    expect(nextExpiry(holds, nye)).toBe(Date.parse('2026-12-31T12:00:00Z'));
    expect(nextExpiry([], nye)).toBeNull();
  });
});

describe('a plan changed by hand', () => {
  const plan = {
    lines: [
      { title: 'Ranunculus — White', quantity: 9, unitPrice: 2.4, source: 'here' as const, from: null },
      { title: 'Anemone — White', quantity: 15, unitPrice: 2.2, source: 'substitute' as const, from: null },
      { title: 'Ranunculus — White', quantity: 5, unitPrice: 2.4, source: 'other-store' as const, from: 'Old Town' },
    ],
  };

  it('works out the units, shortfall and total again, leaving out lines set to 0, and says what it now is', () => {
    expect(adjustedPlan(plan, [9, 12, 0], 24, 'en-GB')).toEqual({
      lines: [plan.lines[0], { ...plan.lines[1], quantity: 12 }],
      units: 21,
      shortfall: 3,
      total: 48,
      readyBy: null,
      words: 'Changed by hand: 9 × Ranunculus — White here, 12 × Anemone — White here, instead',
    });
  });

  it('takes more than asked for without a shortfall, and a quantity typed as a fraction or below 0 as whole units', () => {
    expect(adjustedPlan(plan, [20, 0, 6], 24, 'en-GB')).toMatchObject({ units: 26, shortfall: 0, total: 62.4 });
    expect(adjustedPlan(plan, [2.7, -3, 1], 24, 'en-GB')).toMatchObject({ units: 3, shortfall: 21 });
  });
});
