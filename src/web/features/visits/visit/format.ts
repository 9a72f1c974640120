import type { Visit, VisitSummary } from '../visits.api.ts';

/** The customer of a visit as the screens name them: a role that may not see customers still knows there was one. */
export function customerLabel(customer: { name: string | null } | null): string {
  if (!customer) return 'Someone not yet known';
  return customer.name ?? 'A customer';
}

/** "Led by Priya Natarajan", "Led by Priya Natarajan, helped by Daniel Mensah and Sam Lee"; null when nobody is recorded. */
export function helpedBy(s: Pick<VisitSummary, 'leadName' | 'assistNames'>, locale: string): string | null {
  const assists = s.assistNames.filter((n) => n !== s.leadName);
  const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(assists);
  if (!s.leadName) return assists.length ? `Helped by ${list}` : null;
  return assists.length ? `Led by ${s.leadName}, helped by ${list}` : `Led by ${s.leadName}`;
}

/** "3 of 9", with "1 skipped" beside it when any were. */
export function stepsFigure(steps: Visit['steps']): { value: string; note: string | undefined } {
  const done = steps.filter((s) => s.state === 'done').length;
  const skipped = steps.filter((s) => s.state === 'skipped').length;
  return { value: `${done} of ${steps.length}`, note: skipped ? `${skipped} skipped` : undefined };
}

/** "Wed 2 Dec, 14:05" where the store is; the year too when it is not this year's. */
export function dayAndTime(iso: string, locale: string, timeZone?: string, now = new Date()): string {
  const zone = timeZone ? { timeZone } : {};
  const year = (d: Date) => new Intl.DateTimeFormat('en', { year: 'numeric', ...zone }).format(d);
  const d = new Date(iso);
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(year(d) === year(now) ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    ...zone,
  }).format(d);
}

/** The basket's lines, one per item and price: two guidance sessions may each have added the same stems. */
export function basketLines(basket: Visit['basket']): (Visit['basket'][number] & { key: string })[] {
  const lines = new Map<string, Visit['basket'][number] & { key: string }>();
  for (const l of basket) {
    const key = `${l.variantId}:${l.unitPrice}`;
    const seen = lines.get(key);
    lines.set(key, seen ? { ...seen, quantity: seen.quantity + l.quantity } : { ...l, key });
  }
  return [...lines.values()];
}
