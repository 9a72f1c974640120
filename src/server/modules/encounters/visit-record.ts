import { type Kysely, sql } from 'kysely';
import { variantLabel } from '../../../shared/catalog.ts';
import type { DB } from '../../db/types.ts';

/**
 * The parts of a visit's record kept by other tables: its basket, what was asked for and not had,
 * its special order and its follow-ups. Read with the visit; each by the visit's id.
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

/** The special order the visit ended in, if it did. */
export async function visitSpecialOrder(db: Kysely<DB>, retailerId: string, encounterId: string) {
  const r = await db
    .selectFrom('special_orders')
    .select(['id', 'fulfilment', sql<string>`due_on::text`.as('due_on'), 'status', 'recipient', 'card_message', 'deposit', 'sale_id'])
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
