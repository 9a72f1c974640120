import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { FOLLOW_UP_KINDS } from '../../../shared/domain/follow-ups.ts';
import { FACT_KINDS } from '../../../shared/domain/starters.ts';
import { GESTURE_KINDS, LOST_OUTCOMES, NO_SALE_REASONS } from '../../../shared/domain/visits.ts';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { IdParams, Literals, Nullable, PageQuery, page, responses, Timestamp } from '../../http/schemas.ts';
import { IfMatchHeaders, ifMatch } from '../../http/versions.ts';
import { auditContext } from '../audit/audit.repo.ts';
import { CustomerSchema } from '../customers/customers.schemas.ts';
import { cancelSpecialOrder, closeEncounter, fulfilSpecialOrder, listSpecialOrders } from './closing.service.ts';
import {
  addEncounterNote,
  getEncounter,
  getRoadmap,
  joinEncounter,
  listEncounters,
  markStep,
  startEncounter,
  updateEncounter,
  updateRoadmap,
} from './encounters.service.ts';
import { addFollowUp, cancelFollowUp, completeFollowUp, followUpProposals, listFollowUps } from './follow-ups.service.ts';
import { gestureMonth, giveGesture, lostDemandReport, recordLostDemandInVisit } from './gestures.service.ts';
import { endSpace, startSpace } from './space.service.ts';
import { visitScreen } from './visit-screen.service.ts';

const tags = ['Encounters'];
const Cancellation = Nullable(
  Type.Object({ at: Timestamp, reason: Type.String() }, { description: 'When and why it was cancelled; null unless it was' }),
);
const ClientId = Type.String({ minLength: 8, maxLength: 80, description: 'The device’s id for it: sending twice records once' });
const HappenedAt = Type.Optional(
  Type.String({
    format: 'date-time',
    description: 'When it happened by the tablet’s clock (a queued change sent late); kept between the visit’s start and now',
  }),
);
const ClientChange = Type.Object({ clientId: ClientId, at: HappenedAt }, { additionalProperties: false });

const DoneWhenSchema = Type.Union([
  Type.Object({ kind: Type.Literal('marked') }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('questions-answered'), atLeast: Type.Integer({ minimum: 1, maximum: 100 }) },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('recommended') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('basket') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('closed') }, { additionalProperties: false }),
]);

const RoadmapBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    steps: Type.Array(
      Type.Object(
        {
          key: Type.String({ maxLength: 40 }),
          name: Type.String({ maxLength: 80 }),
          guidance: Type.String({ maxLength: 1000 }),
          skippable: Type.Boolean(),
          doneWhen: DoneWhenSchema,
        },
        { additionalProperties: false },
      ),
      { maxItems: 30 },
    ),
  },
  { additionalProperties: false, title: 'RoadmapDefinition' },
);

const RoadmapSchema = Type.Object(
  {
    id: Type.String(),
    version: Type.Integer(),
    currentVersion: Type.Integer(),
    definition: RoadmapBody,
    updatedAt: Timestamp,
  },
  { title: 'Roadmap' },
);

const EncounterSchema = Type.Object(
  {
    id: Type.String(),
    clientId: Type.String(),
    version: Type.Integer({ description: 'For If-Match on field edits' }),
    store: Type.Object({
      id: Type.String(),
      name: Type.String(),
      timeZone: Type.String({ description: 'Times of the visit are told there' }),
    }),
    customer: Nullable(
      Type.Object({
        id: Type.String(),
        name: Nullable(Type.String({ description: 'Null for a role that may not see customers' })),
        preferredName: Nullable(Type.String()),
      }),
    ),
    status: Literals(['open', 'closed'] as const),
    outcome: Nullable(Literals(['sale', 'special-order', 'no-sale'] as const)),
    noSaleReason: Nullable(Type.String()),
    saleId: Nullable(Type.String({ description: 'The sale it ended in (for a special order, once fulfilled)' })),
    saleTotal: Nullable(Type.Number()),
    leadStaffId: Nullable(Type.String()),
    staff: Type.Array(
      Type.Object({
        staffId: Type.String(),
        name: Type.String(),
        roles: Type.Array(Literals(['lead', 'assist'] as const)),
        joinedAt: Timestamp,
      }),
      { description: 'Everyone who helped, each once, credited with every part they played' },
    ),
    roadmap: Type.Object({ id: Type.String(), version: Type.Integer(), currentVersion: Type.Integer(), name: Type.String() }),
    steps: Type.Array(
      Type.Object({
        key: Type.String(),
        name: Type.String(),
        guidance: Type.String(),
        skippable: Type.Boolean(),
        doneWhen: DoneWhenSchema,
        state: Literals(['done', 'skipped', 'current', 'to-do'] as const),
        at: Nullable(Timestamp),
      }),
    ),
    currentStep: Nullable(Type.String()),
    guidanceSessions: Type.Array(Type.Object({ id: Type.String(), setName: Type.String(), startedAt: Timestamp })),
    gestures: Type.Array(
      Type.Object({ id: Type.String(), kind: Type.String(), description: Type.String(), cost: Type.Number(), givenAt: Timestamp }),
    ),
    basket: Type.Array(
      Type.Object({
        variantId: Type.String(),
        productId: Type.String(),
        title: Type.String(),
        quantity: Type.Integer(),
        unitPrice: Type.Number(),
      }),
      { description: 'The lines of the visit’s guidance sessions still in the basket' },
    ),
    considered: Type.Array(
      Type.Object({
        productId: Type.String(),
        title: Type.String(),
        recommended: Type.Boolean({ description: 'Shown in a recommendation list' }),
        compared: Type.Boolean({ description: 'Shown in a comparison' }),
        basket: Nullable(Literals(['kept', 'removed'] as const)),
        firstAt: Timestamp,
      }),
      { description: 'Products considered during the visit, in the order they first came up' },
    ),
    feedback: Nullable(
      Type.Object(
        {
          satisfaction: Nullable(Type.Integer({ minimum: 1, maximum: 5 })),
          expectations: Nullable(Literals(['not-met', 'met', 'exceeded'] as const)),
          listened: Nullable(Type.Boolean()),
          feltRushed: Nullable(Type.Boolean()),
          inStock: Nullable(Type.Boolean()),
          comment: Nullable(Type.String()),
          poor: Type.Boolean(),
          answeredAt: Timestamp,
        },
        {
          description:
            'The customer’s answer about the visit; null without one, or for staff who did not serve it (owners and managers see all)',
        },
      ),
    ),
    lostDemand: Type.Array(
      Type.Object({
        id: Type.String(),
        description: Type.String(),
        quantity: Type.Integer(),
        outcome: Literals(LOST_OUTCOMES),
        substitute: Nullable(Type.String({ description: 'What was taken instead, when it was substituted' })),
        note: Nullable(Type.String()),
        at: Timestamp,
      }),
    ),
    specialOrder: Nullable(
      Type.Object({
        id: Type.String(),
        fulfilment: Literals(['delivery', 'collection'] as const),
        dueOn: Type.String(),
        status: Literals(['open', 'fulfilled', 'cancelled'] as const),
        recipient: Nullable(Type.String()),
        cardMessage: Nullable(Type.String()),
        deposit: Type.Number(),
        saleId: Nullable(Type.String()),
        cancelled: Cancellation,
      }),
    ),
    followUps: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: Literals(FOLLOW_UP_KINDS),
        title: Type.String(),
        channel: Literals(['email', 'phone', 'in-person'] as const),
        dueAt: Nullable(Timestamp),
        status: Literals(['open', 'done', 'cancelled'] as const),
        assigneeName: Nullable(Type.String()),
        outcome: Nullable(Type.String()),
        doneAt: Nullable(Timestamp),
      }),
    ),
    notes: Type.Array(
      Type.Object({
        id: Type.String(),
        clientId: Type.String(),
        text: Type.String(),
        at: Timestamp,
        staffId: Nullable(Type.String()),
        staffName: Nullable(Type.String()),
      }),
    ),
    times: Type.Object({
      arrivedAt: Nullable(Timestamp),
      startedAt: Timestamp,
      greetedAt: Nullable(Timestamp),
      secondsToGreet: Nullable(Type.Integer({ description: 'From arrival (or the start of the visit) to the greeting' })),
      closedAt: Nullable(Timestamp),
      secondsInDiscovery: Nullable(
        Type.Integer({
          description:
            'From when the discover step became current (the step before it done, or the start) until it was done or skipped, or until now while it is current; null before it begins',
        }),
      ),
      secondsGiven: Type.Integer({ description: 'Time the customer was given to decide: every space, the open one up to now' }),
      spaceSince: Nullable(Timestamp),
    }),
  },
  { title: 'Encounter' },
);

/** The roadmap of a visit and the visits themselves: steps, who helped, notes. */
export function encountersRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/roadmap',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'getRoadmap',
        summary: 'The retailer’s sales-experience roadmap: its current version, or the one asked for',
        tags,
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: responses({ 200: RoadmapSchema }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const roadmap = await getRoadmap(deps.db, principalOf(request).retailerId, request.query.version);
      reply.header('etag', `"${roadmap.currentVersion}"`);
      return roadmap;
    },
  );

  r.put(
    '/api/roadmap',
    {
      config: { permission: 'selling.configure' },
      schema: {
        operationId: 'updateRoadmap',
        summary: 'Save a new version of the roadmap (If-Match: the version edited); visits under way keep theirs',
        tags,
        headers: IfMatchHeaders,
        body: RoadmapBody,
        response: responses({ 200: RoadmapSchema }, [400, 401, 403, 409, 428]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await updateRoadmap(deps, auditContext(request, p), ifMatch(request), request.body);
      const roadmap = await getRoadmap(deps.db, p.retailerId);
      reply.header('etag', `"${roadmap.currentVersion}"`);
      return roadmap;
    },
  );

  r.post(
    '/api/encounters',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'startEncounter',
        summary: 'Start a visit: for a known customer, someone new (first name and one contact, or nothing), or someone not yet known',
        tags,
        body: Type.Object(
          {
            clientId: ClientId,
            storeId: Type.String({ maxLength: 40 }),
            customerId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
            newCustomer: Type.Optional(
              Nullable(
                Type.Object(
                  {
                    firstName: Type.String({ minLength: 1, maxLength: 80 }),
                    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
                    phone: Type.Optional(Type.String({ minLength: 4, maxLength: 40 })),
                  },
                  { additionalProperties: false },
                ),
              ),
            ),
            arrivedAt: Type.Optional(Nullable(Type.String({ format: 'date-time', description: 'When the customer came in' }))),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: EncounterSchema }, [400, 401, 403]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const id = await startEncounter(deps, p, auditContext(request, p), request.body);
      reply.code(201);
      return getEncounter(deps, p, id);
    },
  );

  r.get(
    '/api/encounters',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'listEncounters',
        summary: 'A store’s visits, newest first',
        tags,
        querystring: Type.Object({
          storeId: Type.String({ maxLength: 40 }),
          status: Type.Optional(Literals(['open', 'closed'] as const)),
          outcome: Type.Optional(Literals(['sale', 'special-order', 'no-sale'] as const)),
          ...PageQuery.properties,
        }),
        response: responses(
          {
            200: page(
              Type.Object({
                id: Type.String(),
                status: Literals(['open', 'closed'] as const),
                outcome: Nullable(Literals(['sale', 'special-order', 'no-sale'] as const)),
                noSaleReason: Nullable(Type.String()),
                arrivedAt: Nullable(Timestamp),
                startedAt: Timestamp,
                closedAt: Nullable(Timestamp),
                customer: Nullable(
                  Type.Object({
                    id: Type.String(),
                    name: Nullable(Type.String({ description: 'Null for a role that may not see customers' })),
                  }),
                ),
                leadName: Nullable(Type.String()),
                assistNames: Type.Array(Type.String()),
                saleTotal: Nullable(Type.Number()),
              }),
            ),
          },
          [400, 401, 403],
        ),
      },
    },
    async (request) => listEncounters(deps, principalOf(request), request.query),
  );

  r.get(
    '/api/encounters/:id',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'getEncounter',
        summary: 'A visit: its customer, the roadmap with each step’s state, who helped, guidance sessions, notes and times',
        tags,
        params: IdParams,
        response: responses({ 200: EncounterSchema }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const e = await getEncounter(deps, principalOf(request), request.params.id);
      reply.header('etag', `"${e.version}"`);
      return e;
    },
  );

  const StarterSchema = Type.Object({
    key: Type.String(),
    text: Type.String({ description: 'A suggestion for the associate, in plain words' }),
    fact: Type.Object({
      kind: Literals(FACT_KINDS),
      text: Type.String({ description: 'The fact it is drawn from, as it stands' }),
      at: Type.Optional(Type.String()),
    }),
    weight: Type.Number(),
  });

  r.get(
    '/api/encounters/:id/screen',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'getVisitScreen',
        summary:
          'Everything the visit screen shows in one read: the visit, and for a known customer the profile, recent purchases, earlier visits, notes and conversation starters drawn from them (the view is audit-logged)',
        tags,
        params: IdParams,
        response: responses(
          {
            200: Type.Object({
              visit: EncounterSchema,
              customer: Nullable(CustomerSchema),
              history: Nullable(
                Type.Object({
                  purchases: Type.Array(
                    Type.Object({
                      saleId: Type.String(),
                      soldAt: Timestamp,
                      storeName: Type.String(),
                      productId: Nullable(Type.String()),
                      title: Type.String(),
                      quantity: Type.Integer({ description: 'Negative on a return' }),
                      unitPrice: Type.Number(),
                    }),
                    { description: 'The latest sale lines, newest first' },
                  ),
                  visits: Type.Array(
                    Type.Object({
                      id: Type.String(),
                      at: Timestamp,
                      outcome: Nullable(Literals(['sale', 'special-order', 'no-sale'] as const)),
                      noSaleReason: Nullable(Type.String()),
                    }),
                    { description: 'Earlier visits, newest first' },
                  ),
                  notes: Type.Array(
                    Type.Object({ id: Type.String(), body: Type.String(), author: Nullable(Type.String()), at: Timestamp }),
                    { description: 'Colleagues’ latest notes, newest first' },
                  ),
                }),
              ),
              starters: Type.Array(StarterSchema, { description: 'Drawn only from the facts above; none when nothing is known' }),
            }),
          },
          [401, 403, 404],
        ),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const screen = await visitScreen(deps, p, auditContext(request, p), request.params.id);
      reply.header('etag', `"${screen.visit.version}"`);
      return screen;
    },
  );

  r.patch(
    '/api/encounters/:id',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'updateEncounter',
        summary: 'Link the customer once known, or set the arrival time (If-Match: the version edited)',
        tags,
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object(
          {
            customerId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
            arrivedAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: EncounterSchema }, [400, 401, 403, 404, 409, 428]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await updateEncounter(deps, p, auditContext(request, p), request.params.id, ifMatch(request), request.body);
      const e = await getEncounter(deps, p, request.params.id);
      reply.header('etag', `"${e.version}"`);
      return e;
    },
  );

  r.post(
    '/api/encounters/:id/steps',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'markEncounterStep',
        summary:
          'Mark a roadmap step done or skipped, once; a step before an earlier one that may not be skipped is refused (409), and once the visit is closed so is any step up to closing',
        tags,
        params: IdParams,
        body: Type.Object(
          {
            clientId: ClientId,
            key: Type.String({ maxLength: 40 }),
            status: Literals(['done', 'skipped'] as const),
            at: HappenedAt,
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: EncounterSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      await markStep(deps, p, request.params.id, request.body);
      return getEncounter(deps, p, request.params.id);
    },
  );

  r.post(
    '/api/encounters/:id/staff',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'joinEncounter',
        summary: 'A colleague joins as an assist or takes over as lead (by default the one asking); each is credited',
        tags,
        params: IdParams,
        body: Type.Object(
          { clientId: ClientId, staffId: Type.Optional(Type.String({ maxLength: 40 })), role: Literals(['lead', 'assist'] as const) },
          { additionalProperties: false },
        ),
        response: responses({ 200: EncounterSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      await joinEncounter(deps, p, request.params.id, request.body);
      return getEncounter(deps, p, request.params.id);
    },
  );

  r.post(
    '/api/encounters/:id/notes',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'addEncounterNote',
        summary: 'Add a note to the visit, once per clientId; refused once the visit is closed (409)',
        tags,
        params: IdParams,
        body: Type.Object({ clientId: ClientId, text: Type.String({ maxLength: 4000 }), at: HappenedAt }, { additionalProperties: false }),
        response: responses({ 200: EncounterSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      await addEncounterNote(deps, p, request.params.id, request.body);
      return getEncounter(deps, p, request.params.id);
    },
  );

  r.post(
    '/api/encounters/:id/space',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'giveSpace',
        summary: 'The customer is given space to decide, once per clientId (one space at a time); refused once the visit is closed (409)',
        tags,
        params: IdParams,
        body: ClientChange,
        response: responses({ 200: EncounterSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      await startSpace(deps, p, request.params.id, request.body);
      return getEncounter(deps, p, request.params.id);
    },
  );

  r.post(
    '/api/encounters/:id/space/end',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'endSpace',
        summary: 'The associate is back: the open space ends, once per clientId (nothing happens when none is open)',
        tags,
        params: IdParams,
        body: ClientChange,
        response: responses({ 200: EncounterSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      await endSpace(deps, p, request.params.id, request.body);
      return getEncounter(deps, p, request.params.id);
    },
  );

  const SaleLine = Type.Object(
    {
      variantId: Type.Optional(Type.String({ maxLength: 40 })),
      sku: Type.Optional(Type.String({ maxLength: 80 })),
      quantity: Type.Integer({ minimum: 1, maximum: 10_000 }),
      unitPrice: Type.Optional(Type.Number({ minimum: 0 })),
      discount: Type.Optional(Type.Number({ minimum: 0 })),
      holdId: Type.Optional(Type.String({ maxLength: 40 })),
    },
    { additionalProperties: false },
  );

  r.post(
    '/api/encounters/:id/close',
    {
      config: { permission: 'sales.close' },
      schema: {
        operationId: 'closeEncounter',
        summary: 'End the visit once: a sale (the basket, or the lines given), a special order, or no sale with the reason',
        tags,
        params: IdParams,
        body: Type.Union([
          Type.Object(
            {
              outcome: Type.Literal('sale'),
              lines: Type.Optional(Type.Array(SaleLine, { minItems: 1, maxItems: 200 })),
              allowBackorder: Type.Optional(Type.Boolean()),
              emailReceipt: Type.Optional(
                Type.Boolean({
                  description:
                    'E-mail the receipt to the customer at once (a service message: it needs their consent to service e-mails); it carries their feedback link',
                }),
              ),
            },
            { additionalProperties: false },
          ),
          Type.Object(
            {
              outcome: Type.Literal('special-order'),
              order: Type.Object(
                {
                  fulfilment: Literals(['delivery', 'collection'] as const),
                  dueOn: Type.String({ format: 'date', description: 'The day it is delivered or collected' }),
                  recipient: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
                  address: Type.Optional(Nullable(Type.Record(Type.String({ maxLength: 40 }), Nullable(Type.String({ maxLength: 200 }))))),
                  cardMessage: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
                  deposit: Type.Optional(Type.Number({ minimum: 0 })),
                },
                { additionalProperties: false },
              ),
            },
            { additionalProperties: false },
          ),
          Type.Object(
            {
              outcome: Type.Literal('no-sale'),
              reason: Literals(NO_SALE_REASONS),
              note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
            },
            { additionalProperties: false },
          ),
        ]),
        response: responses({ 200: EncounterSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      await closeEncounter(deps, p, auditContext(request, p), request.params.id, request.body);
      return getEncounter(deps, p, request.params.id);
    },
  );

  r.get(
    '/api/special-orders',
    {
      config: { permission: 'sales.close' },
      schema: {
        operationId: 'listSpecialOrders',
        summary: 'A store’s special orders, the soonest due first',
        tags,
        querystring: Type.Object({
          storeId: Type.String({ maxLength: 40 }),
          status: Type.Optional(Literals(['open', 'fulfilled', 'cancelled'] as const)),
        }),
        response: responses(
          {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  id: Type.String(),
                  encounterId: Type.String(),
                  customer: Nullable(
                    Type.Object({
                      id: Type.String(),
                      name: Nullable(Type.String({ description: 'Null for a role that may not see customers' })),
                    }),
                  ),
                  fulfilment: Literals(['delivery', 'collection'] as const),
                  dueOn: Type.String(),
                  recipient: Nullable(Type.String()),
                  address: Nullable(Type.Record(Type.String(), Nullable(Type.String()))),
                  cardMessage: Nullable(Type.String()),
                  deposit: Type.Number(),
                  lines: Type.Array(
                    Type.Object({ variantId: Type.String(), title: Type.String(), quantity: Type.Integer(), unitPrice: Type.Number() }),
                  ),
                  total: Type.Number(),
                  status: Literals(['open', 'fulfilled', 'cancelled'] as const),
                  saleId: Nullable(Type.String()),
                  createdAt: Timestamp,
                  cancelled: Cancellation,
                }),
              ),
            }),
          },
          [401, 403, 404],
        ),
      },
    },
    async (request) => ({ items: await listSpecialOrders(deps, principalOf(request), request.query.storeId, request.query.status) }),
  );

  r.post(
    '/api/special-orders/:id/fulfil',
    {
      config: { permission: 'sales.close' },
      schema: {
        operationId: 'fulfilSpecialOrder',
        summary: 'Hand over a special order: it becomes a sale, once',
        tags,
        params: IdParams,
        response: responses({ 200: Type.Object({ saleId: Type.String() }) }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return fulfilSpecialOrder(deps, p, auditContext(request, p), request.params.id);
    },
  );

  r.post(
    '/api/special-orders/:id/cancel',
    {
      config: { permission: 'sales.close' },
      schema: {
        operationId: 'cancelSpecialOrder',
        summary: 'Cancel an open special order with the reason (a deposit is refunded at the till); one handed over cannot be',
        tags,
        params: IdParams,
        body: Type.Object({ reason: Type.String({ maxLength: 500 }) }, { additionalProperties: false }),
        response: responses({ 204: Type.Null() }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await cancelSpecialOrder(deps, p, auditContext(request, p), request.params.id, request.body.reason);
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/encounters/:id/gestures',
    {
      config: { permission: 'selling.run' },
      schema: {
        operationId: 'giveGesture',
        summary:
          'A gesture of surprise and delight, with its cost, drawn against the store’s monthly budget (409 with what is left); refused once the visit is closed (409)',
        tags,
        params: IdParams,
        body: Type.Object(
          {
            clientId: ClientId,
            kind: Literals(GESTURE_KINDS),
            description: Type.String({ maxLength: 300 }),
            cost: Type.Number({ minimum: 0, maximum: 100_000 }),
            at: HappenedAt,
          },
          { additionalProperties: false },
        ),
        response: responses({ 200: EncounterSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      await giveGesture(deps, p, auditContext(request, p), request.params.id, request.body);
      return getEncounter(deps, p, request.params.id);
    },
  );

  r.get(
    '/api/stores/:id/gestures',
    {
      config: { permission: 'store.reports' },
      schema: {
        operationId: 'storeGestures',
        summary: 'A store’s gestures in a month, with the budget, what was spent and what is left',
        tags,
        params: IdParams,
        querystring: Type.Object({ month: Type.Optional(Type.String({ description: 'YYYY-MM; this month by default' })) }),
        response: responses(
          {
            200: Type.Object({
              month: Type.String(),
              budget: Type.Number(),
              spent: Type.Number(),
              left: Type.Number(),
              gestures: Type.Array(
                Type.Object({
                  id: Type.String(),
                  encounterId: Type.String(),
                  customer: Nullable(
                    Type.Object({
                      id: Type.String(),
                      name: Nullable(Type.String({ description: 'Null for a role that may not see customers' })),
                    }),
                  ),
                  kind: Literals(GESTURE_KINDS),
                  description: Type.String(),
                  cost: Type.Number(),
                  givenBy: Nullable(Type.String()),
                  givenAt: Timestamp,
                }),
              ),
            }),
          },
          [400, 401, 403],
        ),
      },
    },
    async (request) => gestureMonth(deps, principalOf(request), request.params.id, request.query.month),
  );

  r.post(
    '/api/encounters/:id/lost-demand',
    {
      config: { permission: 'selling.assist' },
      schema: {
        operationId: 'recordLostDemand',
        summary: 'What the customer asked for and could not have here, how many, and what happened instead',
        tags,
        params: IdParams,
        body: Type.Object(
          {
            clientId: ClientId,
            variantId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
            description: Type.Optional(Type.String({ maxLength: 300, description: 'Words for something the catalog does not have' })),
            quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
            outcome: Literals(LOST_OUTCOMES),
            substituteVariantId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
            note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
          },
          { additionalProperties: false },
        ),
        response: responses({ 204: Type.Null() }, [400, 401, 403, 404]),
      },
    },
    async (request, reply) => {
      await recordLostDemandInVisit(deps, principalOf(request), request.params.id, request.body);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/lost-demand',
    {
      config: { permission: 'store.reports' },
      schema: {
        operationId: 'lostDemand',
        summary: 'A store’s lost demand by item, most units first, with what happened instead',
        tags,
        querystring: Type.Object({
          storeId: Type.String({ maxLength: 40 }),
          from: Type.Optional(Type.String({ format: 'date' })),
          to: Type.Optional(Type.String({ format: 'date' })),
        }),
        response: responses(
          {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  variantId: Nullable(Type.String()),
                  productId: Nullable(Type.String()),
                  description: Type.String(),
                  units: Type.Integer(),
                  times: Type.Integer(),
                  outcomes: Type.Record(Type.String(), Type.Integer(), { description: 'Units by what happened instead' }),
                }),
              ),
            }),
          },
          [400, 401, 403],
        ),
      },
    },
    async (request) => ({ items: await lostDemandReport(deps, principalOf(request), request.query) }),
  );

  const Proposal = Type.Object({
    kind: Literals(FOLLOW_UP_KINDS),
    title: Type.String(),
    dueOn: Nullable(Type.String({ description: 'YYYY-MM-DD where the store is; null until the item’s delivery arrives' })),
    variantId: Nullable(Type.String()),
  });

  r.get(
    '/api/encounters/:id/follow-up-proposals',
    {
      config: { permission: 'selling.run' },
      schema: {
        operationId: 'followUpProposals',
        summary: 'What closing the visit proposes to follow up: a thank-you, a check after delivery, back in stock, a date coming up',
        tags,
        params: IdParams,
        response: responses({ 200: Type.Object({ items: Type.Array(Proposal) }) }, [401, 403, 404, 409]),
      },
    },
    async (request) => ({ items: await followUpProposals(deps, principalOf(request), request.params.id) }),
  );

  r.post(
    '/api/encounters/:id/follow-ups',
    {
      config: { permission: 'selling.run' },
      schema: {
        operationId: 'addFollowUp',
        summary: 'Keep a follow-up for a colleague (the one asking by default); an e-mail one is sent through the outbox when due',
        tags,
        params: IdParams,
        body: Type.Object(
          {
            clientId: ClientId,
            kind: Literals(FOLLOW_UP_KINDS),
            title: Type.String({ minLength: 1, maxLength: 200 }),
            channel: Literals(['email', 'phone', 'in-person'] as const),
            dueOn: Nullable(Type.String({ format: 'date' })),
            assigneeId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
            variantId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
            message: Type.Optional(
              Nullable(
                Type.Object(
                  { subject: Type.String({ minLength: 1, maxLength: 200 }), text: Type.String({ minLength: 1, maxLength: 10_000 }) },
                  { additionalProperties: false },
                ),
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: responses({ 201: Type.Object({ id: Type.String() }) }, [400, 401, 403, 404]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      reply.code(201);
      return { id: await addFollowUp(deps, p, auditContext(request, p), request.params.id, request.body) };
    },
  );

  r.get(
    '/api/follow-ups',
    {
      config: { permission: 'selling.run' },
      schema: {
        operationId: 'listFollowUps',
        summary: 'Open follow-ups — my own, or a store’s with storeId — due soonest first, those waiting for stock last',
        tags,
        querystring: Type.Object({ storeId: Type.Optional(Type.String({ maxLength: 40 })) }),
        response: responses(
          {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  id: Type.String(),
                  kind: Type.String(),
                  channel: Type.String(),
                  title: Type.String(),
                  dueAt: Nullable(Timestamp),
                  encounterId: Nullable(Type.String()),
                  customer: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
                  assigneeId: Nullable(Type.String()),
                  assigneeName: Nullable(Type.String()),
                  message: Nullable(Type.Object({ status: Type.String(), reason: Nullable(Type.String()) })),
                }),
              ),
            }),
          },
          [401, 403],
        ),
      },
    },
    async (request) => ({ items: await listFollowUps(deps, principalOf(request), request.query) }),
  );

  r.post(
    '/api/follow-ups/:id/complete',
    {
      config: { permission: 'selling.run' },
      schema: {
        operationId: 'completeFollowUp',
        summary: 'Mark a follow-up done with what came of it; it shows on the customer’s timeline',
        tags,
        params: IdParams,
        body: Type.Object({ outcome: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
        response: responses({ 204: Type.Null() }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await completeFollowUp(deps, p, auditContext(request, p), request.params.id, request.body.outcome);
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/follow-ups/:id/cancel',
    {
      config: { permission: 'selling.run' },
      schema: {
        operationId: 'cancelFollowUp',
        summary: 'Close a follow-up that is no longer needed, with the reason; a queued e-mail for it is not sent',
        tags,
        params: IdParams,
        body: Type.Object({ reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
        response: responses({ 204: Type.Null() }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await cancelFollowUp(deps, p, auditContext(request, p), request.params.id, request.body.reason);
      return reply.code(204).send();
    },
  );
}
