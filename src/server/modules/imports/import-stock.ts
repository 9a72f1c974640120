import { foldText } from '../../../shared/domain/search-terms.ts';
import { parseCsv } from '../../../shared/formats/csv.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import { applyMovement } from '../stock/stock.repo.ts';
import { decodeText, ImportRun } from './import-runs.ts';

export interface StockImportReport {
  importId: string;
  lines: number;
  counted: number;
  unchanged: number;
  failed: number;
  errors: { line: number; reason: string }[];
}

const SKU_HEADERS = ['sku', 'variant sku', 'stock code', 'stockcode', 'code'];
const BARCODE_HEADERS = ['barcode', 'variant barcode', 'ean', 'upc'];
const QUANTITY_HEADERS = ['quantity', 'qty', 'on hand', 'available', 'variant inventory qty', 'count', 'stock'];

/**
 * Counts stock into a store from a CSV of SKU (or barcode) and quantity: each line sets the
 * units on hand to the quantity, as a count movement of the difference. Running the same file
 * again moves nothing. Unknown SKUs, bundles and quantities that are not whole numbers are
 * reported with their line; the good lines are counted, all in one transaction.
 */
export async function importStockLevels(
  deps: Pick<Deps, 'db' | 'now'>,
  audit: AuditContext,
  source: AsyncIterable<Uint8Array>,
  opts: { storeId: string; fileName: string; bytesTotal?: number | null | undefined; maxBytes?: number | undefined },
): Promise<StockImportReport> {
  const db = deps.db;
  const retailerId = audit.retailerId;
  const run = await ImportRun.start(deps, audit, {
    kind: 'stock',
    format: 'csv',
    fileName: opts.fileName,
    storeId: opts.storeId,
    bytesTotal: opts.bytesTotal,
  });
  const { counts } = run;
  const fail = (line: number, reason: string) => run.fail(line, reason);
  return run.execute(async () => {
    let text = '';
    for await (const chunk of decodeText(run.read(source, opts.maxBytes))) text += chunk;
    const [header, ...records] = parseCsv(text).filter((r) => r.fields.some((f) => f.trim()));
    if (!header) throw new AppError('validation_failed', 'The file is empty.', { fields: [{ field: 'file', message: 'is empty' }] });
    const names = header.fields.map((h) => foldText(h.trim()));
    const sku = names.findIndex((n) => SKU_HEADERS.includes(n));
    const barcode = names.findIndex((n) => BARCODE_HEADERS.includes(n));
    const quantity = names.findIndex((n) => QUANTITY_HEADERS.includes(n));
    if ((sku < 0 && barcode < 0) || quantity < 0)
      throw new AppError('validation_failed', 'The first line should name a SKU (or barcode) column and a quantity column.', {
        fields: [{ field: 'file', message: 'needs SKU and quantity columns' }],
      });
    const variants = await db.selectFrom('variants').select(['id', 'sku', 'barcode']).where('retailer_id', '=', retailerId).execute();
    const bySku = new Map(variants.flatMap((v) => (v.sku ? [[v.sku.toLowerCase(), v.id] as const] : [])));
    const byBarcode = new Map(variants.flatMap((v) => (v.barcode ? [[v.barcode, v.id] as const] : [])));
    const bundles = new Set(
      (await db.selectFrom('bundle_components').select('bundle_id').where('retailer_id', '=', retailerId).execute()).map(
        (b) => b.bundle_id,
      ),
    );
    await db.transaction().execute(async (trx) => {
      for (const r of records) {
        counts.rows++;
        if (r.error) {
          fail(r.line, r.error);
          continue;
        }
        const code = sku >= 0 ? (r.fields[sku] ?? '').trim() : '';
        const ean = barcode >= 0 ? (r.fields[barcode] ?? '').trim() : '';
        const id = (code && bySku.get(code.toLowerCase())) || (ean && byBarcode.get(ean));
        if (!id) {
          fail(r.line, code || ean ? `${code ? `SKU ${code}` : `barcode ${ean}`} is not in the catalog` : 'sku: is empty');
          continue;
        }
        if (bundles.has(id)) {
          fail(r.line, `${code || ean} is a bundle: count its components instead`);
          continue;
        }
        const units = Number((r.fields[quantity] ?? '').trim());
        if (!Number.isInteger(units) || units < 0 || (r.fields[quantity] ?? '').trim() === '') {
          fail(r.line, `quantity: "${r.fields[quantity] ?? ''}" is not a whole number of units`);
          continue;
        }
        const current = await trx
          .selectFrom('stock_levels')
          .select('on_hand')
          .where('retailer_id', '=', retailerId)
          .where('store_id', '=', opts.storeId)
          .where('variant_id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        const delta = units - (current?.on_hand ?? 0);
        if (delta === 0) {
          counts.matched++;
          continue;
        }
        await applyMovement(
          trx,
          {
            retailerId,
            storeId: opts.storeId,
            variantId: id,
            quantity: delta,
            reason: 'count',
            note: `import: ${opts.fileName}`.slice(0, 200),
          },
          { allowShort: true },
        );
        counts.created++;
      }
      await recordAudit(trx, audit, {
        action: 'stock.imported',
        subjectType: 'import',
        subjectId: run.id,
        storeId: opts.storeId,
        details: { fileName: opts.fileName, counted: counts.created, unchanged: counts.matched, failed: counts.failed },
      });
      await run.save(trx);
    });
    return {
      importId: run.id,
      lines: counts.rows,
      counted: counts.created,
      unchanged: counts.matched,
      failed: counts.failed,
      errors: run.errors,
    };
  });
}
