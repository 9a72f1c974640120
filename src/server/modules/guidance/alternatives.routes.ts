import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { MAX_QUANTITY } from '../../../shared/domain/question-sets.ts';
import { MAX_PLAN_LINES } from '../../../shared/domain/substitutes.ts';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { IdParams, Literals, Nullable, responses, Timestamp } from '../../http/schemas.ts';
import { auditContext } from '../audit/audit.repo.ts';
import { alternativesFor, basketPairings, choosePlan, compareFor } from './alternatives.service.ts';
import { BasketLineSchema, HoldForPlanSchema, RecommendationSchema, StockSchema } from './sessions.schemas.ts';

const tags = ['Guided selling'];
const Money = Type.Object({ quantity: Type.Integer(), total: Type.Number() });
const Budget = Nullable(Type.Object({ max: Type.Number(), firm: Type.Boolean() }));
const Source = Literals(['here', 'other-store', 'delivery', 'substitute'] as const);

const PlanSchema = Type.Object(
  {
    lines: Type.Array(
      Type.Object({
        variantId: Type.String(),
        title: Type.String(),
        source: Source,
        from: Nullable(Type.String({ description: 'The other store’s name, or the delivery’s date' })),
        storeId: Type.Optional(Type.String({ description: 'The other store the units are in (held there) or delivered to' })),
        storeName: Type.Optional(Type.String({ description: 'The other store’s name, whatever the source' })),
        availableOn: Nullable(Type.String({ description: 'The day (YYYY-MM-DD) the units come on a delivery; null when in stock now' })),
        quantity: Type.Integer(),
        unitPrice: Type.Number(),
      }),
    ),
    units: Type.Integer(),
    shortfall: Type.Integer(),
    total: Type.Number(),
    readyBy: Nullable(Type.String({ description: 'The day (YYYY-MM-DD) everything is there; null when all of it is in stock now' })),
    words: Type.String({ description: '"9 Ranunculus — White here + 15 Anemone — White here, which keeps the colour: white"' }),
    overBudgetBy: Type.Optional(Type.Number()),
  },
  { title: 'FulfilmentPlan' },
);

const AlternativesSchema = Type.Object(
  {
    wanted: Type.Object({
      productId: Type.String(),
      variantId: Type.String(),
      title: Type.String(),
      unitPrice: Type.Number(),
      total: Type.Number(),
      stock: StockSchema,
      excludedBecause: Nullable(Type.String({ description: 'A hard rule the wanted item itself breaks' })),
      inSeason: Type.Boolean(),
      season: Nullable(Type.Object({ from: Type.String(), to: Type.String() })),
    }),
    quantity: Type.Integer(),
    budget: Budget,
    currency: Type.String(),
    short: Type.Integer({ description: 'Units wanted beyond what is available here' }),
    expected: Type.Array(
      Type.Object({
        storeId: Type.String(),
        storeName: Type.String(),
        here: Type.Boolean(),
        quantity: Type.Integer(),
        expectedAt: Timestamp,
      }),
      { description: 'Deliveries of the wanted item expected in any store, soonest first' },
    ),
    substitutes: Type.Array(
      Type.Object({
        productId: Type.String(),
        variantId: Type.String(),
        title: Type.String(),
        unitPrice: Type.Number(),
        lifespan: Nullable(Type.String()),
        similarity: Type.Number({ description: '0 to 1' }),
        keeps: Type.Array(Type.String()),
        differs: Type.Array(Type.String()),
        fits: Type.Array(Type.String({ description: 'Why it still fits today’s answers' })),
        stock: StockSchema,
        completeWith: Money,
        instead: Money,
        overBudgetBy: Nullable(Type.Number()),
      }),
      { description: 'Most alike first; with a firm budget, none over it' },
    ),
    plans: Type.Array(PlanSchema, { description: 'Inside the budget; complete ones first' }),
    stretch: Type.Array(PlanSchema, { description: 'Over a flexible budget: at most two, none when it is firm' }),
    leftOut: Type.Array(Type.Object({ title: Type.String(), reason: Type.String() })),
    notes: Type.Array(Type.String()),
  },
  { title: 'Alternatives' },
);

const ComparisonSchema = Type.Object(
  {
    listId: Type.String(),
    quantity: Type.Integer(),
    currency: Type.String(),
    options: Type.Array(RecommendationSchema, { description: 'In the order given' }),
    choice: Nullable(Type.String({ description: 'The better option’s variant id; null when they are close' })),
    reasons: Type.Array(Type.String()),
    close: Type.Boolean(),
    shortPath: Type.Array(Type.Object({ key: Type.String(), answered: Type.Boolean() }), {
      description: 'The three or four questions that tell these options apart, in the set’s order',
    }),
  },
  { title: 'Comparison' },
);

const PairingSchema = Type.Object(
  {
    productId: Type.String(),
    title: Type.String(),
    variants: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), price: Type.Number() })),
    withTitle: Type.String({ description: 'The basket item it goes with' }),
    source: Literals(['baskets', 'catalog', 'both'] as const),
    reason: Type.String(),
    lift: Nullable(Type.Number()),
    confidence: Nullable(Type.Number()),
  },
  { title: 'BasketPairing' },
);

/** Substitutes, plans that complete a quantity, comparisons and what goes with the basket, inside a guidance session. */
export function alternativesRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/guidance-sessions/:id/alternatives',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'alternatives',
        summary:
          'When an item is out or short: substitutes, other stores, deliveries and plans that complete the quantity from any of them together',
        tags,
        params: IdParams,
        querystring: Type.Object({
          variantId: Type.String({ maxLength: 40 }),
          quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_QUANTITY, description: 'Defaults to the session’s quantity' })),
        }),
        response: responses({ 200: AlternativesSchema }, [400, 401, 403, 404]),
      },
    },
    async (request) => alternativesFor(deps, principalOf(request), request.params.id, request.query),
  );

  r.post(
    '/api/guidance-sessions/:id/plans',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'choosePlan',
        summary: 'Take a plan: its lines go into the basket and, with hold, its units are held for the customer — all or nothing',
        tags,
        params: IdParams,
        body: Type.Object(
          {
            clientId: Type.String({ minLength: 8, maxLength: 70, description: 'The device’s id for it: taking twice takes once' }),
            lines: Type.Array(
              Type.Object(
                {
                  variantId: Type.String({ maxLength: 40 }),
                  quantity: Type.Integer({ minimum: 1, maximum: MAX_QUANTITY }),
                  source: Source,
                  storeId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
                  // A plan's line can be sent back as shown; its words and price are not taken from it.
                  title: Type.Optional(Type.String({ maxLength: 300 })),
                  from: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
                  storeName: Type.Optional(Type.String({ maxLength: 300 })),
                  availableOn: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
                  unitPrice: Type.Optional(Type.Number({ description: 'Ignored: today’s price applies' })),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: MAX_PLAN_LINES },
            ),
            hold: Type.Boolean(),
            holdUntil: Type.Optional(Type.String({ format: 'date-time', description: 'Defaults to 24 hours from now' })),
            for: Type.Optional(
              Type.Object(
                { variantId: Type.String({ maxLength: 40 }), quantity: Type.Integer({ minimum: 1, maximum: MAX_QUANTITY }) },
                {
                  additionalProperties: false,
                  description: 'The item and quantity asked for: what the plan could not give here is kept as lost demand',
                },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: responses(
          { 200: Type.Object({ basket: Type.Array(BasketLineSchema), holds: Type.Array(HoldForPlanSchema) }) },
          [400, 401, 403, 404, 409],
        ),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return choosePlan(deps, p, auditContext(request, p), request.params.id, request.body);
    },
  );

  r.post(
    '/api/guidance-sessions/:id/compare',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'compareOptions',
        summary: 'Two or more options side by side against the answers: a choice with reasons, or "either fits" when close',
        tags,
        params: IdParams,
        body: Type.Object(
          { variantIds: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 6, description: 'Two to six options' }) },
          { additionalProperties: false },
        ),
        response: responses({ 200: ComparisonSchema }, [400, 401, 403, 404]),
      },
    },
    async (request) => compareFor(deps, principalOf(request), request.params.id, request.body.variantIds),
  );

  r.get(
    '/api/guidance-sessions/:id/goes-well-with',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'basketGoesWellWith',
        summary: 'What goes well with the basket: learned from baskets and the catalog’s pairings, with reasons',
        tags,
        params: IdParams,
        response: responses({ 200: Type.Object({ items: Type.Array(PairingSchema) }) }, [401, 403, 404]),
      },
    },
    async (request) => ({ items: await basketPairings(deps, principalOf(request), request.params.id) }),
  );
}
