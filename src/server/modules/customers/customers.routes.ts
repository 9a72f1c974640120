import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { IdParams, NoContent, PageQuery, page, responses } from '../../http/schemas.ts';
import { IfMatchHeaders, ifMatch } from '../../http/versions.ts';
import { auditContext } from '../audit/audit.repo.ts';
import { presentCustomer, presentNote, presentSavedItem, presentSearchResult } from './customers.present.ts';
import { profileExtras, timelinePage } from './customers.repo.ts';
import {
  AddNoteBody,
  AddPreferenceBody,
  AddSavedItemBody,
  ConsentBody,
  ConsentSchema,
  CreateCustomerBody,
  CustomerSchema,
  CustomValueSchema,
  EditNoteBody,
  NoteSchema,
  PREFERENCE_VALUE_SCHEMAS,
  PreferenceSchema,
  SavedItemSchema,
  SearchQuery,
  SearchResultSchema,
  TimelineItemSchema,
  UpdateCustomerBody,
} from './customers.schemas.ts';
import {
  addNote,
  addPreference,
  addSavedItem,
  createCustomer,
  editNote,
  eraseCustomer,
  exportCustomer,
  regionOf,
  removePreference,
  removeSavedItem,
  searchCustomers,
  setConsent,
  updateCustomer,
  viewCustomer,
  visibleCustomer,
} from './customers.service.ts';

const tags = ['Customers'];
const view = { permission: 'customers.view' } as const;
const edit = { permission: 'customers.edit' } as const;

const valueCheckers = Object.fromEntries(Object.entries(PREFERENCE_VALUE_SCHEMAS).map(([k, s]) => [k, Compile(s)]));
const customValueChecker = Compile(CustomValueSchema);

/** Validates a preference value against its key's shape, naming the field at fault. */
function checkPreferenceValue(key: string, value: unknown) {
  const checker = valueCheckers[key] ?? customValueChecker;
  if (checker.Check(value)) return;
  const fields = [...checker.Errors(value)]
    .filter((e) => e.keyword !== 'boolean')
    .map((e) => ({ field: `value${e.instancePath.replace(/\//g, '.')}`, message: e.message ?? 'is not valid' }));
  throw new AppError(
    'validation_failed',
    `This ${key} preference is not valid: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}.`,
    { fields },
  );
}

export function customersRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/customers',
    {
      config: view,
      schema: {
        operationId: 'searchCustomers',
        summary: 'Find customers as you type: name words, phone (any formatting or last 4+ digits), e-mail',
        tags,
        querystring: SearchQuery,
        response: responses({ 200: Type.Object({ items: Type.Array(SearchResultSchema) }) }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const region = await regionOf(deps, p.retailerId);
      const storeId = p.kind === 'staff' ? (p.currentStoreId ?? p.storeIds[0] ?? null) : null;
      const results = await searchCustomers(deps, p, { q: request.query.q, limit: request.query.limit, storeId, region });
      const stores = await deps.db.selectFrom('stores').select(['id', 'name']).where('retailer_id', '=', p.retailerId).execute();
      const names = new Map(stores.map((s) => [s.id, s.name]));
      return { items: results.map((res) => presentSearchResult(res.row, res.match, names)) };
    },
  );

  r.post(
    '/api/customers',
    {
      config: edit,
      schema: {
        operationId: 'createCustomer',
        summary: 'Add a customer (a first name is enough)',
        tags,
        body: CreateCustomerBody,
        response: responses({ 201: CustomerSchema }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const row = await createCustomer(deps, p, auditContext(request, p), request.body);
      reply.header('etag', `"${row.version}"`);
      return reply.status(201).send(presentCustomer(row, { preferences: [], consents: [], savedItems: [] }));
    },
  );

  r.get(
    '/api/customers/:id',
    {
      config: view,
      schema: {
        operationId: 'getCustomer',
        summary: 'A customer’s profile, preferences and consent (the view is audit-logged)',
        tags,
        params: IdParams,
        response: responses({ 200: CustomerSchema }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const { row, extras } = await viewCustomer(deps, p, auditContext(request, p), request.params.id);
      reply.header('etag', `"${row.version}"`);
      return presentCustomer(row, extras);
    },
  );

  r.patch(
    '/api/customers/:id',
    {
      config: edit,
      schema: {
        operationId: 'updateCustomer',
        summary: 'Change profile fields; needs If-Match with the version you edited',
        tags,
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateCustomerBody,
        response: responses({ 200: CustomerSchema }, [400, 401, 403, 404, 409, 428]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const version = ifMatch(request);
      try {
        const row = await updateCustomer(deps, p, auditContext(request, p), request.params.id, version, request.body);
        reply.header('etag', `"${row.version}"`);
        return presentCustomer(row, await profileExtras(deps.db, p.retailerId, row.id));
      } catch (err) {
        if (err instanceof AppError && err.code === 'stale_version') {
          const current = await visibleCustomer(deps, p, request.params.id);
          throw new AppError('stale_version', err.message, { details: { current: presentCustomer(current) } });
        }
        throw err;
      }
    },
  );

  r.get(
    '/api/customers/:id/export',
    {
      config: { permission: 'customers.merge' },
      schema: {
        operationId: 'exportCustomer',
        summary: 'Everything held about a customer, as JSON (the export is audit-logged)',
        tags,
        params: IdParams,
        response: responses({ 200: Type.Object({}, { additionalProperties: true }) }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const data = await exportCustomer(deps, p, auditContext(request, p), request.params.id);
      reply.header('content-disposition', `attachment; filename="customer-${request.params.id}.json"`);
      return data;
    },
  );

  r.post(
    '/api/customers/:id/erase',
    {
      config: { permission: 'customers.merge', staffOnly: true },
      schema: {
        operationId: 'eraseCustomer',
        summary: 'Forget a customer: personal data removed, figures kept anonymously (logged, not undoable)',
        tags,
        params: IdParams,
        response: responses({ 204: NoContent }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await eraseCustomer(deps, p, auditContext(request, p), request.params.id);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/customers/:id/timeline',
    {
      config: view,
      schema: {
        operationId: 'customerTimeline',
        summary: 'Notes, purchases and changes, newest first',
        tags,
        params: IdParams,
        querystring: PageQuery,
        response: responses({ 200: page(TimelineItemSchema) }, [401, 403, 404]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      await visibleCustomer(deps, p, request.params.id);
      const limit = request.query.limit ?? 50;
      const [atText, id] = (request.query.cursor ?? '').split('|');
      const cursor = atText && id && !Number.isNaN(Date.parse(atText)) ? { at: new Date(atText), id } : null;
      const { noteRows, changeRows, saleRows } = await timelinePage(deps.db, p.retailerId, request.params.id, limit, cursor);
      const items = [
        ...noteRows.map((n) => ({
          type: 'note' as const,
          at: n.created_at,
          id: n.id,
          actor: n.author_name ? { id: n.author_id, name: n.author_name } : null,
          note: presentNote(n, n.author_name, p),
        })),
        ...changeRows.map((c) => ({
          type: 'change' as const,
          at: c.at,
          id: c.id,
          actor: c.actor_id && c.actor_name ? { id: c.actor_id, name: c.actor_name } : null,
          action: c.action,
          summary: summarise(c.action, c.details as Record<string, unknown>),
        })),
        ...saleRows.map((s) => ({
          type: 'purchase' as const,
          at: s.sold_at,
          id: s.id,
          actor: s.staff_id && s.staff_name ? { id: s.staff_id, name: s.staff_name } : null,
          sale: { id: s.id, kind: s.kind, total: s.total, currency: s.currency, store: s.store_name, lines: s.lines },
        })),
      ]
        .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1))
        .slice(0, limit);
      const last = items.at(-1);
      const more = noteRows.length + changeRows.length + saleRows.length > limit;
      return {
        items: items.map((i) => ({ ...i, at: i.at.toISOString() })),
        nextCursor: more && last ? `${last.at.toISOString()}|${last.id}` : null,
      };
    },
  );

  r.post(
    '/api/customers/:id/notes',
    {
      config: { ...edit, staffOnly: true },
      schema: {
        operationId: 'addCustomerNote',
        summary: 'Add a note (idempotent by clientId); text that looks sensitive needs acknowledgeSensitive',
        tags,
        params: IdParams,
        body: AddNoteBody,
        response: responses({ 200: NoteSchema, 201: NoteSchema }, [400, 401, 403, 404, 422]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const { note, created } = await addNote(deps, p, auditContext(request, p), request.params.id, request.body);
      const author = p.kind === 'staff' && p.staffId === note.author_id ? p.name : null;
      return reply.status(created ? 201 : 200).send(presentNote(note, author, p));
    },
  );

  r.patch(
    '/api/customers/:id/notes/:noteId',
    {
      config: { ...edit, staffOnly: true },
      schema: {
        operationId: 'editCustomerNote',
        summary: 'Reword your own note (the earlier wording is kept)',
        tags,
        params: Type.Object({ id: Type.String({ maxLength: 40 }), noteId: Type.String({ maxLength: 40 }) }),
        body: EditNoteBody,
        response: responses({ 200: NoteSchema }, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const note = await editNote(deps, p, auditContext(request, p), request.params.id, request.params.noteId, request.body.body);
      return presentNote(note, p.kind === 'staff' ? p.name : null, p);
    },
  );

  r.post(
    '/api/customers/:id/preferences',
    {
      config: edit,
      schema: {
        operationId: 'addCustomerPreference',
        summary: 'Record something the customer told us (idempotent by clientId)',
        description:
          'Keys: room, colour-liked, colour-disliked, style, material, size, occasion, budget, frequency, avoid, or a key the retailer added. Vocabulary references must be keys of the retailer’s vocabulary.',
        tags,
        params: IdParams,
        body: AddPreferenceBody,
        response: responses({ 201: PreferenceSchema }, [400, 401, 403, 404]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      checkPreferenceValue(request.body.key, request.body.value);
      const row = await addPreference(deps, p, auditContext(request, p), request.params.id, {
        ...request.body,
        value: request.body.value as Record<string, unknown>,
      });
      const name = p.kind === 'staff' && row.recorded_by === p.staffId ? p.name : null;
      return reply.status(201).send({
        id: row.id,
        key: row.key,
        value: row.value as Record<string, unknown>,
        recordedBy: name ? { id: row.recorded_by, name } : null,
        recordedAt: row.recorded_at.toISOString(),
        encounterId: row.encounter_id,
      });
    },
  );

  r.delete(
    '/api/customers/:id/preferences/:preferenceId',
    {
      config: edit,
      schema: {
        operationId: 'removeCustomerPreference',
        summary: 'Remove a preference that no longer holds (kept in history)',
        tags,
        params: Type.Object({ id: Type.String({ maxLength: 40 }), preferenceId: Type.String({ maxLength: 40 }) }),
        response: responses({ 204: NoContent }, [401, 403, 404]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await removePreference(deps, p, auditContext(request, p), request.params.id, request.params.preferenceId);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/customers/:id/saved-items',
    {
      config: edit,
      schema: {
        operationId: 'addSavedItem',
        summary: 'Save something the customer would like (a wishlist entry; idempotent by clientId)',
        tags,
        params: IdParams,
        body: AddSavedItemBody,
        response: responses({ 200: SavedItemSchema, 201: SavedItemSchema }, [400, 401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const { item, created } = await addSavedItem(deps, p, auditContext(request, p), request.params.id, request.body);
      return reply.status(created ? 201 : 200).send(presentSavedItem(item));
    },
  );

  r.delete(
    '/api/customers/:id/saved-items/:itemId',
    {
      config: edit,
      schema: {
        operationId: 'removeSavedItem',
        summary: 'Remove a saved item',
        tags,
        params: Type.Object({ id: Type.String({ maxLength: 40 }), itemId: Type.String({ maxLength: 40 }) }),
        response: responses({ 204: NoContent }, [401, 403, 404, 409]),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await removeSavedItem(deps, p, auditContext(request, p), request.params.id, request.params.itemId);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/customers/:id/consents',
    {
      config: edit,
      schema: {
        operationId: 'setCustomerConsent',
        summary: 'Record consent for one channel and purpose (history kept)',
        tags,
        params: IdParams,
        body: ConsentBody,
        response: responses({ 200: Type.Object({ items: Type.Array(ConsentSchema) }) }, [400, 401, 403, 404]),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const rows = await setConsent(deps, p, auditContext(request, p), request.params.id, request.body);
      return {
        items: rows.map((c) => ({
          channel: c.channel,
          purpose: c.purpose,
          granted: c.granted,
          source: c.source,
          capturedBy: c.captured_by && c.captured_by_name ? { id: c.captured_by, name: c.captured_by_name } : null,
          capturedAt: c.captured_at.toISOString(),
        })),
      };
    },
  );
}

const ACTIONS: Record<string, string> = {
  'customer.created': 'Added to the customer book',
  'customer.updated': 'Profile changed',
  'note.edited': 'A note was reworded',
  'preference.added': 'Preference recorded',
  'preference.removed': 'Preference removed',
  'consent.changed': 'Consent changed',
  'saved_item.added': 'Saved for later',
  'saved_item.removed': 'Removed from saved items',
  'customer.merged': 'Another profile was merged into this one',
  'customer.merged_away': 'Merged into another profile',
  'customer.unmerged': 'A merge was undone',
  'customer.not_duplicate': 'Marked as a different person from a look-alike profile',
  'encounter.closed': 'Visit ended',
  'gesture.given': 'A gesture of thanks',
  'follow-up.done': 'Followed up',
  'follow-up.cancelled': 'Follow-up cancelled',
  'special-order.cancelled': 'Special order cancelled',
  'feedback.received': 'Gave feedback on a visit',
  'feedback.follow_up_opened': 'Their feedback opened a follow-up for the manager',
};

const VISIT_OUTCOMES: Record<string, string> = {
  sale: 'with a sale',
  'special-order': 'with a special order',
  'no-sale': 'without a sale',
};

function summarise(action: string, details: Record<string, unknown>): string {
  const base = ACTIONS[action] ?? action;
  if (action === 'customer.updated' && Array.isArray(details.fields)) return `${base}: ${(details.fields as string[]).join(', ')}`;
  if (action === 'preference.added' && typeof details.key === 'string') return `${base}: ${details.key}`;
  if ((action === 'saved_item.added' || action === 'saved_item.removed') && typeof details.title === 'string')
    return `${base}: ${details.title}`;
  if (action === 'consent.changed') return `${base}: ${details.channel} ${details.purpose} ${details.granted ? 'granted' : 'withdrawn'}`;
  if (action === 'encounter.closed' && typeof details.outcome === 'string')
    return `${base} ${VISIT_OUTCOMES[details.outcome] ?? ''}`.trim();
  if (action === 'gesture.given' && typeof details.description === 'string') return `${base}: ${details.description}`;
  if (action === 'follow-up.done' && typeof details.title === 'string')
    return `${base}: ${details.title}${typeof details.outcome === 'string' ? ` — ${details.outcome}` : ''}`;
  if (action === 'follow-up.cancelled' && typeof details.title === 'string')
    return `${base}: ${details.title}${typeof details.reason === 'string' ? ` — ${details.reason}` : ''}`;
  if (action === 'special-order.cancelled' && typeof details.reason === 'string') return `${base} — ${details.reason}`;
  return base;
}
