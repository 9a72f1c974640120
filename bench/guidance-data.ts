import { type Kysely, sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { copyRows } from '../src/server/db/copy.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { DB } from '../src/server/db/types.ts';
import { buildRetailer } from '../src/server/demo/factories.ts';
import type { AuditContext } from '../src/server/modules/audit/audit.repo.ts';
import { systemPrincipal } from '../src/server/modules/auth/principal.ts';
import { insertQuestionSet } from '../src/server/modules/guidance/question-sets.service.ts';
import { FLORIST_QUESTIONS } from '../src/shared/domain/demo-question-sets.ts';
import { newId } from '../src/shared/ids.ts';
import { type BenchCatalog, loadBenchCatalog, random } from './catalog-data.ts';
import { scratchDatabase } from './load.ts';

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

/** A bench catalog with its guided-selling world, ready to measure, and who measures as. */
export interface GuidanceBench {
  engine: string;
  products: number;
  stores: number;
  db: Kysely<DB>;
  catalog: BenchCatalog;
  store: { id: string };
  customerId: string;
  setId: string;
  actor: ReturnType<typeof systemPrincipal>;
  deps: { db: Kysely<DB>; config: ReturnType<typeof loadConfig>; now: () => Date };
  audit: AuditContext;
  loadSeconds: number;
}

/**
 * Builds the guided-selling world at 100,000 products × 50 stores (10,000 × 10 with `quick`) in a
 * scratch database and measures on it — on PGlite, and on PostgreSQL too when DATABASE_URL is set.
 */
export async function onGuidanceWorlds(name: string, quick: boolean, measure: (world: GuidanceBench) => Promise<void>) {
  const products = quick ? 10_000 : 100_000;
  const stores = quick ? 10 : 50;
  const url = loadConfig().databaseUrl;
  for (const [engine, serverUrl] of [['pglite', undefined], ...(url ? [['postgres', url] as const] : [])] as const) {
    const { database, drop } = await scratchDatabase(name, serverUrl);
    try {
      const db = database.db;
      await migrate(db);
      const retailer = await buildRetailer(db, { country: 'GB' });
      const started = performance.now();
      const catalog = await loadBenchCatalog(db, retailer.id, products, stores);
      const { customerId, setId } = await loadGuidanceWorld(db, retailer.id, catalog, quick);
      await sql`vacuum analyze`.execute(db);
      await measure({
        engine,
        products,
        stores,
        db,
        catalog,
        store: catalog.stores[0] as { id: string },
        customerId,
        setId,
        actor: systemPrincipal(retailer.id),
        deps: { db, config: loadConfig({}), now: () => new Date() },
        audit: { retailerId: retailer.id, actorType: 'system', actorId: null, requestId: null, ip: null },
        loadSeconds: (performance.now() - started) / 1000,
      });
    } finally {
      await drop();
    }
  }
}
