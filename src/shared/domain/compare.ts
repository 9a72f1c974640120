/**
 * Two or more options side by side, scored against the customer's answers by the one
 * recommendation engine, with a choice and its reasons — or, when they are close, an honest
 * "either fits; the difference is …". Pure and deterministic.
 */
import type { Question, QuestionSetDefinition } from './question-sets.ts';
import { type Candidate, cents, type MatchAttribute, type Recommendation, type RecommendInput, recommend } from './recommend.ts';

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
 * Compares options (at least two) against what the customer wants. The customer asked about
 * exactly these, so the list limit does not apply and none is left out for its price; hard rules
 * still apply, and say so. With a budget, an option above it says by how much; above a firm budget
 * it is not suggested while another is within it, and above a flexible one it is only for a closer
 * fit, said as such.
 */
export function compare(input: Omit<RecommendInput, 'limit'> & { candidates: Candidate[] }): Comparison {
  if (input.candidates.length < 2) throw new Error('A comparison needs at least two options.');
  const result = recommend({ ...input, budget: null, limit: input.candidates.length });
  const { budget } = input;
  const money = new Intl.NumberFormat(input.locale, { style: 'currency', currency: input.currency });
  const overBy = (r: Recommendation) => (budget && r.total > budget.max ? cents(r.total - budget.max) : 0);
  const limit = budget && `${budget.firm ? 'the firm' : 'your'} budget of ${money.format(budget.max)}`;
  const byId = new Map(
    [...result.main, ...result.stretch].map((r): [string, Recommendation] => {
      const over = overBy(r);
      if (!over) return [r.variantId, r];
      const text = `${money.format(over)} over ${limit}`;
      return [r.variantId, { ...r, overBudgetBy: over, reasons: [{ kind: 'budget', text }, ...r.reasons] }];
    }),
  );
  const options = input.candidates.flatMap((c) => byId.get(c.variantId) ?? []);
  const reasons: string[] = result.excluded.map((e) => `${e.title}: ${e.reason}`);
  const within = options.filter((o) => !o.overBudgetBy);
  if (budget && options.length && !within.length) reasons.push(`None of them is within ${limit}`);
  // Above a firm budget, an option comes after every one within it, whatever its fit.
  const outside = (o: Recommendation) => Number(Boolean(budget?.firm && within.length && o.overBudgetBy));
  const ranked = [...options].sort((a, b) => outside(a) - outside(b) || b.fit - a.fit || (a.variantId < b.variantId ? -1 : 1));
  const [best, next] = ranked;
  if (!best) return { options, choice: null, reasons, close: false };
  const budgetOf = (o: Recommendation) => o.reasons.filter((x) => x.kind === 'budget').map((x) => x.text);
  // A flexible budget is gone over only for a closer fit than any option within it.
  const stretch = best.overBudgetBy && within.length ? [`${budgetOf(best)[0]}, for a closer fit`] : [];
  if (!next) return { options, choice: best.variantId, reasons: [...reasons, ...stretch, ...matchesOf(best)], close: false };
  if (best.fit - next.fit < CLOSE && outside(best) === outside(next)) {
    // Close: say what tells them apart rather than pretending one is better.
    // The price against the budget tells them apart only where it is not the same for all.
    const priced = new Set(ranked.map((r) => budgetOf(r).join())).size > 1;
    const differences = ranked.flatMap((r) => {
      const own = [...(priced ? budgetOf(r) : []), ...matchesOf(r).filter((m) => !ranked.some((o) => o !== r && matchesOf(o).includes(m)))];
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
  const against = ranked
    .slice(1)
    .flatMap((o) =>
      [...budgetOf(o), ...(o === next ? o.reasons.filter((x) => x.kind === 'mismatch').map((x) => x.text) : [])].map(
        (t) => `${o.title}: ${t}`,
      ),
    );
  return {
    options,
    choice: best.variantId,
    reasons: [...reasons, ...stretch, ...(edge.length ? edge : matchesOf(best)), ...against],
    close: false,
  };
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
