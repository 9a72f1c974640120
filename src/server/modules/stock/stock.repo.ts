import { type Kysely, sql } from 'kysely';
import type { MovementReason } from '../../../shared/catalog.ts';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';

export interface Movement {
  retailerId: string;
  storeId: string;
  variantId: string;
  /** Signed: what it adds to the units on hand. */
  quantity: number;
  reason: MovementReason;
  saleId?: string | null;
  deliveryId?: string | null;
  transferId?: string | null;
  note?: string | null;
  staffId?: string | null;
  at?: Date;
}

/**
 * Records a stock movement and moves the store's on-hand figure by it, in the caller's
 * transaction. A decrease that would leave fewer units than are held for customers (or below
 * zero) is not applied unless `allowShort`: the result says how many units there were to take.
 * The stock row's lock makes two tills selling the last unit take turns; the second sees the
 * first's result.
 */
export async function applyMovement(
  db: Kysely<DB>,
  m: Movement,
  opts: { allowShort?: boolean } = {},
): Promise<{ applied: true; onHand: number } | { applied: false; available: number }> {
  await db
    .insertInto('stock_levels')
    .values({ retailer_id: m.retailerId, store_id: m.storeId, variant_id: m.variantId, on_hand: 0 })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const { rows } = await sql<{ on_hand: number }>`
    update stock_levels s set on_hand = s.on_hand + ${m.quantity}, updated_at = now()
    where s.retailer_id = ${m.retailerId} and s.store_id = ${m.storeId} and s.variant_id = ${m.variantId}
      and (${m.quantity}::int >= 0 or ${opts.allowShort ?? false}::boolean
           or s.on_hand + ${m.quantity} >= ${heldSql(m.retailerId, m.storeId, m.variantId)})
    returning s.on_hand`.execute(db);
  if (!rows[0]) {
    const { rows: now } = await sql<{ available: number }>`
      select greatest(s.on_hand - ${heldSql(m.retailerId, m.storeId, m.variantId)}, 0)::int as available from stock_levels s
      where s.retailer_id = ${m.retailerId} and s.store_id = ${m.storeId} and s.variant_id = ${m.variantId}`.execute(db);
    return { applied: false, available: now[0]?.available ?? 0 };
  }
  await db
    .insertInto('stock_movements')
    .values({
      retailer_id: m.retailerId,
      id: newId('movement'),
      store_id: m.storeId,
      variant_id: m.variantId,
      quantity: m.quantity,
      reason: m.reason,
      sale_id: m.saleId ?? null,
      delivery_id: m.deliveryId ?? null,
      transfer_id: m.transferId ?? null,
      note: m.note ?? null,
      staff_id: m.staffId ?? null,
      ...(m.at ? { created_at: m.at } : {}),
    })
    .execute();
  return { applied: true, onHand: rows[0].on_hand };
}

/** Units held for customers right now (active holds not yet expired). */
const heldSql = (retailerId: string, storeId: string, variantId: string) => sql<number>`coalesce((
  select sum(h.quantity) from stock_holds h
  where h.retailer_id = ${retailerId} and h.store_id = ${storeId} and h.variant_id = ${variantId}
    and h.status = 'active' and h.expires_at > now()), 0)`;

export interface StockRow {
  variant_id: string;
  store_id: string;
  on_hand: number;
  held: number;
}

/** On hand and held per store for some variants (every store of the retailer, zero where none). */
export async function stockOf(db: Kysely<DB>, retailerId: string, variantIds: string[]): Promise<StockRow[]> {
  if (variantIds.length === 0) return [];
  const { rows } = await sql<StockRow>`
    select v.id as variant_id, st.id as store_id, coalesce(s.on_hand, 0)::int as on_hand,
           coalesce((select sum(h.quantity) from stock_holds h
                     where h.retailer_id = v.retailer_id and h.variant_id = v.id and h.store_id = st.id
                       and h.status = 'active' and h.expires_at > now()), 0)::int as held
    from variants v
    cross join stores st
    left join stock_levels s on s.retailer_id = v.retailer_id and s.variant_id = v.id and s.store_id = st.id
    where v.retailer_id = ${retailerId} and st.retailer_id = ${retailerId} and v.id = any(${variantIds}::text[])`.execute(db);
  return rows;
}

/** Expected deliveries of some variants, soonest first. */
export async function incomingOf(db: Kysely<DB>, retailerId: string, variantIds: string[]) {
  if (variantIds.length === 0) return [];
  return db
    .selectFrom('stock_deliveries')
    .select(['id', 'variant_id', 'store_id', 'quantity', 'expected_at'])
    .where('retailer_id', '=', retailerId)
    .where('variant_id', 'in', variantIds)
    .where('status', '=', 'expected')
    .orderBy('expected_at')
    .execute();
}
