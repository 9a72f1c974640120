import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Static, type TSchema, Type } from 'typebox';
import { roleCan } from '../../../shared/domain/roles.ts';
import { type ColumnMapping, CUSTOMER_FIELDS } from '../../../shared/formats/customer-columns.ts';
import { PRODUCT_FIELDS, type ProductMapping } from '../../../shared/formats/product-columns.ts';
import { IMPORT_KINDS, IMPORT_PERMISSION, type ImportKind } from '../../../shared/imports.ts';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { forbidden, invalidField, notFound } from '../../http/errors.ts';
import { IdParams, Nullable, responses, Timestamp } from '../../http/schemas.ts';
import { auditContext } from '../audit/audit.repo.ts';
import { storeIn } from '../stock/stock.service.ts';
import { exportCustomerList } from './export-customers.ts';
import { importCustomers } from './import-customers.ts';
import { importProducts } from './import-products.ts';
import { importReviews } from './import-reviews.ts';
import { tooLarge, unpacked } from './import-runs.ts';
import { importSalesHistory } from './import-sales.ts';
import { importStockLevels } from './import-stock.ts';

const tags = ['Imports and export'];
const staffOnly = { staffOnly: true } as const;

const KindSchema = Type.Union(
  [Type.Literal('customers'), Type.Literal('products'), Type.Literal('stock'), Type.Literal('sales'), Type.Literal('reviews')],
  {
    description:
      'customers, products, stock (a count of units on hand per SKU), sales (a till history) or reviews (historical product reviews)',
  },
);
const FileFormatSchema = Type.Union([Type.Literal('shopify'), Type.Literal('csv'), Type.Literal('vcard'), Type.Literal('online-retail')], {
  description:
    'shopify: a Shopify customer or product export; csv: any CSV (mapped, or with known headings); vcard: .vcf (2.1, 3.0, 4.0); online-retail: one sale line per row',
});
const Line = Type.Object({ line: Type.Integer(), reason: Type.String() });

const ImportReportSchema = Type.Object(
  {
    id: Type.String(),
    kind: KindSchema,
    fileName: Type.String(),
    format: FileFormatSchema,
    store: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    status: Type.Union([Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed')]),
    startedBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    startedAt: Timestamp,
    finishedAt: Nullable(Timestamp),
    bytesRead: Type.Integer(),
    bytesTotal: Nullable(Type.Integer()),
    rows: Type.Integer({ description: 'Rows read, not counting empty ones' }),
    created: Type.Integer({
      description: 'Customers or products added, stock lines whose count changed the units on hand, or sales recorded',
    }),
    matched: Type.Integer({
      description: 'Already there and left unchanged: the same customer, product handle, units on hand, or invoice',
    }),
    empty: Type.Integer(),
    failed: Type.Integer(),
    details: Type.Object(
      {
        variants: Type.Optional(Type.Integer()),
        invoices: Type.Optional(Type.Integer()),
        products: Type.Optional(Type.Integer()),
        customers: Type.Optional(Type.Integer()),
        mapped: Type.Optional(Type.Integer()),
        unmapped: Type.Optional(Type.Integer()),
        unmappedProducts: Type.Optional(
          Type.Array(Type.Object({ ref: Type.String(), reviews: Type.Integer() }), {
            description: 'The file’s product ids the catalog does not have, most reviewed first (up to 20)',
          }),
        ),
      },
      {
        description:
          'Figures of one kind: variants added (products); invoices read, new products and new customers (sales); reviews whose product was found or not (reviews)',
      },
    ),
    errors: Type.Array(Line, { description: 'Up to 1,000 bad rows with their line' }),
    warnings: Type.Array(Line, { description: 'Up to 1,000 rows kept with a remark (an image address refused, say)' }),
    message: Nullable(Type.String()),
  },
  { title: 'ImportReport' },
);

const Upload = { fileName: Type.String({ minLength: 1, maxLength: 200 }) };
const StoreParam = Type.String({ minLength: 1, description: 'The store the file is about' });
const mappingParam = (what: string) =>
  Type.Optional(Type.String({ maxLength: 20000, description: `CSV only: JSON object from header text to a ${what} field or "ignore"` }));

const CUSTOMER_FIELD_NAMES = new Set<string>([...CUSTOMER_FIELDS.map((f) => f.field), 'ignore']);
const PRODUCT_FIELD_NAMES = new Set<string>([...PRODUCT_FIELDS, 'ignore']);

function parseMapping(raw: string | undefined, fields: Set<string>, what: string): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidField('mapping', 'The mapping is not JSON.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw invalidField('mapping', 'The mapping must be an object of column → field.');
  for (const [column, field] of Object.entries(value)) {
    if (typeof field !== 'string' || !fields.has(field))
      throw invalidField(`mapping.${column}`, `"${String(field)}" is not a ${what} field; use one of ${[...fields].join(', ')}.`);
  }
  return value as Record<string, string>;
}

/** A review file's product ids → SKUs or handles, from the query's JSON object. */
function parseProductIds(raw: string | undefined): Map<string, string> | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidField('mapping', 'The mapping is not JSON.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw invalidField('mapping', 'The mapping must be an object of the file’s product id → SKU or product handle.');
  const entries = Object.entries(value);
  for (const [id, to] of entries)
    if (typeof to !== 'string' || !to.trim()) throw invalidField(`mapping.${id}`, 'Give a SKU or product handle.');
  return new Map(entries.map(([id, to]) => [id.trim(), (to as string).trim()]));
}

type ImportRow = Awaited<ReturnType<typeof loadImports>>[number];

async function loadImports(deps: Deps, retailerId: string, kinds: ImportKind[], id?: string) {
  if (kinds.length === 0) return [];
  let q = deps.db
    .selectFrom('imports as i')
    .leftJoin('staff as s', (j) => j.onRef('s.retailer_id', '=', 'i.retailer_id').onRef('s.id', '=', 'i.started_by'))
    .leftJoin('stores as st', (j) => j.onRef('st.retailer_id', '=', 'i.retailer_id').onRef('st.id', '=', 'i.store_id'))
    .selectAll('i')
    .select(['s.name as started_by_name', 'st.name as store_name'])
    .where('i.retailer_id', '=', retailerId)
    .where('i.kind', 'in', kinds);
  if (id) q = q.where('i.id', '=', id);
  return q.orderBy('i.started_at', 'desc').limit(50).execute();
}

function presentImport(r: ImportRow, full: boolean): Static<typeof ImportReportSchema> {
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    format: r.format,
    store: r.store_id && r.store_name ? { id: r.store_id, name: r.store_name } : null,
    status: r.status,
    startedBy: r.started_by && r.started_by_name ? { id: r.started_by, name: r.started_by_name } : null,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    bytesRead: Number(r.bytes_read),
    bytesTotal: r.bytes_total === null ? null : Number(r.bytes_total),
    rows: r.rows,
    created: r.created,
    matched: r.matched,
    empty: r.empty,
    failed: r.failed,
    details: r.details,
    errors: full ? r.errors : [],
    warnings: full ? r.warnings : [],
    message: r.message,
  };
}

/** The kinds of import this person may run and read. */
const kindsFor = (request: FastifyRequest) => {
  const p = principalOf(request);
  return IMPORT_KINDS.filter((k) => p.kind === 'staff' && roleCan(p.role, IMPORT_PERMISSION[k]));
};

/**
 * The uploaded file as a stream (refused early when it declares more bytes than the upload takes),
 * unpacked when its name ends in .gz or .br, with its declared size.
 */
function uploadOf(deps: Deps, request: FastifyRequest, reply: FastifyReply, kind: ImportKind, fileName: string) {
  const limit = deps.config.importUploadLimitBytes;
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (declared > limit) {
    reply.header('connection', 'close');
    throw tooLarge(limit, kind);
  }
  const body = request.body as Readable | undefined;
  if (!body || !(body instanceof Readable)) throw invalidField('body', 'Send the file as the request body (application/octet-stream).');
  const packed = /\.(gz|br)$/i.test(fileName);
  return {
    source: unpacked(body, fileName),
    // A packed file's unpacked size is not known ahead; progress is then shown in bytes read.
    bytesTotal: Number.isFinite(declared) && !packed ? declared : null,
    maxBytes: packed ? undefined : limit,
  };
}

const UPLOAD_DESCRIPTION =
  'Send the file bytes as the raw body (application/octet-stream or text/csv); a name ending in .gz or .br is unpacked as it is read. Answers with the report when the file is done; while it runs, GET /api/imports lists its progress. Bad rows are reported with their line and the good ones kept; sending the same file again changes nothing.';

/** Files in (customers, products, stock counts, sales histories, reviews — uploaded and streamed), their reports, and the customer list out. */
export function importsRoutes(app: FastifyInstance, deps: Deps) {
  // Uploads reach the handler as a stream, read as the import goes: no file is held in memory.
  app.addContentTypeParser(['application/octet-stream', 'text/csv', 'text/vcard', 'text/x-vcard'], (_request, payload, done) =>
    done(null, payload),
  );
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  const report = async (request: FastifyRequest, id: string) => {
    const [row] = await loadImports(deps, principalOf(request).retailerId, kindsFor(request), id);
    if (!row) throw notFound('Import');
    return presentImport(row, true);
  };
  const upload = <Q extends TSchema>(kind: ImportKind, summary: string, querystring: Q) => ({
    config: { permission: IMPORT_PERMISSION[kind], staffOnly: true } as const,
    schema: {
      operationId: `import${kind.charAt(0).toUpperCase()}${kind.slice(1)}`,
      summary,
      description: UPLOAD_DESCRIPTION,
      tags,
      querystring,
      response: responses({ 200: ImportReportSchema }, [400, 401, 403, 413]),
    },
  });

  r.get(
    '/api/imports/limits',
    {
      config: staffOnly,
      schema: {
        operationId: 'importLimits',
        summary: 'The largest file the upload takes (the command line has no limit)',
        tags,
        response: responses({ 200: Type.Object({ maxBytes: Type.Integer() }) }),
      },
    },
    async () => ({ maxBytes: deps.config.importUploadLimitBytes }),
  );

  r.post(
    '/api/imports/customers',
    upload(
      'customers',
      'Import a customer file (Shopify export, mapped CSV or vCard)',
      Type.Object({
        ...Upload,
        format: Type.Union([Type.Literal('shopify'), Type.Literal('csv'), Type.Literal('vcard')]),
        mapping: mappingParam('customer'),
      }),
    ),
    async (request, reply) => {
      const p = principalOf(request);
      const { fileName, format } = request.query;
      const mapping = parseMapping(request.query.mapping, CUSTOMER_FIELD_NAMES, 'customer') as ColumnMapping | undefined;
      const file = uploadOf(deps, request, reply, 'customers', fileName);
      const id = await importCustomers(deps, auditContext(request, p), file.source, { format, fileName, mapping, ...file });
      return report(request, id);
    },
  );

  r.post(
    '/api/imports/products',
    upload(
      'products',
      'Import products from a Shopify product export or a mapped CSV; with a store, its quantities are counted in',
      Type.Object({ ...Upload, store: Type.Optional(StoreParam), mapping: mappingParam('product') }),
    ),
    async (request, reply) => {
      const p = principalOf(request);
      const { fileName } = request.query;
      const mapping = parseMapping(request.query.mapping, PRODUCT_FIELD_NAMES, 'product') as ProductMapping | undefined;
      const storeId = request.query.store ? (await storeIn(deps.db, p, request.query.store, 'store')).id : undefined;
      const file = uploadOf(deps, request, reply, 'products', fileName);
      const result = await importProducts(deps, auditContext(request, p), file.source, { fileName, mapping, storeId, ...file });
      return report(request, result.importId);
    },
  );

  r.post(
    '/api/imports/stock',
    upload('stock', 'Count stock into a store from a CSV of SKU (or barcode) and quantity', Type.Object({ ...Upload, store: StoreParam })),
    async (request, reply) => {
      const p = principalOf(request);
      const { fileName } = request.query;
      const storeId = (await storeIn(deps.db, p, request.query.store, 'store')).id;
      const file = uploadOf(deps, request, reply, 'stock', fileName);
      const result = await importStockLevels(deps, auditContext(request, p), file.source, { fileName, storeId, ...file });
      return report(request, result.importId);
    },
  );

  r.post(
    '/api/imports/sales',
    upload(
      'sales',
      'Import a sales history (one sale line per row: invoice, stock code, description, quantity, date, unit price, customer, country) into a store',
      Type.Object({ ...Upload, store: StoreParam }),
    ),
    async (request, reply) => {
      const p = principalOf(request);
      const { fileName } = request.query;
      const storeId = (await storeIn(deps.db, p, request.query.store, 'store')).id;
      const file = uploadOf(deps, request, reply, 'sales', fileName);
      const result = await importSalesHistory(deps, auditContext(request, p), file.source, { fileName, storeId, ...file });
      return report(request, result.importId);
    },
  );

  r.post(
    '/api/imports/reviews',
    upload(
      'reviews',
      'Import historical reviews (a rating 1–5, a title and text, the product reviewed) as feedback of their own kind, out of response rates',
      Type.Object({
        ...Upload,
        store: Type.Optional(StoreParam),
        source: Type.Optional(
          Type.String({
            minLength: 1,
            maxLength: 200,
            description: 'What the reviews are from (default: the file name without extensions)',
          }),
        ),
        productColumn: Type.Optional(
          Type.String({
            minLength: 1,
            maxLength: 200,
            description: 'The column holding the product reviewed (default: Clothing ID, Product ID, SKU …)',
          }),
        ),
        mapping: Type.Optional(
          Type.String({
            maxLength: 20000,
            description:
              'JSON object from the file’s product id to a SKU or product handle; without it, ids are matched to SKUs and handles',
          }),
        ),
      }),
    ),
    async (request, reply) => {
      const p = principalOf(request);
      const { fileName, source, productColumn } = request.query;
      const mapping = parseProductIds(request.query.mapping);
      const storeId = request.query.store ? (await storeIn(deps.db, p, request.query.store, 'store')).id : undefined;
      const file = uploadOf(deps, request, reply, 'reviews', fileName);
      const result = await importReviews(deps, auditContext(request, p), file.source, {
        fileName,
        source,
        productColumn,
        mapping,
        storeId,
        bytesTotal: file.bytesTotal,
        maxBytes: file.maxBytes,
      });
      return report(request, result.importId);
    },
  );

  r.get(
    '/api/imports',
    {
      config: staffOnly,
      schema: {
        operationId: 'listImports',
        summary: 'Recent imports of the kinds this person may run, newest first (reports without their line lists)',
        tags,
        querystring: Type.Object({ kind: Type.Optional(KindSchema) }),
        response: responses({ 200: Type.Object({ items: Type.Array(ImportReportSchema) }) }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const allowed = kindsFor(request);
      const { kind } = request.query;
      if (kind && !allowed.includes(kind)) throw forbidden('Your role may not see these imports.');
      const rows = await loadImports(deps, p.retailerId, kind ? [kind] : allowed);
      return { items: rows.map((row) => presentImport(row, false)) };
    },
  );

  r.get(
    '/api/imports/:id',
    {
      config: staffOnly,
      schema: {
        operationId: 'getImport',
        summary: 'One import’s report; while it runs, its progress',
        tags,
        params: IdParams,
        response: responses({ 200: ImportReportSchema }, [401, 403, 404]),
      },
    },
    async (request) => report(request, request.params.id),
  );

  r.get(
    '/api/customers/export.csv',
    {
      config: { permission: 'customers.bulk', staffOnly: true },
      schema: {
        operationId: 'exportCustomerList',
        summary: 'The customer list as CSV (UTF-8; opens in spreadsheets, imports back as CSV); logged',
        tags,
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const day = deps.now().toISOString().slice(0, 10);
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="customers-${day}.csv"`);
      return reply.send(Readable.from(exportCustomerList(deps, p, auditContext(request, p))));
    },
  );
}
