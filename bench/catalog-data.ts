import type { Kysely } from 'kysely';
import { copyRows } from '../src/server/db/copy.ts';
import type { DB } from '../src/server/db/types.ts';
import { buildStore } from '../src/server/demo/factories.ts';
import { filterAttributes, searchDocument } from '../src/server/modules/catalog/catalog.repo.ts';
import { upsertTerms } from '../src/server/modules/vocabulary/vocabulary.repo.ts';
import type { VocabularyTerm } from '../src/shared/customers.ts';
import { demoVocabulary } from '../src/shared/domain/demo-vocabulary.ts';
import { newId } from '../src/shared/ids.ts';

/** A small seeded generator, so every run builds the same catalog. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ten top-level categories of two sub-categories each: "Category 3/Sub 2". */
export const CATEGORY_TOPS = 10;

export interface BenchCatalog {
  vocabulary: VocabularyTerm[];
  stores: { id: string; name: string }[];
  productIds: string[];
  variantIds: string[];
  /** Sub-category ids, in the order products were spread over them. */
  categoryIds: string[];
  keys(kind: string): string[];
}

/**
 * A florist's catalog for benchmarks, bulk-loaded: products with one variant each, two to four
 * colours, rooms, a style, occasions, fresh or durable, mostly pet-safe, spread evenly over twenty
 * sub-categories, each stocked in about a fifth of the stores, which have coordinates.
 */
export async function loadBenchCatalog(
  db: Kysely<DB>,
  retailerId: string,
  productCount: number,
  storeCount: number,
): Promise<BenchCatalog> {
  const vocabulary = demoVocabulary('florist');
  await upsertTerms(db, retailerId, vocabulary);
  const stores: { id: string; name: string }[] = [];
  for (let i = 0; i < storeCount; i++)
    stores.push(
      await buildStore(db, {
        retailerId,
        name: `Store ${i + 1}`,
        latitude: 50 + (i % 10) * 0.3,
        longitude: -3 + Math.floor(i / 10) * 0.4,
      }),
    );
  const categoryIds: string[] = [];
  for (let t = 1; t <= CATEGORY_TOPS; t++) {
    const top = newId('category');
    await db
      .insertInto('categories')
      .values({ retailer_id: retailerId, id: top, name: `Category ${t}`, position: t })
      .execute();
    for (let s = 1; s <= 2; s++) {
      const id = newId('category');
      await db
        .insertInto('categories')
        .values({ retailer_id: retailerId, id, parent_id: top, name: `Sub ${s}`, position: s })
        .execute();
      categoryIds.push(id);
    }
  }
  const pick = random(7);
  const keys = (kind: string) => vocabulary.filter((t) => t.kind === kind).map((t) => t.key);
  const [colours, rooms, styles, occasions] = [keys('colour'), keys('room'), keys('style'), keys('occasion')];
  const families = new Map(vocabulary.filter((t) => t.kind === 'colour' && t.family).map((t) => [t.key, t.family as string]));
  const some = (list: string[], n: number) => [
    ...new Set(Array.from({ length: n }, () => list[Math.floor(pick() * list.length)] as string)),
  ];
  const nouns = ['rose', 'tulip', 'vase', 'candle', 'wreath', 'bouquet', 'peony', 'orchid', 'lantern', 'basket', 'ranunculus', 'anemone'];
  const productIds: string[] = [];
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
      return {
        id: newId('product'),
        variantId: newId('variant'),
        title,
        attributes,
        sku: `SKU-${n}`,
        category: categoryIds[n % categoryIds.length],
        price: 5 + Math.round(pick() * 9000) / 100,
      };
    });
    await copyRows(
      db,
      'products',
      batch.map((p) => ({
        retailer_id: retailerId,
        id: p.id,
        handle: `p-${p.sku.toLowerCase()}`,
        title: p.title,
        category_id: p.category,
        price_from: p.price,
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
        retailer_id: retailerId,
        id: p.variantId,
        product_id: p.id,
        title: 'Default',
        sku: p.sku,
        price: p.price,
      })),
    );
    // Each product is stocked in about a fifth of the stores.
    await copyRows(
      db,
      'stock_levels',
      batch.flatMap((p) =>
        stores
          .filter(() => pick() < 0.2)
          .map((s) => ({ retailer_id: retailerId, store_id: s.id, variant_id: p.variantId, on_hand: Math.floor(pick() * 30) })),
      ),
    );
    productIds.push(...batch.map((p) => p.id));
    variantIds.push(...batch.map((p) => p.variantId));
  }
  return { vocabulary, stores, productIds, variantIds, categoryIds, keys };
}

/** Times `fn` after a warm-up (so the figures are a running server's, not a cold one's): p50 and p95 in milliseconds. */
export async function timeIt(rounds: number, fn: (i: number) => Promise<unknown>, warmUp = 20) {
  for (let i = 0; i < warmUp; i++) await fn(i + 100_000);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)] as number, p95: times[Math.floor(times.length * 0.95)] as number };
}
