import { describe, expect, it } from 'vitest';
import { pairingWords, progressWords, selectionWords } from './words.ts';

describe('pairings in words', () => {
  it('names whose sales a run learns from', () => {
    expect(selectionWords({ store: null, country: null })).toBe('All sales');
    expect(selectionWords({ store: { name: 'Riverside' }, country: null })).toBe('Riverside');
    expect(selectionWords({ store: null, country: 'FR' })).toBe('Sales in FR');
    expect(selectionWords({ store: { name: 'Riverside' }, country: 'FR' })).toBe('Riverside, sales in FR');
  });

  it('says how far a run has got, with the share for the bar, never past the end', () => {
    expect(progressWords({ phase: 'reading', done: 4000, of: 18532 }, 'en-GB')).toEqual({
      text: 'Reading baskets: 4,000 of 18,532',
      percent: 22,
    });
    expect(progressWords({ phase: 'saving', done: 12, of: 10 }, 'en-GB').percent).toBe(100);
    expect(progressWords({ phase: 'itemsets', done: 0, of: 0 }, 'en-GB')).toEqual({
      text: 'Finding what is bought together: 0 of 0',
      percent: 0,
    });
  });

  it('says a pairing as an associate would read it', () => {
    const one = { antecedent: [{ title: 'Zinc planter' }], consequent: [{ title: 'Olive tree' }], confidence: 0.372, lift: 22.61 };
    expect(pairingWords(one, 'en-GB')).toBe('Zinc planter → Olive tree: in 37% of baskets with it, 22.6 times as likely as by chance');
    const two = {
      antecedent: [{ title: 'Rose' }, { title: 'Lisianthus' }],
      consequent: [{ title: 'Gypsophila' }],
      confidence: 0.004,
      lift: 8,
    };
    expect(pairingWords(two, 'en-GB')).toBe(
      'Rose and Lisianthus → Gypsophila: in under 1% of baskets with them, 8 times as likely as by chance',
    );
  });
});
