import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CHROMATIC_FAMILIES, NEUTRAL_FAMILIES } from '../../../shared/domain/recommend.ts';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { invalidField } from '../../http/errors.ts';
import { responses } from '../../http/schemas.ts';
import { auditContext, recordAudit } from '../audit/audit.repo.ts';
import { getHarmony, saveHarmony } from './harmony.ts';
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

const Family = Type.String({ maxLength: 20, description: `One of ${CHROMATIC_FAMILIES.join(', ')}` });
/** Two families (an array rather than a tuple, which OpenAPI 3.0 cannot state). */
const Pair = Type.Array(Family, { minItems: 2, maxItems: 2 });
const Pairs = Type.Array(Pair, { maxItems: 50 });
const HarmonySchema = Type.Object({
  pairs: Type.Array(Pair, { description: 'Chromatic families that go together, each pair once' }),
  custom: Type.Boolean({ description: 'The shop chose them; false: Ones’ default' }),
  families: Type.Object(
    { chromatic: Type.Array(Type.String()), neutral: Type.Array(Type.String()) },
    { description: 'The families pairs can be chosen for, and the neutrals that go with every family' },
  ),
});
const withFamilies = (h: { pairs: [string, string][]; custom: boolean }) => ({
  ...h,
  families: { chromatic: [...CHROMATIC_FAMILIES], neutral: [...NEUTRAL_FAMILIES] },
});

export function vocabularyRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/vocabulary/harmony',
    {
      schema: {
        operationId: 'getColourHarmony',
        summary: 'Which colour families go together, for items meant to go with the customer’s room or furniture',
        tags,
        response: responses({ 200: HarmonySchema }, [401]),
      },
    },
    async (request) => withFamilies(await getHarmony(deps.db, principalOf(request).retailerId)),
  );

  r.put(
    '/api/vocabulary/harmony',
    {
      config: { permission: 'catalog.edit' },
      schema: {
        operationId: 'putColourHarmony',
        summary:
          'Choose which colour families go together; with `replaces` (the pairs shown), a change made elsewhere since is refused (409)',
        tags,
        body: Type.Object({ pairs: Pairs, replaces: Type.Optional(Pairs) }, { additionalProperties: false }),
        response: responses({ 200: HarmonySchema }, [400, 401, 403, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const { pairs, replaces } = request.body as { pairs: [string, string][]; replaces?: [string, string][] };
      return withFamilies(await saveHarmony(deps, auditContext(request, p), { pairs, replaces }));
    },
  );

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
