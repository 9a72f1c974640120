import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { sql } from 'kysely';
import { openDatabase } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { buildRetailer, buildStore } from '../../src/server/demo/factories.ts';
import { importSalesHistory } from '../../src/server/modules/imports/import-sales.ts';
import { parseCsv } from '../../src/shared/formats/csv.ts';
import { checkRules } from './online-retail-rules.ts';

/**
 * The full UCI Online Retail file (541,909 lines of a UK gift retailer's year) through
 * `importSalesHistory`: the sales, customers and revenue in the database must be what the file
 * holds, counted here independently, and a second import must change nothing. Then `ones rules`
 * for France and Germany must find the itemsets and rules the file holds.
 */
export async function run(shared: string) {
  const bytes = brotliDecompressSync(readFileSync(join(shared, 'online_retail/online_retail_full.csv.br')));
  const [header, ...rows] = parseCsv(bytes.toString('utf8'))
    .map((r) => r.fields)
    .filter((f) => f.some((x) => x.trim()));
  const at = (name: string) => (header ?? []).indexOf(name);
  const [inv, qty, price, cust] = [at('InvoiceNo'), at('Quantity'), at('UnitPrice'), at('CustomerID')];
  const invoices = new Set<string>();
  const cancelled = new Set<string>();
  const customers = new Set<string>();
  let cents = 0;
  for (const r of rows) {
    const invoice = r[inv] as string;
    invoices.add(invoice);
    if (invoice.startsWith('C')) cancelled.add(invoice);
    if (r[cust]) customers.add((r[cust] as string).replace(/\.0+$/, ''));
    cents += Math.round(Number(r[qty]) * Number(r[price]) * 100);
  }
  const dir = mkdtempSync(join(tmpdir(), 'ones-online-retail-'));
  const database = await openDatabase({ dataDir: dir });
  let open = true;
  try {
    const db = database.db;
    await migrate(db);
    const retailer = await buildRetailer(db, { name: 'Online Retail', country: 'GB', currency: 'GBP' });
    const store = await buildStore(db, { retailerId: retailer.id, name: 'Web shop' });
    const audit = { retailerId: retailer.id, actorType: 'system' as const, actorId: null, requestId: null, ip: null };
    const source = async function* () {
      for (let i = 0; i < bytes.length; i += 256 * 1024) yield bytes.subarray(i, i + 256 * 1024);
    };
    const started = performance.now();
    const report = await importSalesHistory({ db, now: () => new Date() }, audit, source(), {
      storeId: store.id,
      fileName: 'online_retail_full.csv',
    });
    const seconds = (performance.now() - started) / 1000;
    const expect = (what: string, got: number, want: number) => {
      if (got !== want) throw new Error(`${what}: ${got} in the database, ${want} in the file`);
    };
    expect('lines read', report.lines, rows.length);
    expect('bad lines', report.failed, 0);
    const {
      rows: [figures],
    } = await sql<{ sales: number; returns: number; cents: number; customers: number; lines: number }>`
      select (select count(*)::int from sales where retailer_id = ${retailer.id}) as sales,
             (select count(*)::int from sales where retailer_id = ${retailer.id} and kind = 'return') as returns,
             (select round(sum(total) * 100)::bigint from sales where retailer_id = ${retailer.id}) as cents,
             (select count(*)::int from customers where retailer_id = ${retailer.id}) as customers,
             (select count(*)::int from sale_lines where retailer_id = ${retailer.id}) as lines`.execute(db);
    expect('invoices', figures?.sales ?? 0, invoices.size);
    expect('cancellations recorded as returns', figures?.returns ?? 0, cancelled.size);
    expect('revenue in pence', Number(figures?.cents), cents);
    expect('customers', figures?.customers ?? 0, customers.size);
    expect('sale lines', figures?.lines ?? 0, rows.length);
    const again = await importSalesHistory({ db, now: () => new Date() }, audit, source(), {
      storeId: store.id,
      fileName: 'online_retail_full.csv',
    });
    expect('sales added by a second import', again.created, 0);
    expect('products added by a second import', again.products, 0);
    expect('customers added by a second import', again.customers, 0);
    console.log(
      `  online retail: ${rows.length.toLocaleString('en')} lines, ${invoices.size.toLocaleString('en')} invoices (${cancelled.size.toLocaleString('en')} cancelled), ${customers.size.toLocaleString('en')} customers, £${(cents / 100).toLocaleString('en')} — imported in ${seconds.toFixed(0)} s (${Math.round(rows.length / seconds).toLocaleString('en')} lines/s); the second import added nothing`,
    );
    // `ones rules` opens the folder itself, so this process lets go of it first.
    await database.close();
    open = false;
    await checkRules(dir, retailer.slug);
  } finally {
    if (open) await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
