import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { buildRetailer, buildStore } from '../../src/server/demo/factories.ts';
import { importProducts } from '../../src/server/modules/imports/import-products.ts';

/** Both of Shopify's sample product files: the right products, variants and options, and nothing new the second time. */
export async function run(shared: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ones-shopify-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    const db = database.db;
    await migrate(db);
    const retailer = await buildRetailer(db, { name: 'Shopify samples' });
    const store = await buildStore(db, { retailerId: retailer.id });
    const audit = { retailerId: retailer.id, actorType: 'system' as const, actorId: null, requestId: null, ip: null };
    const files = ['product_template_2023_via_kcohen1997.csv', 'product_template_legacy_via_umsu2.csv'];
    const load = (f: string) =>
      importProducts({ db, now: () => new Date() }, audit, createReadStream(join(shared, 'shopify', f)), {
        fileName: f,
        storeId: store.id,
      });
    for (const f of files) {
      const report = await load(f);
      if (report.failed) throw new Error(`${f}: ${report.failed} bad rows: ${JSON.stringify(report.errors)}`);
    }
    const rows = await db
      .selectFrom('products as p')
      .innerJoin('variants as v', (j) => j.onRef('v.retailer_id', '=', 'p.retailer_id').onRef('v.product_id', '=', 'p.id'))
      .select(['p.handle', 'p.title', 'p.status', 'v.title as variant', 'v.options', 'v.sku', 'v.price'])
      .where('p.retailer_id', '=', retailer.id)
      .orderBy('p.handle')
      .orderBy('v.position')
      .execute();
    const got = (handle: string) => rows.filter((r) => r.handle === handle);
    // Option maps are compared by content (jsonb keeps keys in its own order; the variant title keeps the file's).
    const canonical = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort()) : v;
    const same = (what: string, a: unknown, b: unknown) => {
      if (JSON.stringify(canonical(a)) !== JSON.stringify(canonical(b)))
        throw new Error(`${what}: got ${JSON.stringify(a)}, expected ${JSON.stringify(b)}`);
    };
    same('products', [...new Set(rows.map((r) => r.handle))], ['example-hat', 'example-pants', 'example-shirt', 'example-t-shirt']);
    same(
      'shirt variants',
      got('example-shirt').map((r) => r.variant),
      [
        'Green / S',
        'Green / M',
        'Green / L',
        'Blue / S',
        'Blue / M',
        'Blue / L',
        'Gray / S',
        'Gray / M',
        'Gray / L',
        'Purple / S',
        'Purple / M',
        'Purple / L',
      ],
    );
    same('shirt options', got('example-shirt')[0]?.options, { Color: 'Green', Size: 'S' });
    same('shirt SKU and price', [got('example-shirt')[0]?.sku, got('example-shirt')[0]?.price], ['SRT_COT_111', 25]);
    same(
      'jeans variants',
      got('example-pants').map((r) => [r.variant, r.options]),
      [
        ['28', { Size: '28' }],
        ['30', { Size: '30' }],
        ['40', { Size: '40' }],
      ],
    );
    same(
      'beanie',
      got('example-hat').map((r) => [r.variant, r.status, r.price]),
      [['Default', 'retired', 17.99]],
    );
    same(
      'legacy t-shirt variants',
      got('example-t-shirt').map((r) => [r.variant, r.price]),
      [
        ['Lithograph - Height: 9" x Width: 12"', 25],
        ['Small', 19.99],
        ['Medium', 19.99],
      ],
    );
    for (const f of files) {
      const again = await load(f);
      if (again.products || again.variants) throw new Error(`${f}: the second import added ${again.products} products`);
    }
    console.log(
      `  shopify: ${new Set(rows.map((r) => r.handle)).size} products, ${rows.length} variants from both sample files; the second import added nothing`,
    );
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
