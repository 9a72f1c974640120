import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import { type ColumnMapping, CUSTOMER_FIELDS } from '../../../shared/formats/customer-columns.ts';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { invalidField, notFound } from '../../http/errors.ts';
import { IdParams, Nullable, responses, Timestamp } from '../../http/schemas.ts';
import { auditContext } from '../audit/audit.repo.ts';
import { exportCustomerList } from './export-customers.ts';
import { closeInterruptedImports, importCustomers, tooLarge } from './import-customers.ts';

const tags = ['Customer import and export'];
const bulk = { permission: 'customers.bulk', staffOnly: true } as const;

const FormatSchema = Type.Union([Type.Literal('shopify'), Type.Literal('csv'), Type.Literal('vcard')], {
  description: 'shopify: Shopify customer export CSV; csv: any CSV, with `mapping`; vcard: .vcf (2.1, 3.0, 4.0)',
});

const ImportReportSchema = Type.Object(
  {
    id: Type.String(),
    fileName: Type.String(),
    format: FormatSchema,
    status: Type.Union([Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed')]),
    startedBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    startedAt: Timestamp,
    finishedAt: Nullable(Timestamp),
    bytesRead: Type.Integer(),
    bytesTotal: Nullable(Type.Integer()),
    rows: Type.Integer({ description: 'Rows read, not counting empty ones' }),
    created: Type.Integer(),
    matched: Type.Integer({
      description: 'Already in the customer book (same e-mail, phone, or an earlier run of this file); left unchanged',
    }),
    empty: Type.Integer(),
    failed: Type.Integer(),
    errors: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() }), {
      description: 'Up to 1,000 bad rows with their line',
    }),
    message: Nullable(Type.String()),
  },
  { title: 'ImportReport' },
);

const ImportQuery = Type.Object({
  format: FormatSchema,
  fileName: Type.String({ minLength: 1, maxLength: 200 }),
  mapping: Type.Optional(
    Type.String({ maxLength: 20000, description: 'CSV only: JSON object from header text to a customer field or "ignore"' }),
  ),
});

const FIELD_NAMES = new Set<string>([...CUSTOMER_FIELDS.map((f) => f.field), 'ignore']);

function parseMapping(raw: string | undefined): ColumnMapping | undefined {
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
    if (typeof field !== 'string' || !FIELD_NAMES.has(field))
      throw invalidField(`mapping.${column}`, `"${String(field)}" is not a customer field; use one of ${[...FIELD_NAMES].join(', ')}.`);
  }
  return value as ColumnMapping;
}

type ImportRow = Awaited<ReturnType<typeof loadImports>>[number];

async function loadImports(deps: Deps, retailerId: string, id?: string) {
  let q = deps.db
    .selectFrom('customer_imports as i')
    .leftJoin('staff as s', (j) => j.onRef('s.retailer_id', '=', 'i.retailer_id').onRef('s.id', '=', 'i.started_by'))
    .selectAll('i')
    .select('s.name as started_by_name')
    .where('i.retailer_id', '=', retailerId);
  if (id) q = q.where('i.id', '=', id);
  return q.orderBy('i.started_at', 'desc').limit(50).execute();
}

function presentImport(r: ImportRow, withErrors: boolean): Static<typeof ImportReportSchema> {
  return {
    id: r.id,
    fileName: r.file_name,
    format: r.format,
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
    errors: withErrors ? r.errors : [],
    message: r.message,
  };
}

/** Customer files in (upload, streamed) and the customer list out (CSV). */
export function importsRoutes(app: FastifyInstance, deps: Deps) {
  // Uploads reach the handler as a stream, read as the import goes: no file is held in memory.
  app.addContentTypeParser(['application/octet-stream', 'text/csv', 'text/vcard', 'text/x-vcard'], (_request, payload, done) =>
    done(null, payload),
  );
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/customer-imports/limits',
    {
      config: bulk,
      schema: {
        operationId: 'importLimits',
        summary: 'The largest file the upload takes (the CLI has no limit)',
        tags,
        response: responses({ 200: Type.Object({ maxBytes: Type.Integer() }) }),
      },
    },
    async () => ({ maxBytes: deps.config.importUploadLimitBytes }),
  );

  r.post(
    '/api/customer-imports',
    {
      config: bulk,
      schema: {
        operationId: 'importCustomers',
        summary: 'Import a customer file sent as the raw body; answers with the report when done',
        description:
          'Send the file bytes as application/octet-stream (or text/csv, text/vcard). Rows whose e-mail or phone is already in the book are matched, not duplicated; sending the same file again changes nothing. Bad rows are reported with their line.',
        tags,
        querystring: ImportQuery,
        response: responses({ 200: ImportReportSchema }, [400, 401, 403, 413]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const limit = deps.config.importUploadLimitBytes;
      const declared = Number(request.headers['content-length'] ?? Number.NaN);
      if (declared > limit) {
        reply.header('connection', 'close');
        throw tooLarge(limit);
      }
      const body = request.body as Readable | undefined;
      if (!body || !(body instanceof Readable)) throw invalidField('body', 'Send the file as the request body (application/octet-stream).');
      const mapping = parseMapping(request.query.mapping);
      const fileName = request.query.fileName;
      await closeInterruptedImports(deps, p.retailerId, fileName);
      const id = await importCustomers(deps, auditContext(request, p), body, {
        format: request.query.format,
        fileName,
        mapping,
        bytesTotal: Number.isFinite(declared) ? declared : null,
        maxBytes: limit,
      });
      const [row] = await loadImports(deps, p.retailerId, id);
      if (!row) throw notFound('Import');
      return presentImport(row, true);
    },
  );

  r.get(
    '/api/customer-imports',
    {
      config: bulk,
      schema: {
        operationId: 'listImports',
        summary: 'Recent imports, newest first (reports without their error lists)',
        tags,
        response: responses({ 200: Type.Object({ items: Type.Array(ImportReportSchema) }) }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return { items: (await loadImports(deps, p.retailerId)).map((row) => presentImport(row, false)) };
    },
  );

  r.get(
    '/api/customer-imports/:id',
    {
      config: bulk,
      schema: {
        operationId: 'getImport',
        summary: 'One import’s report; while it runs, its progress',
        tags,
        params: IdParams,
        response: responses({ 200: ImportReportSchema }, [401, 403, 404]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const [row] = await loadImports(deps, p.retailerId, request.params.id);
      if (!row) throw notFound('Import');
      return presentImport(row, true);
    },
  );

  r.get(
    '/api/customers/export.csv',
    {
      config: bulk,
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
