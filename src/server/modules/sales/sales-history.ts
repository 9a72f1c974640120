import { type Kysely, sql } from 'kysely';
import { newId } from '../../../shared/ids.ts';
import { copyRows } from '../../db/copy.ts';
import type { DB } from '../../db/types.ts';

/** A sale from before Ones kept the shop's stock: a till's history, an import, the demo's year. */
export interface HistoricSale {
  /** The sender's id for it (an invoice number): a sale already recorded under it is skipped. */
  externalId: string;
  storeId: string;
  soldAt: Date;
  staffId: string | null;
  customerId: string | null;
  /** ISO 3166 code of where it was sold (an invoice's country), when known. */
  country?: string | null | undefined;
  lines: { variantId: string | null; description: string; sku: string | null; quantity: number; unitPrice: number; discount: number }[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Records past sales in bulk, in the caller's transaction: sales and lines with COPY, then each
 * customer's lifetime figures and lookup ranking once for the whole batch. Stock is not moved —
 * these sales happened before today's stock was counted. Live sales go through `recordSale`.
 */
export async function recordSalesHistory(
  db: Kysely<DB>,
  retailerId: string,
  currency: string,
  sales: HistoricSale[],
): Promise<{ created: number; skipped: number }> {
  if (sales.length === 0) return { created: 0, skipped: 0 };
  const { rows: done } = await sql<{ external_id: string }>`
    select external_id from sales where retailer_id = ${retailerId} and external_id = any(${sales.map((s) => s.externalId)}::text[])`.execute(
    db,
  );
  const seen = new Set(done.map((d) => d.external_id));
  const fresh = sales.filter((s) => {
    if (seen.has(s.externalId)) return false;
    seen.add(s.externalId);
    return true;
  });
  const ids = fresh.map(() => newId('sale'));
  const totals = fresh.map((s) => round2(s.lines.reduce((sum, l) => sum + l.quantity * l.unitPrice - l.discount, 0)));
  await copyRows(
    db,
    'sales',
    fresh.map((s, i) => ({
      retailer_id: retailerId,
      id: ids[i],
      kind: (totals[i] as number) < 0 && s.lines.every((l) => l.quantity < 0) ? ('return' as const) : ('sale' as const),
      store_id: s.storeId,
      staff_id: s.staffId,
      customer_id: s.customerId,
      external_id: s.externalId,
      sold_at: s.soldAt,
      currency,
      total: totals[i],
      discount_total: round2(s.lines.reduce((sum, l) => sum + l.discount, 0)),
      country: s.country ?? null,
    })),
  );
  await copyRows(
    db,
    'sale_lines',
    fresh.flatMap((s, i) =>
      s.lines.map((l, n) => ({
        retailer_id: retailerId,
        sale_id: ids[i],
        line_no: n + 1,
        variant_id: l.variantId,
        description: l.description,
        sku: l.sku,
        quantity: l.quantity,
        unit_price: l.unitPrice,
        discount: l.discount,
        total: round2(l.quantity * l.unitPrice - l.discount),
      })),
    ),
  );
  // Each customer's figures move once for the batch: spend, purchases and visits (a day with a
  // purchase is a visit), first and last visit, and a home store when they had none.
  const byCustomer = new Map<string, { spend: number; purchases: number; days: Set<string>; first: Date; last: Date; store: string }>();
  fresh.forEach((s, i) => {
    if (!s.customerId) return;
    const c = byCustomer.get(s.customerId) ?? {
      spend: 0,
      purchases: 0,
      days: new Set(),
      first: s.soldAt,
      last: s.soldAt,
      store: s.storeId,
    };
    c.spend = round2(c.spend + (totals[i] as number));
    if ((totals[i] as number) >= 0) {
      c.purchases++;
      c.days.add(s.soldAt.toISOString().slice(0, 10));
    }
    if (s.soldAt < c.first) c.first = s.soldAt;
    if (s.soldAt > c.last) {
      c.last = s.soldAt;
      c.store = s.storeId;
    }
    byCustomer.set(s.customerId, c);
  });
  if (byCustomer.size) {
    const list = [...byCustomer.entries()];
    await sql`
      update customers c set
        spend = c.spend + t.spend,
        purchases = c.purchases + t.purchases,
        visits = c.visits + t.visits,
        first_visit_at = least(coalesce(c.first_visit_at, t.first_at), t.first_at),
        last_visit_at = greatest(coalesce(c.last_visit_at, t.last_at), t.last_at),
        home_store_id = coalesce(c.home_store_id, t.store_id)
      from unnest(${list.map(([id]) => id)}::text[], ${list.map(([, c]) => c.spend)}::numeric[], ${list.map(([, c]) => c.purchases)}::int[],
                  ${list.map(([, c]) => c.days.size)}::int[], ${list.map(([, c]) => c.first.toISOString())}::timestamptz[],
                  ${list.map(([, c]) => c.last.toISOString())}::timestamptz[], ${list.map(([, c]) => c.store)}::text[])
        as t(id, spend, purchases, visits, first_at, last_at, store_id)
      where c.retailer_id = ${retailerId} and c.id = t.id`.execute(db);
    await sql`
      update customer_search_terms s set last_visit_at = c.last_visit_at, home_store_id = c.home_store_id
      from customers c
      where c.retailer_id = ${retailerId} and c.id = any(${list.map(([id]) => id)}::text[])
        and s.retailer_id = c.retailer_id and s.customer_id = c.id
        and (s.last_visit_at is distinct from c.last_visit_at or s.home_store_id is distinct from c.home_store_id)`.execute(db);
  }
  return { created: fresh.length, skipped: sales.length - fresh.length };
}
