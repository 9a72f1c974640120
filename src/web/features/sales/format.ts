import type { Me } from '../auth/auth.api.ts';
import { money } from '../customers/format.ts';

/**
 * A document's total in words: a sale's amount, or for a return what went back to the customer.
 * A return with an exchange worth more than what came back is paid for, not refunded.
 */
export function totalText(doc: { kind: 'sale' | 'return'; total: number }, me: Me): string {
  if (doc.kind === 'sale') return money(doc.total, me);
  return doc.total <= 0 ? `Refund ${money(-doc.total, me)}` : `Paid ${money(doc.total, me)}`;
}

/** "1 line", "3 lines". */
export function linesText(n: number): string {
  return `${n} line${n === 1 ? '' : 's'}`;
}

/** "1 unit", "3 units". */
export function unitsText(n: number): string {
  return `${n} unit${n === 1 ? '' : 's'}`;
}
