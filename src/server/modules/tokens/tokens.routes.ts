import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { IdParams, NoContent, responses } from '../../http/schemas.ts';
import { auditContext } from '../audit/audit.repo.ts';
import { presentToken } from './tokens.present.ts';
import { CreatedTokenSchema, CreateTokenBody, TokenSchema } from './tokens.schemas.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens.service.ts';

const tags = ['API tokens'];
const config = { staffOnly: true, permission: 'tokens.manage' } as const;

export function tokensRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/tokens',
    {
      config,
      schema: {
        operationId: 'listTokens',
        summary: 'Integration tokens',
        tags,
        response: responses({ 200: Type.Object({ items: Type.Array(TokenSchema) }) }),
      },
    },
    async (request) => ({ items: (await listApiTokens(deps, principalOf(request))).map(presentToken) }),
  );

  r.post(
    '/api/tokens',
    {
      config,
      schema: {
        operationId: 'createToken',
        summary: 'Create an integration token (the secret is shown once)',
        tags,
        body: CreateTokenBody,
        response: responses({ 201: CreatedTokenSchema }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const { token, row } = await createApiToken(deps, p, auditContext(request, p), request.body);
      return reply.status(201).send({ token, item: presentToken(row) });
    },
  );

  r.delete(
    '/api/tokens/:id',
    {
      config,
      schema: {
        operationId: 'revokeToken',
        summary: 'Revoke a token; it stops working at once',
        tags,
        params: IdParams,
        response: responses({ 204: NoContent }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await revokeApiToken(deps, p, auditContext(request, p), request.params.id);
      return reply.status(204).send();
    },
  );
}
