import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { IdParams, responses } from '../../http/schemas.ts';
import { auditContext } from '../audit/audit.repo.ts';
import { presentStore } from './stores.present.ts';
import { CreateStoreBody, StoreSchema, UpdateStoreBody } from './stores.schemas.ts';
import { createStore, editStore, getStore, listVisibleStores } from './stores.service.ts';

const tags = ['Stores'];

export function storesRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/stores',
    {
      schema: {
        operationId: 'listStores',
        summary: 'Stores you work in (all of them for owners)',
        tags,
        response: responses({ 200: Type.Object({ items: Type.Array(StoreSchema) }) }, [401]),
      },
    },
    async (request) => ({ items: (await listVisibleStores(deps, principalOf(request))).map(presentStore) }),
  );

  r.get(
    '/api/stores/:id',
    {
      schema: {
        operationId: 'getStore',
        summary: 'One store',
        tags,
        params: IdParams,
        response: responses({ 200: StoreSchema }, [401, 404]),
      },
    },
    async (request) => presentStore(await getStore(deps, principalOf(request), request.params.id)),
  );

  r.post(
    '/api/stores',
    {
      config: { staffOnly: true, permission: 'stores.manage' },
      schema: {
        operationId: 'createStore',
        summary: 'Open a store',
        tags,
        body: CreateStoreBody,
        response: responses({ 201: StoreSchema }, [400, 401, 403, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      return reply.status(201).send(presentStore(await createStore(deps, p, auditContext(request, p), request.body)));
    },
  );

  r.patch(
    '/api/stores/:id',
    {
      config: { staffOnly: true, permission: 'stores.manage' },
      schema: {
        operationId: 'updateStore',
        summary: 'Change a store’s name, address, coordinates or time zone',
        tags,
        params: IdParams,
        body: UpdateStoreBody,
        response: responses({ 200: StoreSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return presentStore(await editStore(deps, p, auditContext(request, p), request.params.id, request.body));
    },
  );
}
