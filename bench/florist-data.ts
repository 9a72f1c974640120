import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../src/server/db/types.ts';
import { buildProduct, buildRetailer, buildStore } from '../src/server/demo/factories.ts';
import { newId } from '../src/shared/ids.ts';

/**
 * A small florist for the visit benchmarks: one store, `products` single-variant items in stock
 * there, and one customer, Adaeze (with whatever else the benchmark gives her).
 */
export async function benchFlorist(
  db: Kysely<DB>,
  opts: { products: number; stock: number; customer?: Partial<Insertable<DB['customers']>> },
) {
  const retailer = await buildRetailer(db, { name: 'Bench Florist' });
  const store = await buildStore(db, { retailerId: retailer.id });
  const variants: string[] = [];
  for (let i = 0; i < opts.products; i++) {
    const p = await buildProduct(db, {
      retailerId: retailer.id,
      variants: [{ title: 'Default', price: 2 + i, sku: `BENCH-${i}`, stock: { [store.id]: opts.stock } }],
    });
    variants.push(p.variantIds[0] as string);
  }
  const customerId = newId('customer');
  await db
    .insertInto('customers')
    .values({
      retailer_id: retailer.id,
      id: customerId,
      first_name: 'Adaeze',
      phones: '[]',
      emails: '[]',
      household: '[]',
      dates: '[]',
      ...opts.customer,
    })
    .execute();
  return { retailer, store, variants, customerId };
}
