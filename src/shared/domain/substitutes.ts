/**
 * When stock says no: the nearest alternatives to a wanted item by what it is like (colour and
 * palette family, kind, size, season, price band, fresh or silk), each saying what differs and
 * what it keeps; and plans that complete a quantity from what is here, other stores, deliveries
 * and substitutes, with quantities that add up and never exceed what is available. Pure and
 * deterministic, like the recommendation engine: behaviour comes from attributes and stock only.
 */
import type { SellingAttributes } from '../catalog.ts';
import type { CandidateStock } from './recommend.ts';

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

export interface PlanLine {
  variantId: string;
  title: string;
  source: PlanSource;
  /** The other store's name, or the delivery's date (`YYYY-MM-DD`). */
  from: string | null;
  /** The other store, for holds placed there. */
  storeId?: string | undefined;
  quantity: number;
  unitPrice: number;
}

export interface Plan {
  lines: PlanLine[];
  /** Units the plan brings, at most the quantity wanted. */
  units: number;
  shortfall: number;
  total: number;
  /** The plan in words: "9 White ranunculus here + 15 White anemone here, which keep the colour". */
  words: string;
}

export interface PlanInput {
  wanted: Option;
  quantity: number;
  /** Substitutes, most alike first (from `substitutes`). */
  substitutes: Substitute[];
  currency: string;
  locale: string;
}

function planOf(lines: PlanLine[], quantity: number, explain: (l: PlanLine) => string): Plan {
  const kept = lines.filter((l) => l.quantity > 0);
  const units = kept.reduce((s, l) => s + l.quantity, 0);
  return {
    lines: kept,
    units,
    shortfall: Math.max(0, quantity - units),
    total: Math.round(kept.reduce((s, l) => s + l.quantity * l.unitPrice, 0) * 100) / 100,
    words: `${kept.map(explain).join(' + ')}${units < quantity ? ` — ${quantity - units} short` : ''}`,
  };
}

/**
 * Plans that complete the quantity, complete ones first: all here; here and the nearest other
 * stores; here and the next delivery; here and substitutes here, most alike first. When none is
 * complete, the fullest partial plan comes first and says how many are short.
 */
export function fulfilmentPlans(input: PlanInput): Plan[] {
  const { wanted, quantity } = input;
  const here = Math.max(0, Math.min(quantity, wanted.stock.here));
  const own = (source: PlanSource, n: number, from: string | null, storeId?: string): PlanLine => ({
    variantId: wanted.variantId,
    title: wanted.title,
    source,
    from,
    ...(storeId ? { storeId } : {}),
    quantity: n,
    unitPrice: wanted.unitPrice,
  });
  const say = (l: PlanLine, keeps?: string[]) =>
    l.source === 'here'
      ? `${l.quantity} ${l.title} here`
      : l.source === 'other-store'
        ? `${l.quantity} ${l.title} from ${l.from}`
        : l.source === 'delivery'
          ? `${l.quantity} ${l.title} due ${l.from}`
          : `${l.quantity} ${l.title} here${keeps?.length ? `, which keeps ${keeps[0]}` : ''}`;
  const plans: Plan[] = [];
  const start = here > 0 ? [own('here', here, null)] : [];
  if (here >= quantity) return [planOf(start, quantity, (l) => say(l))];
  // Here, then the other stores nearest first.
  {
    const lines = [...start];
    let missing = quantity - here;
    for (const s of wanted.stock.elsewhere) {
      if (missing <= 0) break;
      const n = Math.min(missing, Math.max(0, s.available));
      if (n > 0) lines.push(own('other-store', n, s.storeName, s.storeId));
      missing -= n;
    }
    if (lines.length > start.length) plans.push(planOf(lines, quantity, (l) => say(l)));
  }
  // Here, then the next delivery.
  if (wanted.stock.incoming && wanted.stock.incoming.quantity > 0) {
    const n = Math.min(quantity - here, wanted.stock.incoming.quantity);
    plans.push(planOf([...start, own('delivery', n, wanted.stock.incoming.expectedAt.slice(0, 10))], quantity, (l) => say(l)));
  }
  // Here, then substitutes here, most alike first.
  {
    const lines = [...start];
    const keeps = new Map<string, string[]>();
    let missing = quantity - here;
    for (const s of input.substitutes) {
      if (missing <= 0) break;
      const n = Math.min(missing, Math.max(0, s.option.stock.here));
      if (n <= 0) continue;
      lines.push({
        variantId: s.option.variantId,
        title: s.option.title,
        source: 'substitute',
        from: null,
        quantity: n,
        unitPrice: s.option.unitPrice,
      });
      keeps.set(s.option.variantId, s.keeps);
      missing -= n;
    }
    if (lines.length > start.length) plans.push(planOf(lines, quantity, (l) => say(l, keeps.get(l.variantId))));
  }
  if (plans.length === 0 && start.length) plans.push(planOf(start, quantity, (l) => say(l)));
  const rank: Record<PlanSource, number> = { here: 0, 'other-store': 1, delivery: 2, substitute: 3 };
  const worst = (p: Plan) => Math.max(...p.lines.map((l) => rank[l.source]));
  return plans.sort((a, b) => a.shortfall - b.shortfall || worst(a) - worst(b) || a.total - b.total);
}
