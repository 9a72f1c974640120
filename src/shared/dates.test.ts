import { describe, expect, it } from 'vitest';
import { dayIn, zonedDate } from './dates.ts';

describe('zonedDate', () => {
  it('reads a local time in its zone, summer time included', () => {
    expect(zonedDate('2010-12-01 08:26:00', 'Europe/London')?.toISOString()).toBe('2010-12-01T08:26:00.000Z');
    expect(zonedDate('2011-06-15 09:00', 'Europe/London')?.toISOString()).toBe('2011-06-15T08:00:00.000Z');
    expect(zonedDate('2026-12-01T10:15', 'America/Chicago')?.toISOString()).toBe('2026-12-01T16:15:00.000Z');
  });

  it('refuses what is not a date and time', () => {
    expect(zonedDate('01/12/2010 08:26', 'Europe/London')).toBeNull();
    expect(zonedDate('', 'Europe/London')).toBeNull();
  });
});

describe('dayIn', () => {
  it('names the day where the store is, which may not be the day in UTC', () => {
    expect(dayIn(new Date('2026-12-02T03:30:00Z'), 'America/Chicago')).toBe('2026-12-01');
    expect(dayIn(new Date('2026-12-02T03:30:00Z'), 'Europe/London')).toBe('2026-12-02');
    expect(dayIn(new Date('2026-06-30T23:30:00Z'), 'Europe/London')).toBe('2026-07-01');
  });
});
