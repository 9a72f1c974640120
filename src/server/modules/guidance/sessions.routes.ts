import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { IdParams, Nullable, responses } from '../../http/schemas.ts';
import { auditContext } from '../audit/audit.repo.ts';
import {
  AddToBasketBody,
  AnswerSchema,
  BasketLineSchema,
  RecommendationListSchema,
  SavePreferencesBody,
  SessionSchema,
  ShownListSchema,
  StartSessionBody,
} from './sessions.schemas.ts';
import {
  addToBasket,
  answerQuestion,
  getSession,
  listsOf,
  recommendFor,
  removeFromBasket,
  saveAnswersAsPreferences,
  setCategory,
  skipQuestion,
  startSession,
} from './sessions.service.ts';

const tags = ['Guided selling'];
const REPLACES =
  'The answer this device showed (null: none). Given, the change is refused (409, with the answer standing as `details.current`) when another device has changed the answer since';
const KeyParams = Type.Object({ id: Type.String({ maxLength: 40 }), key: Type.String({ maxLength: 63 }) });

/** Guidance sessions: questions asked and answered, recommendation lists kept, a basket for the visit. */
export function sessionsRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/guidance-sessions',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'startGuidanceSession',
        summary: 'Start helping a customer (or someone not yet known) with the current version of a question set',
        tags,
        body: StartSessionBody,
        response: responses({ 201: SessionSchema }, [400, 401, 403, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const audit = auditContext(request, p);
      const id = await startSession(deps, p, audit, request.body);
      reply.code(201);
      return getSession(deps, p, audit, id);
    },
  );

  r.get(
    '/api/guidance-sessions/:id',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'getGuidanceSession',
        summary: 'A session: its question set version, answers, what the customer said before, the basket and the latest list',
        tags,
        params: IdParams,
        response: responses({ 200: SessionSchema }, [401, 403, 404]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return getSession(deps, p, auditContext(request, p), request.params.id);
    },
  );

  r.patch(
    '/api/guidance-sessions/:id',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'narrowGuidanceSession',
        summary: 'Narrow the session to one category ("cushions") or, with null, back to all of the set’s',
        tags,
        params: IdParams,
        body: Type.Object({ categoryId: Nullable(Type.String({ maxLength: 40 })) }, { additionalProperties: false }),
        response: responses({ 200: SessionSchema }, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      await setCategory(deps, p, request.params.id, request.body.categoryId);
      return getSession(deps, p, auditContext(request, p), request.params.id);
    },
  );

  r.put(
    '/api/guidance-sessions/:id/answers/:key',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'answerGuidanceQuestion',
        summary:
          'Answer a question (again); checked against the session’s version of the set; refused once its visit is closed, or over an answer given elsewhere since this device showed it (409)',
        tags,
        params: KeyParams,
        body: Type.Object({
          answer: AnswerSchema,
          replaces: Type.Optional(Type.Union([AnswerSchema, Type.Null()], { description: REPLACES })),
        }),
        response: responses({ 200: SessionSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      await answerQuestion(deps, p, request.params.id, request.params.key, request.body.answer, request.body.replaces);
      return getSession(deps, p, auditContext(request, p), request.params.id);
    },
  );

  r.delete(
    '/api/guidance-sessions/:id/answers/:key',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'skipGuidanceQuestion',
        summary: 'Skip a question, or take back its answer; refused once its visit is closed (409)',
        tags,
        params: KeyParams,
        body: Type.Object({ replaces: Type.Optional(Type.Union([AnswerSchema, Type.Null()], { description: REPLACES })) }),
        response: responses({ 200: SessionSchema }, [400, 401, 403, 404, 409]),
      },
      // The body is optional: a DELETE sent without one skips whatever the answer is.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const p = principalOf(request);
      await skipQuestion(deps, p, request.params.id, request.params.key, request.body?.replaces);
      return getSession(deps, p, auditContext(request, p), request.params.id);
    },
  );

  r.post(
    '/api/guidance-sessions/:id/recommendations',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'recommend',
        summary: 'Recommend from the answers, stored preferences and purchases; the list is kept with its inputs and budget',
        tags,
        params: IdParams,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) }),
        response: responses({ 200: RecommendationListSchema }, [401, 403, 404]),
      },
    },
    async (request) => recommendFor(deps, principalOf(request), request.params.id, { limit: request.query.limit }),
  );

  r.get(
    '/api/guidance-sessions/:id/recommendations',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'listRecommendationLists',
        summary: 'Every recommendation list shown in the session, with the budget in force and whether the main list stayed inside it',
        tags,
        params: IdParams,
        response: responses({ 200: Type.Object({ items: Type.Array(ShownListSchema) }) }, [401, 403, 404]),
      },
    },
    async (request) => ({ items: await listsOf(deps, principalOf(request), request.params.id) }),
  );

  r.post(
    '/api/guidance-sessions/:id/basket',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'addToGuidanceBasket',
        summary:
          'Add an item to the visit’s basket (once per clientId); retired items are refused, and so is any once the visit is closed (409)',
        tags,
        params: IdParams,
        body: AddToBasketBody,
        response: responses({ 200: Type.Object({ items: Type.Array(BasketLineSchema) }) }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => ({ items: await addToBasket(deps, principalOf(request), request.params.id, request.body) }),
  );

  r.delete(
    '/api/guidance-sessions/:id/basket/:lineId',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'removeFromGuidanceBasket',
        summary: 'Take an item out of the visit’s basket (again is a repeat); refused once the visit is closed (409)',
        tags,
        params: Type.Object({ id: Type.String({ maxLength: 40 }), lineId: Type.String({ maxLength: 40 }) }),
        response: responses({ 200: Type.Object({ items: Type.Array(BasketLineSchema) }) }, [401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return { items: await removeFromBasket(deps, p, auditContext(request, p), request.params.id, request.params.lineId) };
    },
  );

  r.post(
    '/api/guidance-sessions/:id/save-preferences',
    {
      config: { permission: 'customers.edit' },
      // A request with no body at all is told which field it lacks, not that the body is not an object.
      preValidation: async (request) => {
        request.body ??= {} as never;
      },
      schema: {
        operationId: 'saveGuidanceAnswers',
        summary: 'With the customer’s agreement, keep today’s answers on their profile (what it holds already is not added twice)',
        tags,
        params: IdParams,
        body: SavePreferencesBody,
        response: responses(
          {
            200: Type.Object({
              saved: Type.Array(Type.Object({ id: Type.String(), key: Type.String(), value: Type.Record(Type.String(), Type.Unknown()) })),
            }),
          },
          [401, 403, 404, 409],
        ),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return {
        saved: await saveAnswersAsPreferences(deps, p, auditContext(request, p), request.params.id, request.body.customerAgreed),
      };
    },
  );
}
