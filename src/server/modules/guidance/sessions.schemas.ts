import { Type } from 'typebox';
import { MAX_QUANTITY } from '../../../shared/domain/question-sets.ts';
import { MATCH_ATTRIBUTES, WISH_POLARITIES } from '../../../shared/domain/recommend.ts';
import { Literals, Nullable, Timestamp } from '../../http/schemas.ts';
import { QuestionSetBody } from './question-sets.schemas.ts';

/** An answer as given: chosen values, a number, a quantity, a budget, or words. */
export const AnswerSchema = Type.Union(
  [
    Type.Object({ values: Type.Array(Type.String({ minLength: 1, maxLength: 63 }), { maxItems: 40 }) }, { additionalProperties: false }),
    Type.Object({ number: Type.Number() }, { additionalProperties: false }),
    Type.Object({ quantity: Type.Number({ description: `Whole units, 1 to ${MAX_QUANTITY}` }) }, { additionalProperties: false }),
    Type.Object(
      { budget: Type.Object({ max: Type.Number({ description: 'The most for the whole quantity; above 0' }), firm: Type.Boolean() }) },
      { additionalProperties: false },
    ),
    Type.Object({ text: Type.String() }, { additionalProperties: false }),
  ],
  { title: 'Answer' },
);

export const StartSessionBody = Type.Object(
  {
    setId: Type.String({ maxLength: 40 }),
    storeId: Type.String({ maxLength: 40 }),
    customerId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    categoryId: Type.Optional(Nullable(Type.String({ maxLength: 40, description: 'Narrow to one category and its sub-categories' }))),
    clientId: Type.Optional(
      Type.String({ minLength: 8, maxLength: 80, description: 'The device’s id for it: starting twice starts once' }),
    ),
    encounterId: Type.Optional(
      Nullable(Type.String({ maxLength: 40, description: 'The visit it is part of; its customer is used when none is given' })),
    ),
  },
  { additionalProperties: false },
);

const KnownAnswerSchema = Type.Object({
  answer: AnswerSchema,
  said: Type.String({ description: 'What they said, in words: "Your living room is sage and cream"' }),
  context: Nullable(Type.String()),
  preferenceIds: Type.Array(Type.String()),
  recordedAt: Timestamp,
  recordedByName: Nullable(Type.String()),
});

export const BasketLineSchema = Type.Object(
  {
    id: Type.String(),
    clientId: Type.String(),
    variantId: Type.String(),
    productId: Type.String(),
    title: Type.String(),
    quantity: Type.Integer(),
    unitPrice: Type.Number(),
    total: Type.Number(),
    listId: Nullable(Type.String()),
    addedAt: Timestamp,
  },
  { title: 'BasketLine' },
);

export const ReasonSchema = Type.Object({
  kind: Literals(['match', 'mismatch', 'unknown', 'stock', 'budget', 'best-seller'] as const),
  text: Type.String(),
});

export const StockSchema = Type.Object({
  here: Type.Integer({ description: 'Units available in the session’s store' }),
  elsewhere: Type.Array(Type.Object({ storeName: Type.String(), storeId: Type.Optional(Type.String()), available: Type.Integer() }), {
    description: 'Nearest first',
  }),
  incoming: Type.Optional(Nullable(Type.Object({ quantity: Type.Integer(), expectedAt: Timestamp }))),
});

export const RecommendationSchema = Type.Object(
  {
    productId: Type.String(),
    variantId: Type.String(),
    title: Type.String(),
    unitPrice: Type.Number(),
    total: Type.Number({ description: 'Unit price × quantity' }),
    fit: Type.Number({ description: '0 to 1' }),
    breakdown: Type.Array(
      Type.Object({
        attribute: Literals(MATCH_ATTRIBUTES),
        source: Literals(['answer', 'preference', 'history'] as const),
        polarity: Literals(WISH_POLARITIES),
        wanted: Type.Array(Type.String()),
        matched: Type.Array(Type.String()),
        near: Type.Array(Type.String()),
        unknown: Type.Boolean(),
        points: Type.Number(),
        weight: Type.Number(),
      }),
    ),
    reasons: Type.Array(ReasonSchema),
    stock: StockSchema,
    overBudgetBy: Type.Optional(Type.Number()),
  },
  { title: 'Recommendation' },
);

const ListBody = {
  main: Type.Array(RecommendationSchema, { description: 'Inside the budget, best fit first' }),
  stretch: Type.Array(RecommendationSchema, { description: '"Worth stretching for?": at most two, none when the budget is firm' }),
  excluded: Type.Array(Type.Object({ productId: Type.String(), variantId: Type.String(), title: Type.String(), reason: Type.String() })),
  bestSellers: Type.Boolean({ description: 'Nothing known matched: the list is in-stock best-sellers' }),
};

export const RecommendationListSchema = Type.Object(
  {
    listId: Type.String(),
    budget: Nullable(Type.Object({ max: Type.Number(), firm: Type.Boolean() })),
    quantity: Type.Integer(),
    currency: Type.String(),
    problems: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
    ...ListBody,
  },
  { title: 'RecommendationList' },
);

const CategoryRef = Type.Object({ id: Type.String(), path: Type.String({ description: '"Soft furnishings/Cushions"' }) });

export const ShownListSchema = Type.Object(
  {
    id: Type.String(),
    shownAt: Timestamp,
    staffId: Nullable(Type.String()),
    setVersion: Type.Integer(),
    budget: Nullable(Type.Object({ max: Type.Number(), firm: Type.Boolean() })),
    quantity: Type.Integer(),
    mainMaxTotal: Nullable(Type.Number({ description: 'The dearest total in the main list' })),
    withinBudget: Type.Boolean(),
    shown: Type.Integer(),
    stretch: Type.Integer(),
    excluded: Type.Integer(),
  },
  { title: 'ShownRecommendationList' },
);

export const HoldForPlanSchema = Type.Object(
  {
    id: Type.String(),
    variantId: Type.String(),
    title: Type.String(),
    storeId: Type.String(),
    storeName: Type.String(),
    quantity: Type.Integer(),
    expiresAt: Timestamp,
    basketLineId: Nullable(Type.String()),
    status: Literals(['active', 'expired', 'released', 'sold'] as const),
  },
  { title: 'PlanHold' },
);

export const SessionSchema = Type.Object(
  {
    id: Type.String(),
    storeId: Type.String(),
    staffId: Nullable(Type.String()),
    encounterId: Nullable(Type.String()),
    customer: Nullable(Type.Object({ id: Type.String(), name: Type.String(), preferredName: Nullable(Type.String()) })),
    set: Type.Object({
      id: Type.String(),
      name: Type.String(),
      version: Type.Integer({ description: 'The version this session asks from' }),
      currentVersion: Type.Integer({ description: 'The set’s newest version; later than `version` when edited since' }),
      definition: QuestionSetBody,
    }),
    category: Nullable(CategoryRef),
    categoryOptions: Type.Array(CategoryRef, { description: 'The categories this set recommends from, to narrow to one' }),
    answers: Type.Record(Type.String(), AnswerSchema),
    skipped: Type.Array(Type.String()),
    known: Type.Record(Type.String(), KnownAnswerSchema, { description: 'What a returning customer said before, by question' }),
    toAsk: Type.Array(Type.String(), { description: 'The questions to ask, in order, given the answers so far' }),
    basket: Type.Array(BasketLineSchema),
    holds: Type.Array(HoldForPlanSchema, { description: 'Units held for plans chosen in this session' }),
    latestList: Nullable(
      Type.Object({
        id: Type.String(),
        shownAt: Timestamp,
        budget: Nullable(Type.Object({ max: Type.Number(), firm: Type.Boolean() })),
        quantity: Type.Integer(),
        ...ListBody,
      }),
    ),
    createdAt: Timestamp,
  },
  { title: 'GuidanceSession' },
);

/** Keeping today's answers on the profile says, in so many words, that the customer agreed. */
export const SavePreferencesBody = Type.Object(
  {
    customerAgreed: Type.Boolean({ description: 'The customer agreed to their answers being kept on their profile; must be true' }),
  },
  { additionalProperties: false },
);

export const AddToBasketBody = Type.Object(
  {
    clientId: Type.String({ minLength: 8, maxLength: 80 }),
    variantId: Type.String({ maxLength: 40 }),
    quantity: Type.Integer({ minimum: 1, maximum: MAX_QUANTITY }),
    listId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
);
