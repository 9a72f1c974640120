import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { copyRows } from '../src/server/db/copy.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { buildRetailer, buildStore } from '../src/server/demo/factories.ts';
import { systemPrincipal } from '../src/server/modules/auth/principal.ts';
import { filterAttributes, searchDocument } from '../src/server/modules/catalog/catalog.repo.ts';
import { listProducts } from '../src/server/modules/catalog/catalog.service.ts';
import { availability } from '../src/server/modules/stock/stock.service.ts';
import { upsertTerms } from '../src/server/modules/vocabulary/vocabulary.repo.ts';
import { demoVocabulary } from '../src/shared/domain/demo-vocabulary.ts';
import { newId } from '../src/shared/ids.ts';
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

/** A small seeded generator, so every run builds the same catalog. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function measure(engine: string, productCount: number, storeCount: number, quick: boolean, serverUrl?: string) {
  const { database, drop } = await scratchDatabase('catalog', serverUrl);
  try {
    const db = database.db;
    await migrate(db);
    const retailer = await buildRetailer(db, { country: 'GB' });
    const vocabulary = demoVocabulary('florist');
    await upsertTerms(db, retailer.id, vocabulary);
    const stores: Awaited<ReturnType<typeof buildStore>>[] = [];
    for (let i = 0; i < storeCount; i++)
      stores.push(
        await buildStore(db, {
          retailerId: retailer.id,
          name: `Store ${i + 1}`,
          latitude: 50 + (i % 10) * 0.3,
          longitude: -3 + Math.floor(i / 10) * 0.4,
        }),
      );
    const pick = random(7);
    const keys = (kind: string) => vocabulary.filter((t) => t.kind === kind).map((t) => t.key);
    const [colours, rooms, styles, occasions] = [keys('colour'), keys('room'), keys('style'), keys('occasion')];
    const families = new Map(vocabulary.filter((t) => t.kind === 'colour' && t.family).map((t) => [t.key, t.family as string]));
    const some = (list: string[], n: number) => [
      ...new Set(Array.from({ length: n }, () => list[Math.floor(pick() * list.length)] as string)),
    ];
    const nouns = ['rose', 'tulip', 'vase', 'candle', 'wreath', 'bouquet', 'peony', 'orchid', 'lantern', 'basket', 'ranunculus', 'anemone'];
    const started = performance.now();
    const variantIds: string[] = [];
    for (let from = 0; from < productCount; from += 5000) {
      const batch = Array.from({ length: Math.min(5000, productCount - from) }, (_, k) => {
        const n = from + k;
        const attributes = {
          colours: some(colours, 1 + Math.floor(pick() * 2)),
          rooms: some(rooms, 1 + Math.floor(pick() * 2)),
          styles: some(styles, 1),
          occasions: some(occasions, 1 + Math.floor(pick() * 2)),
          lifespan: pick() < 0.7 ? ('fresh' as const) : ('durable' as const),
          petSafe: pick() < 0.8,
        };
        const title = `${some(colours, 1)[0]} ${nouns[n % nouns.length]} ${n}`;
        return { id: newId('product'), variantId: newId('variant'), title, attributes, sku: `SKU-${n}` };
      });
      await copyRows(
        db,
        'products',
        batch.map((p) => ({
          retailer_id: retailer.id,
          id: p.id,
          handle: `p-${p.sku.toLowerCase()}`,
          title: p.title,
          attributes: p.attributes,
          filter_attributes: filterAttributes(p.attributes, [{}], families),
          search: `${searchDocument(p.title, '', [p.sku])
            .split(/\s+/)
            .map((w) => `'${w.replace(/'/g, "''")}'`)
            .join(' ')}`,
        })),
      );
      await copyRows(
        db,
        'variants',
        batch.map((p) => ({
          retailer_id: retailer.id,
          id: p.variantId,
          product_id: p.id,
          title: 'Default',
          sku: p.sku,
          price: 5 + Math.round(pick() * 9000) / 100,
        })),
      );
      // Each product is stocked in about a fifth of the stores.
      await copyRows(
        db,
        'stock_levels',
        batch.flatMap((p) =>
          stores
            .filter(() => pick() < 0.2)
            .map((s) => ({ retailer_id: retailer.id, store_id: s.id, variant_id: p.variantId, on_hand: Math.floor(pick() * 30) })),
        ),
      );
      variantIds.push(...batch.map((p) => p.variantId));
    }
    await sql`vacuum analyze`.execute(db);
    const loadSeconds = (performance.now() - started) / 1000;
    const actor = systemPrincipal(retailer.id);
    const deps = { db, config: loadConfig({}), now: () => new Date() };
    const rounds = quick ? 100 : 300;
    const time = async (fn: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 20; i++) await fn(i + 100_000);
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const t = performance.now();
        await fn(i);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return { p50: times[Math.floor(times.length * 0.5)] as number, p95: times[Math.floor(times.length * 0.95)] as number };
    };
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
