import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import type { DuplicateReason } from '../../../shared/domain/duplicates.ts';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { IdParams, NoContent, Nullable, PageQuery, responses, StaffRef, Timestamp } from '../../http/schemas.ts';
import { auditContext } from '../audit/audit.repo.ts';
import { displayName, fullName, initials, presentCustomer } from './customers.present.ts';
import { type CustomerRow, profileExtras } from './customers.repo.ts';
import { CustomerSchema } from './customers.schemas.ts';
import {
  CHOSEN_FIELDS,
  dismissDuplicate,
  duplicatePairs,
  duplicatesOf,
  mergeCustomers,
  mergesInto,
  UNMERGE_DAYS,
  unmergeCustomers,
} from './merge.service.ts';

const tags = ['Customers'];
const CustomerSummarySchema = Type.Object(
  {
    id: Type.String(),
    displayName: Type.String(),
    fullName: Type.String(),
    preferredName: Nullable(Type.String()),
    initials: Type.String(),
    lastVisitAt: Nullable(Timestamp),
    context: Type.String(),
    phones: Type.Array(Type.Object({ label: Type.String(), number: Type.String() })),
    emails: Type.Array(Type.Object({ label: Type.String(), address: Type.String() })),
    visits: Type.Integer(),
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { title: 'CustomerSummary' },
);

const ReasonSchema = Type.Object({
  kind: Type.Union([Type.Literal('same-email'), Type.Literal('same-phone'), Type.Literal('similar-name-phone-suffix')]),
  text: Type.String(),
});

const MergeSchema = Type.Object(
  {
    id: Type.String(),
    survivorId: Type.String(),
    mergedId: Type.String(),
    mergedName: Type.String(),
    mergedBy: StaffRef,
    mergedAt: Timestamp,
    undoableUntil: Timestamp,
    unmergedAt: Nullable(Timestamp),
    unmergedBy: StaffRef,
  },
  { title: 'Merge' },
);

const Choice = Type.Optional(Type.Union([Type.Literal('survivor'), Type.Literal('other')]));
const MergeBody = Type.Object(
  {
    otherId: Type.String({ maxLength: 40, description: 'The profile merged into this one' }),
    survivorVersion: Type.Integer({ minimum: 1 }),
    otherVersion: Type.Integer({ minimum: 1 }),
    take: Type.Optional(
      Type.Object(Object.fromEntries(Object.keys(CHOSEN_FIELDS).map((f) => [f, Choice])), {
        additionalProperties: false,
        description: 'Whose value to keep per field; by default the survivor’s, unless it is empty',
      }),
    ),
  },
  { additionalProperties: false },
);

function summary(c: CustomerRow): Static<typeof CustomerSummarySchema> {
  const contact = c.phones[0]?.number ?? c.emails[0]?.address ?? null;
  return {
    id: c.id,
    displayName: displayName(c),
    fullName: fullName(c),
    preferredName: c.preferred_name,
    initials: initials(c),
    lastVisitAt: c.last_visit_at?.toISOString() ?? null,
    context: [c.address?.city ?? null, contact, `${c.visits} visit${c.visits === 1 ? '' : 's'}`].filter(Boolean).join(' · '),
    phones: c.phones,
    emails: c.emails,
    visits: c.visits,
    updatedAt: c.updated_at.toISOString(),
    version: c.version,
  };
}

const reasons = (r: DuplicateReason[]) => r.map(({ kind, text }) => ({ kind, text }));

async function fullCustomer(deps: Deps, retailerId: string, row: CustomerRow) {
  return presentCustomer(row, await profileExtras(deps.db, retailerId, row.id));
}

/** Likely duplicates, merging two profiles, and undoing a merge. */
export function mergeRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/customers/:id/duplicates',
    {
      config: { permission: 'customers.view' },
      schema: {
        operationId: 'customerDuplicates',
        summary: 'Profiles that look like the same person (same e-mail, same phone, or similar name and phone ending)',
        tags,
        params: IdParams,
        response: responses(
          { 200: Type.Object({ items: Type.Array(Type.Object({ customer: CustomerSummarySchema, reasons: Type.Array(ReasonSchema) })) }) },
          [401, 403, 404],
        ),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const items = await duplicatesOf(deps, p, request.params.id);
      return { items: items.map((d) => ({ customer: summary(d.customer), reasons: reasons(d.reasons) })) };
    },
  );

  r.get(
    '/api/customer-duplicates',
    {
      config: { permission: 'customers.merge' },
      schema: {
        operationId: 'listDuplicates',
        summary: 'Likely duplicate pairs across the customer book, for a manager to merge or dismiss',
        tags,
        querystring: PageQuery,
        response: responses({
          200: Type.Object({
            items: Type.Array(Type.Object({ a: CustomerSummarySchema, b: CustomerSummarySchema, reasons: Type.Array(ReasonSchema) })),
            nextCursor: Nullable(Type.String()),
          }),
        }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const { pairs, nextCursor } = await duplicatePairs(deps, p, request.query.cursor ?? null, Math.min(request.query.limit ?? 20, 50));
      return { items: pairs.map((d) => ({ a: summary(d.a), b: summary(d.b), reasons: reasons(d.reasons) })), nextCursor };
    },
  );

  r.post(
    '/api/customer-duplicates/dismiss',
    {
      config: { permission: 'customers.merge' },
      schema: {
        operationId: 'dismissDuplicate',
        summary: 'Say two profiles are different people; the pair is no longer suggested',
        tags,
        body: Type.Object(
          { customerIds: Type.Array(Type.String({ maxLength: 40 }), { minItems: 2, maxItems: 2 }) },
          { additionalProperties: false },
        ),
        response: responses({ 204: NoContent }, [400, 401, 403, 404]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const [a, b] = request.body.customerIds as [string, string];
      await dismissDuplicate(deps, p, auditContext(request, p), [a, b]);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/customers/:id/merge',
    {
      config: { permission: 'customers.merge' },
      schema: {
        operationId: 'mergeCustomers',
        summary: 'Merge another profile into this one (field by field; undoable for 30 days)',
        description:
          'Phones, e-mails, household, dates and tags are combined; notes, preferences, consents and saved items move here; lifetime figures add up. Both versions must be current, else 409.',
        tags,
        params: IdParams,
        body: MergeBody,
        response: responses({ 200: Type.Object({ customer: CustomerSchema, merge: MergeSchema }) }, [400, 401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const { customer, mergeId } = await mergeCustomers(deps, p, auditContext(request, p), request.params.id, request.body);
      const merge = (await mergesInto(deps, p, customer.id)).find((m) => m.id === mergeId);
      if (!merge) throw new AppError('internal', 'The merge was not recorded.');
      return { customer: await fullCustomer(deps, p.retailerId, customer), merge: presentMerge(merge) };
    },
  );

  r.get(
    '/api/customers/:id/merges',
    {
      config: { permission: 'customers.view' },
      schema: {
        operationId: 'customerMerges',
        summary: 'Profiles merged into this one, newest first, and whether each can still be undone',
        tags,
        params: IdParams,
        response: responses({ 200: Type.Object({ items: Type.Array(MergeSchema) }) }, [401, 403, 404]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      return { items: (await mergesInto(deps, p, request.params.id)).map(presentMerge) };
    },
  );

  r.post(
    '/api/customer-merges/:id/unmerge',
    {
      config: { permission: 'customers.merge' },
      schema: {
        operationId: 'unmergeCustomers',
        summary: 'Undo a merge within 30 days; edits made since are kept',
        tags,
        params: IdParams,
        response: responses({ 200: Type.Object({ survivor: CustomerSchema, restored: CustomerSchema }) }, [401, 403, 404, 409]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const { survivor, restored } = await unmergeCustomers(deps, p, auditContext(request, p), request.params.id);
      return { survivor: await fullCustomer(deps, p.retailerId, survivor), restored: await fullCustomer(deps, p.retailerId, restored) };
    },
  );
}

function presentMerge(m: Awaited<ReturnType<typeof mergesInto>>[number]): Static<typeof MergeSchema> {
  return {
    id: m.id,
    survivorId: m.survivor_id,
    mergedId: m.merged_id,
    mergedName: [m.first_name, m.last_name].filter(Boolean).join(' '),
    mergedBy: m.merged_by && m.merged_by_name ? { id: m.merged_by, name: m.merged_by_name } : null,
    mergedAt: m.merged_at.toISOString(),
    undoableUntil: new Date(m.merged_at.getTime() + UNMERGE_DAYS * 86_400_000).toISOString(),
    unmergedAt: m.unmerged_at?.toISOString() ?? null,
    unmergedBy: m.unmerged_by && m.unmerged_by_name ? { id: m.unmerged_by, name: m.unmerged_by_name } : null,
  };
}
