/**
 * Two or more options side by side, scored against the customer's answers by the one
 * recommendation engine, with a choice and its reasons — or, when they are close, an honest
 * "either fits; the difference is …". Pure and deterministic.
 */
import { type Candidate, type Recommendation, type RecommendInput, recommend } from './recommend.ts';

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
