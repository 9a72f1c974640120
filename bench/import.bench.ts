import { loadConfig } from '../src/server/config.ts';
import { copyRows, textArray } from '../src/server/db/copy.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { buildRetailer, buildStaff, buildStore } from '../src/server/demo/factories.ts';
import { systemPrincipal } from '../src/server/modules/auth/principal.ts';
import { bulkInsertCustomers } from '../src/server/modules/customers/bulk-insert-customers.ts';
import { searchCustomers } from '../src/server/modules/customers/customers.service.ts';
import { importCustomers } from '../src/server/modules/imports/import-customers.ts';
import { type GeneratedCustomer, generateCustomers } from '../src/shared/domain/customer-generator.ts';
import { demoVocabulary } from '../src/shared/domain/demo-vocabulary.ts';
import { customerTerms } from '../src/shared/domain/search-terms.ts';
import { toCsvLine } from '../src/shared/formats/csv.ts';
import { newId } from '../src/shared/ids.ts';
import { median, report, scratchDatabase } from './load.ts';

/**
 * BENCH import: rows/s of `importCustomers` reading a Shopify customer CSV of N generated
 * customers (100,000 full, 10,000 --quick) into a book that already holds 20,000 others, against
 * a plain `COPY` of the same rows into the customers table (`ceiling`), and a `COPY` of every row
 * the import writes for them — customers, search-index rows and the file's consents
 * (`written_ceiling`: what any import that keeps the book findable and its consents must write) — in
 * the same run; and how lookups answer while the import runs (p95 and worst, ms). PGlite always;
 * PostgreSQL too when DATABASE_URL is set. Target: ratio ≥ 0.5. Rerun: `npm run bench -- import [--quick]`.
 */
export async function run({ quick }: { quick: boolean }) {
  const size = Number(process.env.IMPORT_SIZE ?? (quick ? 10_000 : 100_000));
  const people = [...generateCustomers(size, { seed: 7, country: 'GB', storeCount: 1, vocabulary: demoVocabulary('florist') })];
  const header =
    'Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags';
  const csv =
    toCsvLine(header.split(',')) +
    people
      .map((c, i) =>
        toCsvLine([
          1000 + i,
          c.firstName,
          c.lastName,
          c.emails?.[0]?.address,
          i % 3 === 0 ? 'yes' : 'no',
          '',
          c.address?.line1,
          c.address?.line2,
          c.address?.city,
          '',
          c.address?.country,
          c.address?.postcode,
          '',
          c.phones?.[0]?.number,
          'no',
          c.spend,
          c.visits,
          '',
          'no',
          c.tags?.join(', '),
        ]),
      )
      .join('');
  await measure('pglite', people, csv, quick);
  const url = loadConfig().databaseUrl;
  if (url) await measure('postgres', people, csv, quick, url);
}

async function measure(
  engine: 'pglite' | 'postgres',
  people: ReturnType<typeof generateCustomers> extends Iterable<infer T> ? T[] : never,
  csv: string,
  quick: boolean,
  serverUrl?: string,
) {
  const rounds = quick ? 1 : 3;
  const importRates: number[] = [];
  const copyRates: number[] = [];
  const writtenCopyRates: number[] = [];
  const during: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const { database, drop } = await scratchDatabase('import', serverUrl);
    const db = database.db;
    try {
      await migrate(db);
      const retailer = await buildRetailer(db, { country: 'GB' });
      const store = await buildStore(db, { retailerId: retailer.id, name: 'Riverside' });
      const owner = await buildStaff(db, { retailerId: retailer.id, storeIds: [store.id], role: 'owner' });
      // A book that already has customers, so matching has something to look through.
      const existing = [...generateCustomers(20_000, { seed: 99, country: 'GB', storeCount: 1, vocabulary: demoVocabulary('florist') })];
      for (let i = 0; i < existing.length; i += 2000) await bulkInsertCustomers(db, retailer.id, 'GB', existing.slice(i, i + 2000));

      // Ceiling: the same rows straight into the customers table with COPY (for a retailer of its own).
      const copyRetailer = await buildRetailer(db, { country: 'GB' });
      const copied = people.map((c) => ({
        retailer_id: copyRetailer.id,
        id: newId('customer'),
        first_name: c.firstName,
        last_name: c.lastName,
        phones: c.phones ?? [],
        emails: c.emails ?? [],
        address: c.address,
        tags: textArray(c.tags ?? []),
        spend: c.spend,
        purchases: c.visits,
      }));
      let t = performance.now();
      await copyRows(db, 'customers', copied);
      copyRates.push(people.length / ((performance.now() - t) / 1000));
      // And with every other row the import writes for them: search-index rows and the file's two consents.
      const indexRetailer = await buildRetailer(db, { country: 'GB' });
      const indexed = copied.map((c) => ({ ...c, retailer_id: indexRetailer.id, id: newId('customer') }));
      const terms = indexed
        .flatMap((c, i) =>
          customerTerms(people[i] as GeneratedCustomer, 'GB').map((term) => ({ retailer_id: c.retailer_id, term, customer_id: c.id })),
        )
        .sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
      const consents = indexed.flatMap((c, i) =>
        (['email', 'sms'] as const).map((channel) => ({
          retailer_id: c.retailer_id,
          id: newId('consent'),
          customer_id: c.id,
          channel,
          purpose: 'marketing',
          granted: channel === 'email' && i % 3 === 0,
          source: 'import: bench.csv',
        })),
      );
      t = performance.now();
      await copyRows(db, 'customers', indexed);
      await copyRows(db, 'customer_search_terms', terms);
      await copyRows(db, 'customer_consents', consents);
      writtenCopyRates.push(people.length / ((performance.now() - t) / 1000));

      // Lookups keep answering while the import runs.
      const actor = systemPrincipal(retailer.id);
      let importing = true;
      const probe = (async () => {
        const names = ['smi', 'oka', 'garcia', 'jon', '0958', 'mar'];
        let i = 0;
        while (importing) {
          const s = performance.now();
          await searchCustomers({ db, config: loadConfig({}), now: () => new Date() }, actor, {
            q: names[i++ % names.length] as string,
            region: 'GB',
          });
          during.push(performance.now() - s);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      t = performance.now();
      const audit = { retailerId: retailer.id, actorType: 'staff' as const, actorId: owner.id, requestId: null, ip: null };
      const bytes = Buffer.from(csv);
      async function* chunks() {
        for (let i = 0; i < bytes.length; i += 256 * 1024) {
          // As a file or socket would, give timers and other callers (the lookups) their turn.
          await new Promise((r) => setImmediate(r));
          yield bytes.subarray(i, i + 256 * 1024);
        }
      }
      const id = await importCustomers({ db, now: () => new Date() }, audit, chunks(), { format: 'shopify', fileName: 'bench.csv' });
      importRates.push(people.length / ((performance.now() - t) / 1000));
      importing = false;
      await probe;
      const done = await db.selectFrom('imports').select(['created', 'matched', 'failed']).where('id', '=', id).executeTakeFirstOrThrow();
      if (done.failed > 0 || done.created + done.matched !== people.length)
        throw new Error(`import read ${JSON.stringify(done)} of ${people.length} rows`);
    } finally {
      await drop();
    }
  }
  const sorted = [...during].sort((a, b) => a - b);
  const rate = median(importRates);
  const ceiling = median(copyRates);
  report('import', {
    engine,
    rows: people.length,
    rows_per_s: Math.round(rate),
    ceiling_rows_per_s: Math.round(ceiling),
    ratio: (rate / ceiling).toFixed(2),
    written_ceiling_rows_per_s: Math.round(median(writtenCopyRates)),
    ratio_to_written: (rate / median(writtenCopyRates)).toFixed(2),
    lookup_during_p95_ms: (sorted[Math.floor(sorted.length * 0.95)] ?? 0).toFixed(1),
    lookup_during_max_ms: (sorted.at(-1) ?? 0).toFixed(1),
    lookups_during: sorted.length,
  });
}
