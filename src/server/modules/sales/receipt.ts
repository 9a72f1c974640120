import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';

/**
 * A sale as the plain-text lines of its receipt: where and when (in the store's time zone), each
 * line with its quantity, discount and total, and the sale's total, in the retailer's locale.
 */
export async function saleReceipt(db: Kysely<DB>, retailerId: string, saleId: string): Promise<string[]> {
  const sale = await db
    .selectFrom('sales as s')
    .innerJoin('stores as st', (j) => j.onRef('st.retailer_id', '=', 's.retailer_id').onRef('st.id', '=', 's.store_id'))
    .innerJoin('retailers as r', 'r.id', 's.retailer_id')
    .select(['s.sold_at', 's.total', 's.discount_total', 's.currency', 'st.name as store_name', 'st.time_zone', 'r.locale'])
    .where('s.retailer_id', '=', retailerId)
    .where('s.id', '=', saleId)
    .executeTakeFirstOrThrow();
  const lines = await db
    .selectFrom('sale_lines')
    .select(['description', 'quantity', 'discount', 'total'])
    .where('retailer_id', '=', retailerId)
    .where('sale_id', '=', saleId)
    .orderBy('line_no')
    .execute();
  const money = new Intl.NumberFormat(sale.locale, { style: 'currency', currency: sale.currency });
  const when = new Intl.DateTimeFormat(sale.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: sale.time_zone }).format(
    sale.sold_at,
  );
  return [
    `${sale.store_name}, ${when}`,
    '',
    ...lines.map(
      (l) =>
        `${l.quantity} × ${l.description}: ${money.format(Number(l.total))}${Number(l.discount) > 0 ? ` (${money.format(Number(l.discount))} off)` : ''}`,
    ),
    ...(Number(sale.discount_total) > 0 ? [`Discounts: ${money.format(Number(sale.discount_total))}`] : []),
    `Total: ${money.format(Number(sale.total))}`,
  ];
}
