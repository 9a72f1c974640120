import type { Kysely } from 'kysely';
import { copyRows } from '../src/server/db/copy.ts';
import type { DB } from '../src/server/db/types.ts';
import { insertQuestionSet } from '../src/server/modules/guidance/question-sets.service.ts';
import { FLORIST_QUESTIONS } from '../src/shared/domain/demo-question-sets.ts';
import { newId } from '../src/shared/ids.ts';
import { type BenchCatalog, random } from './catalog-data.ts';

/**
 * What guided-selling benchmarks stand on, over a bench catalog: sales across the catalog (so there
 * are best-sellers), one customer with 50 purchases and stored preferences (a room, an avoid rule, a
 * liked colour), and the florist's question set drawing on two of the ten top-level categories.
 */
export async function loadGuidanceWorld(db: Kysely<DB>, retailerId: string, catalog: BenchCatalog, quick: boolean) {
  const pick = random(11);
  const customerId = newId('customer');
  await copyRows(db, 'customers', [{ retailer_id: retailerId, id: customerId, first_name: 'Adaeze', last_name: 'Okafor' }]);
  const saleCount = quick ? 2_000 : 10_000;
  const sales = Array.from({ length: saleCount }, (_, i) => ({
    retailer_id: retailerId,
    id: newId('sale'),
    kind: 'sale',
    store_id: (catalog.stores[i % catalog.stores.length] as { id: string }).id,
    customer_id: i < 50 ? customerId : null,
    sold_at: new Date(Date.now() - i * 3_600_000).toISOString(),
    currency: 'GBP',
    total: 10,
  }));
  await copyRows(db, 'sales', sales);
  await copyRows(
    db,
    'sale_lines',
    sales.flatMap((s, i) =>
      Array.from({ length: i < 50 ? 1 : 4 }, (_, line) => ({
        retailer_id: retailerId,
        sale_id: s.id,
        line_no: line + 1,
        variant_id: catalog.variantIds[Math.floor(pick() * catalog.variantIds.length)],
        description: 'Bench item',
        quantity: 1 + Math.floor(pick() * 3),
        unit_price: 10,
        total: 10,
      })),
    ),
  );
  const preferences = [
    { key: 'room', value: { room: 'living-room', colours: ['sage', 'cream'], style: 'classic' } },
    { key: 'avoid', value: { item: 'lilies', reason: 'cat at home' } },
    { key: 'colour-liked', value: { colour: 'white' } },
  ];
  for (const [i, p] of preferences.entries())
    await db
      .insertInto('customer_preferences')
      .values({
        retailer_id: retailerId,
        id: newId('preference'),
        customer_id: customerId,
        client_id: `bench-${i}`,
        key: p.key,
        value: JSON.stringify(p.value),
        recorded_by: 'system',
      })
      .execute();
  const setId = await insertQuestionSet(db, retailerId, { ...FLORIST_QUESTIONS, categories: ['Category 1', 'Category 2'] }, null);
  return { customerId, setId };
}
