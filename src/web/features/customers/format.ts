import type { Me } from '../auth/auth.api.ts';

const DAY = 86_400_000;

/** "today", "yesterday", "3 days ago", "3 weeks ago", "5 months ago", "2 years ago". */
export function relativeTime(iso: string, locale: string, now = new Date()): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const then = new Date(iso);
  const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOfDay(now) - startOfDay(then)) / DAY);
  if (days < 0) return rtf.format(0, 'day');
  if (days < 7) return rtf.format(-days, 'day');
  if (days < 35) return rtf.format(-Math.floor(days / 7), 'week');
  if (days < 365) return rtf.format(-Math.max(1, Math.floor(days / 30.44)), 'month');
  return rtf.format(-Math.floor(days / 365.25), 'year');
}

/** "Last visit 3 weeks ago" or "Never visited". */
export function lastVisit(iso: string | null, locale: string): string {
  return iso ? `Last visit ${relativeTime(iso, locale)}` : 'Never visited';
}

/** An amount in the retailer's currency and locale, e.g. "£1,240.50"; `whole` drops ".00" (budgets: "£40–£60"). */
export function money(amount: number, me: Me, opts: { whole?: boolean } = {}): string {
  const fraction = opts.whole && Number.isInteger(amount) ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {};
  return new Intl.NumberFormat(me.retailer.locale, { style: 'currency', currency: me.retailer.currency, ...fraction }).format(amount);
}

/** The retailer's currency symbol ("£"), for a money input. */
export function currencySymbol(me: Me): string {
  const parts = new Intl.NumberFormat(me.retailer.locale, { style: 'currency', currency: me.retailer.currency }).formatToParts(0);
  return parts.find((p) => p.type === 'currency')?.value ?? me.retailer.currency;
}

/** "2 Mar 2025, 14:05". */
export function dateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** "14 March", from a month (1–12) and day, whatever the year. */
export function dayAndMonth(month: number, day: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, month - 1, day)),
  );
}

/** The month names of the locale, January first, for pickers. */
export function monthNames(locale: string): string[] {
  const f = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => f.format(new Date(Date.UTC(2000, i, 1))));
}

/** Whole days from today until the next time a yearly date comes round (0 = today). */
export function daysUntil(month: number, day: number, now = new Date()): number {
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  let next = Date.UTC(now.getFullYear(), month - 1, day);
  if (next < today) next = Date.UTC(now.getFullYear() + 1, month - 1, day);
  return Math.round((next - today) / DAY);
}

/** "today", "tomorrow", "in 5 days", "in 3 weeks", "in 4 months". */
export function inDays(days: number, locale: string): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (days < 14) return rtf.format(days, 'day');
  if (days < 60) return rtf.format(Math.floor(days / 7), 'week');
  return rtf.format(Math.round(days / 30.44), 'month');
}
