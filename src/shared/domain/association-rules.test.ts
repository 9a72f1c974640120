import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AssociationRule, MiningLimitError, mineAssociationRules, mineSteps, thresholdProblems } from './association-rules.ts';

// Tan, Steinbach & Kumar, "Introduction to Data Mining", table 6.1: five market baskets.
const SHOP = [
  ['bread', 'milk'],
  ['bread', 'diapers', 'beer', 'eggs'],
  ['milk', 'diapers', 'beer', 'cola'],
  ['bread', 'milk', 'diapers', 'beer'],
  ['bread', 'milk', 'diapers', 'cola'],
];
const NONE = { minConfidence: 0, minLift: 0 };
const rule = (rules: AssociationRule[], a: string[], b: string[]) =>
  rules.find((r) => r.antecedent.join() === a.join() && r.consequent.join() === b.join());

describe('association rules on the textbook baskets', () => {
  it('finds the frequent itemsets and their counts at support 0.6 (three baskets of five)', () => {
    const result = mineAssociationRules(SHOP, SHOP.length, { minSupport: 0.6, ...NONE });
    expect(result.baskets).toBe(5);
    expect(result.items).toBe(6);
    expect(result.itemsets.map((s) => [s.items.join('+'), s.count])).toEqual([
      ['bread', 4],
      ['diapers', 4],
      ['milk', 4],
      ['beer', 3],
      ['beer+diapers', 3],
      ['bread+diapers', 3],
      ['bread+milk', 3],
      ['diapers+milk', 3],
    ]);
    expect(result.itemsets[4]?.support).toBe(0.6);
  });

  it('gives {milk, diapers} → {beer} support 0.4 and confidence 2/3, and {diapers} → {beer} lift 1.25', () => {
    const { rules } = mineAssociationRules(SHOP, SHOP.length, { minSupport: 0.4, ...NONE });
    const md = rule(rules, ['diapers', 'milk'], ['beer']);
    expect(md?.support).toBeCloseTo(0.4, 12);
    expect(md?.confidence).toBeCloseTo(2 / 3, 12);
    expect(md?.lift).toBeCloseTo(2 / 3 / 0.6, 12);
    const d = rule(rules, ['diapers'], ['beer']);
    expect(d).toMatchObject({ count: 3, antecedentCount: 4, consequentCount: 3, antecedentSupport: 0.8, consequentSupport: 0.6 });
    expect(d?.confidence).toBeCloseTo(0.75, 12);
    expect(d?.lift).toBeCloseTo(1.25, 12);
  });

  it('counts empty baskets in every support, and keeps only rules over the confidence and lift asked', () => {
    // At 0.5, three baskets of five make a pair frequent; three of seven do not.
    const without = mineAssociationRules(SHOP, 5, { minSupport: 0.5, ...NONE });
    expect(without.itemsets.filter((s) => s.items.length === 2)).toHaveLength(4);
    const withEmpty = mineAssociationRules([...SHOP, []], 7, { minSupport: 0.5, ...NONE });
    expect(withEmpty.baskets).toBe(7);
    expect(withEmpty.itemsets.map((s) => [s.items.join(), s.support])).toEqual([
      ['bread', 4 / 7],
      ['diapers', 4 / 7],
      ['milk', 4 / 7],
    ]);
    const shop = mineAssociationRules(SHOP, 5, { minSupport: 0.4, minConfidence: 0.75, minLift: 1.2 });
    expect(shop.rules.every((r) => r.confidence >= 0.75 && r.lift >= 1.2)).toBe(true);
    expect(shop.rules.map((r) => `${r.antecedent.join('+')}>${r.consequent.join('+')}`)).toContain('diapers>beer');
    expect(shop.rules.map((r) => `${r.antecedent.join('+')}>${r.consequent.join('+')}`)).not.toContain('bread>milk');
  });

  it('lists rules by lift, then support, then ids', () => {
    const { rules } = mineAssociationRules(SHOP, 5, { minSupport: 0.2, ...NONE });
    for (let i = 1; i < rules.length; i++) {
      const [a, b] = [rules[i - 1] as AssociationRule, rules[i] as AssociationRule];
      expect(a.lift > b.lift || (a.lift === b.lift && a.support >= b.support)).toBe(true);
    }
  });

  it('refuses a support of 0 or above 1 by name, and a count of baskets smaller than the list', () => {
    expect(thresholdProblems({ minSupport: 0, minConfidence: 0, minLift: 0 }).map((p) => p.field)).toEqual(['minSupport']);
    expect(thresholdProblems({ minSupport: 1.5, minConfidence: 2, minLift: -1 }).map((p) => p.field)).toEqual([
      'minSupport',
      'minConfidence',
      'minLift',
    ]);
    expect(thresholdProblems({ minSupport: 1, minConfidence: 1, minLift: 0 })).toEqual([]);
    expect(() => mineAssociationRules(SHOP, 5, { minSupport: 0, ...NONE })).toThrow(/minSupport/);
    expect(() => mineAssociationRules(SHOP, 4, { minSupport: 0.5, ...NONE })).toThrow(/total/);
  });

  it('gives nothing for no baskets, and stops when the thresholds let through too much', () => {
    expect(mineAssociationRules([], 0, { minSupport: 0.5, ...NONE })).toEqual({ baskets: 0, items: 0, itemsets: [], rules: [] });
    expect(() => mineAssociationRules(SHOP, 5, { minSupport: 0.2, ...NONE }, { maxItemsets: 5 })).toThrow(MiningLimitError);
    expect(() => mineAssociationRules(SHOP, 5, { minSupport: 0.2, ...NONE }, { maxRules: 5 })).toThrow(MiningLimitError);
  });

  it('reports progress between steps', () => {
    const steps = mineSteps(SHOP, 5, { minSupport: 0.6, ...NONE });
    const seen: string[] = [];
    for (let s = steps.next(); !s.done; s = steps.next()) seen.push(`${s.value.phase} ${s.value.done}/${s.value.of}`);
    expect(seen.slice(0, 4)).toEqual(['itemsets 1/4', 'itemsets 2/4', 'itemsets 3/4', 'itemsets 4/4']);
    expect(seen.at(-1)).toBe('rules 8/8');
  });
});

/** Every itemset of the universe counted basket by basket: the definitions, with no cleverness. */
function bruteForce(baskets: string[][], total: number, minSupport: number, minConfidence: number, minLift: number) {
  const universe = [...new Set(baskets.flat())].sort();
  const count = (set: string[]) => baskets.filter((b) => set.every((i) => b.includes(i))).length;
  const itemsets = new Map<string, number>();
  for (let mask = 1; mask < 1 << universe.length; mask++) {
    const set = universe.filter((_, i) => mask & (1 << i));
    const c = count(set);
    if (c / total >= minSupport) itemsets.set(set.join('+'), c);
  }
  const rules = new Map<string, { count: number; confidence: number; lift: number }>();
  for (const [key, c] of itemsets) {
    const set = key.split('+');
    for (let mask = 1; mask < (1 << set.length) - 1; mask++) {
      const a = set.filter((_, i) => mask & (1 << i));
      const b = set.filter((_, i) => !(mask & (1 << i)));
      const confidence = c / count(a);
      const lift = (c * total) / (count(a) * count(b));
      if (confidence >= minConfidence && lift >= minLift) rules.set(`${a.join('+')}>${b.join('+')}`, { count: c, confidence, lift });
    }
  }
  return { itemsets, rules };
}

describe('association rules against a brute-force count', () => {
  const basket = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { maxLength: 6 });
  const input = fc.record({
    baskets: fc.array(basket, { maxLength: 25 }),
    extraEmpty: fc.nat(5),
    minSupport: fc.double({ min: 0.01, max: 1, noNaN: true }),
    minConfidence: fc.double({ min: 0, max: 1, noNaN: true }),
    minLift: fc.double({ min: 0, max: 3, noNaN: true }),
  });

  it('finds exactly the frequent itemsets and rules, with their counts, whatever the baskets', () => {
    fc.assert(
      fc.property(input, ({ baskets, extraEmpty, minSupport, minConfidence, minLift }) => {
        const total = baskets.length + extraEmpty;
        const got = mineAssociationRules(baskets, total, { minSupport, minConfidence, minLift });
        const want = bruteForce(baskets, total, minSupport, minConfidence, minLift);
        expect(new Map(got.itemsets.map((s) => [s.items.join('+'), s.count]))).toEqual(want.itemsets);
        expect(got.itemsets.every((s) => s.support === s.count / total)).toBe(true);
        expect(new Set(got.rules.map((r) => `${r.antecedent.join('+')}>${r.consequent.join('+')}`))).toEqual(new Set(want.rules.keys()));
        for (const r of got.rules) {
          const w = want.rules.get(`${r.antecedent.join('+')}>${r.consequent.join('+')}`);
          expect(r.count).toBe(w?.count);
          expect(r.confidence).toBeCloseTo(w?.confidence ?? Number.NaN, 12);
          expect(r.lift).toBeCloseTo(w?.lift ?? Number.NaN, 12);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same result whatever order the baskets and their items come in, repeats included', () => {
    fc.assert(
      fc.property(input, fc.nat(), ({ baskets, extraEmpty, minSupport }, seed) => {
        const total = baskets.length + extraEmpty;
        const shuffled = [...baskets]
          .map((b, i) => ({ b: [...b].reverse().concat(b.slice(0, 1)), k: (i * 7919 + seed) % 101 }))
          .sort((x, y) => x.k - y.k)
          .map((x) => x.b);
        const t = { minSupport, minConfidence: 0, minLift: 0 };
        expect(mineAssociationRules(shuffled, total, t)).toEqual(mineAssociationRules(baskets, total, t));
      }),
      { numRuns: 200 },
    );
  });
});
