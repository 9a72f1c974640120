import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/errors.ts';
import { responses } from '../../http/schemas.ts';

const Status = Type.Object({ status: Type.String() });

export function healthRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/health',
    {
      config: { public: true },
      schema: { operationId: 'health', summary: 'The process is up', tags: ['Health'], security: [], response: { 200: Status } },
    },
    async () => ({ status: 'ok' }),
  );
  r.get(
    '/ready',
    {
      config: { public: true },
      schema: {
        operationId: 'ready',
        summary: 'The database answers',
        tags: ['Health'],
        security: [],
        response: responses({ 200: Status }, [503]),
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(deps.db);
      } catch {
        throw new AppError('unavailable', 'The database is not answering.');
      }
      return { status: 'ready' };
    },
  );
}
