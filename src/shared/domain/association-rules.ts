/**
 * "Goes well with": frequent itemsets and association rules from baskets, with the textbook
 * definitions so figures can be compared with published ones. An itemset's support is the share of
 * all baskets (empty ones included) that hold every item of it; a rule A → B (A, B non-empty and
 * disjoint, A ∪ B frequent) has support s(A ∪ B), confidence s(A ∪ B) / s(A) and lift
 * confidence / s(B). Itemsets are found depth-first over baskets-per-item lists (Eclat), which
 * gives the same itemsets as Apriori. Pure: the same baskets in any order give the same result.
 */

export interface MiningThresholds {
  /** Share of baskets, 0 < x ≤ 1. */
  minSupport: number;
  /** 0 ≤ x ≤ 1. */
  minConfidence: number;
  /** x ≥ 0. */
  minLift: number;
}

export interface FrequentItemset {
  items: string[];
  count: number;
  support: number;
}

export interface AssociationRule {
  antecedent: string[];
  consequent: string[];
  /** Baskets holding both sides. */
  count: number;
  support: number;
  confidence: number;
  lift: number;
  antecedentCount: number;
  consequentCount: number;
  antecedentSupport: number;
  consequentSupport: number;
}

/**
 * Something that goes well with a product, as it is offered: learned from baskets, paired in the
 * catalog by the shop, or both; why, in words; and the learned rule's figures (null for a pairing
 * of the catalog alone). The server and the screens share it.
 */
export interface PairingFacts {
  source: 'baskets' | 'catalog' | 'both';
  reason: string;
  support: number | null;
  confidence: number | null;
  lift: number | null;
  baskets: number | null;
}

export interface MiningResult {
  baskets: number;
  /** Distinct items seen in any basket. */
  items: number;
  itemsets: FrequentItemset[];
  rules: AssociationRule[];
}

export interface MiningProgress {
  phase: 'itemsets' | 'rules';
  done: number;
  of: number;
}

export interface ThresholdProblem {
  field: keyof MiningThresholds;
  message: string;
}

/** What is wrong with the thresholds, by field; empty when they can be used. */
export function thresholdProblems(t: MiningThresholds): ThresholdProblem[] {
  const problems: ThresholdProblem[] = [];
  if (!Number.isFinite(t.minSupport) || t.minSupport <= 0 || t.minSupport > 1)
    problems.push({ field: 'minSupport', message: 'must be above 0 and at most 1 (a share of baskets)' });
  if (!Number.isFinite(t.minConfidence) || t.minConfidence < 0 || t.minConfidence > 1)
    problems.push({ field: 'minConfidence', message: 'must be between 0 and 1' });
  if (!Number.isFinite(t.minLift) || t.minLift < 0) problems.push({ field: 'minLift', message: 'must be 0 or more' });
  return problems;
}

/** Mining stopped because the thresholds let through more itemsets or rules than it will keep. */
export class MiningLimitError extends Error {
  constructor(
    readonly what: 'itemsets' | 'rules',
    readonly limit: number,
  ) {
    super(`More than ${limit.toLocaleString('en')} ${what === 'itemsets' ? 'frequent itemsets' : 'rules'}: raise the minimum support.`);
  }
}

export interface MiningLimits {
  maxItemsets?: number;
  maxRules?: number;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareLists(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = byText(a[i] as string, b[i] as string);
    if (c) return c;
  }
  return a.length - b.length;
}

/** Rules in the order they are shown: lift, then support, best first; then by ids. */
export function compareRules(a: AssociationRule, b: AssociationRule): number {
  return b.lift - a.lift || b.support - a.support || compareLists(a.antecedent, b.antecedent) || compareLists(a.consequent, b.consequent);
}

/** Baskets present in both sorted lists. */
function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}

/**
 * Mines step by step, yielding progress between steps so a caller can let other work run; the
 * generator's return value is the result. `total` is the number of baskets, which may be more than
 * `baskets.length` when empty baskets are left out of the list.
 */
export function* mineSteps(
  baskets: readonly (readonly string[])[],
  total: number,
  thresholds: MiningThresholds,
  limits: MiningLimits = {},
): Generator<MiningProgress, MiningResult> {
  const problems = thresholdProblems(thresholds);
  if (problems.length) throw new RangeError(problems.map((p) => `${p.field} ${p.message}`).join('; '));
  if (!Number.isInteger(total) || total < baskets.length) throw new RangeError('total must count every basket in the list');
  const maxItemsets = limits.maxItemsets ?? 1_000_000;
  const maxRules = limits.maxRules ?? 1_000_000;
  const { minSupport, minConfidence, minLift } = thresholds;

  // Baskets per item, each basket counted once however often it lists the item.
  const holders = new Map<string, number[]>();
  baskets.forEach((basket, b) => {
    for (const item of basket) {
      const list = holders.get(item);
      if (!list) holders.set(item, [b]);
      else if (list[list.length - 1] !== b) list.push(b);
    }
  });
  const items = holders.size;
  if (total === 0) return { baskets: 0, items, itemsets: [], rules: [] };
  let minCount = Math.max(1, Math.floor(minSupport * total) - 1);
  while (minCount / total < minSupport) minCount++;

  // Frequent single items in id order; itemsets are lists of their positions in it.
  const names = [...holders.keys()].filter((k) => (holders.get(k) as number[]).length >= minCount).sort(byText);
  const counts = new Map<string, number>();
  const found: number[][] = [];
  const record = (set: number[], count: number) => {
    if (found.length >= maxItemsets) throw new MiningLimitError('itemsets', maxItemsets);
    found.push(set);
    counts.set(set.join(','), count);
  };
  const grow = (prefix: number[], branches: { item: number; tids: Int32Array }[]) => {
    for (const [i, branch] of branches.entries()) {
      const set = [...prefix, branch.item];
      record(set, branch.tids.length);
      const next: { item: number; tids: Int32Array }[] = [];
      for (let j = i + 1; j < branches.length; j++) {
        const other = branches[j] as { item: number; tids: Int32Array };
        const tids = intersect(branch.tids, other.tids);
        if (tids.length >= minCount) next.push({ item: other.item, tids });
      }
      if (next.length) grow(set, next);
    }
  };
  const roots = names.map((name, item) => ({ item, tids: Int32Array.from(holders.get(name) as number[]) }));
  for (const [i, root] of roots.entries()) {
    // One top-level branch at a time, so progress can be reported between them.
    record([root.item], root.tids.length);
    const next: { item: number; tids: Int32Array }[] = [];
    for (let j = i + 1; j < roots.length; j++) {
      const other = roots[j] as { item: number; tids: Int32Array };
      const tids = intersect(root.tids, other.tids);
      if (tids.length >= minCount) next.push({ item: other.item, tids });
    }
    if (next.length) grow([root.item], next);
    yield { phase: 'itemsets', done: i + 1, of: roots.length };
  }

  const ids = (set: number[]) => set.map((i) => names[i] as string);
  const support = (count: number) => count / total;
  const rules: AssociationRule[] = [];
  for (const [n, set] of found.entries()) {
    if (set.length < 2) continue;
    const count = counts.get(set.join(',')) as number;
    const full = (1 << set.length) - 1;
    for (let mask = 1; mask < full; mask++) {
      const a = set.filter((_, i) => mask & (1 << i));
      const b = set.filter((_, i) => !(mask & (1 << i)));
      const aCount = counts.get(a.join(',')) as number;
      const bCount = counts.get(b.join(',')) as number;
      // From the counts, one rounding each: a threshold met exactly (3 of 4 for 0.75) is met.
      const s = support(count);
      const confidence = count / aCount;
      const lift = (count * total) / (aCount * bCount);
      if (confidence < minConfidence || lift < minLift) continue;
      if (rules.length >= maxRules) throw new MiningLimitError('rules', maxRules);
      rules.push({
        antecedent: ids(a),
        consequent: ids(b),
        count,
        support: s,
        confidence,
        lift,
        antecedentCount: aCount,
        consequentCount: bCount,
        antecedentSupport: support(aCount),
        consequentSupport: support(bCount),
      });
    }
    if (n % 1000 === 999) yield { phase: 'rules', done: n + 1, of: found.length };
  }
  rules.sort(compareRules);
  const itemsets = found
    .map((set) => {
      const count = counts.get(set.join(',')) as number;
      return { items: ids(set), count, support: support(count) };
    })
    .sort((x, y) => y.count - x.count || x.items.length - y.items.length || compareLists(x.items, y.items));
  yield { phase: 'rules', done: found.length, of: found.length };
  return { baskets: total, items, itemsets, rules };
}

/** Frequent itemsets and rules in one go (see `mineSteps`). */
export function mineAssociationRules(
  baskets: readonly (readonly string[])[],
  total: number,
  thresholds: MiningThresholds,
  limits?: MiningLimits,
): MiningResult {
  const steps = mineSteps(baskets, total, thresholds, limits);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
