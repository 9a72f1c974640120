/**
 * Pure helpers for the guided-selling screens: where the visit goes next, what an answer says in
 * words, and how a recommendation's reasons, stock and left-out items are shown.
 */
import type { VocabularyKind } from '../../../shared/customers.ts';
import type { Answer, Question } from '../../../shared/domain/question-sets.ts';
import type { Reason, Recommendation } from '../../../shared/domain/recommend.ts';

/** The step after the results of a visit: a question's key, or the recommendations. */
export const RESULTS = 'recommendations';

/** The question to open a visit on: the first still to ask that was neither answered nor skipped; the list once all were. */
export function firstOpenStep(toAsk: string[], answers: Record<string, Answer>, skipped: string[]): string {
  return toAsk.find((k) => answers[k] === undefined && !skipped.includes(k)) ?? RESULTS;
}

/** The step after `key` in the questions still to ask (branching applied), or the recommendations after the last. */
export function nextStep(toAsk: string[], key: string): string {
  const i = toAsk.indexOf(key);
  return i < 0 ? RESULTS : (toAsk[i + 1] ?? RESULTS);
}

/** The step before `key`; from the recommendations, the last question; null at the first question. */
export function previousStep(toAsk: string[], key: string): string | null {
  if (key === RESULTS) return toAsk.at(-1) ?? null;
  const i = toAsk.indexOf(key);
  return i > 0 ? (toAsk[i - 1] ?? null) : null;
}

/** Whether two answers say the same thing (values in any order). */
export function sameAnswer(a: Answer | undefined, b: Answer | undefined): boolean {
  if (!a || !b) return false;
  if ('values' in a && 'values' in b) return [...a.values].sort().join('\n') === [...b.values].sort().join('\n');
  return JSON.stringify(a) === JSON.stringify(b);
}

/** "sage and cream", "sage, cream and oak". */
export function andList(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** "Soft furnishings/Cushions" → "Soft furnishings / Cushions". */
export function categoryLabel(path: string): string {
  return path.split('/').join(' / ');
}

/** Capitalises the first letter: "cat at home" → "Cat at home". */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An answer in words, as the customer would recognise it: "Dove grey and Cream", "10", "Up to £30 (firm)". */
export function answerWords(
  q: Question,
  answer: Answer,
  label: (kind: VocabularyKind, key: string) => string,
  money: (n: number) => string,
): string {
  if ('values' in answer) {
    const words = answer.values.map((v) =>
      q.type === 'vocabulary' && q.vocabulary ? label(q.vocabulary, v) : (q.choices?.find((c) => c.value === v)?.label ?? v),
    );
    return andList(words);
  }
  if ('quantity' in answer) return String(answer.quantity);
  if ('number' in answer) return String(answer.number);
  if ('budget' in answer) return `Up to ${money(answer.budget.max)} (${answer.budget.firm ? 'firm' : 'flexible'})`;
  return answer.text;
}

export type StockTone = 'here' | 'partial' | 'none';

/**
 * The stock badge of a recommendation: its stock reason ("12 here", "3 here; 9 at Old Town",
 * "None here; 40 due 4 Dec"), toned by whether the whole quantity is here, some of it, or none.
 */
export function stockBadge(r: Pick<Recommendation, 'reasons' | 'stock'>, quantity: number): { text: string; tone: StockTone } | null {
  const stock = r.reasons.find((x) => x.kind === 'stock');
  if (!stock) return null;
  const tone: StockTone = r.stock.here >= quantity ? 'here' : r.stock.here > 0 ? 'partial' : 'none';
  return { text: stock.text, tone };
}

/** A recommendation's reasons, grouped as the screen shows them; the stock reason goes to the badge. */
export function groupReasons(reasons: Reason[]) {
  return {
    matches: reasons.filter((r) => r.kind === 'match').map((r) => r.text),
    unknown: reasons.filter((r) => r.kind === 'unknown').map((r) => r.text),
    differs: reasons.filter((r) => r.kind === 'mismatch').map((r) => r.text),
    budget: reasons.filter((r) => r.kind === 'budget').map((r) => r.text),
    bestSeller: reasons.some((r) => r.kind === 'best-seller'),
  };
}

export interface LeftOutGroup {
  reason: string;
  /** Products in the order first met, each with the variants left out ("Oriental lily": Hot pink, White). */
  products: { productId: string; name: string; variants: string[] }[];
  items: number;
}

/**
 * Items a rule left out, by reason, and within a reason by product, so a hundred variants read
 * as a short list: "Not safe with pets: cat at home — Oriental lily (Hot pink, White), …".
 */
export function groupLeftOut(excluded: { productId: string; title: string; reason: string }[]): LeftOutGroup[] {
  const groups = new Map<string, LeftOutGroup>();
  for (const e of excluded) {
    const group = groups.get(e.reason) ?? { reason: e.reason, products: [], items: 0 };
    groups.set(e.reason, group);
    group.items++;
    const cut = e.title.indexOf(' — ');
    const name = cut < 0 ? e.title : e.title.slice(0, cut);
    const variant = cut < 0 ? null : e.title.slice(cut + 3);
    let product = group.products.find((p) => p.productId === e.productId);
    if (!product) {
      product = { productId: e.productId, name, variants: [] };
      group.products.push(product);
    }
    if (variant && !product.variants.includes(variant)) product.variants.push(variant);
  }
  return [...groups.values()].sort((a, b) => b.items - a.items);
}

/** "Oriental lily (Hot pink, White)", or just the name when it has one variant or none. */
export function leftOutName(p: { name: string; variants: string[] }): string {
  return p.variants.length > 1 ? `${p.name} (${p.variants.join(', ')})` : p.variants[0] ? `${p.name} — ${p.variants[0]}` : p.name;
}
