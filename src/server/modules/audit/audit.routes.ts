import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { PageQuery, page, responses, Timestamp } from '../../http/schemas.ts';

const AuditEntrySchema = Type.Object(
  {
    id: Type.String(),
    at: Timestamp,
    actorType: Type.String(),
    actorId: Type.Union([Type.String(), Type.Null()]),
    actorName: Type.Union([Type.String(), Type.Null()]),
    action: Type.String(),
    subjectType: Type.String(),
    subjectId: Type.Union([Type.String(), Type.Null()]),
    storeId: Type.Union([Type.String(), Type.Null()]),
    requestId: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'Audit entry' },
);

const AuditQuery = Type.Object({
  ...PageQuery.properties,
  subjectType: Type.Optional(Type.String({ maxLength: 40 })),
  subjectId: Type.Optional(Type.String({ maxLength: 40 })),
});

export function auditRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/audit',
    {
      config: { staffOnly: true, permission: 'audit.view' },
      schema: {
        operationId: 'listAudit',
        summary: 'Who saw or changed what, newest first',
        tags: ['Audit'],
        querystring: AuditQuery,
        response: responses({ 200: page(AuditEntrySchema) }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const limit = request.query.limit ?? 50;
      let q = deps.db
        .selectFrom('audit_log as a')
        .leftJoin('staff as s', (j) => j.onRef('s.retailer_id', '=', 'a.retailer_id').onRef('s.id', '=', 'a.actor_id'))
        .select([
          'a.id',
          'a.at',
          'a.actor_type',
          'a.actor_id',
          's.name as actor_name',
          'a.action',
          'a.subject_type',
          'a.subject_id',
          'a.store_id',
          'a.request_id',
        ])
        .where('a.retailer_id', '=', p.retailerId);
      if (request.query.subjectType) q = q.where('a.subject_type', '=', request.query.subjectType);
      if (request.query.subjectId) q = q.where('a.subject_id', '=', request.query.subjectId);
      if (request.query.cursor) q = q.where('a.id', '<', request.query.cursor);
      const rows = await q
        .orderBy('a.id', 'desc')
        .limit(limit + 1)
        .execute();
      const items = rows.slice(0, limit).map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        actorType: row.actor_type,
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        storeId: row.store_id,
        requestId: row.request_id,
      }));
      return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
  );
}
