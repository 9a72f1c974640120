import { describe, expect, it } from 'vitest';
import { withPartners } from './HarmonyCard.tsx';

describe('colours that go together', () => {
  it('replaces one family’s partners, whichever side of a pair it is on, leaving the others', () => {
    const pairs: [string, string][] = [
      ['red', 'pink'],
      ['green', 'red'],
      ['blue', 'purple'],
    ];
    expect(withPartners(pairs, 'red', ['orange'])).toEqual([
      ['blue', 'purple'],
      ['red', 'orange'],
    ]);
    expect(withPartners(pairs, 'purple', [])).toEqual([
      ['red', 'pink'],
      ['green', 'red'],
    ]);
  });
});
