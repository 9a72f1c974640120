/**
 * The follow-ups closing a visit proposes, from what happened in it: a thank-you the next day, a
 * check after a delivered order, a call when something asked for is back in stock, and a reminder
 * before a date the customer asked to be reminded of. Pure: the associate confirms, changes or drops
 * each; the server keeps those confirmed.
 */

export const FOLLOW_UP_KINDS = ['thank-you', 'after-delivery', 'back-in-stock', 'anniversary', 'feedback', 'other'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

export interface ProposedFollowUp {
  kind: FollowUpKind;
  title: string;
  /** The day it is due, `YYYY-MM-DD` where the store is; null until something happens (a delivery arrives). */
  dueOn: string | null;
  /** For a back-in-stock call: the item waited for. */
  variantId: string | null;
}

export interface VisitForFollowUps {
  /** Today where the store is, `YYYY-MM-DD`. */
  today: string;
  customerName: string | null;
  outcome: 'sale' | 'special-order' | 'no-sale';
  order: { fulfilment: 'delivery' | 'collection'; dueOn: string } | null;
  /** Items asked for and not had (lost, or ordered on a delivery). */
  waitingFor: { variantId: string; description: string }[];
  dates: { kind: 'birthday' | 'anniversary' | 'custom'; label?: string | null; month: number; day: number; remind: boolean }[];
}

/** How far ahead a remembered date is proposed, and how many days before it the reminder falls. */
const DATE_HORIZON_DAYS = 60;
const DATE_NOTICE_DAYS = 7;

const addDays = (ymd: string, days: number) => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The next time a yearly date falls on or after `today` (29 February falls on 28 February in other years). */
export function nextOccurrence(today: string, month: number, day: number): string {
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const d = month === 2 && day === 29 && !leap ? 28 : day;
    const ymd = `${y}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (ymd >= today) return ymd;
  }
  return today;
}

export function proposeFollowUps(v: VisitForFollowUps): ProposedFollowUp[] {
  if (!v.customerName) return [];
  const out: ProposedFollowUp[] = [];
  if (v.outcome !== 'no-sale')
    out.push({ kind: 'thank-you', title: `Thank ${v.customerName} for coming in`, dueOn: addDays(v.today, 1), variantId: null });
  if (v.order?.fulfilment === 'delivery')
    out.push({
      kind: 'after-delivery',
      title: `Check with ${v.customerName} that the order arrived well`,
      dueOn: addDays(v.order.dueOn, 1),
      variantId: null,
    });
  for (const w of v.waitingFor)
    out.push({ kind: 'back-in-stock', title: `Tell ${v.customerName} ${w.description} is back in`, dueOn: null, variantId: w.variantId });
  for (const d of v.dates) {
    if (!d.remind) continue;
    const next = nextOccurrence(v.today, d.month, d.day);
    const reminder = addDays(next, -DATE_NOTICE_DAYS);
    if (next > addDays(v.today, DATE_HORIZON_DAYS)) continue;
    const what = d.kind === 'custom' ? (d.label ?? 'a date they keep') : d.kind;
    out.push({
      kind: 'anniversary',
      title: `${v.customerName}’s ${what} is on ${next.slice(8, 10)}/${next.slice(5, 7)}`,
      // Never in the past: a date closer than a week is reminded of today.
      dueOn: [reminder, v.today].sort()[1] ?? v.today,
      variantId: null,
    });
  }
  return out;
}
