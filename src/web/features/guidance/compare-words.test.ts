import { describe, expect, it } from 'vitest';
import { fitWords, optionsFrom, splitDifferences, toggleOption, verdictAnnouncement, verdictOf } from './compare-words.ts';

const TEAL = 'Velvet cushion set — Teal / mustard';
const GREY = 'Velvet cushion set — Grey / blush';

const option = (variantId: string, title: string, reasons: { kind: string; text: string }[] = []) => ({ variantId, title, reasons });

describe('the options in the address', () => {
  it('reads each option once, in order, and at most six', () => {
    expect(optionsFrom(new URLSearchParams('v=a&v=b&v=a'))).toEqual(['a', 'b']);
    expect(optionsFrom(new URLSearchParams('v=1&v=2&v=3&v=4&v=5&v=6&v=7'))).toHaveLength(6);
  });

  it('ignores what cannot be an id', () => {
    expect(optionsFrom(new URLSearchParams('v=&v=a%20b&v=var_1'))).toEqual(['var_1']);
  });

  it('adds an option, takes it out again, and stops at six', () => {
    expect(toggleOption(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggleOption(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggleOption(['1', '2', '3', '4', '5', '6'], '7')).toHaveLength(6);
  });
});

describe('the fit in words', () => {
  it('says nothing is judged before anything is answered', () => {
    expect(fitWords(0, false)).toBe('Not judged yet');
  });

  it('grades the engine’s fit', () => {
    expect(fitWords(0.8, true)).toBe('Fits very well');
    expect(fitWords(0.5, true)).toBe('Fits well');
    expect(fitWords(0.4, true)).toBe('Fits in part');
    expect(fitWords(0.1, true)).toBe('Fits a little');
    expect(fitWords(0, true)).toBe('Nothing they said matches');
  });
});

describe('the verdict', () => {
  it('gives the suggestion with what it has, and what counts against the other but not against it', () => {
    const v = verdictOf({
      options: [
        option('tm', TEAL, [{ kind: 'mismatch', text: 'velvet rather than oak' }]),
        option('gb', GREY, [{ kind: 'mismatch', text: 'velvet rather than oak' }]),
      ],
      choice: 'gb',
      close: false,
      reasons: [
        'charcoal, a shade close to dove grey',
        `${TEAL}: teal and mustard rather than dove grey and cream`,
        `${TEAL}: velvet rather than oak`,
      ],
    });
    expect(v).toEqual({
      kind: 'choice',
      title: GREY,
      because: ['charcoal, a shade close to dove grey'],
      against: [{ title: TEAL, reasons: ['teal and mustard rather than dove grey and cream'] }],
    });
    expect(verdictAnnouncement(v)).toBe(`Our suggestion: ${GREY}.`);
  });

  it('says either fits and what tells them apart, option by option, though the titles hold dashes', () => {
    const v = verdictOf({
      options: [option('tm', TEAL), option('gb', GREY)],
      choice: null,
      close: true,
      reasons: [`Either fits; the difference is ${TEAL}: mustard, like your room — ${GREY}: blush, like your room`],
    });
    expect(v).toEqual({
      kind: 'close',
      head: 'Either fits',
      differences: [
        { title: TEAL, text: 'mustard, like your room' },
        { title: GREY, text: 'blush, like your room' },
      ],
      notes: [],
    });
    expect(verdictAnnouncement(v)).toBe('Either fits.');
  });

  it('says so when they suit what was said equally, keeping what a rule left out', () => {
    expect(
      verdictOf({
        options: [option('a', 'A'), option('b', 'B'), option('c', 'C')],
        choice: null,
        close: true,
        reasons: ['Lily — White: not safe with pets', 'Any of them fits; they suit what you said equally'],
      }),
    ).toEqual({ kind: 'close', head: 'Any of them fits', differences: [], notes: ['Lily — White: not safe with pets'] });
  });

  it('splits differences only from the start of the text', () => {
    expect(splitDifferences('A: red — B: blue', ['B', 'A'])).toEqual([
      { title: 'A', text: 'red' },
      { title: 'B', text: 'blue' },
    ]);
    expect(splitDifferences('something else', ['A'])).toBeNull();
  });
});
