import { describe, expect, it } from 'vitest';
import { nextOccurrence, proposeFollowUps, type VisitForFollowUps } from './follow-ups.ts';

const visit = (over: Partial<VisitForFollowUps> = {}): VisitForFollowUps => ({
  today: '2026-12-31',
  customerName: 'Mrs Okafor',
  outcome: 'sale',
  order: null,
  waitingFor: [],
  dates: [],
  ...over,
});

describe('follow-ups proposed at closing', () => {
  it('thanks a customer the day after a sale, and proposes nothing for someone not known', () => {
    expect(proposeFollowUps(visit())).toEqual([
      { kind: 'thank-you', title: 'Thank Mrs Okafor for coming in', dueOn: '2027-01-01', variantId: null },
    ]);
    expect(proposeFollowUps(visit({ customerName: null }))).toEqual([]);
    expect(proposeFollowUps(visit({ outcome: 'no-sale' }))).toEqual([]);
  });

  it('checks after a delivery, waits for stock, and reminds a week before a date they keep', () => {
    const p = proposeFollowUps(
      visit({
        outcome: 'special-order',
        order: { fulfilment: 'delivery', dueOn: '2027-01-15' },
        waitingFor: [{ variantId: 'var_1', description: 'Ranunculus — White' }],
        dates: [
          { kind: 'anniversary', month: 1, day: 20, remind: true },
          { kind: 'birthday', month: 6, day: 1, remind: true },
          { kind: 'custom', label: 'Name day', month: 1, day: 3, remind: true },
          { kind: 'birthday', month: 1, day: 10, remind: false },
        ],
      }),
    );
    expect(p.map((f) => [f.kind, f.dueOn])).toEqual([
      ['thank-you', '2027-01-01'],
      ['after-delivery', '2027-01-16'],
      ['back-in-stock', null],
      ['anniversary', '2027-01-13'],
      ['anniversary', '2026-12-31'],
    ]);
    expect(p[4]?.title).toBe('Mrs Okafor’s Name day is on 03/01');
  });

  it('finds the next yearly date, 29 February included', () => {
    expect(nextOccurrence('2026-12-31', 12, 31)).toBe('2026-12-31');
    expect(nextOccurrence('2026-12-31', 1, 1)).toBe('2027-01-01');
    expect(nextOccurrence('2027-03-01', 2, 29)).toBe('2028-02-29');
    expect(nextOccurrence('2026-01-01', 2, 29)).toBe('2026-02-28');
  });
});
