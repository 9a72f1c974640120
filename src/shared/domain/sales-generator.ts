/**
 * Believable, deterministic sales for a demo retailer: a year of baskets that a recommender can
 * learn from. Pure: no Node APIs, no Math.random; the same input, seed and `today` always give the
 * same sales, and the sales of a given day do not depend on how many days are asked for.
 *
 * What makes the baskets learnable:
 * - products sell with the partners they are paired with (`pairsWith`), stems with greenery, vases
 *   with stems, cushions with throws; quantities suit the kind of product (stems by the 5 to 20,
 *   cushions one or two at a time);
 * - returning customers follow a Zipf-like curve (lower indexes buy far more often, so the caller
 *   chooses its regulars by the order of its list), shop mostly at one store and come back for the
 *   same favourite products;
 * - seasonal products sell only inside their window, and trade peaks around Valentine's Day,
 *   Mothering Sunday (the UK one, three weeks before Easter) and in December.
 *
 * The kind of a product is read from its category and handle ("Fresh flowers/Stems",
 * "Soft furnishings/Cushions"), so any catalogue with sensible category names gets sensible baskets.
 */

export interface SalesGeneratorInput {
  seed: number;
  /** How many days of sales, ending today (day 0 = today). */
  days: number;
  /** Store names. */
  stores: string[];
  /** How many demo customers exist (indexes 0..n-1). */
  customers: number;
  /** One entry per sellable variant. */
  products: {
    handle: string;
    category: string;
    price: number;
    sku: string;
    /** Month-days ("11-01" to "02-28" wraps the year end); null for all year. */
    seasonal: { from: string; to: string } | null;
    pairsWith: string[];
  }[];
  /** Average number of sales per store per day. */
  salesPerDay: number;
}

export interface GeneratedSale {
  /** 0..days-1; day 0 is today. */
  daysAgo: number;
  /** Opening hours, 9 to 17 (closing at 18:00); 10 to 15 on Sundays. */
  hour: number;
  minute: number;
  store: string;
  /** Index into the customers, or null for an anonymous walk-in. */
  customer: number | null;
  /** Discount in currency for the whole line; mostly 0. */
  lines: { sku: string; quantity: number; discount: number }[];
}

// ---------------------------------------------------------------------------------------------
// Random numbers

/** mulberry32: a tiny, fast, well-spread 32-bit PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rnd = () => number;

/** Mixes numbers into one 32-bit seed, so each day, store and customer gets its own stream. */
function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p | 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return h >>> 0;
}

const pick = <T>(rnd: Rnd, a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;

/** Index into a cumulative weight array (not normalised), by binary search. */
function pickIndex(rnd: Rnd, cumulative: ArrayLike<number>): number {
  const n = cumulative.length;
  const r = rnd() * cumulative[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (r < cumulative[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function cumulate(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += Math.max(0, weights[i]!);
    c[i] = total;
  }
  return c;
}

/** Poisson-distributed count; a normal approximation for large means keeps busy days cheap. */
function poisson(rnd: Rnd, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    const gauss = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rnd();
  while (p > limit) {
    k++;
    p *= rnd();
  }
  return k;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

// ---------------------------------------------------------------------------------------------
// Calendar

const DAY_MS = 86_400_000;

function parseMonthDay(s: string): number {
  const m = /^(\d{2})-(\d{2})$/.exec(s);
  const month = Number(m?.[1]);
  const day = Number(m?.[2]);
  if (!m || month < 1 || month > 12 || day < 1 || day > 31) throw new RangeError(`Not a month-day (MM-DD): ${s}`);
  return month * 100 + day;
}

/** Whether a month-day (as month × 100 + day) falls inside a window, which may wrap the year end. */
function within(window: { from: number; to: number }, monthDay: number): boolean {
  return window.from <= window.to ? monthDay >= window.from && monthDay <= window.to : monthDay >= window.from || monthDay <= window.to;
}

/** Easter Sunday (Gregorian), as a UTC timestamp: the anonymous Gregorian algorithm. */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

/** Trading events that lift sales, and the products they lift. */
type Occasion = 'valentines' | 'mothers-day' | 'christmas' | 'new-year' | null;

interface Day {
  daysAgo: number;
  monthDay: number;
  weekday: number;
  /** Expected sales relative to an ordinary day; 0 when the shops are shut. */
  volume: number;
  occasion: Occasion;
}

// Monday-heavy weeks feel wrong in a shop: Saturday is the big day, Sunday the short one.
const WEEKDAY_VOLUME = [0.7, 0.8, 0.85, 0.9, 1, 1.2, 1.45];

function describeDay(today: number, daysAgo: number): Day {
  const t = today - daysAgo * DAY_MS;
  const date = new Date(t);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const dom = date.getUTCDate();
  const monthDay = month * 100 + dom;
  const weekday = date.getUTCDay();
  let volume = WEEKDAY_VOLUME[weekday]!;
  let occasion: Occasion = null;

  // Shut on Christmas Day, Boxing Day and New Year's Day.
  if (monthDay === 1225 || monthDay === 1226 || monthDay === 101) return { daysAgo, monthDay, weekday, volume: 0, occasion };

  const toMothering = Math.round((easter(year) - 21 * DAY_MS - t) / DAY_MS);
  if (month === 2 && dom >= 7 && dom <= 14) {
    occasion = 'valentines';
    volume *= dom === 14 ? 4 : dom === 13 ? 2.6 : dom === 12 ? 1.7 : 1.2;
  } else if (toMothering >= 0 && toMothering <= 6) {
    occasion = 'mothers-day';
    volume *= [2, 3.5, 2.6, 1.7, 1.3, 1.2, 1.1][toMothering]!;
  } else if (month === 12 && dom <= 24) {
    occasion = 'christmas';
    volume *= 1.2 + (1.3 * dom) / 24;
  } else if (month === 12 && dom >= 27) {
    occasion = 'new-year';
    volume *= dom === 31 ? 1.8 : 1.1;
  } else if (month === 1 && dom <= 20) {
    // The January lull.
    volume *= 0.75;
  }
  return { daysAgo, monthDay, weekday, volume, occasion };
}

/** Products an occasion sells more of, recognised by handle and category. */
const OCCASION_PRODUCTS: Record<Exclude<Occasion, null>, RegExp> = {
  valentines: /\brose|valentine|love|chocolate|red\b/i,
  'mothers-day': /mother|tulip|freesia|orchid|bouquet|hand-tied|candle/i,
  christmas: /christmas|wreath|fir\b|poinsettia|amaryllis|bauble|garland|candle|tartan|hamper/i,
  'new-year': /new-year|champagne|gold|silver|mercury|candle|glass/i,
};

// Opening hours 9:00 to 18:00: a late-morning rise, the lunchtime peak, a small after-work bump.
const HOUR_WEIGHTS = cumulate([0.6, 0.9, 1.1, 1.35, 1.3, 1.05, 0.95, 1.05, 0.8]);
const SUNDAY_HOUR_WEIGHTS = cumulate([0.8, 1.1, 1.3, 1.2, 1, 0.7]);

// ---------------------------------------------------------------------------------------------
// Products

type Kind = 'stem' | 'greenery' | 'bouquet' | 'vase' | 'card' | 'wrap' | 'cushion' | 'throw' | 'other';

const ARTIFICIAL = /silk|faux|dried|artificial/i;

function kindOf(category: string, handle: string): Kind {
  const text = `${category} ${handle}`;
  if (/\bcards?\b/i.test(text)) return 'card';
  if (/wrap|ribbon/i.test(text)) return 'wrap';
  if (/greenery|foliage/i.test(text)) return 'greenery';
  if (/cushion/i.test(text)) return 'cushion';
  if (/\bthrows?\b|blanket/i.test(text)) return 'throw';
  if (/vase|vessel/i.test(text)) return 'vase';
  if (ARTIFICIAL.test(text)) return 'other';
  if (/bouquet|arrangement|hand-tied|posy|wreath/i.test(text)) return 'bouquet';
  if (/\bstems?\b/i.test(text)) return 'stem';
  return 'other';
}

/** How often a kind of product starts a basket. Greenery, cards and wrapping are mostly add-ons. */
const ANCHOR_WEIGHT: Record<Kind, number> = {
  stem: 3,
  bouquet: 2.2,
  cushion: 2,
  throw: 1.3,
  vase: 0.7,
  greenery: 0.4,
  card: 0.2,
  wrap: 0.1,
  other: 1,
};

const STEM_QUANTITIES = [5, 5, 6, 7, 8, 10, 10, 10, 12, 12, 15, 20];
const GREENERY_QUANTITIES = [3, 3, 4, 5, 5, 6, 8, 10];
const SMALL_QUANTITIES = [1, 1, 1, 1, 2, 2, 3];

function quantityFor(rnd: Rnd, product: Product): number {
  switch (product.kind) {
    case 'stem':
      return pick(rnd, STEM_QUANTITIES);
    case 'greenery':
      return pick(rnd, GREENERY_QUANTITIES);
    case 'cushion':
      return rnd() < 0.75 ? 1 : 2;
    case 'wrap':
      return 1 + Math.floor(rnd() * 3);
    case 'card':
      return rnd() < 0.92 ? 1 : 2;
    default:
      if (product.price < 15) return pick(rnd, SMALL_QUANTITIES);
      if (product.price < 60) return rnd() < 0.88 ? 1 : 2;
      return 1;
  }
}

interface Variant {
  sku: string;
  price: number;
}

interface Product {
  index: number;
  handle: string;
  kind: Kind;
  /** The lowest variant price, for damping expensive products. */
  price: number;
  season: { from: number; to: number } | null;
  pairs: number[];
  variants: Variant[];
  /** Cumulative popularity of the variants: the first listed sell best. */
  variantWeights: Float64Array;
  /** How well the product sells, other things being equal. */
  popularity: number;
  /** Whether an occasion lifts it, by occasion. */
  occasions: Set<Exclude<Occasion, null>>;
}

function buildProducts(input: SalesGeneratorInput): Product[] {
  const byHandle = new Map<
    string,
    { category: string; seasonal: SalesGeneratorInput['products'][number]['seasonal']; pairs: Set<string>; variants: Variant[] }
  >();
  for (const p of input.products) {
    let entry = byHandle.get(p.handle);
    if (!entry) {
      entry = { category: p.category, seasonal: p.seasonal, pairs: new Set(), variants: [] };
      byHandle.set(p.handle, entry);
    }
    for (const h of p.pairsWith) if (h !== p.handle) entry.pairs.add(h);
    if (!entry.variants.some((v) => v.sku === p.sku)) entry.variants.push({ sku: p.sku, price: p.price });
  }
  const handles = [...byHandle.keys()];
  const indexOf = new Map(handles.map((h, i) => [h, i]));
  const rnd = mulberry32(mix(input.seed, 0x70d5));
  return handles.map((handle, index) => {
    const e = byHandle.get(handle)!;
    const kind = kindOf(e.category, handle);
    const text = `${e.category} ${handle}`;
    // A skewed spread of popularity makes best-sellers and slow movers, as in any shop.
    const popularity = Math.exp((rnd() - 0.5) * 1.6);
    const variantWeights = cumulate(e.variants.map((_, i) => (1 / (1 + 0.35 * i)) * (0.6 + rnd() * 0.8)));
    const occasions = new Set((Object.keys(OCCASION_PRODUCTS) as Exclude<Occasion, null>[]).filter((o) => OCCASION_PRODUCTS[o].test(text)));
    return {
      index,
      handle,
      kind,
      price: Math.min(...e.variants.map((v) => v.price)),
      season: e.seasonal ? { from: parseMonthDay(e.seasonal.from), to: parseMonthDay(e.seasonal.to) } : null,
      pairs: [...e.pairs].flatMap((h) => {
        const i = indexOf.get(h);
        return i === undefined ? [] : [i];
      }),
      variants: e.variants,
      variantWeights,
      popularity,
      occasions,
    };
  });
}

/** Base weight of a product as the start of a basket, before the day's occasion. */
function anchorWeight(p: Product): number {
  // Cheap things sell more often than dear ones, but not overwhelmingly so.
  return ANCHOR_WEIGHT[p.kind] * p.popularity * (40 / (40 + p.price)) ** 0.5;
}

/** What is on sale on a day, with the weights that day. */
interface Shelf {
  available: boolean[];
  anchors: Product[];
  anchorWeights: Float64Array;
  byKind: Map<Kind, { products: Product[]; weights: Float64Array }>;
  cheap: Product[];
}

function shelfFor(products: Product[], day: Day): Shelf {
  const available = products.map((p) => !p.season || within(p.season, day.monthDay));
  const anchors: Product[] = [];
  const weights: number[] = [];
  const kinds = new Map<Kind, { products: Product[]; weights: number[] }>();
  const cheap: Product[] = [];
  for (const p of products) {
    if (!available[p.index]) continue;
    let w = anchorWeight(p);
    // Seasonal things sell best while they are in: that is when customers come in asking for them.
    if (p.season) w *= 1.5;
    if (day.occasion && p.occasions.has(day.occasion)) w *= day.occasion === 'christmas' ? 2.5 : 4;
    anchors.push(p);
    weights.push(w);
    const k = kinds.get(p.kind) ?? { products: [], weights: [] };
    k.products.push(p);
    k.weights.push(p.popularity);
    kinds.set(p.kind, k);
    if (p.price < 20) cheap.push(p);
  }
  return {
    available,
    anchors,
    anchorWeights: cumulate(weights),
    byKind: new Map([...kinds].map(([kind, k]) => [kind, { products: k.products, weights: cumulate(k.weights) }])),
    cheap,
  };
}

// ---------------------------------------------------------------------------------------------
// Customers

/** Zipf–Mandelbrot weights: a long tail of occasional buyers and a few regulars. */
function customerWeights(n: number): Float64Array {
  const q = Math.max(1, n / 25);
  const c = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) {
    total += 1 / (r + q) ** 1.1;
    c[r] = total;
  }
  return c;
}

interface Habits {
  homeStore: number;
  /** Favourite products, with the variant each customer usually picks. */
  favourites: { product: number; variant: number }[];
}

function habitsOf(seed: number, customer: number, stores: number, products: Product[], weights: Float64Array): Habits {
  const rnd = mulberry32(mix(seed, 0xc057, customer));
  const favourites: Habits['favourites'] = [];
  const count = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < count && weights.length > 0; i++) {
    const p = products[pickIndex(rnd, weights)]!;
    if (favourites.some((f) => f.product === p.index)) continue;
    favourites.push({ product: p.index, variant: pickIndex(rnd, p.variantWeights) });
  }
  return { homeStore: Math.floor(rnd() * stores), favourites };
}

// ---------------------------------------------------------------------------------------------
// Baskets

function pickFrom(rnd: Rnd, group: { products: Product[]; weights: Float64Array } | undefined): Product | null {
  if (!group || group.products.length === 0) return null;
  return group.products[pickIndex(rnd, group.weights)]!;
}

function fillBasket(rnd: Rnd, shelf: Shelf, products: Product[], anchor: Product, anchorVariant: number): Map<string, number> {
  const lines = new Map<string, number>();
  const kinds = new Set<Kind>();
  const add = (p: Product, variant?: number) => {
    const v = p.variants[variant ?? pickIndex(rnd, p.variantWeights)]!;
    // One line per sku, its quantity chosen once, keeps quantities typical of the product.
    if (lines.has(v.sku)) return;
    lines.set(v.sku, quantityFor(rnd, p));
    kinds.add(p.kind);
  };
  add(anchor, anchorVariant);

  // Explicit pairings: the strongest pattern, and the one a recommender should find first.
  const partners = anchor.pairs.filter((i) => shelf.available[i]);
  for (let i = partners.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [partners[i], partners[j]] = [partners[j]!, partners[i]!];
  }
  partners.slice(0, 3).forEach((i, n) => {
    if (rnd() < [0.55, 0.25, 0.12][n]!) add(products[i]!);
  });

  // Habits of the trade: stems with greenery, a second colour in a bunch, vases with stems.
  const also = (kind: Kind, chance: number) => {
    if (rnd() >= chance) return;
    const p = pickFrom(rnd, shelf.byKind.get(kind));
    if (p) add(p);
  };
  switch (anchor.kind) {
    case 'stem':
      if (!kinds.has('greenery')) also('greenery', 0.5);
      also('stem', 0.3);
      if (!kinds.has('vase')) also('vase', 0.08);
      also('card', 0.12);
      also('wrap', 0.1);
      break;
    case 'bouquet':
      if (!kinds.has('card')) also('card', 0.3);
      break;
    case 'vase':
      if (!kinds.has('stem')) also('stem', 0.35);
      break;
    case 'cushion':
      if (!kinds.has('throw')) also('throw', 0.25);
      break;
    case 'throw':
      if (!kinds.has('cushion')) also('cushion', 0.3);
      break;
    default:
      break;
  }

  // The odd impulse buy at the till.
  if (shelf.cheap.length > 0 && rnd() < 0.1) add(pick(rnd, shelf.cheap));
  return lines;
}

// ---------------------------------------------------------------------------------------------
// The generator

export function* generateSales(input: SalesGeneratorInput, today: Date = new Date()): Generator<GeneratedSale> {
  const { seed, stores, customers } = input;
  const days = Math.max(0, Math.floor(input.days));
  if (days === 0 || stores.length === 0 || input.products.length === 0 || !(input.salesPerDay > 0)) return;

  const products = buildProducts(input);
  const prices = new Map(input.products.map((p) => [p.sku, p.price]));
  const overallWeights = cumulate(products.map(anchorWeight));
  const customerCumulative = customers > 0 ? customerWeights(customers) : null;
  const habits = new Map<number, Habits>();
  const habitsFor = (c: number) => {
    let h = habits.get(c);
    if (!h) {
      h = habitsOf(seed, c, stores.length, products, overallWeights);
      habits.set(c, h);
    }
    return h;
  };

  // Calendar days in UTC, so the same `today` gives the same sales in every time zone.
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const calendar = Array.from({ length: Math.max(days, 365) }, (_, i) => describeDay(midnight, i));
  // Scale so that `salesPerDay` is the true average over the past year, peaks and closures
  // included; always over a year, so that a day's sales do not depend on `days`.
  const meanVolume = calendar.slice(0, 365).reduce((s, d) => s + d.volume, 0) / 365;

  for (let daysAgo = days - 1; daysAgo >= 0; daysAgo--) {
    const day = calendar[daysAgo]!;
    if (day.volume === 0) continue;
    const shelf = shelfFor(products, day);
    if (shelf.anchors.length === 0) continue;
    const sales: (GeneratedSale & { order: number })[] = [];

    stores.forEach((store, storeIndex) => {
      const rnd = mulberry32(mix(seed, daysAgo, storeIndex));
      const count = poisson(rnd, (input.salesPerDay * day.volume) / meanVolume);
      for (let s = 0; s < count; s++) {
        let customer: number | null = null;
        if (customerCumulative && rnd() >= 0.35) {
          // Most people shop at their own store; a few tries find someone who does.
          for (let tries = 0; tries < 4; tries++) {
            customer = pickIndex(rnd, customerCumulative);
            if (habitsFor(customer).homeStore === storeIndex || rnd() < 0.15) break;
          }
        }

        let anchor: Product | null = null;
        let anchorVariant: number | undefined;
        if (customer !== null && rnd() < 0.45) {
          const favourites = habitsFor(customer).favourites.filter((f) => shelf.available[f.product]);
          if (favourites.length > 0) {
            const f = pick(rnd, favourites);
            anchor = products[f.product]!;
            // Regulars mostly stick to their colour, but not always.
            anchorVariant = rnd() < 0.7 ? f.variant : undefined;
          }
        }
        anchor ??= shelf.anchors[pickIndex(rnd, shelf.anchorWeights)]!;
        const basket = fillBasket(rnd, shelf, products, anchor, anchorVariant ?? pickIndex(rnd, anchor.variantWeights));

        // Discounts are rare: a loyalty tenth off for a known customer, or a reduced line.
        const loyalty = customer !== null && rnd() < 0.05;
        const lines = [...basket].map(([sku, quantity]) => {
          const total = (prices.get(sku) ?? 0) * quantity;
          const rate = loyalty ? 0.1 : rnd() < 0.02 ? 0.2 : 0;
          return { sku, quantity, discount: round2(total * rate) };
        });

        const sunday = day.weekday === 0;
        const hour = (sunday ? 10 : 9) + pickIndex(rnd, sunday ? SUNDAY_HOUR_WEIGHTS : HOUR_WEIGHTS);
        const minute = Math.floor(rnd() * 60);
        sales.push({ daysAgo, hour, minute, store, customer, lines, order: (hour * 60 + minute) * stores.length + storeIndex });
      }
    });

    sales.sort((a, b) => a.order - b.order);
    for (const { order: _, ...sale } of sales) yield sale;
  }
}
