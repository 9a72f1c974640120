import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { openDatabase } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { buildProduct, buildRetailer, buildStore } from '../../src/server/demo/factories.ts';
import { importReviews } from '../../src/server/modules/imports/import-reviews.ts';
import { unpacked } from '../../src/server/modules/imports/import-runs.ts';
import { parseCsv } from '../../src/shared/formats/csv.ts';

/**
 * The full "Women's Clothing E-Commerce Reviews" file (23,486 real reviews) through
 * `importReviews`: every row rated 1–5 must be imported, with the ratings the file holds, the
 * reviews of two products matched (one by SKU, one through a mapping) and the rest counted by the
 * file's product id; a second import (streamed from the .gz, as the command line reads it) must add
 * nothing, and none of it may count as a visit's answer.
 */
export async function run(shared: string) {
  const path = join(shared, 'clothing_reviews/womens_clothing_ecommerce_reviews.csv.gz');
  const bytes = gunzipSync(readFileSync(path));
  // Counted here independently of the import.
  const [header, ...rows] = parseCsv(bytes.toString('utf8'))
    .map((r) => r.fields)
    .filter((f) => f.some((x) => x.trim()));
  const at = (name: string) => (header ?? []).indexOf(name);
  const [product, rating] = [at('Clothing ID'), at('Rating')];
  const rated = rows.filter((r) => /^[1-5]$/.test((r[rating] ?? '').trim()));
  const stars = rated.reduce((sum, r) => sum + Number(r[rating]), 0);
  const byProduct = new Map<string, number>();
  for (const r of rated) byProduct.set(r[product] as string, (byProduct.get(r[product] as string) ?? 0) + 1);
  const [[bySku, skuReviews], [byMap, mapReviews]] = [...byProduct].sort((a, b) => b[1] - a[1]) as [[string, number], [string, number]];

  const dir = mkdtempSync(join(tmpdir(), 'ones-reviews-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    const db = database.db;
    await migrate(db);
    const retailer = await buildRetailer(db, { name: 'Clothing shop', country: 'US', currency: 'USD' });
    const store = await buildStore(db, { retailerId: retailer.id, name: 'Web shop' });
    await buildProduct(db, { retailerId: retailer.id, title: 'Most reviewed', variants: [{ title: 'One size', price: 50, sku: bySku }] });
    await buildProduct(db, { retailerId: retailer.id, title: 'Second most reviewed', handle: 'second-most-reviewed' });
    const audit = { retailerId: retailer.id, actorType: 'system' as const, actorId: null, requestId: null, ip: null };
    // The file's product ids → catalog: the most reviewed id is a SKU; the second is mapped to a handle.
    const mapping = new Map([
      [bySku, bySku],
      [byMap, 'second-most-reviewed'],
    ]);
    const started = performance.now();
    const report = await importReviews({ db, now: () => new Date() }, audit, unpacked(createReadStream(path), path), {
      fileName: 'womens_clothing_ecommerce_reviews.csv.gz',
      storeId: store.id,
      mapping,
    });
    const seconds = (performance.now() - started) / 1000;
    const expect = (what: string, got: number, want: number) => {
      if (got !== want) throw new Error(`${what}: ${got} imported, ${want} in the file`);
    };
    expect('rows read', report.lines, rows.length);
    expect('reviews added', report.created, rated.length);
    expect('bad rows', report.failed, rows.length - rated.length);
    expect('matched to a product', report.mapped, skuReviews + mapReviews);
    expect('unmapped', report.unmapped, rated.length - skuReviews - mapReviews);
    expect(
      'the most reviewed unmapped id',
      report.unmappedProducts[0]?.reviews ?? 0,
      [...byProduct.values()].sort((a, b) => b - a)[2] ?? 0,
    );
    const {
      rows: [figures],
    } = await sql<{ reviews: number; stars: number; visits: number }>`
      select count(*)::int as reviews, coalesce(sum(satisfaction), 0)::int as stars,
             count(*) filter (where kind <> 'imported' or request_id is not null or encounter_id is not null)::int as visits
      from feedback_responses where retailer_id = ${retailer.id}`.execute(db);
    expect('reviews in the database', figures?.reviews ?? 0, rated.length);
    expect('stars in the database', figures?.stars ?? 0, stars);
    expect('reviews counted as visits', figures?.visits ?? 0, 0);
    const again = await importReviews({ db, now: () => new Date() }, audit, unpacked(createReadStream(path), path), {
      fileName: 'womens_clothing_ecommerce_reviews.csv.gz',
      storeId: store.id,
      mapping,
    });
    expect('reviews added by a second import', again.created, 0);
    expect('reviews recognised by a second import', again.skipped, rated.length);
    const n = (x: number) => x.toLocaleString('en');
    console.log(
      `  clothing reviews: ${n(report.lines)} rows read, ${n(report.created)} imported, ${n(report.failed)} errors, ${n(report.mapped)} matched to a product (${bySku} by SKU, ${byMap} by mapping), ${n(report.unmapped)} unmapped across ${n(byProduct.size - 2)} file product ids (top: ${report.unmappedProducts
        .slice(0, 3)
        .map((u) => `${u.ref} × ${n(u.reviews)}`)
        .join(', ')}) — ${seconds.toFixed(1)} s (${n(Math.round(report.lines / seconds))} rows/s); the second import added nothing`,
    );
    for (const e of report.errors.slice(0, 20)) console.log(`    line ${e.line}: ${e.reason}`);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
