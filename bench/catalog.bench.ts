import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { buildRetailer } from '../src/server/demo/factories.ts';
import { systemPrincipal } from '../src/server/modules/auth/principal.ts';
import { listProducts } from '../src/server/modules/catalog/catalog.service.ts';
import { availability } from '../src/server/modules/stock/stock.service.ts';
import { loadBenchCatalog, timeIt } from './catalog-data.ts';
import { report, scratchDatabase } from './load.ts';

/**
 * BENCH catalog: p50/p95 of availability of one variant in every store, and of an
 * attribute-filtered catalog search (colour and room, in stock here, first page by title), at
 * 100,000 products × 50 stores (10,000 × 10 with --quick), against a primary-key lookup of a
 * product (`ceiling`) in the same run. Targets: availability p95 ≤ 5 ms, filtered search p95 ≤
 * 20 ms. PGlite always; PostgreSQL too when DATABASE_URL is set.
 */
export async function run({ quick }: { quick: boolean }) {
  const products = quick ? 10_000 : 100_000;
  const storeCount = quick ? 10 : 50;
  await measure('pglite', products, storeCount, quick);
  const url = loadConfig().databaseUrl;
  if (url) await measure('postgres', products, storeCount, quick, url);
}

async function measure(engine: string, productCount: number, storeCount: number, quick: boolean, serverUrl?: string) {
  const { database, drop } = await scratchDatabase('catalog', serverUrl);
  try {
    const db = database.db;
    await migrate(db);
    const retailer = await buildRetailer(db, { country: 'GB' });
    const started = performance.now();
    const { stores, variantIds, keys } = await loadBenchCatalog(db, retailer.id, productCount, storeCount);
    const [colours, rooms] = [keys('colour'), keys('room')];
    const nouns = ['rose', 'tulip', 'vase', 'candle', 'wreath', 'bouquet', 'peony', 'orchid', 'lantern', 'basket', 'ranunculus', 'anemone'];
    await sql`vacuum analyze`.execute(db);
    const loadSeconds = (performance.now() - started) / 1000;
    const actor = systemPrincipal(retailer.id);
    const deps = { db, config: loadConfig({}), now: () => new Date() };
    const rounds = quick ? 100 : 300;
    const time = (fn: (i: number) => Promise<unknown>) => timeIt(rounds, fn);
    const productIds = (await db.selectFrom('products').select('id').where('retailer_id', '=', retailer.id).limit(2000).execute()).map(
      (r) => r.id,
    );
    const ceiling = await time((i) =>
      db
        .selectFrom('products')
        .selectAll()
        .where('retailer_id', '=', retailer.id)
        .where('id', '=', productIds[i % productIds.length] as string)
        .executeTakeFirst(),
    );
    const avail = await time((i) =>
      availability(deps, actor, variantIds[(i * 7919) % variantIds.length] as string, {
        quantity: 12,
        nearStoreId: stores[i % stores.length]?.id,
      }),
    );
    const search = await time((i) =>
      listProducts(deps, actor, {
        colour: colours[i % colours.length],
        room: rooms[i % rooms.length],
        storeId: stores[i % stores.length]?.id,
        inStock: true,
        limit: 30,
      }),
    );
    const words = await time((i) =>
      listProducts(deps, actor, { q: `${nouns[i % nouns.length]?.slice(0, 4)}`, lifespan: 'fresh' as const, limit: 30 }),
    );
    report('catalog', {
      engine,
      products: productCount,
      stores: storeCount,
      availability_p50_ms: avail.p50,
      availability_p95_ms: avail.p95,
      filtered_search_p50_ms: search.p50,
      filtered_search_p95_ms: search.p95,
      word_search_p95_ms: words.p95,
      ceiling_p50_ms: ceiling.p50,
      ceiling_p95_ms: ceiling.p95,
      target_availability_p95_ms: 5,
      target_search_p95_ms: 20,
      load_s: loadSeconds,
    });
  } finally {
    await drop();
  }
}
