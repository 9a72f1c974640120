import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { IdParams, Nullable, page, responses, StaffRef, Timestamp } from '../../http/schemas.ts';
import { auditContext } from '../audit/audit.repo.ts';
import { Money } from '../catalog/catalog.schemas.ts';
import { getSale, listSales, recordReturn, recordSale } from './sales.service.ts';

const tags = ['Sales'];
const Id = Type.String({ maxLength: 40 });
const ExternalId = Type.String({ minLength: 1, maxLength: 100, description: 'Your own id for it: posting it again records it once' });
const Units = Type.Integer({ minimum: 1, maximum: 100_000 });

const LineInput = Type.Object(
  {
    variantId: Type.Optional(Id),
    sku: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    quantity: Units,
    unitPrice: Type.Optional(Money),
    discount: Type.Optional(Money),
    holdId: Type.Optional(Id),
    description: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const SaleBody = Type.Object(
  {
    externalId: Type.Optional(ExternalId),
    storeId: Id,
    soldAt: Type.Optional(Timestamp),
    staffId: Type.Optional(Nullable(Id)),
    customerId: Type.Optional(Nullable(Id)),
    visitId: Type.Optional(Nullable(Id)),
    currency: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3}$', description: 'ISO 4217; must be the shop’s' })),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    allowBackorder: Type.Optional(Type.Boolean({ description: 'Back-order what stock does not cover instead of refusing' })),
    lines: Type.Array(LineInput, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);

const ReturnBody = Type.Object(
  {
    externalId: Type.Optional(ExternalId),
    storeId: Type.Optional(Id),
    soldAt: Type.Optional(Timestamp),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    lines: Type.Array(
      Type.Object(
        { lineNo: Type.Integer({ minimum: 1 }), quantity: Units, restock: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
    exchange: Type.Optional(Type.Array(LineInput, { maxItems: 200 })),
  },
  { additionalProperties: false },
);

const SaleLineSchema = Type.Object({
  lineNo: Type.Integer(),
  variantId: Nullable(Type.String()),
  productId: Nullable(Type.String()),
  description: Type.String(),
  sku: Nullable(Type.String()),
  quantity: Type.Integer(),
  unitPrice: Type.Number(),
  discount: Type.Number(),
  total: Type.Number(),
  backordered: Type.Integer(),
  returnsLine: Nullable(Type.Integer()),
  returned: Type.Integer({ description: 'Units of this line given back so far' }),
});

const SaleSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('sale'), Type.Literal('return')]),
  store: Type.Object({ id: Type.String(), name: Type.String() }),
  staff: StaffRef,
  customer: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  visitId: Nullable(Type.String()),
  externalId: Nullable(Type.String()),
  originalSaleId: Nullable(Type.String()),
  soldAt: Timestamp,
  currency: Type.String(),
  total: Type.Number(),
  discountTotal: Type.Number(),
  note: Nullable(Type.String()),
  lines: Type.Array(SaleLineSchema),
  returns: Type.Array(Type.Object({ id: Type.String(), soldAt: Timestamp, total: Type.Number() })),
});

const SaleSummarySchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('sale'), Type.Literal('return')]),
  soldAt: Timestamp,
  total: Type.Number(),
  currency: Type.String(),
  store: Type.Object({ id: Type.String(), name: Type.String() }),
  staffName: Nullable(Type.String()),
  customer: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  lines: Type.Integer(),
});

const fullName = (first: string | null, last: string | null) => [first, last].filter(Boolean).join(' ');

async function presentSale(deps: Deps, actor: ReturnType<typeof principalOf>, id: string) {
  const { sale, lines, returns, returned } = await getSale(deps, actor, id);
  return {
    id: sale.id,
    kind: sale.kind,
    store: { id: sale.store_id, name: sale.store_name },
    staff: sale.staff_id && sale.staff_name ? { id: sale.staff_id, name: sale.staff_name } : null,
    customer: sale.customer_id && sale.first_name ? { id: sale.customer_id, name: fullName(sale.first_name, sale.last_name) } : null,
    visitId: sale.visit_id,
    externalId: sale.external_id,
    originalSaleId: sale.original_sale_id,
    soldAt: sale.sold_at.toISOString(),
    currency: sale.currency,
    total: sale.total,
    discountTotal: sale.discount_total,
    note: sale.note,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      variantId: l.variant_id,
      productId: l.product_id,
      description: l.description,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: l.unit_price,
      discount: l.discount,
      total: l.total,
      backordered: l.backordered,
      returnsLine: l.returns_line,
      returned: returned.get(l.line_no) ?? 0,
    })),
    returns: returns.map((r) => ({ id: r.id, soldAt: r.sold_at.toISOString(), total: r.total })),
  };
}

export function salesRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/sales',
    {
      config: { permission: 'sales.close' },
      schema: {
        operationId: 'recordSale',
        summary: 'Record a sale (a till, a POS, an encounter): stock, the customer’s figures and timeline in one go',
        description:
          'Idempotent by `externalId`: posting the same sale again answers 200 with the sale already recorded; the same id with different lines is a 409.',
        tags,
        body: SaleBody,
        response: responses({ 201: SaleSchema, 200: SaleSchema }, [400, 401, 403, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const { id, replayed } = await recordSale(deps, p, auditContext(request, p), request.body);
      return reply.status(replayed ? 200 : 201).send(await presentSale(deps, p, id));
    },
  );

  r.post(
    '/api/sales/:id/returns',
    {
      config: { permission: 'sales.close' },
      schema: {
        operationId: 'recordReturn',
        summary: 'Give back lines of a sale (and take others in exchange); never more than was bought',
        tags,
        params: IdParams,
        body: ReturnBody,
        response: responses({ 201: SaleSchema, 200: SaleSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const { id, replayed } = await recordReturn(deps, p, auditContext(request, p), request.params.id, request.body);
      return reply.status(replayed ? 200 : 201).send(await presentSale(deps, p, id));
    },
  );

  r.get(
    '/api/sales/:id',
    {
      config: { permission: 'sales.close' },
      schema: {
        operationId: 'getSale',
        summary: 'A sale with its lines and returns',
        tags,
        params: IdParams,
        response: responses({ 200: SaleSchema }, [401, 403, 404]),
      },
    },
    async (request) => presentSale(deps, principalOf(request), request.params.id),
  );

  r.get(
    '/api/sales',
    {
      config: { permission: 'sales.close' },
      schema: {
        operationId: 'listSales',
        summary: 'Sales and returns in your stores, newest first',
        tags,
        querystring: Type.Object({
          storeId: Type.Optional(Id),
          customerId: Type.Optional(Id),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          cursor: Type.Optional(Type.String({ maxLength: 80 })),
        }),
        response: responses({ 200: page(SaleSummarySchema) }, [400, 401, 403]),
      },
    },
    async (request) => {
      const result = await listSales(deps, principalOf(request), request.query);
      return {
        items: result.items.map((s) => ({
          id: s.id,
          kind: s.kind,
          soldAt: s.sold_at.toISOString(),
          total: s.total,
          currency: s.currency,
          store: { id: s.store_id, name: s.store_name },
          staffName: s.staff_name,
          customer: s.customer_id && s.first_name ? { id: s.customer_id, name: fullName(s.first_name, s.last_name) } : null,
          lines: s.line_count,
        })),
        nextCursor: result.nextCursor,
      };
    },
  );
}
