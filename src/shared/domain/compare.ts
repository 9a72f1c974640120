/**
 * Two or more options side by side, scored against the customer's answers by the one
 * recommendation engine, with a choice and its reasons — or, when they are close, an honest
 * "either fits; the difference is …". Pure and deterministic.
 */
import type { Question, QuestionSetDefinition } from './question-sets.ts';
import { type Candidate, type MatchAttribute, type Recommendation, type RecommendInput, recommend } from './recommend.ts';

/** Fits closer than this are called close: neither is said to be better. */
export const CLOSE = 0.05;

export interface Comparison {
  /** Every option with its score and reasons, in the order given. */
  options: Recommendation[];
  /** The better option's variant id, or null when they are close. */
  choice: string | null;
  /** Why: what the choice has that the others lack, or what differs when they are close. */
  reasons: string[];
  /** "Either fits" (or "Any of them fits") when the fits are within `CLOSE`. */
  close: boolean;
}

const matchesOf = (r: Recommendation) => r.reasons.filter((x) => x.kind === 'match').map((x) => x.text);

/**
 * Compares options (at least two) against what the customer wants. Budgets and limits do not
 * apply: the customer asked about exactly these; hard rules still do, and say so.
 */
export function compare(input: Omit<RecommendInput, 'budget' | 'limit'> & { candidates: Candidate[] }): Comparison {
  if (input.candidates.length < 2) throw new Error('A comparison needs at least two options.');
  const result = recommend({ ...input, budget: null, limit: input.candidates.length });
  const scored = [...result.main, ...result.stretch];
  const byId = new Map(scored.map((r) => [r.variantId, r]));
  const options = input.candidates.flatMap((c) => byId.get(c.variantId) ?? []);
  const reasons: string[] = result.excluded.map((e) => `${e.title}: ${e.reason}`);
  const ranked = [...options].sort((a, b) => b.fit - a.fit || (a.variantId < b.variantId ? -1 : 1));
  const [best, next] = ranked;
  if (!best) return { options, choice: null, reasons, close: false };
  if (!next) return { options, choice: best.variantId, reasons: [...reasons, ...matchesOf(best)], close: false };
  if (best.fit - next.fit < CLOSE) {
    // Close: say what tells them apart rather than pretending one is better.
    const differences = ranked.flatMap((r) => {
      const own = matchesOf(r).filter((m) => !ranked.some((o) => o !== r && matchesOf(o).includes(m)));
      return own.length ? [`${r.title}: ${own.join('; ')}`] : [];
    });
    const head = ranked.length === 2 ? 'Either fits' : 'Any of them fits';
    return {
      options,
      choice: null,
      reasons: [
        ...reasons,
        differences.length ? `${head}; the difference is ${differences.join(' — ')}` : `${head}; they suit what you said equally`,
      ],
      close: true,
    };
  }
  const edge = matchesOf(best).filter((m) => !matchesOf(next).includes(m));
  const against = next.reasons.filter((x) => x.kind === 'mismatch').map((x) => `${next.title}: ${x.text}`);
  return { options, choice: best.variantId, reasons: [...reasons, ...(edge.length ? edge : matchesOf(best)), ...against], close: false };
}

/** Questions a short path asks at most. */
export const SHORT_PATH = 4;
/** Answer types a comparison cannot use: it ignores quantity and budget, and words are not matched. */
const NOT_FOR_COMPARING = new Set(['quantity', 'budget', 'text']);

/**
 * The short path for comparing these options: up to four of the set's questions, in the set's
 * order — first those about attributes on which the options differ (the ones that decide), then
 * those about attributes any of them has, then those about what they are to go with. Branching is
 * ignored: each is asked on its own.
 */
export function shortPath(set: QuestionSetDefinition, options: Pick<Candidate, 'attributes'>[], max = SHORT_PATH): string[] {
  const valuesOf = (o: Pick<Candidate, 'attributes'>, attribute: MatchAttribute) => {
    const v = (o.attributes as Record<string, unknown>)[attribute];
    return JSON.stringify(Array.isArray(v) ? [...v].sort() : (v ?? null));
  };
  const asks = set.questions.filter((q) => !NOT_FOR_COMPARING.has(q.type) && q.maps?.length);
  // What an item is to go with (the furniture) rarely tells options apart: such questions come last.
  const goesWith = (q: Question) => (q.maps ?? []).every((m) => m.polarity === 'complement');
  const differs = (q: Question) => (q.maps ?? []).some((m) => new Set(options.map((o) => valuesOf(o, m.attribute))).size > 1);
  const known = (q: Question) => (q.maps ?? []).some((m) => options.some((o) => valuesOf(o, m.attribute) !== 'null'));
  const own = asks.filter((q) => !goesWith(q));
  const ranked = [
    ...own.filter(differs),
    ...own.filter((q) => !differs(q) && known(q)),
    ...asks.filter((q) => goesWith(q) && known(q)),
  ].slice(0, max);
  return asks.filter((q) => ranked.includes(q)).map((q) => q.key);
}
