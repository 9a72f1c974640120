import { zonedDate } from '../../../shared/dates.ts';
import { foldText } from '../../../shared/domain/search-terms.ts';
import { CsvParser } from '../../../shared/formats/csv.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import { colourFamilies, insertProduct } from '../catalog/catalog.repo.ts';
import { bulkInsertCustomers, settleCustomerTables } from '../customers/bulk-insert-customers.ts';
import { type HistoricSale, recordSalesHistory } from '../sales/sales-history.ts';
import { decodeText, ImportRun } from './import-runs.ts';

/**
 * Codes in a till's history that are not products: postage, carriage, manual entries, discounts,
 * fees, donations, samples. Their lines are kept (the money is real) without a product.
 */
export const NON_PRODUCT_CODES = new Set(['POST', 'DOT', 'M', 'D', 'S', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'C2', 'PADS', 'B']);

/** The columns of a line-per-row sales history (the Online Retail layout), by folded header. */
const COLUMNS = {
  invoice: ['invoiceno', 'invoice', 'invoice no', 'order', 'order id'],
  code: ['stockcode', 'stock code', 'sku'],
  description: ['description', 'product'],
  quantity: ['quantity', 'qty'],
  date: ['invoicedate', 'invoice date', 'date'],
  price: ['unitprice', 'unit price', 'price'],
  customer: ['customerid', 'customer id', 'customer'],
  country: ['country'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['invoice', 'code', 'quantity', 'date', 'price'];

/** Invoices written per transaction. */
const BATCH_INVOICES = 1000;

export interface SalesImportReport {
  importId: string;
  bytesRead: number;
  bytesTotal: number | null;
  lines: number;
  invoices: number;
  created: number;
  skipped: number;
  products: number;
  customers: number;
  failed: number;
  errors: { line: number; reason: string }[];
}

interface Row {
  line: number;
  invoice: string;
  code: string;
  description: string;
  quantity: number;
  at: Date;
  price: number;
  customer: string | null;
  country: string | null;
}

/** "WHITE HANGING HEART T-LIGHT HOLDER" → "White hanging heart t-light holder". */
const sentenceCase = (text: string) => {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t !== t.toUpperCase()) return t;
  const lower = t.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
};

let regionByName: Map<string, string> | null = null;
/** An ISO country code from an English country name ("United Kingdom" → "GB"), or null. */
export function countryCode(name: string | null): string | null {
  if (!name) return null;
  if (!regionByName) {
    regionByName = new Map();
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (const a of letters)
      for (const b of letters) {
        const code = a + b;
        const shown = names.of(code);
        // Only codes in use name a country: DE, not the retired DD that is also shown as "Germany".
        const current = Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`;
        if (shown && shown !== code && current && !regionByName.has(foldText(shown))) regionByName.set(foldText(shown), code);
      }
    const aliases: [string, string][] = [
      ['eire', 'IE'],
      ['usa', 'US'],
      ['rsa', 'ZA'],
      ['uk', 'GB'],
    ];
    for (const [alias, code] of aliases) regionByName.set(alias, code);
  }
  return regionByName.get(foldText(name.trim())) ?? null;
}

/**
 * Imports a sales history with one line per row (invoice, stock code, description, quantity,
 * date, unit price, customer, country — the Online Retail layout) into a store. Products and
 * customers it names are created once (by SKU; by the file's customer id); each invoice becomes
 * a sale, a cancellation (an invoice starting with C) a return; lines of non-product codes keep
 * their money without a product. Batches of invoices are written in one transaction each, so the
 * server keeps answering, and an invoice already recorded is skipped: running the file again
 * changes nothing.
 */
export async function importSalesHistory(
  deps: Pick<Deps, 'db' | 'now'>,
  audit: AuditContext,
  source: AsyncIterable<Uint8Array>,
  opts: {
    storeId: string;
    fileName: string;
    bytesTotal?: number | null | undefined;
    /** Refuse the file once it grows past this many bytes (uploads). */
    maxBytes?: number | undefined;
    onProgress?: ((r: SalesImportReport) => void) | undefined;
  },
): Promise<SalesImportReport> {
  const db = deps.db;
  const retailerId = audit.retailerId;
  const retailer = await db
    .selectFrom('retailers')
    .select(['currency', 'phone_region'])
    .where('id', '=', retailerId)
    .executeTakeFirstOrThrow();
  const store = await db
    .selectFrom('stores')
    .select(['id', 'time_zone'])
    .where('retailer_id', '=', retailerId)
    .where('id', '=', opts.storeId)
    .executeTakeFirst();
  if (!store) throw new AppError('validation_failed', 'There is no such store.', { fields: [{ field: 'store', message: 'not found' }] });
  const run = await ImportRun.start(deps, audit, {
    kind: 'sales',
    format: 'online-retail',
    fileName: opts.fileName,
    storeId: store.id,
    bytesTotal: opts.bytesTotal,
  });
  const { counts, details } = run;
  details.invoices = 0;
  details.products = 0;
  details.customers = 0;
  const fail = (line: number, reason: string) => run.fail(line, reason);
  const report = (): SalesImportReport => ({
    importId: run.id,
    bytesRead: counts.bytesRead,
    bytesTotal: counts.bytesTotal,
    lines: counts.rows,
    invoices: details.invoices ?? 0,
    created: counts.created,
    skipped: counts.matched,
    products: details.products ?? 0,
    customers: details.customers ?? 0,
    failed: counts.failed,
    errors: run.errors,
  });
  const families = await colourFamilies(db, retailerId);
  const variantBySku = new Map<string, string>();
  const customerByKey = new Map<string, string>();

  async function write(invoices: Map<string, Row[]>) {
    const rows = [...invoices.values()].flat();
    await db.transaction().execute(async (trx) => {
      // Products the batch names that the catalog does not have yet.
      const codes = [...new Set(rows.map((r) => r.code).filter((c) => !NON_PRODUCT_CODES.has(c) && !variantBySku.has(c)))];
      if (codes.length) {
        const known = await trx
          .selectFrom('variants')
          .select(['id', 'sku'])
          .where('retailer_id', '=', retailerId)
          .where('sku', 'in', codes)
          .execute();
        for (const k of known) variantBySku.set(k.sku as string, k.id);
        for (const code of codes) {
          if (variantBySku.has(code)) continue;
          const first = rows.find((r) => r.code === code && r.description) ?? rows.find((r) => r.code === code);
          const priced = rows.find((r) => r.code === code && r.price > 0);
          const title = sentenceCase(first?.description || code).slice(0, 200);
          const { variantIds } = await insertProduct(
            trx,
            retailerId,
            { handle: `sku-${foldText(code).replace(/[^a-z0-9]+/g, '-')}`.slice(0, 100), title, importKey: `sku:${code}` },
            [{ title: 'Default', sku: code, price: priced?.price ?? 0 }],
            families,
          );
          variantBySku.set(code, variantIds[0] as string);
          details.products = (details.products ?? 0) + 1;
        }
      }
      // Customers by the file's own id.
      const keys = [...new Set(rows.flatMap((r) => (r.customer ? [`history:${r.customer}`] : [])).filter((k) => !customerByKey.has(k)))];
      if (keys.length) {
        const known = await trx
          .selectFrom('customers')
          .select(['id', 'import_key'])
          .where('retailer_id', '=', retailerId)
          .where('import_key', 'in', keys)
          .execute();
        for (const k of known) customerByKey.set(k.import_key as string, k.id);
        const missing = keys.filter((k) => !customerByKey.has(k));
        const ids = await bulkInsertCustomers(
          trx,
          retailerId,
          retailer.phone_region,
          missing.map((key) => {
            const row = rows.find((r) => `history:${r.customer}` === key) as Row;
            const country = countryCode(row.country);
            return {
              firstName: 'Customer',
              lastName: row.customer,
              importKey: key,
              createdBy: audit.actorId,
              address: country ? { line1: null, line2: null, city: null, region: null, postcode: null, country } : null,
              tags: ['sales-history'],
            };
          }),
        );
        for (const [i, k] of missing.entries()) customerByKey.set(k, ids[i] as string);
        details.customers = (details.customers ?? 0) + ids.length;
      }
      const sales: HistoricSale[] = [...invoices.entries()].map(([invoice, lines]) => {
        const first = lines[0] as Row;
        return {
          externalId: invoice,
          storeId: store?.id as string,
          soldAt: first.at,
          staffId: null,
          customerId: first.customer ? (customerByKey.get(`history:${first.customer}`) ?? null) : null,
          country: countryCode(first.country),
          lines: lines.map((l) => ({
            variantId: variantBySku.get(l.code) ?? null,
            description: l.description || l.code,
            sku: l.code,
            quantity: l.quantity,
            unitPrice: l.price,
            discount: 0,
          })),
        };
      });
      const result = await recordSalesHistory(trx, retailerId, retailer.currency, sales);
      counts.created += result.created;
      counts.matched += result.skipped;
      await run.save(trx);
    });
    opts.onProgress?.(report());
  }

  const parser = new CsvParser();
  let column: Partial<Record<Column, number>> | null = null;
  let batch = new Map<string, Row[]>();
  let current: string | null = null;
  const written = new Set<string>();
  const take = async (record: { line: number; fields: string[]; error?: string | undefined }) => {
    if (!column) {
      const header = record.fields.map((f) => foldText(f.trim()));
      column = {};
      for (const [key, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
        const at = header.findIndex((h) => names.includes(h));
        if (at >= 0) column[key] = at;
      }
      const missing = REQUIRED.filter((k) => column?.[k] === undefined);
      if (missing.length)
        throw new AppError('validation_failed', `The first line should name the columns; missing: ${missing.join(', ')}.`, {
          fields: [{ field: 'file', message: `missing columns ${missing.join(', ')}` }],
        });
      return;
    }
    if (record.fields.every((f) => !f.trim())) return;
    counts.rows++;
    if (record.error) return fail(record.line, record.error);
    const cell = (k: Column) => {
      const at = column?.[k];
      return at === undefined ? '' : (record.fields[at] ?? '').trim();
    };
    const invoice = cell('invoice');
    const code = cell('code').toUpperCase();
    const quantity = Number(cell('quantity'));
    const price = Number(cell('price'));
    const at = zonedDate(cell('date'), store?.time_zone ?? 'UTC');
    const customer = cell('customer').replace(/\.0+$/, '') || null;
    if (!invoice) return fail(record.line, 'invoice: is empty');
    if (!code) return fail(record.line, 'stock code: is empty');
    if (!Number.isInteger(quantity) || quantity === 0)
      return fail(record.line, `quantity: "${cell('quantity')}" is not a whole number other than 0`);
    if (!Number.isFinite(price) || cell('price') === '') return fail(record.line, `unit price: "${cell('price')}" is not a number`);
    if (!at) return fail(record.line, `date: "${cell('date')}" is not a date and time like 2010-12-01 08:26:00`);
    if (written.has(invoice)) return fail(record.line, `invoice ${invoice} continues after other invoices; this line was not imported`);
    if (invoice !== current) {
      if (current !== null && batch.size >= BATCH_INVOICES) {
        const done = batch;
        batch = new Map();
        for (const k of done.keys()) written.add(k);
        await write(done);
      }
      current = invoice;
    }
    const list = batch.get(invoice) ?? [];
    if (!list.length) details.invoices = (details.invoices ?? 0) + 1;
    list.push({
      line: record.line,
      invoice,
      code,
      description: cell('description'),
      quantity,
      at,
      price,
      customer,
      country: cell('country') || null,
    });
    batch.set(invoice, list);
  };

  return run.execute(async () => {
    for await (const text of decodeText(run.read(source, opts.maxBytes))) for (const record of parser.push(text)) await take(record);
    for (const record of parser.end()) await take(record);
    if (!column) throw new AppError('validation_failed', 'The file is empty.', { fields: [{ field: 'file', message: 'is empty' }] });
    if (batch.size) await write(batch);
    if (details.products || details.customers || counts.created) await settleCustomerTables(db);
    await recordAudit(db, audit, {
      action: 'sales.imported',
      subjectType: 'import',
      subjectId: run.id,
      storeId: opts.storeId,
      details: { fileName: opts.fileName, created: counts.created, skipped: counts.matched, failed: counts.failed },
    });
    opts.onProgress?.(report());
    return report();
  });
}
