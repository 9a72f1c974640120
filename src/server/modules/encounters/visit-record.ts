import { type Kysely, sql } from 'kysely';
import { variantLabel } from '../../../shared/catalog.ts';
import type { StepProgress } from '../../../shared/domain/roadmap.ts';
import type { DB } from '../../db/types.ts';

/**
 * The parts of a visit's record kept by other tables: its basket, what was asked for and not had,
 * its special order, its follow-ups, the space the customer was given and the times of its
 * guided selling. Read with the visit; each by the visit's id.
 */

/** The lines of the visit's guidance sessions still in the basket, oldest first. */
export async function visitBasket(db: Kysely<DB>, retailerId: string, encounterId: string) {
  const rows = await db
    .selectFrom('guidance_basket_lines as b')
    .innerJoin('guidance_sessions as g', (j) => j.onRef('g.retailer_id', '=', 'b.retailer_id').onRef('g.id', '=', 'b.session_id'))
    .innerJoin('variants as v', (j) => j.onRef('v.retailer_id', '=', 'b.retailer_id').onRef('v.id', '=', 'b.variant_id'))
    .innerJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'v.retailer_id').onRef('p.id', '=', 'v.product_id'))
    .select(['b.variant_id', 'v.product_id', 'p.title as product_title', 'v.title as variant_title', 'b.quantity', 'b.unit_price'])
    .where('b.retailer_id', '=', retailerId)
    .where('g.encounter_id', '=', encounterId)
    .where('b.removed_at', 'is', null)
    .orderBy('b.added_at')
    .orderBy('b.id')
    .execute();
  return rows.map((r) => ({
    variantId: r.variant_id,
    productId: r.product_id,
    title: variantLabel(r.product_title, r.variant_title),
    quantity: r.quantity,
    unitPrice: Number(r.unit_price),
  }));
}

/** What the customer asked for and could not have here, and what happened instead. */
export async function visitLostDemand(db: Kysely<DB>, retailerId: string, encounterId: string) {
  const rows = await db
    .selectFrom('lost_demand as l')
    .leftJoin('variants as v', (j) => j.onRef('v.retailer_id', '=', 'l.retailer_id').onRef('v.id', '=', 'l.substitute_variant_id'))
    .leftJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'v.retailer_id').onRef('p.id', '=', 'v.product_id'))
    .select([
      'l.id',
      'l.description',
      'l.quantity',
      'l.outcome',
      'l.note',
      'l.recorded_at',
      'p.title as product_title',
      'v.title as variant_title',
    ])
    .where('l.retailer_id', '=', retailerId)
    .where('l.encounter_id', '=', encounterId)
    .orderBy('l.recorded_at')
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    description: r.description,
    quantity: r.quantity,
    outcome: r.outcome,
    substitute: r.product_title ? variantLabel(r.product_title, r.variant_title) : null,
    note: r.note,
    at: r.recorded_at.toISOString(),
  }));
}

/** When and why a special order was cancelled; null unless it was. */
export const cancellationOf = (o: { cancelled_at: Date | null; cancel_reason: string | null }) =>
  o.cancelled_at ? { at: o.cancelled_at.toISOString(), reason: o.cancel_reason ?? '' } : null;

/** The special order the visit ended in, if it did. */
export async function visitSpecialOrder(db: Kysely<DB>, retailerId: string, encounterId: string) {
  const r = await db
    .selectFrom('special_orders')
    .select(['id', 'fulfilment', sql<string>`due_on::text`.as('due_on'), 'status', 'recipient', 'card_message', 'deposit', 'sale_id'])
    .select(['cancelled_at', 'cancel_reason'])
    .where('retailer_id', '=', retailerId)
    .where('encounter_id', '=', encounterId)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        fulfilment: r.fulfilment,
        dueOn: r.due_on,
        status: r.status,
        recipient: r.recipient,
        cardMessage: r.card_message,
        deposit: Number(r.deposit),
        saleId: r.sale_id,
        cancelled: cancellationOf(r),
      }
    : null;
}

/** The follow-ups the visit left, open or done, soonest due first. */
export async function visitFollowUps(db: Kysely<DB>, retailerId: string, encounterId: string) {
  const rows = await db
    .selectFrom('follow_ups as f')
    .leftJoin('staff as s', (j) => j.onRef('s.retailer_id', '=', 'f.retailer_id').onRef('s.id', '=', 'f.assignee_id'))
    .select(['f.id', 'f.kind', 'f.title', 'f.channel', 'f.due_at', 'f.status', 's.name as assignee_name', 'f.outcome', 'f.done_at'])
    .where('f.retailer_id', '=', retailerId)
    .where('f.encounter_id', '=', encounterId)
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    channel: r.channel,
    dueAt: r.due_at?.toISOString() ?? null,
    status: r.status,
    assigneeName: r.assignee_name,
    outcome: r.outcome,
    doneAt: r.done_at?.toISOString() ?? null,
  }));
}

/**
 * The time the customer was given to decide: the seconds of every space (one still open counts up
 * to `until`: now, or the close), and when the open one began.
 */
export async function visitSpace(db: Kysely<DB>, retailerId: string, encounterId: string, until: Date) {
  const rows = await db
    .selectFrom('encounter_space')
    .select(['started_at', 'ended_at'])
    .where('retailer_id', '=', retailerId)
    .where('encounter_id', '=', encounterId)
    .orderBy('started_at')
    .execute();
  let ms = 0;
  let since: Date | null = null;
  for (const r of rows) {
    const start = new Date(r.started_at);
    const end = r.ended_at ? new Date(r.ended_at) : until;
    ms += Math.max(0, end.getTime() - start.getTime());
    if (!r.ended_at) since = start;
  }
  return { secondsGiven: Math.round(ms / 1000), spaceSince: since?.toISOString() ?? null };
}

export interface ConditionTimes {
  /** When each answer standing now was first given, oldest first. */
  answers: Date[];
  firstList: Date | null;
  firstLine: Date | null;
}

/** When the visit's guided selling met the roadmap's conditions: each answer as first given, the first list shown, the first line still in the basket. */
export async function visitConditionTimes(db: Kysely<DB>, retailerId: string, encounterId: string): Promise<ConditionTimes> {
  const { rows } = await sql<{ answers: string[]; first_list: Date | null; first_line: Date | null }>`
    select
      (select coalesce(jsonb_agg(e.value order by (e.value #>> '{}')::timestamptz), '[]'::jsonb)
       from guidance_sessions g cross join lateral jsonb_each(g.answered_at) e
       where g.retailer_id = ${retailerId} and g.encounter_id = ${encounterId} and g.answers ? e.key) as answers,
      (select min(l.shown_at) from guidance_lists l
       join guidance_sessions g on g.retailer_id = l.retailer_id and g.id = l.session_id
       where l.retailer_id = ${retailerId} and g.encounter_id = ${encounterId}) as first_list,
      (select min(b.added_at) from guidance_basket_lines b
       join guidance_sessions g on g.retailer_id = b.retailer_id and g.id = b.session_id
       where b.retailer_id = ${retailerId} and g.encounter_id = ${encounterId} and b.removed_at is null) as first_line`.execute(db);
  const r = rows[0];
  return {
    answers: (r?.answers ?? []).map((a) => new Date(a)),
    firstList: r?.first_list ? new Date(r.first_list) : null,
    firstLine: r?.first_line ? new Date(r.first_line) : null,
  };
}

/** The step of the roadmap whose time is told as time in discovery. */
const DISCOVER = 'discover';
const CONDITIONS_WITH_TIMES = new Set(['questions-answered', 'recommended', 'basket']);

/**
 * Seconds spent in discovery: from when the discover step became current (when the steps before
 * it were done or skipped — the last of them — or the visit's start) until it was done or skipped,
 * or until `until` (now, or the close) while it is still current; null when it has not begun or
 * the roadmap has no such step. A step done by its condition is timed by when the condition was
 * met (the times are read only then).
 */
export async function secondsInDiscovery(
  steps: StepProgress[],
  visit: { startedAt: Date; closedAt: Date | null; until: Date },
  conditionTimes: () => Promise<ConditionTimes>,
): Promise<number | null> {
  const i = steps.findIndex((s) => s.key === DISCOVER);
  const discover = steps[i];
  if (!discover || discover.state === 'to-do') return null;
  const upTo = steps.slice(0, i + 1);
  const times = upTo.some((s) => s.state === 'done' && !s.at && CONDITIONS_WITH_TIMES.has(s.doneWhen.kind)) ? await conditionTimes() : null;
  const doneAt = (s: StepProgress): Date | null => {
    if (s.at) return new Date(s.at);
    if (s.state !== 'done') return null;
    if (s.doneWhen.kind === 'closed') return visit.closedAt;
    if (!times) return null;
    switch (s.doneWhen.kind) {
      case 'questions-answered':
        return times.answers[s.doneWhen.atLeast - 1] ?? null;
      case 'recommended':
        return times.firstList;
      case 'basket':
        return times.firstLine;
      default:
        return null;
    }
  };
  let began = visit.startedAt.getTime();
  for (const s of upTo.slice(0, -1)) {
    const t = s.state === 'done' || s.state === 'skipped' ? doneAt(s) : null;
    if (t && t.getTime() > began) began = t.getTime();
  }
  const ended = discover.state === 'current' ? visit.until : (doneAt(discover) ?? visit.until);
  return Math.max(0, Math.round((ended.getTime() - began) / 1000));
}

/** A product considered during the visit: shown in a recommendation or a comparison, or put in the basket. */
export interface ConsideredItem {
  productId: string;
  title: string;
  recommended: boolean;
  compared: boolean;
  /** In the basket still, put in and taken out again, or never put in. */
  basket: 'kept' | 'removed' | null;
  firstAt: string;
}

/**
 * What was considered during the visit, in the order it first came up: the products of the
 * recommendation and comparison lists shown in its guidance sessions, and every product put in its
 * basket, with whether it stayed there.
 */
export async function visitConsidered(db: Kysely<DB>, retailerId: string, encounterId: string): Promise<ConsideredItem[]> {
  const [lists, lines] = await Promise.all([
    db
      .selectFrom('guidance_lists as l')
      .innerJoin('guidance_sessions as g', (j) => j.onRef('g.retailer_id', '=', 'l.retailer_id').onRef('g.id', '=', 'l.session_id'))
      .select(['l.kind', 'l.inputs', 'l.result', 'l.shown_at'])
      .where('l.retailer_id', '=', retailerId)
      .where('g.encounter_id', '=', encounterId)
      .orderBy('l.shown_at')
      .orderBy('l.id')
      .execute(),
    db
      .selectFrom('guidance_basket_lines as b')
      .innerJoin('guidance_sessions as g', (j) => j.onRef('g.retailer_id', '=', 'b.retailer_id').onRef('g.id', '=', 'b.session_id'))
      .innerJoin('variants as v', (j) => j.onRef('v.retailer_id', '=', 'b.retailer_id').onRef('v.id', '=', 'b.variant_id'))
      .select(['v.product_id', 'b.added_at', 'b.removed_at'])
      .where('b.retailer_id', '=', retailerId)
      .where('g.encounter_id', '=', encounterId)
      .orderBy('b.added_at')
      .orderBy('b.id')
      .execute(),
  ]);
  const items = new Map<string, Omit<ConsideredItem, 'title'> & { at: number }>();
  const seen = (productId: string, at: Date) => {
    const found = items.get(productId);
    if (found) {
      if (at.getTime() < found.at) found.at = at.getTime();
      return found;
    }
    const item = { productId, recommended: false, compared: false, basket: null, firstAt: '', at: at.getTime() };
    items.set(productId, item);
    return item;
  };
  // A comparison is of what the customer asked about, all of it, even one a hard rule left out.
  const askedAbout = [
    ...new Set(lists.flatMap((l) => (l.kind === 'compare' ? ((l.inputs as { variantIds?: string[] }).variantIds ?? []) : []))),
  ];
  const productOf = new Map(
    askedAbout.length === 0
      ? []
      : (
          await db
            .selectFrom('variants')
            .select(['id', 'product_id'])
            .where('retailer_id', '=', retailerId)
            .where('id', 'in', askedAbout)
            .execute()
        ).map((v) => [v.id, v.product_id]),
  );
  for (const l of lists) {
    const result = l.result as { main?: { productId: string }[]; stretch?: { productId: string }[] };
    const shown =
      l.kind === 'compare'
        ? ((l.inputs as { variantIds?: string[] }).variantIds ?? []).flatMap((v) => productOf.get(v) ?? [])
        : [...(result.main ?? []), ...(result.stretch ?? [])].map((r) => r.productId);
    for (const productId of shown) {
      const item = seen(productId, l.shown_at);
      if (l.kind === 'compare') item.compared = true;
      else item.recommended = true;
    }
  }
  for (const b of lines) {
    const item = seen(b.product_id, b.added_at);
    if (!b.removed_at) item.basket = 'kept';
    else if (item.basket !== 'kept') item.basket = 'removed';
  }
  if (items.size === 0) return [];
  const titles = new Map(
    (
      await db
        .selectFrom('products')
        .select(['id', 'title'])
        .where('retailer_id', '=', retailerId)
        .where('id', 'in', [...items.keys()])
        .execute()
    ).map((p) => [p.id, p.title]),
  );
  return [...items.values()]
    .sort((a, b) => a.at - b.at)
    .map(({ at, ...item }) => ({
      ...item,
      title: titles.get(item.productId) ?? 'A product no longer in the catalog',
      firstAt: new Date(at).toISOString(),
    }));
}

/** The customer's answer about the visit, if they gave one: the figures and their words. */
export async function visitFeedback(db: Kysely<DB>, retailerId: string, encounterId: string) {
  const r = await db
    .selectFrom('feedback_responses')
    .select(['satisfaction', 'expectations', 'listened', 'felt_rushed', 'in_stock', 'comment', 'poor', 'staff_ids', 'updated_at'])
    .where('retailer_id', '=', retailerId)
    .where('encounter_id', '=', encounterId)
    .where('kind', '=', 'visit')
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  return r
    ? {
        staffIds: r.staff_ids,
        answer: {
          satisfaction: r.satisfaction,
          expectations: r.expectations,
          listened: r.listened,
          feltRushed: r.felt_rushed,
          inStock: r.in_stock,
          comment: r.comment,
          poor: r.poor,
          answeredAt: r.updated_at.toISOString(),
        },
      }
    : null;
}
