import { basename } from 'node:path';
import { COMMENT_MAX, poorSigns } from '../../../shared/domain/feedback.ts';
import { foldText } from '../../../shared/domain/search-terms.ts';
import { CsvParser, type CsvRecord } from '../../../shared/formats/csv.ts';
import { findReviewColumn, REVIEW_COLUMNS, type ReviewColumn, readProductMapping } from '../../../shared/formats/review-columns.ts';
import { newId } from '../../../shared/ids.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalidField } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import { decodeText, ImportRun } from './import-runs.ts';

/** Reviews written per transaction. */
const BATCH_ROWS = 1000;
/** The file's unmapped product ids listed in a report, most reviewed first. */
const UNMAPPED_LISTED = 20;

export interface ReviewsImportReport {
  importId: string;
  bytesRead: number;
  bytesTotal: number | null;
  lines: number;
  created: number;
  skipped: number;
  failed: number;
  mapped: number;
  unmapped: number;
  /** The file's product ids the catalog does not have, most reviewed first (up to 20). */
  unmappedProducts: { ref: string; reviews: number }[];
  errors: { line: number; reason: string }[];
}

/** Where each column is in a review file. */
export type ReviewColumns = Partial<Record<ReviewColumn, number>> & { rating: number; width: number };

/**
 * Finds the columns from the header line: the rating is required, and the product column when one
 * is named (`productColumn`, matched without regard to case or accents).
 */
export function reviewColumns(header: string[], productColumn?: string): ReviewColumns {
  const found: Partial<Record<ReviewColumn, number>> = {};
  for (const key of Object.keys(REVIEW_COLUMNS) as ReviewColumn[]) {
    const at = findReviewColumn(header, key);
    if (at >= 0) found[key] = at;
  }
  if (productColumn !== undefined) {
    const at = header.map((h) => foldText(h.trim())).indexOf(foldText(productColumn.trim()));
    if (at < 0) throw invalidField('productColumn', `The file has no column "${productColumn}"; its columns are ${header.join(', ')}.`);
    found.product = at;
  }
  if (found.rating === undefined)
    throw new AppError('validation_failed', 'The first line should name the columns, with a rating column.', {
      fields: [{ field: 'file', message: 'missing column rating' }],
    });
  return { ...found, rating: found.rating, width: header.length };
}

/** A review as read from one row, or the reason it cannot be imported, naming the field. */
export type ReviewRow =
  | { ok: true; ref: string | null; product: string | null; satisfaction: number; comment: string | null }
  | { ok: false; reason: string };

/**
 * One row into a review: the rating (a whole number 1–5) is the satisfaction; the title and text
 * make the comment ("Title — text" when both are there). Nothing else in the row (ages, the
 * "recommended" flag) is kept.
 */
export function reviewFromRow(columns: ReviewColumns, fields: string[]): ReviewRow {
  if (fields.length !== columns.width)
    return { ok: false, reason: `row: has ${fields.length} fields where the header has ${columns.width}` };
  const cell = (k: ReviewColumn) => {
    const at = columns[k];
    return at === undefined ? '' : (fields[at] ?? '').trim();
  };
  const rating = cell('rating');
  if (!rating) return { ok: false, reason: 'rating: is empty' };
  const satisfaction = Number(rating);
  if (!Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5)
    return { ok: false, reason: `rating: "${rating}" is not a whole number from 1 to 5` };
  const title = cell('title');
  const text = cell('text');
  const comment = title && text ? `${title} — ${text}` : title || text || null;
  if (comment && comment.length > COMMENT_MAX)
    return {
      ok: false,
      reason: `${text ? 'review text' : 'title'}: is ${comment.length.toLocaleString('en')} characters with the title, more than the ${COMMENT_MAX.toLocaleString('en')} kept`,
    };
  return { ok: true, ref: cell('id') || null, product: cell('product') || null, satisfaction, comment };
}

/** A product mapping from CSV text (`readProductMapping`), or a clear error naming the line. */
export function parseProductMapping(text: string): Map<string, string> {
  const read = readProductMapping(text);
  if ('problem' in read) throw invalidField('mapping', read.problem);
  return read.mapping;
}

interface Pending {
  line: number;
  ref: string;
  productId: string | null;
  satisfaction: number;
  comment: string | null;
  poor: boolean;
}

/**
 * Imports historical reviews from CSV (or .csv.gz) as feedback of kind `imported`: no request, no
 * visit, optionally a store, and the catalog product each review is about. The file's product ids
 * are mapped through `mapping` (file id → SKU or handle) when given, else matched to a SKU or a
 * product handle; reviews of an unknown product are kept without one and counted by the file's id.
 * Each row's own id (else its position) is its reference within the source, so running the same
 * file again adds nothing. Bad rows are reported with their line and the field at fault.
 */
export async function importReviews(
  deps: Pick<Deps, 'db' | 'now'>,
  audit: AuditContext,
  source: AsyncIterable<Uint8Array>,
  opts: {
    fileName: string;
    /** What the reviews are from, kept with each; the file's name without extensions when not given. */
    source?: string | undefined;
    storeId?: string | null | undefined;
    productColumn?: string | undefined;
    /** The file's product id → a SKU or product handle in the catalog. */
    mapping?: Map<string, string> | undefined;
    bytesTotal?: number | null | undefined;
    /** Refuse the file once it grows past this many bytes (uploads). */
    maxBytes?: number | undefined;
    onProgress?: ((r: ReviewsImportReport) => void) | undefined;
  },
): Promise<ReviewsImportReport> {
  const db = deps.db;
  const retailerId = audit.retailerId;
  const sourceName = (opts.source ?? basename(opts.fileName).replace(/(\.(csv|txt|gz|br))+$/i, '')).trim();
  if (!sourceName || sourceName.length > 200) throw invalidField('source', 'Name the source in 1 to 200 characters.');
  if (opts.storeId) {
    const store = await db
      .selectFrom('stores')
      .select('id')
      .where('retailer_id', '=', retailerId)
      .where('id', '=', opts.storeId)
      .executeTakeFirst();
    if (!store) throw invalidField('store', 'There is no such store.');
  }
  const retailer = await db.selectFrom('retailers').select('feedback_watch_words').where('id', '=', retailerId).executeTakeFirstOrThrow();

  // The catalog's SKUs and handles, folded for case; a mapping must name only what is there.
  const variants = await db
    .selectFrom('variants')
    .select(['sku', 'product_id'])
    .where('retailer_id', '=', retailerId)
    .where('sku', 'is not', null)
    .execute();
  const products = await db.selectFrom('products').select(['id', 'handle']).where('retailer_id', '=', retailerId).execute();
  const bySku = new Map(variants.map((v) => [(v.sku as string).toLowerCase(), v.product_id]));
  const byHandle = new Map(products.map((p) => [p.handle.toLowerCase(), p.id]));
  const inCatalog = (key: string) => bySku.get(key.toLowerCase()) ?? byHandle.get(key.toLowerCase()) ?? null;
  if (opts.mapping) {
    const unknown = [...new Set(opts.mapping.values())].filter((to) => !inCatalog(to));
    if (unknown.length)
      throw invalidField(
        'mapping',
        `The mapping names ${unknown.length === 1 ? 'a product' : 'products'} the catalog does not have: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}.`,
      );
  }
  const productFor = (ref: string): string | null => {
    if (opts.mapping) {
      const to = opts.mapping.get(ref);
      return to ? inCatalog(to) : null;
    }
    return inCatalog(ref);
  };

  const run = await ImportRun.start(deps, audit, {
    kind: 'reviews',
    format: 'csv',
    fileName: opts.fileName,
    storeId: opts.storeId,
    bytesTotal: opts.bytesTotal,
  });
  const { counts, details } = run;
  details.mapped = 0;
  details.unmapped = 0;
  details.unmappedProducts = [];
  const unmappedByRef = new Map<string, number>();
  const report = (): ReviewsImportReport => ({
    importId: run.id,
    bytesRead: counts.bytesRead,
    bytesTotal: counts.bytesTotal,
    lines: counts.rows,
    created: counts.created,
    skipped: counts.matched,
    failed: counts.failed,
    mapped: details.mapped ?? 0,
    unmapped: details.unmapped ?? 0,
    unmappedProducts: details.unmappedProducts ?? [],
    errors: run.errors,
  });

  async function write(rows: Pending[]) {
    await db.transaction().execute(async (trx) => {
      const inserted = !rows.length
        ? []
        : await trx
            .insertInto('feedback_responses')
            .values(
              rows.map((r) => ({
                retailer_id: retailerId,
                id: newId('feedbackResponse'),
                kind: 'imported' as const,
                store_id: opts.storeId ?? null,
                product_id: r.productId,
                satisfaction: r.satisfaction,
                comment: r.comment,
                poor: r.poor,
                source: sourceName,
                source_ref: r.ref,
              })),
            )
            .onConflict((oc) => oc.columns(['retailer_id', 'source', 'source_ref']).where('kind', '=', 'imported').doNothing())
            .returning('id')
            .execute();
      counts.created += inserted.length;
      counts.matched += rows.length - inserted.length;
      details.unmappedProducts = [...unmappedByRef]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, UNMAPPED_LISTED)
        .map(([ref, reviews]) => ({ ref, reviews }));
      await run.save(trx);
    });
    opts.onProgress?.(report());
  }

  const parser = new CsvParser();
  let columns: ReviewColumns | null = null;
  let batch: Pending[] = [];
  const seen = new Map<string, number>();
  let position = 0;
  const take = async (record: CsvRecord) => {
    if (!columns) {
      columns = reviewColumns(record.fields, opts.productColumn);
      return;
    }
    if (record.fields.every((f) => !f.trim())) return;
    counts.rows++;
    position++;
    if (record.error) return run.fail(record.line, `row: ${record.error}`);
    const row = reviewFromRow(columns, record.fields);
    if (!row.ok) return run.fail(record.line, row.reason);
    // Without an id column, a row's place among the file's rows is what stays the same on a re-run.
    const ref = row.ref ?? `row ${position}`;
    const earlier = seen.get(ref);
    if (earlier !== undefined) return run.fail(record.line, `id: ${ref} was already used on line ${earlier}`);
    seen.set(ref, record.line);
    const productId = row.product ? productFor(row.product) : null;
    if (productId) details.mapped = (details.mapped ?? 0) + 1;
    else {
      details.unmapped = (details.unmapped ?? 0) + 1;
      const key = row.product ?? '(none)';
      unmappedByRef.set(key, (unmappedByRef.get(key) ?? 0) + 1);
    }
    const answers = {
      satisfaction: row.satisfaction,
      expectations: null,
      listened: null,
      feltRushed: null,
      inStock: null,
      comment: row.comment,
      mayContact: null,
    };
    batch.push({
      line: record.line,
      ref,
      productId,
      satisfaction: row.satisfaction,
      comment: row.comment,
      poor: poorSigns(answers, retailer.feedback_watch_words).length > 0,
    });
    if (batch.length >= BATCH_ROWS) {
      const done = batch;
      batch = [];
      await write(done);
    }
  };

  return run.execute(async () => {
    for await (const text of decodeText(run.read(source, opts.maxBytes))) for (const record of parser.push(text)) await take(record);
    for (const record of parser.end()) await take(record);
    if (!columns) throw new AppError('validation_failed', 'The file is empty.', { fields: [{ field: 'file', message: 'is empty' }] });
    // The last rows, and the report's final figures even when there are none.
    await write(batch);
    await recordAudit(db, audit, {
      action: 'feedback.imported',
      subjectType: 'import',
      subjectId: run.id,
      storeId: opts.storeId ?? null,
      details: {
        fileName: opts.fileName,
        source: sourceName,
        created: counts.created,
        skipped: counts.matched,
        failed: counts.failed,
        unmapped: details.unmapped,
      },
    });
    return report();
  });
}
