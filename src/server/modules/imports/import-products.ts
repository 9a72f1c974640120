import { foldText } from '../../../shared/domain/search-terms.ts';
import { CsvParser } from '../../../shared/formats/csv.ts';
import { type ProductField, type ProductMapping, shopifyProductField } from '../../../shared/formats/product-columns.ts';
import { newId } from '../../../shared/ids.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import { colourFamilies, insertProduct, type VariantValues } from '../catalog/catalog.repo.ts';
import { MAX_VARIANTS } from '../catalog/catalog.schemas.ts';
import { applyMovement } from '../stock/stock.repo.ts';
import { decodeText, ImportRun } from './import-runs.ts';

/** The longest product title, as the API allows. */
const MAX_TITLE = 200;
/** Pictures kept per product, as the API allows. */
const MAX_IMAGES = 20;
/** Products written per transaction, each batch saving the run's progress with it. */
const BATCH_PRODUCTS = 250;

export interface ProductImportReport {
  importId: string;
  lines: number;
  products: number;
  variants: number;
  matched: number;
  failed: number;
  errors: { line: number; reason: string }[];
  warnings: { line: number; reason: string }[];
}

interface Draft {
  line: number;
  handle: string;
  title: string;
  description: string;
  category: string | null;
  status: 'active' | 'retired';
  options: string[];
  variants: (VariantValues & { line: number; quantity: number | null })[];
  /** The variants' titles, so a repeated one is found without reading them all again. */
  titles: Set<string>;
  /** Variant rows reported as failed already. */
  failedVariants: number;
  images: { url: string; alt: string }[];
}

/** Text of a product description written as HTML: tags dropped, entities and spacing tidied. */
const plainText = (html: string) =>
  html
    .replace(/<(br|\/p|\/li|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();

/** A price as written in a file: digits with a decimal point; a comma is refused rather than guessed. */
function money(text: string, field: string): number | string {
  const t = text.trim().replace(/^[£$€]/, '');
  if (/^\d+,\d{1,2}$/.test(t)) return `${field}: "${text}" uses a comma; write the decimals with a point (12.50)`;
  const n = Number(t);
  if (!/^-?\d+(\.\d+)?$/.test(t) || !Number.isFinite(n)) return `${field}: "${text}" is not a price`;
  if (n < 0) return `${field}: ${text} is below zero`;
  return Math.round(n * 100) / 100;
}

/**
 * Imports products from a Shopify product export (a product's variants on the rows after it that
 * share its Handle, with only the option values filled; image-only rows) or from another CSV whose
 * columns are mapped to the same fields (rows sharing a handle are variants of one product; without
 * a handle column, each row is a product). A product whose handle is already in the catalog is left
 * alone, so running the file again changes nothing; with a store, each variant's quantity is
 * counted into it.
 */
export async function importProducts(
  deps: Pick<Deps, 'db' | 'now'>,
  audit: AuditContext,
  source: AsyncIterable<Uint8Array>,
  opts: {
    fileName: string;
    mapping?: ProductMapping | undefined;
    storeId?: string | undefined;
    bytesTotal?: number | null | undefined;
    /** Refuse the file once it grows past this many bytes (uploads). */
    maxBytes?: number | undefined;
  },
): Promise<ProductImportReport> {
  const db = deps.db;
  const retailerId = audit.retailerId;
  const run = await ImportRun.start(deps, audit, {
    kind: 'products',
    format: opts.mapping ? 'csv' : 'shopify',
    fileName: opts.fileName,
    storeId: opts.storeId,
    bytesTotal: opts.bytesTotal,
  });
  const { counts } = run;
  const fail = (line: number, reason: string) => run.fail(line, reason);
  const failVariant = (draft: Draft, line: number, reason: string) => {
    draft.failedVariants++;
    fail(line, reason);
  };
  const parser = new CsvParser();
  let fields: (ProductField | undefined)[] | null = null;
  const drafts = new Map<string, Draft>();
  let generated = 0;
  const take = (record: { line: number; fields: string[]; error?: string | undefined }) => {
    if (!fields) {
      const header = record.fields.map((h) => h.trim());
      fields = header.map((h) => {
        const field = opts.mapping ? opts.mapping[h] : shopifyProductField(h);
        return field === 'ignore' ? undefined : field;
      });
      if (!fields.includes('title'))
        throw new AppError(
          'validation_failed',
          opts.mapping
            ? 'The mapping must name the column that holds the product title.'
            : `This is not a Shopify product export: its first line is "${header.slice(0, 6).join(', ')}". Map the columns yourself.`,
          { fields: [{ field: 'file', message: 'has no title column' }] },
        );
      return;
    }
    if (record.fields.every((f) => !f.trim())) return;
    counts.rows++;
    if (record.error) return fail(record.line, record.error);
    const row: Partial<Record<ProductField, string>> = {};
    fields.forEach((f, i) => {
      const v = (record.fields[i] ?? '').trim();
      if (f && v && !row[f]) row[f] = v;
    });
    const handle =
      (row.handle ?? '').toLowerCase() ||
      (fields.includes('handle') ? '' : `row-${++generated}-${foldText(row.title ?? '').replace(/[^a-z0-9]+/g, '-')}`.slice(0, 100));
    if (!handle) return fail(record.line, 'handle: is empty');
    let draft = drafts.get(handle);
    if (!draft) {
      if (!row.title) return fail(record.line, `title: is empty for the first row of ${handle}`);
      if (row.title.length > MAX_TITLE) run.warn(record.line, `title: longer than ${MAX_TITLE} characters; cut to fit`);
      const statusText = (row.status ?? 'active').toLowerCase();
      draft = {
        line: record.line,
        handle:
          foldText(handle)
            .replace(/[^a-z0-9-]+/g, '-')
            .replace(/^-+/, '')
            .slice(0, 100) || `product-${record.line}`,
        title: row.title.slice(0, MAX_TITLE),
        description: plainText(row.description ?? ''),
        category: row.category ?? null,
        status: statusText === 'archived' || statusText === 'draft' ? 'retired' : 'active',
        options: [row.option1Name, row.option2Name, row.option3Name].filter((o): o is string => Boolean(o)),
        variants: [],
        titles: new Set(),
        failedVariants: 0,
        images: [],
      };
      drafts.set(handle, draft);
    }
    if (row.imageSrc) {
      if (/^https?:\/\/\S+$/.test(row.imageSrc)) {
        if (draft.images.length < MAX_IMAGES && !draft.images.some((i) => i.url === row.imageSrc))
          draft.images.push({ url: row.imageSrc, alt: row.imageAlt ?? '' });
      } else run.warn(record.line, `image: "${row.imageSrc.slice(0, 60)}" is not an http(s) address; left out`);
    }
    const values = [row.option1Value, row.option2Value, row.option3Value].filter((v): v is string => Boolean(v));
    if (!row.price && !row.sku && values.length === 0) return; // an image-only row
    if (!row.price) return failVariant(draft, record.line, 'price: is empty');
    const price = money(row.price, 'price');
    if (typeof price === 'string') return failVariant(draft, record.line, price);
    const cost = row.cost ? money(row.cost, 'cost') : null;
    if (typeof cost === 'string') return failVariant(draft, record.line, cost);
    let barcode: string | null = row.barcode ?? null;
    if (barcode && !/^\d{8,14}$/.test(barcode)) {
      run.warn(record.line, `barcode: "${barcode}" is not a barcode (a spreadsheet may have rounded it); left out`);
      barcode = null;
    }
    const quantity = row.quantity ? Number(row.quantity) : null;
    if (quantity !== null && !Number.isInteger(quantity))
      return failVariant(draft, record.line, `quantity: "${row.quantity}" is not a whole number`);
    const title = values.length === 0 || (values.length === 1 && values[0] === 'Default Title') ? 'Default' : values.join(' / ');
    const options = Object.fromEntries(values.map((v, i) => [draft.options[i] ?? `Option ${i + 1}`, v]));
    if (draft.titles.has(title)) return failVariant(draft, record.line, `${handle} has the variant "${title}" twice`);
    if (draft.variants.length >= MAX_VARIANTS)
      return failVariant(draft, record.line, `${handle} has more than ${MAX_VARIANTS} variants; make another product for the rest`);
    draft.titles.add(title);
    draft.variants.push({ line: record.line, title, options, sku: row.sku ?? null, barcode, price, unitCost: cost, quantity });
  };
  return run.execute(async () => {
    for await (const text of decodeText(run.read(source, opts.maxBytes))) for (const record of parser.push(text)) take(record);
    for (const record of parser.end()) take(record);
    if (!fields) throw new AppError('validation_failed', 'The file is empty.', { fields: [{ field: 'file', message: 'is empty' }] });
    const families = await colourFamilies(db, retailerId);
    const categories = new Map<string, string>();
    const all = [...drafts.values()];
    for (let at = 0; at < all.length; at += BATCH_PRODUCTS) {
      const batch = all.slice(at, at + BATCH_PRODUCTS);
      await db.transaction().execute(async (trx) => {
        const existing = new Set(
          (
            await trx
              .selectFrom('products')
              .select('handle')
              .where('retailer_id', '=', retailerId)
              .where(
                'handle',
                'in',
                batch.map((d) => d.handle),
              )
              .execute()
          ).map((r) => r.handle),
        );
        const wanted = batch.flatMap((d) => d.variants.flatMap((v) => (v.sku ? [v.sku] : [])));
        const skus = new Set(
          wanted.length
            ? (
                await trx.selectFrom('variants').select('sku').where('retailer_id', '=', retailerId).where('sku', 'in', wanted).execute()
              ).map((r) => r.sku)
            : [],
        );
        const categoryOf = async (path: string | null) => {
          if (!path) return null;
          let parent: string | null = null;
          for (const name of path
            .split('>')
            .map((p) => p.trim())
            .filter(Boolean)) {
            const key = `${parent ?? ''}/${name.toLowerCase()}`;
            let id = categories.get(key);
            if (!id) {
              const found = await trx
                .selectFrom('categories')
                .select('id')
                .where('retailer_id', '=', retailerId)
                .where((eb) => (parent ? eb('parent_id', '=', parent) : eb('parent_id', 'is', null)))
                .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
                .executeTakeFirst();
              id = found?.id ?? newId('category');
              if (!found) await trx.insertInto('categories').values({ retailer_id: retailerId, id, name, parent_id: parent }).execute();
              categories.set(key, id);
            }
            parent = id;
          }
          return parent;
        };
        for (const d of batch) {
          if (existing.has(d.handle)) {
            counts.matched++;
            continue;
          }
          const variants = d.variants.filter((v) => {
            if (v.sku && skus.has(v.sku)) {
              fail(v.line, `sku: ${v.sku} belongs to another product`);
              return false;
            }
            if (v.sku) skus.add(v.sku);
            return true;
          });
          if (variants.length === 0) {
            // Variant rows that failed are reported already; a product with none at all fails here.
            if (d.variants.length === 0 && d.failedVariants === 0) fail(d.line, `${d.handle} has no variant with a price`);
            continue;
          }
          const { variantIds } = await insertProduct(
            trx,
            retailerId,
            {
              handle: d.handle,
              title: d.title,
              description: d.description,
              categoryId: await categoryOf(d.category),
              status: d.status,
              images: d.images,
              importKey: `file:${d.handle}`,
            },
            variants,
            families,
          );
          counts.created++;
          run.details.variants = (run.details.variants ?? 0) + variantIds.length;
          if (opts.storeId)
            for (const [i, v] of variants.entries())
              if (v.quantity)
                await applyMovement(
                  trx,
                  {
                    retailerId,
                    storeId: opts.storeId,
                    variantId: variantIds[i] as string,
                    quantity: v.quantity,
                    reason: 'count',
                    note: `import: ${opts.fileName}`,
                  },
                  { allowShort: true },
                );
        }
        await run.save(trx);
      });
    }
    await recordAudit(db, audit, {
      action: 'products.imported',
      subjectType: 'import',
      subjectId: run.id,
      details: {
        fileName: opts.fileName,
        products: counts.created,
        variants: run.details.variants ?? 0,
        matched: counts.matched,
        failed: counts.failed,
      },
    });
    return {
      importId: run.id,
      lines: counts.rows,
      products: counts.created,
      variants: run.details.variants ?? 0,
      matched: counts.matched,
      failed: counts.failed,
      errors: run.errors,
      warnings: run.warnings,
    };
  });
}
