import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { IdParams, Literals, Nullable, responses, Timestamp } from '../../http/schemas.ts';
import { auditContext } from '../audit/audit.repo.ts';
import { goesWellWith, queueRules, recentRuns } from './rules.service.ts';

const tags = ['Guided selling'];

const PairedProduct = Type.Object({
  id: Type.String(),
  title: Type.String(),
  variants: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), sku: Nullable(Type.String()) })),
});

const GoesWellWithSchema = Type.Object({
  productId: Type.String(),
  rules: Nullable(
    Type.Object(
      {
        runId: Type.String(),
        country: Nullable(Type.String({ description: 'ISO 3166 code of the sales they were learned from, or null for every country' })),
        storeId: Nullable(Type.String()),
        baskets: Type.Integer({ description: 'Baskets they were learned from' }),
        finishedAt: Nullable(Timestamp),
      },
      { description: 'The run the learned pairings come from; null when rules have not been computed for this selection' },
    ),
  ),
  items: Type.Array(
    Type.Object({
      products: Type.Array(PairedProduct, { description: 'What goes with it (a learned rule may name more than one product)' }),
      source: Literals(['baskets', 'catalog', 'both'] as const),
      reason: Type.String({ description: 'In words, e.g. "often bought together: in 38% of baskets with it"' }),
      support: Nullable(Type.Number({ description: 'Share of all baskets holding both' })),
      confidence: Nullable(Type.Number({ description: 'Share of baskets with this product that also hold the others' })),
      lift: Nullable(Type.Number({ description: 'How many times likelier together than by chance' })),
      baskets: Nullable(Type.Integer({ description: 'Baskets holding this product' })),
    }),
  ),
});

const RuleProduct = Type.Object({ id: Type.String(), title: Type.String(), sku: Nullable(Type.String()) });

const RulesRunSchema = Type.Object({
  id: Type.String(),
  country: Nullable(Type.String({ description: 'ISO 3166 code of the sales it learns from, or null for every country' })),
  store: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()], {
    description: 'The store whose sales it learns from, or null for every store',
  }),
  status: Literals(['queued', 'running', 'succeeded', 'failed'] as const),
  current: Type.Boolean({ description: 'Its pairings are the ones in use for its selection' }),
  salesTotal: Type.Integer({ description: 'Sales in the selection when it started' }),
  baskets: Type.Integer(),
  rules: Type.Integer(),
  progress: Type.Union(
    [
      Type.Object({
        phase: Type.String({ description: 'reading, itemsets, rules or saving' }),
        done: Type.Number(),
        of: Type.Number(),
      }),
      Type.Null(),
    ],
    { description: 'While it runs: how far through which phase (updated about twice a second)' },
  ),
  error: Nullable(Type.String()),
  startedBy: Nullable(Type.String({ description: 'Who asked for it' })),
  startedAt: Timestamp,
  finishedAt: Nullable(Timestamp),
  best: Type.Array(
    Type.Object({
      antecedent: Type.Array(RuleProduct),
      consequent: Type.Array(RuleProduct),
      confidence: Type.Number(),
      lift: Type.Number(),
      baskets: Type.Integer({ description: 'Baskets holding both' }),
    }),
    { description: 'A current run’s best pairings by lift (up to five)' },
  ),
});

export function rulesRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/rules/runs',
    {
      config: { permission: 'catalog.edit' },
      schema: {
        operationId: 'queueRulesRun',
        summary: 'Learn “goes well with” pairings from the baskets of all sales, a country or a store, in the background',
        description:
          'The run waits for the server’s job runner (`queued`), then `running` with its progress, then `succeeded` or `failed`; follow it with `GET /api/rules/runs`. Asking again while a run of the same selection waits gives that run (`queued: false`).',
        tags,
        body: Type.Object(
          {
            country: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 60, description: 'ISO 3166 code or English name' }))),
            storeId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
            minSupport: Type.Optional(Type.Number({ description: 'Share of baskets a pairing must be in (default 0.01)' })),
            minConfidence: Type.Optional(Type.Number({ description: 'Default 0' })),
            minLift: Type.Optional(Type.Number({ description: 'Default 1' })),
          },
          { additionalProperties: false },
        ),
        response: responses({ 202: Type.Object({ runId: Type.String(), queued: Type.Boolean() }) }, [400, 401, 403]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const queued = await queueRules(deps, auditContext(request, p), request.body);
      reply.code(202);
      return queued;
    },
  );

  r.get(
    '/api/rules/runs',
    {
      config: { permission: 'catalog.edit' },
      schema: {
        operationId: 'listRulesRuns',
        summary: 'The latest runs that learn pairings (twenty, newest first): waiting, running with progress, done or failed',
        tags,
        response: responses({ 200: Type.Object({ items: Type.Array(RulesRunSchema) }) }, [401, 403]),
      },
    },
    async (request) => {
      const runs = await recentRuns(deps, principalOf(request).retailerId);
      return {
        items: runs.map((run) => ({
          id: run.id,
          country: run.country,
          store: run.store_id ? { id: run.store_id, name: run.store_name ?? '' } : null,
          status: run.status,
          current: run.is_current,
          salesTotal: run.sales_total,
          baskets: run.baskets,
          rules: run.rules,
          progress: run.progress,
          error: run.error,
          startedBy: run.started_by_name,
          startedAt: run.started_at.toISOString(),
          finishedAt: run.finished_at?.toISOString() ?? null,
          best: run.best.map((b) => ({
            antecedent: b.antecedent,
            consequent: b.consequent,
            confidence: b.confidence,
            lift: b.lift,
            baskets: b.basket_count,
          })),
        })),
      };
    },
  );

  r.get(
    '/api/products/:id/goes-well-with',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'goesWellWith',
        summary: 'What goes well with a product: pairings learned from baskets, best first, and the catalog’s own, with reasons',
        description:
          'Learned pairings come from the current rules (`ones rules`) of the narrowest selection asked for that has them — country and store, store, country — else from all sales.',
        tags,
        params: IdParams,
        querystring: Type.Object({
          country: Type.Optional(Type.String({ minLength: 2, maxLength: 60, description: 'ISO 3166 code or English name' })),
          storeId: Type.Optional(Type.String({ maxLength: 40 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'At most this many learned pairings' })),
        }),
        response: responses({ 200: GoesWellWithSchema }, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const result = await goesWellWith(deps, principalOf(request), request.params.id, request.query);
      const product = (id: string) => ({
        id,
        title: result.products.get(id)?.title ?? '',
        variants: result.variants.filter((v) => v.product_id === id).map((v) => ({ id: v.id, title: v.title, sku: v.sku })),
      });
      return {
        productId: result.product.id,
        rules: result.run
          ? {
              runId: result.run.id,
              country: result.run.country,
              storeId: result.run.store_id,
              baskets: result.run.baskets,
              finishedAt: result.run.finished_at?.toISOString() ?? null,
            }
          : null,
        items: result.pairings.map((p) => ({
          products: p.productIds.map(product),
          source: p.source,
          reason: p.reason,
          support: p.support,
          confidence: p.confidence,
          lift: p.lift,
          baskets: p.baskets,
        })),
      };
    },
  );
}
