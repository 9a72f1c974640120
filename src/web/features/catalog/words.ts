import type { CareLevel, Lifespan, ProductStatus, Scent, StockState } from '../../../shared/catalog.ts';
import type { Me } from '../auth/auth.api.ts';
import { money } from '../customers/format.ts';

/** Short names for how long a thing lasts, as a florist or décor associate says them. */
export const LIFESPAN_LABEL: Record<Lifespan, string> = {
  fresh: 'Fresh',
  silk: 'Silk',
  dried: 'Dried',
  potted: 'Potted',
  durable: 'Durable',
};

/** The same, said in full on a product, so nobody has to guess what "durable" means for a vase. */
export const LIFESPAN_WORDS: Record<Lifespan, string> = {
  fresh: 'Fresh: lasts days rather than weeks',
  silk: 'Silk: artificial, lasts for years',
  dried: 'Dried: lasts for months',
  potted: 'Potted: a living plant',
  durable: 'Durable: lasts for years',
};

export const CARE_WORDS: Record<CareLevel, string> = {
  none: 'No care needed',
  easy: 'Easy to look after',
  moderate: 'Needs some care',
  demanding: 'Needs careful looking after',
};

export const SCENT_WORDS: Record<Scent, string> = {
  none: 'No scent',
  light: 'Light scent',
  strong: 'Strong scent',
};

export const STATUS_LABEL: Record<ProductStatus, string> = {
  active: 'Active',
  seasonal: 'Seasonal',
  retired: 'Retired',
};

/** Stock states in words; the badge colour only repeats what the word says. */
export const STATE_LABEL: Record<StockState, string> = { 'in-stock': 'In stock', low: 'Low', out: 'Out' };

/** Pale fill, coloured edge and dark text, so every state keeps a 4.5:1 contrast. */
export const STATE_STYLE: Record<StockState, { background: string; borderColor: string; color: string }> = {
  'in-stock': {
    background: 'var(--mantine-color-moss-0)',
    borderColor: 'var(--mantine-color-moss-5)',
    color: 'var(--mantine-color-moss-9)',
  },
  low: { background: 'var(--mantine-color-orange-0)', borderColor: 'var(--mantine-color-orange-6)', color: 'var(--mantine-color-gray-9)' },
  out: { background: 'var(--mantine-color-red-0)', borderColor: 'var(--mantine-color-red-4)', color: 'var(--mantine-color-red-9)' },
};

export function petSafety(safe: boolean | null | undefined): string {
  if (safe === true) return 'Safe for cats and dogs';
  if (safe === false) return 'Not safe for cats and dogs';
  return 'Not known whether it is safe for cats and dogs';
}

/** "£2.40", or "£2.40–£3.20" when the variants differ. */
export function priceRange(from: number, to: number, me: Me): string {
  return from === to ? money(from, me) : `${money(from, me)}–${money(to, me)}`;
}

const monthDay = (md: string) => {
  const [m = 1, d = 1] = md.split('-').map(Number);
  return { m, d };
};

/**
 * "1 November to 15 May, in season now"; the window may wrap the year end. Dates are month-day
 * only, so they are read as UTC to stop a time zone moving them a day.
 */
export function seasonWords(season: { from: string; to: string } | null | undefined, locale: string, now = new Date()): string {
  if (!season) return 'All year round';
  const f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  const from = monthDay(season.from);
  const to = monthDay(season.to);
  const day = (x: { m: number; d: number }) => x.m * 100 + x.d;
  const today = (now.getMonth() + 1) * 100 + now.getDate();
  const inSeason = day(from) <= day(to) ? today >= day(from) && today <= day(to) : today >= day(from) || today <= day(to);
  const words = `${f.format(new Date(Date.UTC(2000, from.m - 1, from.d)))} to ${f.format(new Date(Date.UTC(2000, to.m - 1, to.d)))}`;
  return `${words}, ${inSeason ? 'in season now' : 'out of season now'}`;
}

/** "Tue 3 Dec" in the store's time zone, for a delivery's expected day. */
export function dueDay(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(new Date(iso));
}

/** "Width 20 cm, height 45 cm". */
export function dimensionWords(d: { widthCm?: number; depthCm?: number; heightCm?: number } | null | undefined): string | null {
  if (!d) return null;
  const parts = [
    d.widthCm ? `width ${d.widthCm} cm` : null,
    d.depthCm ? `depth ${d.depthCm} cm` : null,
    d.heightCm ? `height ${d.heightCm} cm` : null,
  ].filter(Boolean);
  if (!parts.length) return null;
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "vase-life-days" → "Vase life days", for the retailer's own attributes. */
export function keyWords(key: string): string {
  const text = key.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "white" → "White": colour families have keys but no labels of their own. */
export function familyLabel(family: string): string {
  return keyWords(family);
}

/** Whose sales a run learns from: "All sales", "Riverside", "Sales in FR", "Riverside, sales in FR". */
export function selectionWords(run: { store: { name: string } | null; country: string | null }): string {
  if (run.store && run.country) return `${run.store.name}, sales in ${run.country}`;
  if (run.store) return run.store.name;
  return run.country ? `Sales in ${run.country}` : 'All sales';
}

const PHASE_WORDS: Record<string, string> = {
  reading: 'Reading baskets',
  itemsets: 'Finding what is bought together',
  rules: 'Turning them into pairings',
  saving: 'Saving pairings',
};

/** "Reading baskets: 4,000 of 18,532", and the share done (0–100) for the bar. */
export function progressWords(p: { phase: string; done: number; of: number }, locale: string): { text: string; percent: number } {
  const n = new Intl.NumberFormat(locale);
  const percent = p.of > 0 ? Math.min(100, Math.round((p.done / p.of) * 100)) : 0;
  return { text: `${PHASE_WORDS[p.phase] ?? p.phase}: ${n.format(p.done)} of ${n.format(p.of)}`, percent };
}

/** "Ranunculus → Anemone: in 38% of baskets with it, 4.2 times as likely as by chance". */
export function pairingWords(
  rule: { antecedent: { title: string }[]; consequent: { title: string }[]; confidence: number; lift: number },
  locale: string,
): string {
  const names = (side: { title: string }[]) => side.map((p) => p.title).join(' and ');
  const percent = Math.round(rule.confidence * 100);
  const lift = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(rule.lift);
  return `${names(rule.antecedent)} → ${names(rule.consequent)}: in ${percent < 1 ? 'under 1' : percent}% of baskets with ${rule.antecedent.length > 1 ? 'them' : 'it'}, ${lift} times as likely as by chance`;
}
