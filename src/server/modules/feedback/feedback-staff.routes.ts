import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { Literals, Nullable, page, responses, Timestamp } from '../../http/schemas.ts';
import { auditContext } from '../audit/audit.repo.ts';
import { BEHAVIOURS, delightDrivers } from './delight.service.ts';
import { listFeedback, weeklyFeedback } from './feed.service.ts';
import { getFeedbackSettings, saveFeedbackSettings, WATCH_WORD_LENGTH_MAX, WATCH_WORDS_MAX } from './feedback-settings.service.ts';

const tags = ['Feedback'];
const Id = Type.String({ maxLength: 40 });
const DateOrTime = Type.String({ maxLength: 40, description: 'A date (YYYY-MM-DD, a whole UTC day) or an ISO timestamp' });
const Share = Nullable(Type.Number({ minimum: 0, maximum: 1 }));

const FeedQuery = Type.Object({
  storeId: Type.Optional(Id),
  staffId: Type.Optional(Type.String({ maxLength: 40, description: 'Only answers about visits this person served' })),
  poor: Type.Optional(Type.Boolean({ description: 'Only poor answers (true) or only the others (false)' })),
  from: Type.Optional(DateOrTime),
  to: Type.Optional(DateOrTime),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 80 })),
});

const Seconds = Nullable(Type.Integer({ minimum: 0 }));

const BehavioursSchema = Nullable(
  Type.Object(
    {
      steps: Type.Array(
        Type.Object({
          key: Type.String(),
          name: Type.String(),
          state: Literals(['done', 'skipped'] as const),
          at: Nullable(Type.String({ format: 'date-time', description: 'When it was marked; null when its condition was met' })),
        }),
        { description: 'The roadmap steps done or skipped, in the roadmap’s order' },
      ),
      secondsToGreet: Seconds,
      secondsInDiscovery: Seconds,
      secondsGiven: Type.Integer({ minimum: 0, description: 'The time the customer was given to decide' }),
      questionsAnswered: Type.Integer({ minimum: 0 }),
      recommendationsShown: Type.Integer({ minimum: 0, description: 'Recommendation lists shown' }),
      assisted: Type.Boolean({ description: 'Someone assisted the lead' }),
      bought: Type.Array(Type.Object({ description: Type.String(), quantity: Type.Integer() }), {
        description: 'The lines of the visit’s sale',
      }),
      saleTotal: Nullable(Type.Number()),
      gestures: Type.Array(Type.String()),
      lostDemand: Type.Array(
        Type.Object({
          description: Type.String(),
          quantity: Type.Integer(),
          outcome: Literals(['substituted', 'other-store', 'ordered', 'lost'] as const),
        }),
      ),
    },
    { description: 'What happened in the visit; null for an imported review' },
  ),
);

const FeedItemSchema = Type.Object(
  {
    id: Type.String(),
    kind: Literals(['visit', 'imported'] as const),
    at: Type.String({ format: 'date-time', description: 'When the answer was last given or amended' }),
    satisfaction: Nullable(Type.Integer({ minimum: 1, maximum: 5 })),
    expectations: Nullable(Literals(['not-met', 'met', 'exceeded'] as const)),
    listened: Nullable(Type.Boolean()),
    feltRushed: Nullable(Type.Boolean()),
    inStock: Nullable(Type.Boolean()),
    mayContact: Nullable(Type.Boolean()),
    comment: Nullable(Type.String({ description: 'Null when there is none, or when your role may not read customers’ words' })),
    commentHidden: Type.Boolean({ description: 'There is a comment your role may not read' }),
    poor: Type.Boolean({ description: 'Satisfaction 2 or less, expectations not met, felt rushed, or a watch word in the comment' }),
    store: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    staff: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), part: Literals(['lead', 'assist'] as const) })),
    encounter: Nullable(
      Type.Object({ id: Type.String(), startedAt: Timestamp, outcome: Nullable(Literals(['sale', 'special-order', 'no-sale'] as const)) }),
    ),
    customer: Nullable(Type.Object({ id: Type.String(), name: Type.String() }, { description: 'Only for roles that see customers' })),
    followUp: Nullable(
      Type.Object({ id: Type.String(), status: Literals(['open', 'done', 'cancelled'] as const), outcome: Nullable(Type.String()) }),
    ),
    behaviours: BehavioursSchema,
  },
  { title: 'Feedback' },
);

const DelightQuery = Type.Object({
  storeId: Type.Optional(Id),
  staffId: Type.Optional(Id),
  from: Type.Optional(DateOrTime),
  to: Type.Optional(DateOrTime),
  questions: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 50, default: 3, description: 'How many discovery questions answered count as a discovery' }),
  ),
});

const DelightFiguresSchema = Type.Object({
  visits: Type.Integer({ minimum: 0, description: 'Answered visits' }),
  averageSatisfaction: Nullable(Type.Number({ minimum: 1, maximum: 5 })),
  shareExceeded: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'Of those who answered the question' })),
});

const DelightSchema = Type.Object(
  {
    questions: Type.Integer(),
    answered: Type.Integer({ description: 'Answered visits in the period' }),
    behaviours: Type.Array(Type.Object({ behaviour: Literals(BEHAVIOURS), with: DelightFiguresSchema, without: DelightFiguresSchema }), {
      description:
        'space: the customer was given space; gesture: a gesture was made; in-stock: nothing asked for was missing (no lost demand); discovery: at least `questions` questions answered; recommended: recommendations were shown; sale: a sale or special order; assisted: someone assisted the lead',
    }),
  },
  { title: 'What goes with delighted customers' },
);

const WeeklyQuery = Type.Object({
  storeId: Type.Optional(Id),
  staffId: Type.Optional(Id),
  weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 104, default: 12 })),
});

const WeeklySchema = Type.Object(
  {
    weeks: Type.Array(
      Type.Object({
        weekStart: Type.String({ format: 'date', description: 'The Monday the week starts on' }),
        requests: Type.Integer({ description: 'Feedback requests made for visits closed that week' }),
        responses: Type.Integer({ description: 'How many of those requests were answered' }),
        responseRate: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'responses / requests; null without requests' })),
        averageSatisfaction: Nullable(Type.Number({ minimum: 1, maximum: 5 })),
        shareExceeded: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'Of those who answered the question' })),
        shareFeltRushed: Share,
      }),
    ),
  },
  { title: 'Weekly feedback figures' },
);

const SettingsSchema = Type.Object(
  {
    delayMinutes: Type.Integer({ minimum: 0, maximum: 10080, description: 'How long after the visit the e-mailed request goes' }),
    limitDays: Type.Integer({ minimum: 0, maximum: 365, description: 'At most one request per customer in so many days' }),
    linkDays: Type.Integer({ minimum: 1, maximum: 90, description: 'How long a feedback link works' }),
    brandColour: Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'The colour of the customer’s page, #rrggbb' }),
    watchWords: Type.Array(Type.String({ maxLength: 200 }), {
      maxItems: 200,
      description: `Words that make a comment one to follow up: at most ${WATCH_WORDS_MAX}, each at most ${WATCH_WORD_LENGTH_MAX} characters, trimmed, repeats dropped`,
    }),
  },
  { title: 'Feedback settings', additionalProperties: false },
);

/** What staff see of feedback: the feed, the weekly figures and the retailer's settings. */
export function feedbackStaffRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/feedback',
    {
      config: { permission: 'feedback.view' },
      schema: {
        operationId: 'listFeedback',
        summary: 'What customers said about their visits, last answered first',
        description:
          'Owners and managers see the feedback of their stores; everyone else only answers about visits they served. The comment and the customer’s name are shown only to roles that see customers.',
        tags,
        querystring: FeedQuery,
        response: responses({ 200: page(FeedItemSchema) }, [400, 401, 403]),
      },
    },
    async (request) => listFeedback(deps, principalOf(request), request.query),
  );

  r.get(
    '/api/feedback/weekly',
    {
      config: { permission: 'feedback.view' },
      schema: {
        operationId: 'weeklyFeedback',
        summary: 'Weekly response rate, average satisfaction and shares "exceeded" and "felt rushed" for visits',
        description:
          'Weeks start on Monday in the store’s time zone (UTC without a store); every week of the range is listed, oldest first. Imported reviews are not counted.',
        tags,
        querystring: WeeklyQuery,
        response: responses({ 200: WeeklySchema }, [400, 401, 403]),
      },
    },
    async (request) => weeklyFeedback(deps, principalOf(request), request.query),
  );

  r.get(
    '/api/feedback/delight',
    {
      config: { permission: 'feedback.all' },
      schema: {
        operationId: 'feedbackDelight',
        summary: 'What goes with delighted customers: answered visits with and without each behaviour',
        description:
          'For the answers given in the period (by store and person), each behaviour of the visits with the number of answered visits that had it and that did not, their average satisfaction and share "exceeded". Imported reviews are not counted.',
        tags,
        querystring: DelightQuery,
        response: responses({ 200: DelightSchema }, [400, 401, 403]),
      },
    },
    async (request) => delightDrivers(deps, principalOf(request), request.query),
  );

  r.get(
    '/api/feedback/settings',
    {
      config: { permission: 'feedback.view' },
      schema: {
        operationId: 'getFeedbackSettings',
        summary: 'How the retailer asks for feedback',
        tags,
        response: responses({ 200: SettingsSchema }, [401, 403]),
      },
    },
    async (request) => getFeedbackSettings(deps, principalOf(request)),
  );

  r.put(
    '/api/feedback/settings',
    {
      config: { staffOnly: true, permission: 'retailer.manage' },
      schema: {
        operationId: 'saveFeedbackSettings',
        summary: 'Change how the retailer asks for feedback',
        tags,
        body: SettingsSchema,
        response: responses({ 200: SettingsSchema }, [400, 401, 403]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return saveFeedbackSettings(deps, p, auditContext(request, p), request.body);
    },
  );
}
