/**
 * The one recommendation engine: from candidate products with their stock, what the customer
 * wants (today's answers, stored preferences, what they bought before), the retailer's weights and
 * a budget, to a ranked list in which every item carries its score by attribute and reasons in the
 * customer's words. Pure and deterministic: the same input in any order gives the same result.
 * Behaviour comes only from attributes, weights and data — never from product names or ids.
 */
import type { SellingAttributes } from '../catalog.ts';

/** The selling attributes a wish can be about. */
export const MATCH_ATTRIBUTES = [
  'colours',
  'colourFamilies',
  'styles',
  'materials',
  'rooms',
  'occasions',
  'sizes',
  'lifespan',
  'scent',
  'care',
] as const;
export type MatchAttribute = (typeof MATCH_ATTRIBUTES)[number];

/** Words for each attribute when its value is not known: "the style is not recorded". */
const ATTRIBUTE_NOUN: Record<MatchAttribute, string> = {
  colours: 'colour',
  colourFamilies: 'colour',
  styles: 'style',
  materials: 'material',
  rooms: 'room',
  occasions: 'occasion',
  sizes: 'size',
  lifespan: 'how long it lasts',
  scent: 'scent',
  care: 'care needed',
};

/** Where a wish comes from. Today's answers win over what is stored about the customer. */
export type WishSource = 'answer' | 'preference' | 'history';

/**
 * How a match counts. `want`: a match raises the fit, its absence lowers it and is said.
 * `avoid`: a match lowers the fit. `complement`: the values are what the item is to go with (the
 * furniture's colours); an item that goes with them earns the points, one that does not is not said
 * to be wrong. Colours go with their own palette family and the families in harmony with it;
 * other values go with the same value.
 */
export const WISH_POLARITIES = ['want', 'avoid', 'complement'] as const;
export type WishPolarity = (typeof WISH_POLARITIES)[number];

/** The neutrals (white, cream, grey, brown, black) go with every family. */
export const NEUTRAL_FAMILIES = ['white', 'cream', 'grey', 'brown', 'black'] as const;
/** The families whose pairings a shop may choose. */
export const CHROMATIC_FAMILIES = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink'] as const;
export type ChromaticFamily = (typeof CHROMATIC_FAMILIES)[number];

/** Chromatic families that sit well together, each pair once: the default a shop starts from. */
export const DEFAULT_HARMONY_PAIRS: [ChromaticFamily, ChromaticFamily][] = [
  ['red', 'pink'],
  ['red', 'orange'],
  ['red', 'green'],
  ['orange', 'yellow'],
  ['orange', 'blue'],
  ['yellow', 'green'],
  ['yellow', 'blue'],
  ['yellow', 'purple'],
  ['green', 'blue'],
  ['green', 'pink'],
  ['blue', 'purple'],
  ['purple', 'pink'],
];

/** For each palette family, the families that go with it (itself included), from the chromatic pairs that go together. */
export function harmonyFrom(pairs: readonly (readonly [string, string])[]): Record<string, string[]> {
  const all = [...NEUTRAL_FAMILIES, ...CHROMATIC_FAMILIES];
  const kin = (f: string) => pairs.flatMap(([a, b]) => (a === f ? [b] : b === f ? [a] : []));
  return Object.fromEntries([
    ...NEUTRAL_FAMILIES.map((f) => [f, all]),
    ...CHROMATIC_FAMILIES.map((f) => [f, [f, ...new Set(kin(f)), ...NEUTRAL_FAMILIES]]),
  ]);
}

const familyRank = (f: string) => CHROMATIC_FAMILIES.indexOf(f as ChromaticFamily);

/** Each pair in the families' order, once, the list in order: two equal choices read the same. */
export function normaliseHarmony(pairs: readonly (readonly [string, string])[]): [string, string][] {
  const seen = new Map<string, [string, string]>();
  for (const [a, b] of pairs) {
    const pair: [string, string] = familyRank(a) < familyRank(b) ? [a, b] : [b, a];
    seen.set(pair.join('–'), pair);
  }
  return [...seen.values()].sort((x, y) => familyRank(x[0]) - familyRank(y[0]) || familyRank(x[1]) - familyRank(y[1]));
}

/** Whether two choices of pairs are the same choice. */
export const sameHarmony = (x: readonly (readonly [string, string])[], y: readonly (readonly [string, string])[]) =>
  normaliseHarmony(x).join(';') === normaliseHarmony(y).join(';');

/** The default for `RecommendInput.harmonies`. */
export const PALETTE_HARMONY: Record<string, string[]> = harmonyFrom(DEFAULT_HARMONY_PAIRS);

/** Something the customer wants (or wants to avoid) about one attribute. */
export interface Wish {
  attribute: MatchAttribute;
  /** Vocabulary keys or attribute values, e.g. ["sage", "cream"]. */
  values: string[];
  /** How much it counts (the question's or preference's weight); the retailer's weight multiplies it. */
  weight: number;
  source: WishSource;
  /** The customer's words for where it comes from, e.g. "your living room"; none for a plain answer. */
  context?: string | null;
  /** How a match counts (see `WishPolarity`). Default `want`. */
  polarity?: WishPolarity;
}

/** A rule never broken: an item it catches is left out, with the reason said. */
export type HardRule = { kind: 'avoid-term'; term: string; reason: string } | { kind: 'pet-safe'; reason: string };

export interface CandidateStock {
  /** Units available (on hand less holds) in the store the customer is in. */
  here: number;
  /** Other stores with units available, nearest first. */
  elsewhere: { storeName: string; available: number; storeId?: string }[];
  /** The next delivery here, if any. */
  incoming?: { quantity: number; expectedAt: string } | null;
}

export interface Candidate {
  productId: string;
  variantId: string;
  /** Shown in results; never used to decide anything. */
  title: string;
  unitPrice: number;
  attributes: SellingAttributes & { colourFamilies?: string[] };
  /** Folded words describing the item (title, category, variant), matched by avoid rules. */
  terms: string[];
  stock: CandidateStock;
  /** Units sold recently: orders equal fits, and picks best-sellers when nothing is known. */
  popularity: number;
}

/** One item the customer bought before, by its attributes. */
export interface PastPurchase {
  attributes: SellingAttributes & { colourFamilies?: string[] };
  quantity: number;
}

export interface Budget {
  /** The most for the whole quantity, in the retailer's currency. */
  max: number;
  /** Firm: nothing above it is suggested at all. */
  firm: boolean;
}

export interface RecommendInput {
  candidates: Candidate[];
  wishes: Wish[];
  rules: HardRule[];
  history: PastPurchase[];
  /** The retailer's weight per attribute (default 1). */
  weights: Partial<Record<MatchAttribute, number>>;
  budget: Budget | null;
  /** Units wanted of one item (12 stems). */
  quantity: number;
  /** Display words for vocabulary keys and values ("sage" → "sage green"); a key stands for itself otherwise. */
  labels: Record<string, string>;
  /** The palette family of each colour key ("charcoal" → "grey"): a colour of the same family is a near match. */
  families?: Record<string, string>;
  /** The palette families that go with each family, for `complement` wishes (default `PALETTE_HARMONY`). */
  harmonies?: Record<string, string[]>;
  /** How many main results (default 10). */
  limit?: number;
  /** For amounts in reasons: the retailer's currency and locale. */
  currency: string;
  locale: string;
}

export interface AttributeScore {
  attribute: MatchAttribute;
  source: WishSource;
  polarity: WishPolarity;
  wanted: string[];
  /** The wanted values the item has; for a `complement` wish, the item's values that go with them. */
  matched: string[];
  /** Colours only: the item's colours of the same family as a wanted colour that did not match exactly. */
  near: string[];
  /** The item does not record this attribute. */
  unknown: boolean;
  /** Points earned (negative for an avoided match); out of `weight`. */
  points: number;
  weight: number;
}

export type ReasonKind = 'match' | 'mismatch' | 'unknown' | 'stock' | 'budget' | 'best-seller';
export interface Reason {
  kind: ReasonKind;
  text: string;
}

export interface Recommendation {
  productId: string;
  variantId: string;
  title: string;
  unitPrice: number;
  total: number;
  /** 0 to 1: points earned over the weight of every wish that applied. */
  fit: number;
  breakdown: AttributeScore[];
  reasons: Reason[];
  /** Units here, in other stores and on their way, as the stock reason says them in words. */
  stock: CandidateStock;
  /** Stretch items only: how much more than the budget. */
  overBudgetBy?: number;
}

export interface RecommendResult {
  /** Inside the budget (or all, without one), best fit first. */
  main: Recommendation[];
  /** "Worth stretching for?": at most two above a flexible budget that fit better than the best inside it. */
  stretch: Recommendation[];
  /** Left out by a hard rule, with the reason. */
  excluded: { productId: string; variantId: string; title: string; reason: string }[];
  /** Nothing was known to match on: the list is the in-stock best-sellers. */
  bestSellers: boolean;
}

const MAX_STRETCH = 2;
/** A colour of the same family as a wanted one (charcoal for grey) counts for this share of an exact match. */
const NEAR_COLOUR = 0.5;
/** What the customer bought counts for this much of an answer. */
const HISTORY_WEIGHT = 0.5;
/** Attribute values seen in at least this share of past units become a history wish. */
const HISTORY_SHARE = 0.25;

/** An amount rounded to the cent. */
export const cents = (n: number) => Math.round(n * 100) / 100;
/** Plain code-unit order: the same in every locale. */
const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function valuesOf(c: Candidate['attributes'], attribute: MatchAttribute): string[] | null {
  const v = c[attribute];
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.length ? v : null;
  return [String(v)];
}

/** Words for the catalog's fixed values, which are not vocabulary keys ("none" means different things). */
const VALUE_WORDS: Partial<Record<MatchAttribute, Record<string, string>>> = {
  care: { none: 'no care needed', easy: 'easy care', moderate: 'some care', demanding: 'a lot of care' },
  scent: { none: 'no scent', light: 'a light scent', strong: 'a strong scent' },
  lifespan: { fresh: 'fresh', silk: 'silk', dried: 'dried', potted: 'potted', durable: 'made to last' },
};

/** "sage and cream", "sage, cream and oak". */
function list(values: string[], labels: Record<string, string>, attribute?: MatchAttribute): string {
  const fixed = attribute ? VALUE_WORDS[attribute] : undefined;
  const words = values.map((v) => fixed?.[v] ?? labels[v] ?? v.replace(/-/g, ' '));
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** Wishes from what the customer bought: the colours, styles and materials most of it shares. */
export function historyWishes(history: PastPurchase[]): Wish[] {
  const units = history.reduce((s, p) => s + Math.max(0, p.quantity), 0);
  if (units === 0) return [];
  const wishes: Wish[] = [];
  for (const attribute of ['colourFamilies', 'styles', 'materials'] as const) {
    const counts = new Map<string, number>();
    for (const p of history)
      for (const v of new Set(valuesOf(p.attributes, attribute) ?? [])) counts.set(v, (counts.get(v) ?? 0) + p.quantity);
    const values = [...counts]
      .filter(([, n]) => n / units >= HISTORY_SHARE)
      .map(([v]) => v)
      .sort();
    if (values.length)
      wishes.push({ attribute, values, weight: HISTORY_WEIGHT, source: 'history', context: 'what you have bought before' });
  }
  return wishes;
}

/**
 * The wishes that apply: today's answers about an attribute replace stored preferences and
 * history about it (an answer of "navy" today outranks "grey" saved last spring).
 */
function applicableWishes(wishes: Wish[], history: PastPurchase[]): Wish[] {
  const all = [...wishes, ...historyWishes(history)].filter((w) => w.weight > 0 && Number.isFinite(w.weight) && w.values.length > 0);
  const rank: Record<WishSource, number> = { answer: 0, preference: 1, history: 2 };
  // Colours and colour families are one subject: today's colours outrank the families of past purchases.
  const subject = (a: MatchAttribute) => (a === 'colourFamilies' ? 'colours' : a);
  const wants = (w: Wish) => (w.polarity ?? 'want') === 'want';
  const best = new Map<MatchAttribute, number>();
  for (const w of all.filter(wants)) best.set(subject(w.attribute), Math.min(best.get(subject(w.attribute)) ?? 3, rank[w.source]));
  // Avoid-wishes always apply (a dislike stated once still counts), and so does what the item is to
  // go with: the furniture's colours do not replace the colours the customer likes.
  return all.filter((w) => !wants(w) || rank[w.source] === best.get(subject(w.attribute)));
}

/** Whether an item's value goes with a value of a `complement` wish: the same value, or for colours a family in harmony. */
function goesWith(
  attribute: MatchAttribute,
  has: string,
  value: string,
  families: Record<string, string>,
  harmonies: Record<string, string[]>,
): boolean {
  if (has === value) return true;
  if (attribute !== 'colours') return false;
  const [mine, theirs] = [families[has], families[value]];
  return mine !== undefined && theirs !== undefined && (mine === theirs || (harmonies[theirs]?.includes(mine) ?? false));
}

function score(c: Candidate, wishes: Wish[], input: Pick<RecommendInput, 'weights' | 'families' | 'harmonies'>): AttributeScore[] {
  const families = input.families ?? {};
  const harmonies = input.harmonies ?? PALETTE_HARMONY;
  return wishes.map((w) => {
    const weight = w.weight * (input.weights[w.attribute] ?? 1);
    const has = valuesOf(c.attributes, w.attribute);
    const polarity = w.polarity ?? 'want';
    const wanted = [...new Set(w.values)];
    if (polarity === 'complement') {
      // Each value to go with that some of the item's values go with earns its share.
      const goes = (h: string, v: string) => goesWith(w.attribute, h, v, families, harmonies);
      const matched = has ? [...new Set(has.filter((h) => wanted.some((v) => goes(h, v))))].sort() : [];
      const met = has ? wanted.filter((v) => has.some((h) => goes(h, v))).length : 0;
      const points = (weight * met) / wanted.length;
      return { attribute: w.attribute, source: w.source, polarity, wanted, matched, near: [], unknown: has === null, points, weight };
    }
    const matched = has ? wanted.filter((v) => has.includes(v)).sort() : [];
    // A wanted colour not matched exactly is half met by an item colour of its family.
    const near: string[] = [];
    let nearCount = 0;
    if (has && w.attribute === 'colours' && polarity === 'want')
      for (const v of wanted) {
        if (matched.includes(v) || !families[v]) continue;
        const kin = has.filter((h) => families[h] === families[v] && !matched.includes(h));
        if (kin.length) nearCount++;
        for (const k of kin) if (!near.includes(k)) near.push(k);
      }
    near.sort();
    const share = (matched.length + NEAR_COLOUR * nearCount) / wanted.length;
    const points = polarity === 'want' ? weight * share : matched.length ? -weight : 0;
    return { attribute: w.attribute, source: w.source, polarity, wanted, matched, near, unknown: has === null, points, weight };
  });
}

/** What matches first (the heaviest first), then what is not known, then what differs; stock last. */
function reasonsFor(c: Candidate, breakdown: AttributeScore[], wishes: Wish[], input: RecommendInput): Reason[] {
  const matches: { weight: number; reason: Reason }[] = [];
  const unknown: Reason[] = [];
  const differs: Reason[] = [];
  for (const [i, s] of breakdown.entries()) {
    const context = wishes[i]?.context;
    const words = (values: string[]) => list(values, input.labels, s.attribute);
    if (s.polarity === 'avoid') {
      if (s.matched.length) differs.push({ kind: 'mismatch', text: `${words(s.matched)}, which you would rather avoid` });
      continue;
    }
    if (s.polarity === 'complement') {
      // Going with the furniture is a plus; not going with it is not called a fault.
      if (s.matched.length)
        matches.push({
          weight: s.weight,
          reason: { kind: 'match', text: `${words(s.matched)}, to go with ${context ?? 'what you described'}` },
        });
      else if (s.unknown) unknown.push({ kind: 'unknown', text: `We have not recorded its ${ATTRIBUTE_NOUN[s.attribute]}` });
      continue;
    }
    if (s.matched.length)
      matches.push({
        weight: s.weight,
        reason: { kind: 'match', text: `${words(s.matched)}, ${context ? `like ${context}` : 'as you said'}` },
      });
    if (s.near.length) {
      const kin = s.wanted.filter((v) => !s.matched.includes(v) && s.near.some((n) => input.families?.[n] === input.families?.[v]));
      matches.push({ weight: s.weight / 2, reason: { kind: 'match', text: `${words(s.near)}, a shade close to ${words(kin)}` } });
    }
    // Past purchases only lean the list; an item unlike them is not said to be wrong.
    if (s.matched.length || s.near.length || s.source === 'history') continue;
    if (s.unknown) unknown.push({ kind: 'unknown', text: `We have not recorded its ${ATTRIBUTE_NOUN[s.attribute]}` });
    else differs.push({ kind: 'mismatch', text: `${words(valuesOf(c.attributes, s.attribute) ?? [])} rather than ${words(s.wanted)}` });
  }
  matches.sort((a, b) => b.weight - a.weight);
  const stock: Reason = { kind: 'stock', text: stockWords(c.stock, input.quantity, input.locale) };
  const all = [...matches.map((m) => m.reason), ...unknown, ...differs, stock];
  // Two wishes about one attribute can say the same thing ("We have not recorded its colour"): once is enough.
  return all.filter((r, i) => all.findIndex((o) => o.text === r.text) === i);
}

/** "12 here", "3 here; 9 at Old Town", "None here; 40 due 4 Dec" (the date in the retailer's locale). */
export function stockWords(stock: CandidateStock, quantity: number, locale = 'en-GB'): string {
  const parts: string[] = [stock.here > 0 ? `${stock.here} here` : 'None here'];
  if (stock.here < quantity) {
    let missing = quantity - Math.max(0, stock.here);
    for (const s of stock.elsewhere) {
      if (missing <= 0) break;
      if (s.available <= 0) continue;
      parts.push(`${s.available} at ${s.storeName}`);
      missing -= s.available;
    }
    if (stock.incoming) {
      const due = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
        new Date(stock.incoming.expectedAt),
      );
      parts.push(`${stock.incoming.quantity} due ${due}`);
    }
  }
  return parts.length === 1 ? (parts[0] as string) : `${parts[0]}; ${parts.slice(1).join(', ')}`;
}

/** Rules in one order whatever order they come in, so an item caught by two is always left out for the same reason: pets first. */
function compareRules(a: HardRule, b: HardRule): number {
  const term = (r: HardRule) => (r.kind === 'avoid-term' ? r.term : '');
  return order(b.kind, a.kind) || order(term(a), term(b)) || order(a.reason, b.reason);
}

function breaks(c: Candidate, rules: HardRule[]): string | null {
  for (const r of rules) {
    if (r.kind === 'pet-safe' && c.attributes.petSafe !== true)
      return c.attributes.petSafe === false ? `Not safe with pets: ${r.reason}` : `Not known to be safe with pets: ${r.reason}`;
    if (r.kind === 'avoid-term' && c.terms.includes(r.term)) return r.reason;
  }
  return null;
}

/**
 * A total order on wishes, so the order they come in never changes the breakdown or the reasons:
 * by attribute, source, weight (heaviest first), polarity, values and context.
 */
function compareWishes(a: Wish, b: Wish): number {
  return (
    order(a.attribute, b.attribute) ||
    order(a.source, b.source) ||
    b.weight - a.weight ||
    order(a.polarity ?? 'want', b.polarity ?? 'want') ||
    order(JSON.stringify(a.values), JSON.stringify(b.values)) ||
    order(a.context ?? '', b.context ?? '')
  );
}

/** Best fit first; then what can be had here today, then best-sellers; the variant id settles the rest. */
function compare(a: { rec: Recommendation; c: Candidate }, b: { rec: Recommendation; c: Candidate }, quantity: number): number {
  return (
    b.rec.fit - a.rec.fit ||
    Number(b.c.stock.here >= quantity) - Number(a.c.stock.here >= quantity) ||
    b.c.popularity - a.c.popularity ||
    order(a.c.variantId, b.c.variantId)
  );
}

export function recommend(input: RecommendInput): RecommendResult {
  const format = new Intl.NumberFormat(input.locale, { style: 'currency', currency: input.currency });
  const money = (n: number) => format.format(n);
  const quantity = Math.max(1, Math.floor(input.quantity));
  const limit = input.limit ?? 10;
  const wishes = applicableWishes(input.wishes, input.history).sort(compareWishes);
  const rules = [...input.rules].sort(compareRules);
  const excluded: RecommendResult['excluded'] = [];
  const scored: { rec: Recommendation; c: Candidate }[] = [];
  for (const c of input.candidates) {
    const broken = breaks(c, rules);
    if (broken) {
      excluded.push({ productId: c.productId, variantId: c.variantId, title: c.title, reason: broken });
      continue;
    }
    const breakdown = score(c, wishes, input);
    const possible = breakdown.filter((s) => s.polarity !== 'avoid').reduce((sum, s) => sum + s.weight, 0);
    const earned = breakdown.reduce((sum, s) => sum + s.points, 0);
    const fit = possible > 0 ? Math.max(0, Math.min(1, earned / possible)) : 0;
    const total = cents(c.unitPrice * quantity);
    scored.push({
      c,
      rec: {
        productId: c.productId,
        variantId: c.variantId,
        title: c.title,
        unitPrice: c.unitPrice,
        total,
        fit: Math.round(fit * 1000) / 1000,
        breakdown,
        reasons: reasonsFor(c, breakdown, wishes, input),
        stock: c.stock,
      },
    });
  }
  excluded.sort((a, b) => order(a.variantId, b.variantId));
  const anyMatch = scored.some((s) => s.rec.breakdown.some((b) => b.polarity !== 'avoid' && b.matched.length + b.near.length > 0));
  if (!anyMatch) {
    // Nothing known to match: the best-sellers that can be had here, said as such.
    const sellers = scored
      .filter((s) => s.c.stock.here >= quantity && (!input.budget || s.rec.total <= input.budget.max))
      .sort((a, b) => b.c.popularity - a.c.popularity || compare(a, b, quantity))
      .slice(0, limit)
      .map((s) => ({ ...s.rec, reasons: [{ kind: 'best-seller' as const, text: 'One of our best-sellers' }, ...s.rec.reasons] }));
    return { main: sellers, stretch: [], excluded, bestSellers: true };
  }
  scored.sort((a, b) => compare(a, b, quantity));
  const budget = input.budget;
  const within = budget ? scored.filter((s) => s.rec.total <= budget.max) : scored;
  const main = within.slice(0, limit).map((s) => s.rec);
  let stretch: Recommendation[] = [];
  if (budget && !budget.firm) {
    const bestInside = main[0]?.fit ?? 0;
    stretch = scored
      .filter((s) => s.rec.total > budget.max && s.rec.fit > bestInside)
      .slice(0, MAX_STRETCH)
      .map((s) => {
        const over = cents(s.rec.total - budget.max);
        const better = s.rec.breakdown.filter((b) => b.polarity !== 'avoid' && b.matched.length + b.near.length > 0);
        const why = better.length
          ? list([...new Set(better.flatMap((b) => [...b.matched, ...b.near]))], input.labels)
          : 'more of what you asked for';
        return {
          ...s.rec,
          overBudgetBy: over,
          reasons: [{ kind: 'budget' as const, text: `${money(over)} over your budget, for a closer fit: ${why}` }, ...s.rec.reasons],
        };
      });
  }
  return { main, stretch, excluded, bestSellers: false };
}
