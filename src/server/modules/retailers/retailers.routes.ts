import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { responses } from '../../http/schemas.ts';
import { auditContext } from '../audit/audit.repo.ts';
import { presentRetailer } from './retailers.present.ts';
import { RetailerSchema, UpdateRetailerBody } from './retailers.schemas.ts';
import { editRetailer, getRetailer } from './retailers.service.ts';

const tags = ['Retailer'];

export function retailersRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/retailer',
    {
      schema: {
        operationId: 'getRetailer',
        summary: 'Your retailer and its regional settings',
        tags,
        response: responses({ 200: RetailerSchema }, [401]),
      },
    },
    async (request) => presentRetailer(await getRetailer(deps, principalOf(request))),
  );
  r.patch(
    '/api/retailer',
    {
      config: { staffOnly: true, permission: 'retailer.manage' },
      schema: {
        operationId: 'updateRetailer',
        summary: 'Change the retailer’s name, country, currency, locale or phone region',
        tags,
        body: UpdateRetailerBody,
        response: responses({ 200: RetailerSchema }, [400, 401, 403]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return presentRetailer(await editRetailer(deps, p, auditContext(request, p), request.body));
    },
  );
}
