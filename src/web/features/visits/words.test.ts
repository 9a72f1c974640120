import { describe, expect, it } from 'vitest';
import { calendarDay, duration, secondsBetween } from './words.ts';

describe('visit words', () => {
  it('says how long something took, in the largest units that read well', () => {
    expect(duration(0)).toBe('0 s');
    expect(duration(45.4)).toBe('45 s');
    expect(duration(180)).toBe('3 min');
    expect(duration(200)).toBe('3 min 20 s');
    expect(duration(3600)).toBe('1 h');
    expect(duration(3900)).toBe('1 h 5 min');
    expect(duration(-5)).toBe('0 s');
  });

  it('counts the seconds between two moments and names a calendar day whatever the time zone', () => {
    expect(secondsBetween('2026-12-31T10:00:00Z', '2026-12-31T10:02:30Z')).toBe(150);
    expect(calendarDay('2026-12-31', 'en-GB')).toBe('Thu, 31 Dec 2026');
  });
});
