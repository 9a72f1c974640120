/**
 * Pure helpers for the special-orders and follow-ups screens: which day something falls on where
 * the store is, how those days group on screen, and the words for when, what is owed and how an
 * e-mail fared. Days are `YYYY-MM-DD` strings, compared as calendar days.
 */

/** `YYYY-MM-DD` of a moment where the store is (the browser's zone when none is given). */
export function dayIn(at: Date | string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(typeof at === 'string' ? new Date(at) : at);
}

const utc = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));

/** Whole calendar days from one day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** "today", "tomorrow", "in 3 days", "yesterday", "3 days ago": a day seen from today. */
export function whenWords(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

export type OrderGroup = 'overdue' | 'today' | 'tomorrow' | 'later';

export const ORDER_GROUP_TITLE: Record<OrderGroup, string> = {
  overdue: 'Overdue',
  today: 'Today',
  tomorrow: 'Tomorrow',
  later: 'Later',
};

export function orderGroupOf(dueOn: string, today: string): OrderGroup {
  const days = daysBetween(today, dueOn);
  return days < 0 ? 'overdue' : days === 0 ? 'today' : days === 1 ? 'tomorrow' : 'later';
}

/** Orders in their groups, overdue first, keeping the given order within each; empty groups left out. */
export function groupOrders<T extends { dueOn: string }>(orders: T[], today: string): { group: OrderGroup; items: T[] }[] {
  const order: OrderGroup[] = ['overdue', 'today', 'tomorrow', 'later'];
  return order
    .map((group) => ({ group, items: orders.filter((o) => orderGroupOf(o.dueOn, today) === group) }))
    .filter((g) => g.items.length > 0);
}

export type FollowUpGroup = 'overdue' | 'today' | 'week' | 'later' | 'waiting';

export const FOLLOW_UP_GROUP_TITLE: Record<FollowUpGroup, string> = {
  overdue: 'Overdue',
  today: 'Today',
  week: 'Next 7 days',
  later: 'Later',
  waiting: 'Waiting for stock',
};

/**
 * A follow-up's group by the day it falls due where the store is: one due this morning is today's,
 * not overdue, until the day is over. No due time means it waits for a delivery.
 */
export function followUpGroupOf(dueAt: string | null, today: string, timeZone?: string): FollowUpGroup {
  if (dueAt === null) return 'waiting';
  const days = daysBetween(today, dayIn(dueAt, timeZone));
  return days < 0 ? 'overdue' : days === 0 ? 'today' : days <= 7 ? 'week' : 'later';
}

export function groupFollowUps<T extends { dueAt: string | null }>(
  items: T[],
  today: string,
  timeZone?: string,
): { group: FollowUpGroup; items: T[] }[] {
  const order: FollowUpGroup[] = ['overdue', 'today', 'week', 'later', 'waiting'];
  return order
    .map((group) => ({ group, items: items.filter((f) => followUpGroupOf(f.dueAt, today, timeZone) === group) }))
    .filter((g) => g.items.length > 0);
}

/** "Due today", "Due in 3 days", "Was due yesterday", "Was due 4 days ago". */
export function dueWords(day: string, today: string): string {
  const days = daysBetween(today, day);
  return days < 0 ? `Was due ${whenWords(days)}` : `Due ${whenWords(days)}`;
}

const cents = (n: number) => Math.round(n * 100) / 100;

/** What is still to pay on an order: its total less the deposit, never below nothing. */
export function balanceOf(order: { total: number; deposit: number }): number {
  return Math.max(0, cents(order.total - order.deposit));
}

const ADDRESS_ORDER = ['line1', 'line2', 'city', 'region', 'postcode', 'country'];

/** An address's parts in reading order (the usual ones first, any others after), blanks left out. */
export function addressLines(address: Record<string, string | null> | null): string[] {
  if (!address) return [];
  const keys = [...ADDRESS_ORDER.filter((k) => k in address), ...Object.keys(address).filter((k) => !ADDRESS_ORDER.includes(k))];
  return keys.map((k) => address[k]?.trim() ?? '').filter((v) => v.length > 0);
}

/** The server's sentence as a clause after a colon: "No consent in force." → "no consent in force" (not "SMTP …"). */
function clause(sentence: string | null): string | undefined {
  const s = sentence?.trim().replace(/\.$/, '');
  if (!s) return undefined;
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** How an e-mail follow-up's message fared, in words, and whether someone has to step in. */
export function messageWords(message: { status: string; reason: string | null }): { text: string; problem: boolean } {
  const reason = clause(message.reason);
  switch (message.status) {
    case 'queued':
      return { text: 'E-mail ready: it goes out by itself on the day.', problem: false };
    case 'sent':
      return { text: 'E-mail sent.', problem: false };
    case 'suppressed':
      return {
        text: `E-mail not sent${reason ? `: ${reason}` : ''}. Get in touch another way.`,
        problem: true,
      };
    case 'failed':
      return {
        text: `The e-mail could not be sent${reason ? `: ${reason}` : ''}. Get in touch another way.`,
        problem: true,
      };
    default:
      return { text: `E-mail ${message.status}${reason ? `: ${reason}` : ''}.`, problem: false };
  }
}
