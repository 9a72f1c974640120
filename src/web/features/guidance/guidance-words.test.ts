import { describe, expect, it } from 'vitest';
import { FLORIST_QUESTIONS } from '../../../shared/domain/demo-question-sets.ts';
import type { Question } from '../../../shared/domain/question-sets.ts';
import {
  answerWords,
  firstOpenStep,
  groupLeftOut,
  groupReasons,
  leftOutName,
  nextStep,
  previousStep,
  RESULTS,
  sameAnswer,
  stockBadge,
} from './guidance-words.ts';

const question = (key: string) => FLORIST_QUESTIONS.questions.find((q) => q.key === key) as Question;
const label = (_kind: string, key: string) => ({ sage: 'Sage', cream: 'Cream', 'living-room': 'Living room' })[key] ?? key;
const money = (n: number) => `£${n}`;

describe('where a visit goes', () => {
  const toAsk = ['occasion', 'recipient', 'palette', 'budget'];

  it('opens on the first question neither answered nor skipped, and on the list once every one was', () => {
    expect(firstOpenStep(toAsk, {}, [])).toBe('occasion');
    expect(firstOpenStep(toAsk, { occasion: { values: ['birthday'] } }, ['recipient'])).toBe('palette');
    expect(firstOpenStep(toAsk, { occasion: { values: ['x'] }, palette: { values: ['sage'] } }, ['recipient', 'budget'])).toBe(RESULTS);
  });

  it('moves forward and back through the questions still to ask', () => {
    expect(nextStep(toAsk, 'recipient')).toBe('palette');
    expect(nextStep(toAsk, 'budget')).toBe(RESULTS);
    expect(previousStep(toAsk, 'palette')).toBe('recipient');
    expect(previousStep(toAsk, 'occasion')).toBeNull();
    expect(previousStep(toAsk, RESULTS)).toBe('budget');
  });

  it('treats the same values in another order as the same answer', () => {
    expect(sameAnswer({ values: ['sage', 'cream'] }, { values: ['cream', 'sage'] })).toBe(true);
    expect(sameAnswer({ values: ['sage'] }, { values: ['sage', 'cream'] })).toBe(false);
    expect(sameAnswer({ budget: { max: 30, firm: true } }, { budget: { max: 30, firm: false } })).toBe(false);
    expect(sameAnswer(undefined, { values: [] })).toBe(false);
  });
});

describe('answers in words', () => {
  it('names vocabulary words and choices by their labels, and says whether a budget is firm', () => {
    expect(answerWords(question('palette'), { values: ['sage', 'cream'] }, label, money)).toBe('Sage and Cream');
    expect(answerWords(question('pets'), { values: ['yes'] }, label, money)).toBe('Yes');
    expect(answerWords(question('quantity'), { quantity: 10 }, label, money)).toBe('10');
    expect(answerWords(question('budget'), { budget: { max: 30, firm: true } }, label, money)).toBe('Up to £30 (firm)');
    expect(answerWords(question('budget'), { budget: { max: 45, firm: false } }, label, money)).toBe('Up to £45 (flexible)');
  });
});

describe('the stock badge', () => {
  const badge = (text: string, here: number, quantity: number) =>
    stockBadge(
      {
        reasons: [
          { kind: 'match', text: 'sage, as you said' },
          { kind: 'stock', text },
        ],
        stock: { here, elsewhere: [] },
      },
      quantity,
    );

  it('says enough here, some here and the rest elsewhere, or none here', () => {
    expect(badge('12 here', 12, 12)).toEqual({ text: '12 here', tone: 'here' });
    expect(badge('3 here; 9 at Old Town', 3, 12)).toEqual({ text: '3 here; 9 at Old Town', tone: 'partial' });
    expect(badge('None here; 9 at Old Town', 0, 1)).toEqual({ text: 'None here; 9 at Old Town', tone: 'none' });
  });

  it('shows no badge without a stock reason', () => {
    expect(stockBadge({ reasons: [{ kind: 'match', text: 'sage, as you said' }], stock: { here: 1, elsewhere: [] } }, 1)).toBeNull();
  });
});

describe('reasons and what was left out', () => {
  it('groups what matches, what is not known and what differs, in the engine’s order', () => {
    const g = groupReasons([
      { kind: 'budget', text: '£8.00 over your budget, for a closer fit: cream and sage' },
      { kind: 'match', text: 'cream and sage, like your living room' },
      { kind: 'match', text: 'fresh, as you said' },
      { kind: 'unknown', text: 'We have not recorded its scent' },
      { kind: 'mismatch', text: 'wool rather than oak' },
      { kind: 'stock', text: '4 here' },
    ]);
    expect(g.matches).toEqual(['cream and sage, like your living room', 'fresh, as you said']);
    expect(g.unknown).toEqual(['We have not recorded its scent']);
    expect(g.differs).toEqual(['wool rather than oak']);
    expect(g.budget).toHaveLength(1);
    expect(g.bestSeller).toBe(false);
  });

  it('folds left-out variants into their product, grouped by reason, the largest group first', () => {
    const groups = groupLeftOut([
      { productId: 'p1', title: 'Oriental lily — Hot pink', reason: 'Not safe with pets: cat at home' },
      { productId: 'p2', title: 'Bunny tails — Blush', reason: 'Not known to be safe with pets: cat at home' },
      { productId: 'p1', title: 'Oriental lily — White', reason: 'Not safe with pets: cat at home' },
      { productId: 'p3', title: 'Peace lily', reason: 'Not safe with pets: cat at home' },
    ]);
    expect(groups.map((g) => [g.reason, g.items])).toEqual([
      ['Not safe with pets: cat at home', 3],
      ['Not known to be safe with pets: cat at home', 1],
    ]);
    expect(groups[0]?.products.map(leftOutName)).toEqual(['Oriental lily (Hot pink, White)', 'Peace lily']);
    expect(groups[1]?.products.map(leftOutName)).toEqual(['Bunny tails — Blush']);
  });
});
