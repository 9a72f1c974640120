/**
 * When stock says no: the nearest alternatives to a wanted item by what it is like (colour and
 * palette family, kind, size, season, price band, fresh or silk), each saying what differs and
 * what it keeps; and plans that complete a quantity from what is here, other stores, deliveries
 * and substitutes, with quantities that add up and never exceed what is available. Pure and
 * deterministic, like the recommendation engine: behaviour comes from attributes and stock only.
 */
import type { SellingAttributes } from '../catalog.ts';
import { type CandidateStock, cents } from './recommend.ts';

/** An item as substitutes and plans see it. */
export interface Option {
  productId: string;
  variantId: string;
  /** Shown in words ("White ranunculus"); never used to decide anything. */
  title: string;
  /** The kind of thing it is, for words and for "same kind": the category's name ("Stems"). */
  kind: string | null;
  unitPrice: number;
  attributes: SellingAttributes;
  stock: CandidateStock;
}

export interface SubstituteInput {
  wanted: Option;
  /** Everything that could stand in (the wanted item itself is ignored if present). */
  options: Option[];
  /** Units wanted. */
  quantity: number;
  /** Today, as `YYYY-MM-DD`, for seasons. */
  today: string;
  /** Colour key → palette family. */
  families: Record<string, string>;
  /** Display words for vocabulary keys. */
  labels: Record<string, string>;
  currency: string;
  locale: string;
  /** How many substitutes (default 5). */
  limit?: number;
}

export interface Substitute {
  option: Option;
  /** 0 to 1: how alike it is. */
  similarity: number;
  /** What it keeps of the wanted item: "the palette: white", "in season". */
  keeps: string[];
  /** What is different: "ivory rather than white", "£0.40 more each", "silk rather than fresh". */
  differs: string[];
}

/** How much each likeness counts. */
const WEIGHTS = { colour: 4, kind: 2, lifespan: 2, size: 1, style: 1, price: 1, season: 1 } as const;
const TOTAL = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
/** Prices within this share of the wanted one are "the same price band". */
const PRICE_BAND = 0.25;

const words = (values: string[], labels: Record<string, string>) => {
  const w = values.map((v) => labels[v] ?? v.replace(/-/g, ' '));
  return w.length <= 1 ? (w[0] ?? '') : `${w.slice(0, -1).join(', ')} and ${w.at(-1)}`;
};
const overlap = (a: string[] | undefined, b: string[] | undefined) => {
  const bs = new Set(b ?? []);
  return (a ?? []).filter((x) => bs.has(x));
};

/** Whether a month-day window ("11-01" to "05-15", wrapping the year end) holds `today`; no window is all year. */
export function inSeason(season: SellingAttributes['season'], today: string): boolean {
  if (!season) return true;
  const md = today.slice(5, 10);
  return season.from <= season.to ? md >= season.from && md <= season.to : md >= season.from || md <= season.to;
}

/**
 * The nearest alternatives to the wanted item, most alike first, only ones in season now. When the
 * nearest are all fresh (or all silk), the nearest one that is not joins them: "a silk alternative".
 */
export function substitutes(input: SubstituteInput): Substitute[] {
  const { wanted, today, families, labels } = input;
  const money = new Intl.NumberFormat(input.locale, { style: 'currency', currency: input.currency });
  const w = wanted.attributes;
  const wantedColours = w.colours ?? [];
  const wantedFamilies = [...new Set(wantedColours.map((c) => families[c]).filter((f): f is string => Boolean(f)))];
  const out: Substitute[] = [];
  for (const o of input.options) {
    if (o.variantId === wanted.variantId) continue;
    const a = o.attributes;
    const keeps: string[] = [];
    const differs: string[] = [];
    let points = 0;
    // Colour: the same colours count fully, the same palette family half.
    const colours = a.colours ?? [];
    const same = overlap(wantedColours, colours);
    const kin = colours.filter((c) => !same.includes(c) && wantedFamilies.includes(families[c] ?? ''));
    if (wantedColours.length) {
      const share = Math.min(1, (same.length + 0.5 * (kin.length ? wantedColours.length - same.length : 0)) / wantedColours.length);
      points += WEIGHTS.colour * share;
      if (same.length) keeps.push(`the colour: ${words(same, labels)}`);
      if (kin.length)
        (same.length ? keeps : differs).push(
          `${words(kin, labels)}, close to ${words(
            wantedColours.filter((c) => !same.includes(c)),
            labels,
          )}`,
        );
      if (!same.length && !kin.length)
        differs.push(`${words(colours, labels) || 'colour not recorded'} rather than ${words(wantedColours, labels)}`);
    }
    if (wanted.kind && o.kind === wanted.kind) {
      points += WEIGHTS.kind;
      keeps.push(`the same kind (${wanted.kind.toLowerCase()})`);
    } else if (wanted.kind) differs.push(`${o.title} rather than ${wanted.title}`);
    if (w.lifespan && a.lifespan === w.lifespan) points += WEIGHTS.lifespan;
    else if (w.lifespan && a.lifespan)
      differs.push(
        `${a.lifespan} rather than ${w.lifespan}${a.lifespan === 'silk' || a.lifespan === 'dried' ? ': it lasts for years' : ''}`,
      );
    const sizes = overlap(w.sizes, a.sizes);
    if (!w.sizes?.length || sizes.length) points += WEIGHTS.size;
    else differs.push(`${words(a.sizes ?? [], labels) || 'size not recorded'} rather than ${words(w.sizes, labels)}`);
    if (!w.styles?.length || overlap(w.styles, a.styles).length) points += WEIGHTS.style;
    const ratio = wanted.unitPrice > 0 ? o.unitPrice / wanted.unitPrice : 1;
    if (Math.abs(ratio - 1) <= PRICE_BAND) points += WEIGHTS.price * (1 - Math.abs(ratio - 1) / PRICE_BAND / 2);
    const diff = Math.round((o.unitPrice - wanted.unitPrice) * 100) / 100;
    if (diff !== 0) differs.push(`${money.format(Math.abs(diff))} ${diff > 0 ? 'more' : 'less'} each`);
    else keeps.push('the same price');
    // Only what is in season now is offered, whatever the wanted item's own season.
    if (!inSeason(a.season, today)) continue;
    points += WEIGHTS.season;
    if (!inSeason(w.season, today)) keeps.push('in season now');
    out.push({ option: o, similarity: Math.round((points / TOTAL) * 1000) / 1000, keeps, differs });
  }
  const sorted = out.sort(
    (x, y) =>
      y.similarity - x.similarity ||
      y.option.stock.here - x.option.stock.here ||
      (x.option.variantId < y.option.variantId ? -1 : x.option.variantId > y.option.variantId ? 1 : 0),
  );
  const limit = input.limit ?? 5;
  const nearest = sorted.slice(0, limit);
  const lasting = (s: Substitute) => (s.option.attributes.lifespan ?? w.lifespan) !== w.lifespan;
  if (w.lifespan && !nearest.some(lasting)) {
    const other = sorted.slice(limit).find(lasting);
    if (other) nearest.push(other);
  }
  return nearest;
}

/** Where a plan's units come from. */
export type PlanSource = 'here' | 'other-store' | 'delivery' | 'substitute';

/** Lines in one plan, at most: what a plan can be taken with. */
export const MAX_PLAN_LINES = 20;
/** Plans offered, at most. */
export const MAX_PLANS = 6;

export interface PlanLine {
  variantId: string;
  title: string;
  source: PlanSource;
  /**
   * The other store's name (an other-store line, or a substitute from another store), or the
   * delivery's date (`YYYY-MM-DD`); null for units here.
   */
  from: string | null;
  /** The other store the units are in or are delivered to; holds for units in stock there are placed there. */
  storeId?: string | undefined;
  /** The other store's name, whatever the source. */
  storeName?: string | undefined;
  /** The day the units are there (`YYYY-MM-DD`) when they come on a delivery; null when they are in stock now. */
  availableOn: string | null;
  quantity: number;
  unitPrice: number;
}

/** What a plan's lines add up to against the quantity wanted: its units, shortfall, total, and the day all of it is there. */
export function planFigures(
  lines: readonly { quantity: number; unitPrice: number; availableOn?: string | null | undefined }[],
  quantity: number,
): { units: number; shortfall: number; total: number; readyBy: string | null } {
  const units = lines.reduce((s, l) => s + l.quantity, 0);
  const days = lines.flatMap((l) => (l.availableOn ? [l.availableOn] : [])).sort();
  return {
    units,
    shortfall: Math.max(0, quantity - units),
    total: cents(lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0)),
    readyBy: days.at(-1) ?? null,
  };
}

export interface Plan {
  lines: PlanLine[];
  /** Units the plan brings, at most the quantity wanted. */
  units: number;
  shortfall: number;
  total: number;
  /** The day everything is there (`YYYY-MM-DD`): the latest delivery it waits for; null when all of it is in stock now. */
  readyBy: string | null;
  /** The plan in words: "9 White ranunculus here + 15 White anemone here, which keeps the colour: white". */
  words: string;
}

/** A delivery of the wanted item that is expected, here or at another store. */
export interface ExpectedDelivery {
  storeId: string;
  storeName: string;
  /** Whether it comes to the store the customer is in. */
  here: boolean;
  quantity: number;
  /** When it is due: a day (`YYYY-MM-DD`, in the store's time zone) or an instant, whose UTC day is taken. */
  expectedAt: string;
}

export interface PlanInput {
  wanted: Option;
  quantity: number;
  /** Substitutes, most alike first (from `substitutes`). */
  substitutes: Substitute[];
  /**
   * Deliveries of the wanted item expected anywhere, soonest first. Without them, only the next
   * delivery here (`wanted.stock.incoming`) is counted.
   */
  deliveries?: ExpectedDelivery[] | undefined;
  /** Today, as `YYYY-MM-DD`: deliveries due today or tomorrow are said so. */
  today?: string | undefined;
  currency: string;
  locale: string;
}

/** Units that can go into a plan: one item, in one place, from one day. */
interface Pool {
  line: Omit<PlanLine, 'quantity'>;
  available: number;
  keeps: string[];
}

/** The kinds of pool a plan adds to what is here, in the order a florist reaches for them. */
const TIERS = ['same-now', 'same-later', 'substitute-here', 'substitute-elsewhere'] as const;
type Tier = (typeof TIERS)[number];

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** "today", "tomorrow", or "Sat 2 Jan": a day without a time, so no time zone moves it. */
function dayWords(day: string, today: string | undefined, locale: string): string {
  if (today && day === today) return 'today';
  if (today && day === nextDay(today)) return 'tomorrow';
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/**
 * Takes units from pools in order until `missing` is met. With `single`, a pool that meets it
 * alone is taken instead, when there is one: the same item from one place rather than three.
 */
function fill(pools: Pool[], missing: number, single: boolean): { pool: Pool; quantity: number }[] {
  if (missing <= 0) return [];
  const whole = single ? pools.find((p) => p.available >= missing) : undefined;
  if (whole) return [{ pool: whole, quantity: missing }];
  const out: { pool: Pool; quantity: number }[] = [];
  for (const pool of pools) {
    if (missing <= 0) break;
    const n = Math.min(missing, pool.available);
    if (n <= 0) continue;
    out.push({ pool, quantity: n });
    missing -= n;
  }
  return out;
}

/**
 * Plans that complete the quantity from what is here, the same item in other stores now, deliveries
 * expected here and at other stores, and substitutes here and elsewhere — in any combination, each
 * line within what its place has (holds already counted out) and the lines adding up to the plan's
 * units. Complete plans come first, and of those, the ones a florist would offer first: what the
 * customer can have now before what waits for a delivery (the sooner the better), fewest sources,
 * the item asked for before substitutes, the more alike substitutes, what is here before what is
 * in another store, then the cheaper. When nothing completes it, the fullest
 * partial plan comes first and says how many are short. At most `MAX_PLANS` plans.
 */
export function fulfilmentPlans(input: PlanInput): Plan[] {
  const { wanted, quantity, today, locale } = input;
  const here = Math.max(0, Math.min(quantity, wanted.stock.here));
  const own = { variantId: wanted.variantId, title: wanted.title, unitPrice: wanted.unitPrice };
  const start: { pool: Pool; quantity: number }[] =
    here > 0
      ? [{ pool: { line: { ...own, source: 'here', from: null, availableOn: null }, available: here, keeps: [] }, quantity: here }]
      : [];
  const deliveries: ExpectedDelivery[] =
    input.deliveries ??
    (wanted.stock.incoming
      ? [{ storeId: '', storeName: '', here: true, quantity: wanted.stock.incoming.quantity, expectedAt: wanted.stock.incoming.expectedAt }]
      : []);
  const elsewhere = (
    stock: CandidateStock,
    line: (s: CandidateStock['elsewhere'][number]) => Omit<PlanLine, 'quantity'>,
    keeps: string[],
  ): Pool[] => stock.elsewhere.filter((s) => s.available > 0).map((s) => ({ line: line(s), available: Math.max(0, s.available), keeps }));
  const pools: Record<Tier, Pool[]> = {
    'same-now': elsewhere(
      wanted.stock,
      (s) => ({ ...own, source: 'other-store', from: s.storeName, storeId: s.storeId, storeName: s.storeName, availableOn: null }),
      [],
    ),
    'same-later': deliveries
      .filter((d) => d.quantity > 0)
      .map((d) => ({ day: d.expectedAt.slice(0, 10), d }))
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : Number(b.d.here) - Number(a.d.here)))
      .map(({ day, d }) => ({
        line: {
          ...own,
          source: 'delivery',
          from: day,
          availableOn: day,
          ...(d.here ? {} : { storeId: d.storeId, storeName: d.storeName }),
        },
        available: d.quantity,
        keeps: [],
      })),
    'substitute-here': input.substitutes
      .filter((s) => s.option.stock.here > 0)
      .map((s) => ({
        line: {
          variantId: s.option.variantId,
          title: s.option.title,
          unitPrice: s.option.unitPrice,
          source: 'substitute',
          from: null,
          availableOn: null,
        },
        available: s.option.stock.here,
        keeps: s.keeps,
      })),
    'substitute-elsewhere': input.substitutes.flatMap((s) =>
      elsewhere(
        s.option.stock,
        (e) => ({
          variantId: s.option.variantId,
          title: s.option.title,
          unitPrice: s.option.unitPrice,
          source: 'substitute',
          from: e.storeName,
          storeId: e.storeId,
          storeName: e.storeName,
          availableOn: null,
        }),
        s.keeps,
      ),
    ),
  };
  const say = ({ pool, quantity: n }: { pool: Pool; quantity: number }) => {
    const l = pool.line;
    const where =
      l.source === 'delivery'
        ? `due ${l.storeName ? `at ${l.storeName} ` : ''}${l.availableOn ? dayWords(l.availableOn, today, locale) : ''}`.trimEnd()
        : l.storeName
          ? `from ${l.storeName}, in stock there now`
          : 'here';
    return `${n} ${l.title} ${where}${l.source === 'substitute' && pool.keeps[0] ? `, which keeps ${pool.keeps[0]}` : ''}`;
  };
  const planOf = (taken: { pool: Pool; quantity: number }[]): Plan => {
    const lines = taken.map(({ pool, quantity: n }) => ({ ...pool.line, quantity: n }));
    const figures = planFigures(lines, quantity);
    return {
      lines,
      ...figures,
      words: `${taken.map(say).join(' + ')}${figures.shortfall ? ` — ${figures.shortfall} short` : ''}`,
    };
  };
  if (here >= quantity) return [planOf(start)];
  // Every combination of the tiers, each filled in the florist's order after what is here; a
  // combination whose tiers do not all add something is the same plan as a smaller one. The item
  // itself comes from one place when one place has enough; substitutes most alike first, and also
  // the most alike one that completes it alone.
  const found = new Map<string, Plan>();
  for (const single of [false, true])
    for (let mask = 1; mask < 1 << TIERS.length; mask++) {
      const taken = [...start];
      let missing = quantity - here;
      for (const [i, tier] of TIERS.entries()) {
        if (!(mask & (1 << i))) continue;
        const same = tier === 'same-now' || tier === 'same-later';
        const got = fill(pools[tier], missing, same || single).slice(0, MAX_PLAN_LINES - taken.length);
        taken.push(...got);
        missing -= got.reduce((s, g) => s + g.quantity, 0);
      }
      if (taken.length === start.length) continue;
      const plan = planOf(taken);
      const key = plan.lines.map((l) => `${l.variantId}@${l.storeId ?? l.storeName ?? ''}@${l.availableOn ?? ''}:${l.quantity}`).join(' ');
      if (!found.has(key)) found.set(key, plan);
    }
  const plans = [...found.values()];
  if (plans.length === 0) return start.length ? [planOf(start)] : [];
  const complete = plans.filter((p) => p.shortfall === 0);
  const similarity = new Map(input.substitutes.map((s) => [s.option.variantId, s.similarity]));
  const sum = (p: Plan, f: (l: PlanLine) => number) => p.lines.reduce((n, l) => n + f(l), 0);
  const substituted = (p: Plan) => sum(p, (l) => (l.source === 'substitute' ? l.quantity : 0));
  const away = (p: Plan) => sum(p, (l) => (l.storeId && l.source !== 'delivery' ? 1 : 0));
  // How unlike the substitutes are on average, in tenths: a small difference in likeness does not
  // outweigh units here rather than in another store.
  const unlike = (p: Plan) => {
    const units = substituted(p);
    return units
      ? Math.round((sum(p, (l) => (l.source === 'substitute' ? l.quantity * (1 - (similarity.get(l.variantId) ?? 0)) : 0)) / units) * 10)
      : 0;
  };
  const ready = (p: Plan) => p.readyBy ?? '';
  return (complete.length ? complete : plans)
    .sort(
      (a, b) =>
        a.shortfall - b.shortfall ||
        (ready(a) < ready(b) ? -1 : ready(a) > ready(b) ? 1 : 0) ||
        a.lines.length - b.lines.length ||
        substituted(a) - substituted(b) ||
        unlike(a) - unlike(b) ||
        away(a) - away(b) ||
        a.total - b.total,
    )
    .slice(0, MAX_PLANS);
}
