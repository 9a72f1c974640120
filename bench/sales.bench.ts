import { CompiledQuery, sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { buildRetailer, buildStore } from '../src/server/demo/factories.ts';
import { importSalesHistory } from '../src/server/modules/imports/import-sales.ts';
import { median, onlineRetailText, report, scratchDatabase } from './load.ts';

/**
 * BENCH sales: lines/s of `importSalesHistory` reading the UCI Online Retail file from
 * ../shared/data (541,909 lines; the first 50,000 with --quick) into an empty store, against a
 * plain `COPY` of the same CSV text into a table of its columns (`ceiling`) in the same run.
 * PGlite always; PostgreSQL too when DATABASE_URL is set. Needs the shared data folder.
 */
export async function run({ quick }: { quick: boolean }) {
  const text = onlineRetailText('sales', quick);
  if (text === null) return;
  const lines = text.split('\n').filter((l) => l.trim()).length - 1;
  await measure('pglite', text, lines, quick);
  const url = loadConfig().databaseUrl;
  if (url) await measure('postgres', text, lines, quick, url);
}

async function measure(engine: string, text: string, lines: number, quick: boolean, serverUrl?: string) {
  const rates: number[] = [];
  const ceilings: number[] = [];
  for (let round = 0; round < (quick ? 1 : 2); round++) {
    const { database, drop } = await scratchDatabase('sales', serverUrl);
    try {
      const db = database.db;
      await migrate(db);
      await sql`create table raw_lines (invoice text, code text, description text, quantity int, at text, price numeric, customer text, country text)`.execute(
        db,
      );
      let t = performance.now();
      await db.executeQuery(CompiledQuery.raw('COPY raw_lines FROM STDIN WITH (FORMAT csv, HEADER true)', [text]));
      ceilings.push(lines / ((performance.now() - t) / 1000));
      const retailer = await buildRetailer(db, { country: 'GB', currency: 'GBP' });
      const store = await buildStore(db, { retailerId: retailer.id, name: 'Web shop' });
      const bytes = Buffer.from(text);
      const source = async function* () {
        for (let i = 0; i < bytes.length; i += 256 * 1024) yield bytes.subarray(i, i + 256 * 1024);
      };
      t = performance.now();
      const result = await importSalesHistory(
        { db, now: () => new Date() },
        { retailerId: retailer.id, actorType: 'system', actorId: null, requestId: null, ip: null },
        source(),
        { storeId: store.id, fileName: 'online_retail.csv' },
      );
      rates.push(lines / ((performance.now() - t) / 1000));
      if (result.lines !== lines || result.failed > 0) throw new Error(`read ${result.lines} of ${lines} lines, ${result.failed} bad`);
    } finally {
      await drop();
    }
  }
  const rate = median(rates);
  const ceiling = median(ceilings);
  report('sales', {
    engine,
    lines,
    lines_per_s: Math.round(rate),
    ceiling_lines_per_s: Math.round(ceiling),
    ratio: (rate / ceiling).toFixed(2),
  });
}
