import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { IdParams, responses } from '../../http/schemas.ts';
import { IfMatchHeaders, ifMatch } from '../../http/versions.ts';
import { auditContext } from '../audit/audit.repo.ts';
import { QuestionSetBody, QuestionSetSchema, QuestionSetSummarySchema } from './question-sets.schemas.ts';
import { createQuestionSet, getQuestionSet, listQuestionSets, updateQuestionSet } from './question-sets.service.ts';

const tags = ['Guided selling'];

/** The question sets guided selling asks from: read by anyone who sells, written by owners, versioned. */
export function questionSetsRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/question-sets',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'listQuestionSets',
        summary: 'The retailer’s question sets, active ones first',
        tags,
        response: responses({ 200: Type.Object({ items: Type.Array(QuestionSetSummarySchema) }) }, [401, 403]),
      },
    },
    async (request) => ({ items: await listQuestionSets(deps.db, principalOf(request).retailerId) }),
  );

  r.get(
    '/api/question-sets/:id',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'getQuestionSet',
        summary: 'A question set: its current version, or the one asked for (as a session that started on it sees it)',
        tags,
        params: IdParams,
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: responses({ 200: QuestionSetSchema }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const set = await getQuestionSet(deps.db, principalOf(request).retailerId, request.params.id, request.query.version);
      reply.header('etag', `"${set.currentVersion}"`);
      return set;
    },
  );

  r.post(
    '/api/question-sets',
    {
      config: { permission: 'selling.configure' },
      schema: {
        operationId: 'createQuestionSet',
        summary: 'Write a new question set; mistakes (unknown words, branching in a circle, bad weights) are named by path',
        tags,
        body: QuestionSetBody,
        response: responses({ 201: QuestionSetSchema }, [400, 401, 403]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const id = await createQuestionSet(deps, auditContext(request, p), request.body);
      reply.code(201).header('etag', '"1"');
      return getQuestionSet(deps.db, p.retailerId, id);
    },
  );

  r.put(
    '/api/question-sets/:id',
    {
      config: { permission: 'selling.configure' },
      schema: {
        operationId: 'updateQuestionSet',
        summary: 'Save a new version of a question set edited from the version in If-Match (409 if someone saved since)',
        tags,
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object({ ...QuestionSetBody.properties, active: Type.Optional(Type.Boolean()) }),
        response: responses({ 200: QuestionSetSchema }, [400, 401, 403, 404, 409, 428]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const { active, ...definition } = request.body;
      await updateQuestionSet(deps, auditContext(request, p), request.params.id, ifMatch(request), { definition, active });
      const set = await getQuestionSet(deps.db, p.retailerId, request.params.id);
      reply.header('etag', `"${set.currentVersion}"`);
      return set;
    },
  );
}
