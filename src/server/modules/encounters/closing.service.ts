import { type Kysely, sql } from 'kysely';
import { variantLabel } from '../../../shared/catalog.ts';
import { dayIn } from '../../../shared/dates.ts';
import { roleCan } from '../../../shared/domain/roles.ts';
import type { NoSaleReason } from '../../../shared/domain/visits.ts';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';

import { applyPurchase } from '../customers/customers.repo.ts';
import { requestFeedback } from '../feedback/requests.service.ts';
import { retailerMoney } from '../retailers/retailers.service.ts';
import { recordSale, type SaleLineInput } from '../sales/sales.service.ts';
import { endSpaceAtClose } from './space.service.ts';
import { cancellationOf } from './visit-record.ts';

export interface SpecialOrderInput {
  fulfilment: 'delivery' | 'collection';
  /** `YYYY-MM-DD`, the day it is delivered or collected. */
  dueOn: string;
  recipient?: string | null | undefined;
  address?: Record<string, string | null> | null | undefined;
  cardMessage?: string | null | undefined;
  deposit?: number | undefined;
}

export type CloseInput =
  | { outcome: 'sale'; lines?: SaleLineInput[] | undefined; allowBackorder?: boolean | undefined; emailReceipt?: boolean | undefined }
  | { outcome: 'special-order'; order: SpecialOrderInput }
  | { outcome: 'no-sale'; reason: NoSaleReason; note?: string | null | undefined };

/**
 * The visit's basket: the lines of its guidance sessions still in the basket, each with the hold a
 * chosen plan placed for it when that hold is still in force (the sale then takes those units).
 */
async function basketLines(deps: Deps, retailerId: string, encounterId: string): Promise<SaleLineInput[]> {
  const { rows } = await sql<{ variant_id: string; quantity: number; unit_price: number; hold_id: string | null }>`
    select b.variant_id, b.quantity, b.unit_price,
      (select h.id from stock_holds h
       where h.retailer_id = b.retailer_id and h.basket_line_id = b.id and h.status = 'active'
         and h.expires_at > now() and h.quantity = b.quantity
       limit 1) as hold_id
    from guidance_basket_lines b
    join guidance_sessions g on g.retailer_id = b.retailer_id and g.id = b.session_id
    where b.retailer_id = ${retailerId} and g.encounter_id = ${encounterId} and b.removed_at is null
    order by b.added_at, b.id`.execute(deps.db);
  return rows.map((r) => ({
    variantId: r.variant_id,
    quantity: r.quantity,
    unitPrice: Number(r.unit_price),
    ...(r.hold_id ? { holdId: r.hold_id } : {}),
  }));
}

/** How long a close with a sale holds the visit; one that stopped part-way lets go after it. */
const CLOSING_CLAIM_MS = 2 * 60_000;

/**
 * Locks the visit's row for the rest of the transaction and refuses (409) if it is closed, or
 * being closed with a sale by another request (`own` is the caller's claim, if it holds one).
 */
async function lockOpen(trx: Kysely<DB>, retailerId: string, id: string, now: Date, own: Date | null) {
  const e = await trx
    .selectFrom('encounters')
    .select(['status', 'outcome', 'closing_since'])
    .where('retailer_id', '=', retailerId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (e.status === 'closed') throw new AppError('conflict', `This visit was closed already (${e.outcome}).`);
  const claimed = e.closing_since?.getTime();
  if (claimed !== undefined && claimed !== own?.getTime() && claimed > now.getTime() - CLOSING_CLAIM_MS)
    throw new AppError('conflict', 'This visit is being closed on another device.');
}

/**
 * Ends a visit, once: with a sale through the one sales service (the basket, or the lines given:
 * stock, the customer's figures and timeline move with it), a special order that becomes a sale
 * when fulfilled, or no sale with the reason. The customer's visit is counted either way. A sale
 * is recorded with the visit as its external id, so closing again after a failure part-way never
 * sells twice; closing a closed visit is refused (409). A space given to the customer ends with it.
 */
export async function closeEncounter(deps: Deps, actor: Principal, audit: AuditContext, id: string, input: CloseInput) {
  const row = await deps.db
    .selectFrom('encounters')
    .selectAll()
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !(actor.allStores || actor.storeIds.includes(row.store_id))) throw notFound('Encounter');
  if (row.status === 'closed') throw new AppError('conflict', `This visit was closed already (${row.outcome}).`);
  let saleId: string | null = null;
  let orderId: string | null = null;
  if (input.outcome === 'sale' && input.emailReceipt && !row.customer_id)
    throw invalidField('emailReceipt', 'The visit has no customer to e-mail the receipt to: link the customer first.');
  // The sale is recorded in its own transaction (the sales service's), before the visit is marked
  // closed: the visit is claimed first, so a close from another device meanwhile is refused.
  const claim = input.outcome === 'sale' ? deps.now() : null;
  if (input.outcome === 'sale' && claim) {
    const lines = input.lines ?? (await basketLines(deps, actor.retailerId, id));
    if (lines.length === 0) throw invalidField('lines', 'There is nothing in the basket to sell: add items, or close with no sale.');
    await deps.db.transaction().execute(async (trx) => {
      await lockOpen(trx, actor.retailerId, id, claim, null);
      await trx
        .updateTable('encounters')
        .set({ closing_since: claim })
        .where('retailer_id', '=', actor.retailerId)
        .where('id', '=', id)
        .execute();
    });
    try {
      saleId = (
        await recordSale(deps, actor, audit, {
          externalId: `encounter:${id}`,
          storeId: row.store_id,
          staffId: row.lead_staff_id,
          customerId: row.customer_id,
          visitId: id,
          allowBackorder: input.allowBackorder,
          lines,
        })
      ).id;
    } catch (err) {
      await deps.db
        .updateTable('encounters')
        .set({ closing_since: null })
        .where('retailer_id', '=', actor.retailerId)
        .where('id', '=', id)
        .where('closing_since', '=', claim)
        .execute();
      throw err;
    }
  }
  let orderLines: SaleLineInput[] = [];
  if (input.outcome === 'special-order') {
    const o = input.order;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(o.dueOn) || Number.isNaN(Date.parse(o.dueOn)))
      throw invalidField('order.dueOn', 'Give a date as YYYY-MM-DD.');
    const store = await deps.db
      .selectFrom('stores')
      .select('time_zone')
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', row.store_id)
      .executeTakeFirstOrThrow();
    if (o.dueOn < dayIn(deps.now(), store.time_zone)) throw invalidField('order.dueOn', 'The day is in the past.');
    if (o.fulfilment === 'delivery' && !o.address) throw invalidField('order.address', 'A delivery needs an address.');
    orderLines = await basketLines(deps, actor.retailerId, id);
    if (orderLines.length === 0) throw invalidField('lines', 'There is nothing in the basket to order.');
    orderId = newId('specialOrder');
  }
  await deps.db.transaction().execute(async (trx) => {
    await lockOpen(trx, actor.retailerId, id, deps.now(), claim);
    if (input.outcome !== 'sale') {
      // A sale recorded for the visit by a close that stopped part-way: only a close with the sale may end it.
      const sold = await trx
        .selectFrom('sales')
        .select('id')
        .where('retailer_id', '=', actor.retailerId)
        .where('external_id', '=', `encounter:${id}`)
        .executeTakeFirst();
      if (sold) throw new AppError('conflict', 'A sale was recorded for this visit: close it with the sale.');
    }
    await trx
      .updateTable('encounters')
      .set((eb) => ({
        status: 'closed',
        outcome: input.outcome,
        no_sale_reason: input.outcome === 'no-sale' ? input.reason : null,
        sale_id: saleId,
        closed_at: deps.now(),
        closed_by: audit.actorId,
        closing_since: null,
        version: eb('version', '+', 1),
        updated_at: deps.now(),
      }))
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', id)
      .execute();
    await endSpaceAtClose(trx, actor.retailerId, id, deps.now());
    if (input.outcome === 'special-order' && orderId) {
      const o = input.order;
      await trx
        .insertInto('special_orders')
        .values({
          retailer_id: actor.retailerId,
          id: orderId,
          encounter_id: id,
          store_id: row.store_id,
          customer_id: row.customer_id,
          fulfilment: o.fulfilment,
          due_on: o.dueOn,
          recipient: o.recipient?.trim() || null,
          address: o.address ? JSON.stringify(o.address) : null,
          card_message: o.cardMessage?.trim() || null,
          deposit: o.deposit ?? 0,
          lines: JSON.stringify(orderLines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, unitPrice: l.unitPrice }))),
          created_by: audit.actorId,
          created_at: deps.now(),
        })
        .execute();
    }
    // A sale counts the purchase; the visit itself is counted here, whatever the outcome.
    if (row.customer_id)
      await applyPurchase(trx, actor.retailerId, row.customer_id, {
        at: deps.now(),
        amount: 0,
        purchases: 0,
        visits: 1,
        storeId: row.store_id,
      });
    await requestFeedback(trx, deps, {
      retailerId: actor.retailerId,
      encounterId: id,
      storeId: row.store_id,
      customerId: row.customer_id,
      leadStaffId: row.lead_staff_id,
      receiptSaleId: input.outcome === 'sale' && input.emailReceipt ? saleId : null,
    });
    if (input.outcome === 'no-sale' && input.note?.trim())
      await trx
        .insertInto('encounter_notes')
        .values({
          retailer_id: actor.retailerId,
          id: newId('encounterNote'),
          encounter_id: id,
          client_id: `${id}:no-sale`,
          staff_id: actor.kind === 'staff' ? actor.staffId : null,
          text: input.note.trim(),
          at: deps.now(),
        })
        .execute();
    await recordAudit(trx, audit, {
      action: 'encounter.closed',
      subjectType: row.customer_id ? 'customer' : 'encounter',
      subjectId: row.customer_id ?? id,
      storeId: row.store_id,
      details: { encounterId: id, outcome: input.outcome, saleId, specialOrderId: orderId },
    });
  });
  return { saleId, specialOrderId: orderId };
}

/** An open special order in a store the actor works in (locked for the transaction when asked); 404 or 409 otherwise. */
async function openSpecialOrder(db: Kysely<DB>, actor: Principal, id: string, lock: boolean) {
  const query = db.selectFrom('special_orders').selectAll().where('retailer_id', '=', actor.retailerId).where('id', '=', id);
  const order = await (lock ? query.forUpdate() : query).executeTakeFirst();
  if (!order || !(actor.allStores || actor.storeIds.includes(order.store_id))) throw notFound('Special order');
  if (order.status !== 'open') throw new AppError('conflict', `This order is ${order.status} already.`);
  return order;
}

/** A special order becomes a sale when it is handed over: once, through the sales service. */
export async function fulfilSpecialOrder(deps: Deps, actor: Principal, audit: AuditContext, id: string) {
  const order = await openSpecialOrder(deps.db, actor, id, false);
  const deposit = Number(order.deposit);
  const money = deposit > 0 ? await retailerMoney(deps.db, actor.retailerId) : null;
  const sale = await recordSale(deps, actor, audit, {
    externalId: `special-order:${id}`,
    storeId: order.store_id,
    // Who handed it over serves the sale.
    staffId: actor.kind === 'staff' ? actor.staffId : null,
    note: money ? `Special order: ${money.format(deposit)} deposit paid when ordered.` : 'Special order.',
    customerId: order.customer_id,
    visitId: order.encounter_id,
    lines: order.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, unitPrice: l.unitPrice })),
  });
  const marked = await deps.db
    .updateTable('special_orders')
    .set({ status: 'fulfilled', sale_id: sale.id, fulfilled_at: deps.now() })
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) === 0) {
    // Handed over by someone else meanwhile (the sale is the same one), or cancelled as it was handed over.
    const current = await deps.db
      .selectFrom('special_orders')
      .select('status')
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (current.status === 'cancelled')
      throw new AppError(
        'conflict',
        'This order was cancelled while it was being handed over. Its sale stands: take the items back through a return if the customer does not keep them.',
        { details: { saleId: sale.id } },
      );
  }
  await deps.db
    .updateTable('encounters')
    .set({ sale_id: sale.id })
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', order.encounter_id)
    .execute();
  return { saleId: sale.id };
}

/**
 * Cancels an open special order, with the customer's reason; any deposit is refunded at the till.
 * An order already handed over has a sale and cannot be cancelled: its items come back by a return.
 */
export async function cancelSpecialOrder(deps: Deps, actor: Principal, audit: AuditContext, id: string, reason: string) {
  const text = reason.trim();
  if (!text) throw invalidField('reason', 'Say why the order is cancelled.');
  await deps.db.transaction().execute(async (trx) => {
    const order = await openSpecialOrder(trx, actor, id, true);
    // A hand-over records its sale before it marks the order: one under way has a sale already.
    const sold = await trx
      .selectFrom('sales')
      .select('id')
      .where('retailer_id', '=', actor.retailerId)
      .where('external_id', '=', `special-order:${id}`)
      .executeTakeFirst();
    if (sold) throw new AppError('conflict', 'This order is being handed over: its sale is recorded.');
    await trx
      .updateTable('special_orders')
      .set({
        status: 'cancelled',
        cancelled_at: deps.now(),
        cancelled_by: actor.kind === 'staff' ? actor.staffId : null,
        cancel_reason: text,
      })
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, audit, {
      action: 'special-order.cancelled',
      subjectType: order.customer_id ? 'customer' : 'special_order',
      subjectId: order.customer_id ?? id,
      storeId: order.store_id,
      details: { orderId: id, reason: text, deposit: Number(order.deposit) },
    });
  });
}

/** A store's special orders, the soonest due first. */
export async function listSpecialOrders(
  deps: Deps,
  actor: Principal,
  storeId: string,
  status: 'open' | 'fulfilled' | 'cancelled' = 'open',
) {
  if (!(actor.allStores || actor.storeIds.includes(storeId))) throw notFound('Store');
  const rows = await deps.db
    .selectFrom('special_orders as o')
    .leftJoin('customers as c', (j) => j.onRef('c.retailer_id', '=', 'o.retailer_id').onRef('c.id', '=', 'o.customer_id'))
    .select(['o.id', 'o.encounter_id', 'o.customer_id', 'c.first_name', 'c.last_name', 'o.fulfilment', 'o.recipient', 'o.address'])
    .select([sql<string>`o.due_on::text`.as('due_on'), 'o.card_message', 'o.deposit', 'o.lines', 'o.status', 'o.sale_id', 'o.created_at'])
    .select(['o.cancel_reason', 'o.cancelled_at'])
    .where('o.retailer_id', '=', actor.retailerId)
    .where('o.store_id', '=', storeId)
    .where('o.status', '=', status)
    // Open orders the soonest due first; done ones the latest first.
    .orderBy('o.due_on', status === 'open' ? 'asc' : 'desc')
    .orderBy('o.id')
    .limit(500)
    .execute();
  const variantIds = [...new Set(rows.flatMap((r) => r.lines.map((l) => l.variantId)))];
  const labels = new Map(
    variantIds.length === 0
      ? []
      : (
          await deps.db
            .selectFrom('variants as v')
            .innerJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'v.retailer_id').onRef('p.id', '=', 'v.product_id'))
            .select(['v.id', 'p.title', 'v.title as variant_title'])
            .where('v.retailer_id', '=', actor.retailerId)
            .where('v.id', 'in', variantIds)
            .execute()
        ).map((v) => [v.id, variantLabel(v.title, v.variant_title)]),
  );
  const seesCustomers = roleCan(actor.role, 'customers.view');
  return rows.map((r) => {
    const lines = r.lines.map((l) => ({ ...l, title: labels.get(l.variantId) ?? 'An item no longer in the catalog' }));
    return {
      id: r.id,
      encounterId: r.encounter_id,
      customer: r.customer_id
        ? { id: r.customer_id, name: seesCustomers ? [r.first_name, r.last_name].filter(Boolean).join(' ') : null }
        : null,
      fulfilment: r.fulfilment,
      dueOn: r.due_on,
      recipient: r.recipient,
      address: r.address,
      cardMessage: r.card_message,
      deposit: Number(r.deposit),
      lines,
      total: Math.round(lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0) * 100) / 100,
      status: r.status,
      saleId: r.sale_id,
      createdAt: r.created_at.toISOString(),
      cancelled: cancellationOf(r),
    };
  });
}
