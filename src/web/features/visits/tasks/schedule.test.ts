import { describe, expect, it } from 'vitest';
import {
  addressLines,
  balanceOf,
  dayIn,
  daysBetween,
  dueWords,
  followUpGroupOf,
  groupFollowUps,
  groupOrders,
  messageWords,
  orderGroupOf,
  whenWords,
} from './schedule.ts';

describe('days where the store is', () => {
  it('names the calendar day of a moment in the store’s time zone', () => {
    // London is an hour ahead of UTC in summer: 23:30 UTC is already the next day there.
    expect(dayIn('2026-07-01T22:30:00Z', 'Europe/London')).toBe('2026-07-01');
    expect(dayIn('2026-07-01T23:30:00Z', 'Europe/London')).toBe('2026-07-02');
    expect(dayIn('2026-07-02T03:00:00Z', 'America/Chicago')).toBe('2026-07-01');
  });

  it('counts whole days across months and years, and says them in words', () => {
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2026-03-01', '2026-02-27')).toBe(-2);
    expect([0, 1, 5, -1, -4].map(whenWords)).toEqual(['today', 'tomorrow', 'in 5 days', 'yesterday', '4 days ago']);
    expect(dueWords('2026-12-31', '2026-12-31')).toBe('Due today');
    expect(dueWords('2026-12-29', '2026-12-31')).toBe('Was due 2 days ago');
  });
});

describe('special orders by day', () => {
  it('puts overdue orders first, then today, tomorrow and later, keeping the server’s order within each', () => {
    const today = '2026-12-31';
    const orders = [
      { id: 'a', dueOn: '2026-12-30' },
      { id: 'b', dueOn: '2026-12-31' },
      { id: 'c', dueOn: '2027-01-01' },
      { id: 'd', dueOn: '2027-01-05' },
      { id: 'e', dueOn: '2027-01-02' },
    ];
    expect(orderGroupOf('2026-12-01', today)).toBe('overdue');
    expect(groupOrders(orders, today).map((g) => [g.group, g.items.map((o) => o.id)])).toEqual([
      ['overdue', ['a']],
      ['today', ['b']],
      ['tomorrow', ['c']],
      ['later', ['d', 'e']],
    ]);
    expect(groupOrders([], today)).toEqual([]);
  });

  it('owes the total less the deposit, to the penny and never less than nothing', () => {
    expect(balanceOf({ total: 45.1, deposit: 10.2 })).toBe(34.9);
    expect(balanceOf({ total: 20, deposit: 25 })).toBe(0);
  });

  it('reads an address in the usual order, with other parts after and blanks left out', () => {
    expect(
      addressLines({ postcode: 'SE1 9AA', line1: '4 Mill Lane', line2: null, city: 'London', note: 'Ring twice', region: ' ' }),
    ).toEqual(['4 Mill Lane', 'London', 'SE1 9AA', 'Ring twice']);
    expect(addressLines(null)).toEqual([]);
  });
});

describe('follow-ups by when they fall due', () => {
  const today = '2026-12-31';
  const zone = 'Europe/London';

  it('keeps one due this morning in today, and waits with no due time for stock', () => {
    expect(followUpGroupOf('2026-12-31T10:00:00Z', today, zone)).toBe('today');
    expect(followUpGroupOf('2026-12-30T10:00:00Z', today, zone)).toBe('overdue');
    expect(followUpGroupOf('2027-01-01T10:00:00Z', today, zone)).toBe('week');
    expect(followUpGroupOf('2027-01-07T10:00:00Z', today, zone)).toBe('week');
    expect(followUpGroupOf('2027-01-08T10:00:00Z', today, zone)).toBe('later');
    expect(followUpGroupOf(null, today, zone)).toBe('waiting');
  });

  it('groups in the order a person works through them', () => {
    const items = [
      { id: '1', dueAt: '2026-12-31T10:00:00Z' },
      { id: '2', dueAt: '2027-02-01T10:00:00Z' },
      { id: '3', dueAt: null },
      { id: '4', dueAt: '2026-12-20T10:00:00Z' },
    ];
    expect(groupFollowUps(items, today, zone).map((g) => [g.group, g.items.map((f) => f.id)])).toEqual([
      ['overdue', ['4']],
      ['today', ['1']],
      ['later', ['2']],
      ['waiting', ['3']],
    ]);
  });

  it('says how an e-mail fared, and when someone has to get in touch another way', () => {
    expect(messageWords({ status: 'queued', reason: null })).toEqual({
      text: 'E-mail ready: it goes out by itself on the day.',
      problem: false,
    });
    expect(messageWords({ status: 'sent', reason: null }).problem).toBe(false);
    expect(messageWords({ status: 'suppressed', reason: 'No consent in force for marketing messages by e-mail.' })).toEqual({
      text: 'E-mail not sent: no consent in force for marketing messages by e-mail. Get in touch another way.',
      problem: true,
    });
    expect(messageWords({ status: 'failed', reason: null })).toEqual({
      text: 'The e-mail could not be sent. Get in touch another way.',
      problem: true,
    });
  });
});
