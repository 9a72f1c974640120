import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { IdParams, Literals, Nullable, responses, Timestamp } from '../../http/schemas.ts';
import { goesWellWith } from './rules.service.ts';

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

export function rulesRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

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
