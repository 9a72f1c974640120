import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Selectable } from 'kysely';
import { Type } from 'typebox';
import { roleCan } from '../../../shared/domain/roles.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { forbidden } from '../../http/errors.ts';
import { IdParams, Nullable, responses, Timestamp } from '../../http/schemas.ts';
import { auditContext } from '../audit/audit.repo.ts';
import {
  availability,
  expectDelivery,
  lowStock,
  placeHold,
  receiveDelivery,
  recordMovement,
  releaseHold,
  transferStock,
} from './stock.service.ts';

const tags = ['Stock'];
const Id = Type.String({ maxLength: 40 });
const Units = Type.Integer({ minimum: 1, maximum: 1_000_000 });
const StockState = Type.Union([Type.Literal('in-stock'), Type.Literal('low'), Type.Literal('out')]);
const Incoming = Type.Array(Type.Object({ id: Type.String(), quantity: Type.Integer(), expectedAt: Timestamp }));

const AvailabilitySchema = Type.Object({
  variantId: Type.String(),
  title: Type.String(),
  productId: Type.String(),
  productTitle: Type.String(),
  quantity: Type.Integer(),
  lowThreshold: Type.Integer(),
  stores: Type.Array(
    Type.Object({
      storeId: Type.String(),
      storeName: Type.String(),
      onHand: Type.Integer(),
      held: Type.Integer(),
      available: Type.Integer(),
      state: StockState,
      distanceKm: Nullable(Type.Number()),
      incoming: Incoming,
    }),
  ),
  canSupply: Type.Array(Type.String(), { description: 'Stores that have the whole quantity available today' }),
  components: Type.Array(Type.Object({ variantId: Type.String(), title: Type.String(), quantity: Type.Integer() })),
});

const HoldSchema = Type.Object({
  id: Type.String(),
  storeId: Type.String(),
  variantId: Type.String(),
  customerId: Nullable(Type.String()),
  quantity: Type.Integer(),
  expiresAt: Timestamp,
  status: Type.Union([Type.Literal('active'), Type.Literal('released'), Type.Literal('sold')]),
  note: Nullable(Type.String()),
});

const DeliverySchema = Type.Object({
  id: Type.String(),
  storeId: Type.String(),
  variantId: Type.String(),
  quantity: Type.Integer(),
  expectedAt: Timestamp,
  status: Type.Union([Type.Literal('expected'), Type.Literal('received'), Type.Literal('cancelled')]),
  receivedAt: Nullable(Timestamp),
});

const presentHold = (h: Selectable<DB['stock_holds']>) => ({
  id: h.id,
  storeId: h.store_id,
  variantId: h.variant_id,
  customerId: h.customer_id,
  quantity: h.quantity,
  expiresAt: h.expires_at.toISOString(),
  status: h.status,
  note: h.note,
});

const presentDelivery = (d: Selectable<DB['stock_deliveries']>) => ({
  id: d.id,
  storeId: d.store_id,
  variantId: d.variant_id,
  quantity: d.quantity,
  expectedAt: d.expected_at.toISOString(),
  status: d.status,
  receivedAt: d.received_at?.toISOString() ?? null,
});

export function stockRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/variants/:id/availability',
    {
      schema: {
        operationId: 'variantAvailability',
        summary: 'Where this can be had today: every store, nearest first, with holds and expected deliveries',
        tags,
        params: IdParams,
        querystring: Type.Object({ quantity: Type.Optional(Units), nearStoreId: Type.Optional(Id) }),
        response: responses({ 200: AvailabilitySchema }, [400, 401, 404]),
      },
    },
    async (request) =>
      availability(deps, principalOf(request), request.params.id, {
        quantity: request.query.quantity,
        nearStoreId: request.query.nearStoreId,
      }),
  );

  r.post(
    '/api/stock/movements',
    {
      config: { permission: 'stock.count' },
      schema: {
        operationId: 'recordStockMovement',
        summary: 'Count, damage, a delivery without notice, or a correction (managers; associates may count)',
        tags,
        body: Type.Object(
          {
            storeId: Id,
            variantId: Id,
            reason: Type.Union([Type.Literal('count'), Type.Literal('damage'), Type.Literal('delivery'), Type.Literal('correction')]),
            quantity: Type.Integer({
              minimum: -1_000_000,
              maximum: 1_000_000,
              description: 'Units added (negative removes); for a count, the units counted',
            }),
            note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: Type.Object({ onHand: Type.Integer(), movement: Type.Integer() }) }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      if (request.body.reason !== 'count' && !roleCan(p.role, 'stock.move'))
        throw forbidden('Only managers move stock other than by counting.');
      return reply.status(201).send(await recordMovement(deps, p, auditContext(request, p), request.body));
    },
  );

  r.post(
    '/api/stock/transfers',
    {
      config: { permission: 'stock.move' },
      schema: {
        operationId: 'transferStock',
        summary: 'Move units from one store to another',
        tags,
        body: Type.Object(
          {
            fromStoreId: Id,
            toStoreId: Id,
            variantId: Id,
            quantity: Units,
            note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
          },
          { additionalProperties: false },
        ),
        response: responses(
          { 201: Type.Object({ transferId: Type.String(), fromOnHand: Type.Integer(), toOnHand: Nullable(Type.Integer()) }) },
          [400, 401, 403, 404, 409],
        ),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      return reply.status(201).send(await transferStock(deps, p, auditContext(request, p), request.body));
    },
  );

  r.post(
    '/api/stock/holds',
    {
      config: { permission: 'sales.close' },
      schema: {
        operationId: 'placeHold',
        summary: 'Set units aside for a customer until a time',
        tags,
        body: Type.Object(
          {
            storeId: Id,
            variantId: Id,
            quantity: Units,
            customerId: Type.Optional(Nullable(Id)),
            expiresAt: Timestamp,
            note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: HoldSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      return reply.status(201).send(presentHold(await placeHold(deps, p, auditContext(request, p), request.body)));
    },
  );

  r.post(
    '/api/stock/holds/:id/release',
    {
      config: { permission: 'sales.close' },
      schema: {
        operationId: 'releaseHold',
        summary: 'Give held units back to the shelf',
        tags,
        params: IdParams,
        response: responses({ 200: HoldSchema }, [401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return presentHold(await releaseHold(deps, p, auditContext(request, p), request.params.id));
    },
  );

  r.post(
    '/api/stock/deliveries',
    {
      config: { permission: 'stock.move' },
      schema: {
        operationId: 'expectDelivery',
        summary: 'Record a delivery on its way, with the day it is expected',
        tags,
        body: Type.Object({ storeId: Id, variantId: Id, quantity: Units, expectedAt: Timestamp }, { additionalProperties: false }),
        response: responses({ 201: DeliverySchema }, [400, 401, 403, 404]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      return reply.status(201).send(presentDelivery(await expectDelivery(deps, p, auditContext(request, p), request.body)));
    },
  );

  r.post(
    '/api/stock/deliveries/:id/receive',
    {
      config: { permission: 'stock.count' },
      schema: {
        operationId: 'receiveDelivery',
        summary: 'Receive an expected delivery (all of it, or the units that came)',
        tags,
        params: IdParams,
        body: Type.Object({ quantity: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })) }, { additionalProperties: false }),
        response: responses({ 200: DeliverySchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return presentDelivery(await receiveDelivery(deps, p, auditContext(request, p), request.params.id, request.body.quantity));
    },
  );

  r.get(
    '/api/stores/:id/low-stock',
    {
      schema: {
        operationId: 'lowStock',
        summary: 'Variants low or out in a store, scarcest first, with what is on its way',
        tags,
        params: IdParams,
        response: responses(
          {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  variantId: Type.String(),
                  title: Type.String(),
                  sku: Nullable(Type.String()),
                  productId: Type.String(),
                  productTitle: Type.String(),
                  onHand: Type.Integer(),
                  available: Type.Integer(),
                  threshold: Type.Integer(),
                  state: StockState,
                  incoming: Incoming,
                }),
              ),
            }),
          },
          [400, 401, 403],
        ),
      },
    },
    async (request) => ({ items: await lowStock(deps, principalOf(request), request.params.id) }),
  );
}
