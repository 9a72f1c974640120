import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { invalidField } from '../../http/errors.ts';
import { responses } from '../../http/schemas.ts';
import { auditContext, recordAudit } from '../audit/audit.repo.ts';
import { listVocabulary, upsertTerms, type VocabularyRow } from './vocabulary.repo.ts';
import { PutTermBody, TermParams, VocabularyTermSchema } from './vocabulary.schemas.ts';

const tags = ['Vocabulary'];

function present(row: VocabularyRow) {
  return {
    kind: row.kind as 'colour',
    key: row.key,
    label: row.label,
    family: row.family,
    hex: row.hex,
    position: row.position,
    archived: row.archived,
  };
}

export function vocabularyRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/vocabulary',
    {
      schema: {
        operationId: 'listVocabulary',
        summary: 'The retailer’s selling vocabulary: colours, styles, rooms, materials, occasions, sizes',
        tags,
        querystring: Type.Object({ includeArchived: Type.Optional(Type.Boolean()) }),
        response: responses({ 200: Type.Object({ items: Type.Array(VocabularyTermSchema) }) }, [401]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return { items: (await listVocabulary(deps.db, p.retailerId, request.query.includeArchived ?? false)).map(present) };
    },
  );

  r.put(
    '/api/vocabulary/:kind/:key',
    {
      config: { permission: 'catalog.edit' },
      schema: {
        operationId: 'putVocabularyTerm',
        summary: 'Add or change a vocabulary term (archive it with archived: true)',
        tags,
        params: TermParams,
        body: PutTermBody,
        response: responses({ 200: VocabularyTermSchema }, [400, 401, 403]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const { kind, key } = request.params;
      const body = request.body;
      if (kind !== 'colour' && (body.family || body.hex)) throw invalidField('family', 'Only colours have a family and a hex value.');
      await deps.db.transaction().execute(async (trx) => {
        await upsertTerms(trx, p.retailerId, [{ kind, key, ...body }]);
        await recordAudit(trx, auditContext(request, p), {
          action: 'vocabulary.changed',
          subjectType: 'vocabulary',
          subjectId: `${kind}:${key}`,
        });
      });
      const rows = await listVocabulary(deps.db, p.retailerId, true);
      return present(rows.find((row) => row.kind === kind && row.key === key) as VocabularyRow);
    },
  );
}
