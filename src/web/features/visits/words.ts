import type { FollowUpKind } from '../../../shared/domain/follow-ups.ts';
import type { GestureKind, LostOutcome, NoSaleReason } from '../../../shared/domain/visits.ts';
import type { VisitOutcome } from './visits.api.ts';

/** The words the visit screens use for the API's keys, in one place. */

export const OUTCOME_LABEL: Record<VisitOutcome, string> = {
  sale: 'Sale',
  'special-order': 'Special order',
  'no-sale': 'No sale',
};

export const NO_SALE_LABEL: Record<NoSaleReason, string> = {
  browsing: 'Just browsing',
  price: 'Price',
  'not-in-stock': 'Not in stock',
  'will-come-back': 'Will come back',
  'gift-idea': 'Looking for gift ideas',
  other: 'Other reason',
};

export const GESTURE_LABEL: Record<GestureKind, string> = {
  'extra-blooms': 'Extra blooms',
  'free-sample': 'Free sample',
  'gift-wrap': 'Gift wrap',
  other: 'Other gesture',
};

export const LOST_OUTCOME_LABEL: Record<LostOutcome, string> = {
  substituted: 'Substituted',
  'other-store': 'From another store',
  ordered: 'Ordered',
  lost: 'Lost',
};

export const FOLLOW_UP_LABEL: Record<FollowUpKind, string> = {
  'thank-you': 'Thank-you',
  'after-delivery': 'Check after delivery',
  'back-in-stock': 'Back in stock',
  anniversary: 'Date coming up',
  feedback: 'Answer to feedback',
  other: 'Follow-up',
};

export const CHANNEL_LABEL: Record<'email' | 'phone' | 'in-person', string> = {
  email: 'E-mail',
  phone: 'Phone call',
  'in-person': 'In person',
};

/** "45 s", "3 min", "3 min 20 s", "1 h 5 min": how long something took. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${Math.floor(m / 60)} h`;
}

/** Seconds from one moment to another (ISO strings). */
export const secondsBetween = (from: string, to: string) => (new Date(to).getTime() - new Date(from).getTime()) / 1000;

/** "14:05" where the store is. */
export function timeOfDay(iso: string, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

/** A `YYYY-MM-DD` day as "Thu, 31 Dec 2026", read as the calendar day it names. */
export function calendarDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
