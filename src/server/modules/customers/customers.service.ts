import { sql } from 'kysely';
import {
  CONSENT_CHANNELS,
  type ConsentChannel,
  type ConsentPurpose,
  type CustomerInput,
  PREFERENCE_KEYS,
} from '../../../shared/customers.ts';
import { roleCan } from '../../../shared/domain/roles.ts';
import { customerTerms, nameTokens, oneEditApart, planQuery } from '../../../shared/domain/search-terms.ts';
import { findSensitive } from '../../../shared/domain/sensitive.ts';
import { newId } from '../../../shared/ids.ts';
import type { Deps } from '../../deps.ts';
import { AppError, forbidden, invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { existingKeys } from '../vocabulary/vocabulary.repo.ts';
import { canEditNote, canSeeCustomer } from './customers.policy.ts';
import {
  type CandidateRow,
  type CustomerRow,
  currentConsents,
  customerNames,
  findCustomer,
  loadCandidates,
  profileExtras,
  rank,
  savedItems,
  searchCandidates,
  writeSearchTerms,
} from './customers.repo.ts';

async function regionOf(deps: Deps, retailerId: string): Promise<string> {
  const r = await deps.db.selectFrom('retailers').select('phone_region').where('id', '=', retailerId).executeTakeFirstOrThrow();
  return r.phone_region;
}

/** A customer the actor may see, or 404 (also for another retailer's ids). */
export async function visibleCustomer(deps: Deps, actor: Principal, id: string): Promise<CustomerRow> {
  const row = await findCustomer(deps.db, actor.retailerId, id);
  if (!row || !canSeeCustomer(actor, row)) throw notFound('Customer');
  return row;
}

/**
 * The customer a visit or a guided-selling session is for: it needs a role that may see customers
 * (an ambassador helps without one, 403), and an id the actor cannot see is a mistake in the
 * `customerId` field (400), not a missing page.
 */
export async function customerForSelling(deps: Deps, actor: Principal, customerId: string): Promise<CustomerRow> {
  if (!roleCan(actor.role, 'customers.view')) throw forbidden('Your role helps customers without opening their profiles.');
  try {
    return await visibleCustomer(deps, actor, customerId);
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') throw invalidField('customerId', 'There is no such customer.');
    throw e;
  }
}

/** A customer the actor may change: visible, not erased, and not merged into another profile. */
export async function editableCustomer(deps: Deps, actor: Principal, id: string): Promise<CustomerRow> {
  const row = await visibleCustomer(deps, actor, id);
  if (row.merged_into_id)
    throw new AppError('conflict', 'This profile was merged into another; make changes there.', {
      details: { mergedIntoId: row.merged_into_id },
    });
  if (row.erased_at) throw new AppError('conflict', 'This customer was erased.');
  return row;
}

async function checkReferences(deps: Deps, actor: Principal, input: Partial<CustomerInput>) {
  if (input.homeStoreId && !(actor.allStores || actor.storeIds.includes(input.homeStoreId))) {
    const exists = await deps.db
      .selectFrom('stores')
      .select('id')
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', input.homeStoreId)
      .executeTakeFirst();
    if (!exists) throw invalidField('homeStoreId', 'This store does not exist.');
  }
  if (input.assignedStaffId) {
    const staff = await deps.db
      .selectFrom('staff')
      .select('id')
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', input.assignedStaffId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!staff) throw invalidField('assignedStaffId', 'No active staff member has this id.');
  }
  for (const [i, d] of (input.dates ?? []).entries()) {
    const probe = new Date(Date.UTC(d.year ?? 2000, d.month - 1, d.day));
    if (probe.getUTCMonth() !== d.month - 1) throw invalidField(`dates.${i}.day`, `${d.day}/${d.month} is not a date.`);
  }
}

const clean = (s: string | null | undefined) => {
  const t = s?.trim();
  return t ? t : null;
};

/** Adds a customer to the book and its search index, in one transaction. */
export async function createCustomer(deps: Deps, actor: Principal, audit: AuditContext, input: CustomerInput): Promise<CustomerRow> {
  await checkReferences(deps, actor, input);
  const region = await regionOf(deps, actor.retailerId);
  const id = newId('customer');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('customers')
      .values({
        retailer_id: actor.retailerId,
        id,
        title: clean(input.title),
        first_name: input.firstName.trim(),
        last_name: clean(input.lastName),
        preferred_name: clean(input.preferredName),
        phones: JSON.stringify(input.phones ?? []),
        emails: JSON.stringify((input.emails ?? []).map((e) => ({ ...e, address: e.address.trim() }))),
        address: input.address ? JSON.stringify(input.address) : null,
        household: JSON.stringify(input.household ?? []),
        dates: JSON.stringify(input.dates ?? []),
        tags: [...new Set(input.tags ?? [])],
        assigned_staff_id: input.assignedStaffId ?? null,
        home_store_id: input.homeStoreId ?? null,
        created_by: audit.actorId,
      })
      .execute();
    await writeSearchTerms(trx, actor.retailerId, id, customerTerms(input, region), {
      home_store_id: input.homeStoreId ?? null,
      last_visit_at: null,
    });
    await recordAudit(trx, audit, { action: 'customer.created', subjectType: 'customer', subjectId: id });
  });
  return (await findCustomer(deps.db, actor.retailerId, id)) as CustomerRow;
}

/** The whole profile for a screen or an integration; every such view is audit-logged. */
export async function viewCustomer(deps: Deps, actor: Principal, audit: AuditContext, id: string) {
  const row = await visibleCustomer(deps, actor, id);
  const extras = await profileExtras(deps.db, actor.retailerId, id);
  await recordAudit(deps.db, audit, { action: 'customer.viewed', subjectType: 'customer', subjectId: id });
  return { row, extras };
}

/**
 * Changes profile fields if `version` is current (the client's If-Match); otherwise 409 with the
 * current profile so the person can see what changed. Search terms follow names and contacts.
 */
export async function updateCustomer(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  id: string,
  version: number,
  input: Partial<CustomerInput>,
): Promise<CustomerRow> {
  const row = await editableCustomer(deps, actor, id);
  await checkReferences(deps, actor, input);
  if (input.firstName !== undefined && !input.firstName.trim()) throw invalidField('firstName', 'A customer needs a first name.');
  const region = await regionOf(deps, actor.retailerId);
  const changed = Object.keys(input);
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('customers')
      .set({
        ...(input.title !== undefined ? { title: clean(input.title) } : {}),
        ...(input.firstName !== undefined ? { first_name: input.firstName.trim() } : {}),
        ...(input.lastName !== undefined ? { last_name: clean(input.lastName) } : {}),
        ...(input.preferredName !== undefined ? { preferred_name: clean(input.preferredName) } : {}),
        ...(input.phones !== undefined ? { phones: JSON.stringify(input.phones) } : {}),
        ...(input.emails !== undefined ? { emails: JSON.stringify(input.emails.map((e) => ({ ...e, address: e.address.trim() }))) } : {}),
        ...(input.address !== undefined ? { address: input.address ? JSON.stringify(input.address) : null } : {}),
        ...(input.household !== undefined ? { household: JSON.stringify(input.household) } : {}),
        ...(input.dates !== undefined ? { dates: JSON.stringify(input.dates) } : {}),
        ...(input.tags !== undefined ? { tags: [...new Set(input.tags)] } : {}),
        ...(input.assignedStaffId !== undefined ? { assigned_staff_id: input.assignedStaffId } : {}),
        ...(input.homeStoreId !== undefined ? { home_store_id: input.homeStoreId } : {}),
        updated_at: deps.now(),
        version: row.version + 1,
      })
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError(
        'stale_version',
        'Someone else changed this customer since you opened them. Their changes are shown; review and save again.',
      );
    }
    if (['firstName', 'lastName', 'preferredName', 'phones', 'emails', 'homeStoreId'].some((k) => changed.includes(k))) {
      const merged = {
        firstName: input.firstName ?? row.first_name,
        lastName: input.lastName !== undefined ? input.lastName : row.last_name,
        preferredName: input.preferredName !== undefined ? input.preferredName : row.preferred_name,
        phones: input.phones ?? row.phones,
        emails: input.emails ?? row.emails,
      };
      await writeSearchTerms(trx, actor.retailerId, id, customerTerms(merged, region), {
        home_store_id: input.homeStoreId !== undefined ? input.homeStoreId : row.home_store_id,
        last_visit_at: row.last_visit_at,
      });
    }
    await recordAudit(trx, audit, { action: 'customer.updated', subjectType: 'customer', subjectId: id, details: { fields: changed } });
  });
  return (await findCustomer(deps.db, actor.retailerId, id)) as CustomerRow;
}

export interface SearchResult {
  row: CandidateRow;
  match: 'exact' | 'prefix' | 'typo';
}

/** Whether every query word matches one of the customer's name words (exact, prefix, or one typo for 4+ letters). */
function matchesAllWords(names: { first_name: string; last_name: string | null; preferred_name: string | null }, words: string[]): boolean {
  const tokens = nameTokens(names.first_name, names.last_name, names.preferred_name);
  return words.every((w) => tokens.some((t) => t.startsWith(w) || ([...w].length >= 4 && oneEditApart(t, w))));
}

/**
 * Lookup as you type: names by any word's prefix or with one typo, phones in any formatting or
 * by their last digits, e-mails by prefix. Ranked exact → prefix → typo, then customers of the
 * signed-in store, then most recent visit — over at most the first 200 candidates.
 */
export async function searchCustomers(
  deps: Deps,
  actor: Principal,
  query: { q: string; storeId?: string | null | undefined; limit?: number | undefined; region: string },
): Promise<SearchResult[]> {
  const plan = planQuery(query.q, query.region);
  if (plan.kind === 'empty') return [];
  let candidates = (await searchCandidates(deps.db, actor.retailerId, plan)).filter((c) => canSeeCustomer(actor, c.row));
  const words = plan.kind === 'name' ? plan.tokens : [];
  if (words.length > 1) {
    // Found by the longest word; the others must match too (names read only for multi-word queries).
    const byName = candidates.filter((c) => !c.byContact);
    const names = new Map(
      (
        await customerNames(
          deps.db,
          actor.retailerId,
          byName.map((c) => c.row.id),
        )
      ).map((n) => [n.id, n]),
    );
    candidates = candidates.filter((c) => {
      const n = names.get(c.row.id);
      return c.byContact || (n !== undefined && matchesAllWords(n, words));
    });
  }
  const here = query.storeId ?? null;
  const top = candidates
    .map((c) => ({
      ...c,
      key: [rank(c.match), c.row.home_store_id === here ? 0 : 1, -(c.row.last_visit_at?.getTime() ?? 0)] as const,
    }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || (a.row.id < b.row.id ? -1 : 1))
    .slice(0, query.limit ?? 20);
  const details = new Map(
    (
      await loadCandidates(
        deps.db,
        actor.retailerId,
        top.map((t) => t.row.id),
      )
    ).map((row) => [row.id, row]),
  );
  return top.flatMap((t) => {
    const row = details.get(t.row.id);
    return row ? [{ row, match: t.match }] : [];
  });
}

export { regionOf };

/** Adds a note; the same clientId twice saves it once. Sensitive-looking text needs `acknowledgeSensitive`. */
export async function addNote(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  customerId: string,
  input: { clientId: string; body: string; acknowledgeSensitive?: boolean | undefined; encounterId?: string | null | undefined },
) {
  await editableCustomer(deps, actor, customerId);
  if (actor.kind !== 'staff') throw new AppError('forbidden', 'Notes are written by people.');
  const existing = await deps.db
    .selectFrom('customer_notes')
    .selectAll()
    .where('retailer_id', '=', actor.retailerId)
    .where('client_id', '=', input.clientId)
    .executeTakeFirst();
  if (existing) {
    if (existing.customer_id !== customerId) throw invalidField('clientId', 'This clientId was already used for another customer.');
    return { note: existing, created: false };
  }
  const findings = findSensitive(input.body);
  if (findings.length > 0 && !input.acknowledgeSensitive) {
    throw new AppError(
      'sensitive_content',
      `This note looks like it holds ${findings.map((f) => f.kind.replace('-', ' ')).join(' and ')}. Save it anyway only if the customer is happy for the shop to keep it.`,
      {
        fields: [{ field: 'body', message: 'looks sensitive' }],
        details: { findings },
      },
    );
  }
  const id = newId('note');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('customer_notes')
      .values({
        retailer_id: actor.retailerId,
        id,
        customer_id: customerId,
        client_id: input.clientId,
        body: input.body,
        author_id: actor.staffId,
        store_id: actor.currentStoreId ?? actor.storeIds[0] ?? null,
        encounter_id: input.encounterId ?? null,
        sensitive: findings.length ? JSON.stringify({ findings, acknowledgedBy: actor.staffId }) : null,
      })
      .onConflict((oc) => oc.columns(['retailer_id', 'client_id']).doNothing())
      .execute();
    await recordAudit(trx, audit, {
      action: findings.length ? 'note.added_despite_warning' : 'note.added',
      subjectType: 'customer',
      subjectId: customerId,
      details: { noteId: id, ...(findings.length ? { findings: findings.map((f) => f.kind) } : {}) },
    });
  });
  const note = await deps.db
    .selectFrom('customer_notes')
    .selectAll()
    .where('retailer_id', '=', actor.retailerId)
    .where('client_id', '=', input.clientId)
    .executeTakeFirstOrThrow();
  return { note, created: true };
}

/** Rewords a note; only its author may, and the earlier wording is kept. */
export async function editNote(deps: Deps, actor: Principal, audit: AuditContext, customerId: string, noteId: string, body: string) {
  await editableCustomer(deps, actor, customerId);
  const note = await deps.db
    .selectFrom('customer_notes')
    .selectAll()
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', noteId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  if (!note) throw notFound('Note');
  if (!canEditNote(actor, note)) throw new AppError('forbidden', 'Only the person who wrote a note can change it.');
  if (note.body === body) return note;
  await deps.db.transaction().execute(async (trx) => {
    const revisions = await trx
      .selectFrom('customer_note_revisions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('retailer_id', '=', actor.retailerId)
      .where('note_id', '=', noteId)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('customer_note_revisions')
      .values({
        retailer_id: actor.retailerId,
        note_id: noteId,
        revision: Number(revisions.n) + 1,
        body: note.body,
        edited_by: audit.actorId ?? '',
      })
      .execute();
    await trx
      .updateTable('customer_notes')
      .set({ body, edited_at: deps.now() })
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', noteId)
      .execute();
    await recordAudit(trx, audit, { action: 'note.edited', subjectType: 'customer', subjectId: customerId, details: { noteId } });
  });
  return deps.db
    .selectFrom('customer_notes')
    .selectAll()
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', noteId)
    .executeTakeFirstOrThrow();
}

const VOCAB_FIELDS: Record<string, { field: string; kind: string; many?: boolean }[]> = {
  room: [
    { field: 'room', kind: 'room' },
    { field: 'colours', kind: 'colour', many: true },
    { field: 'style', kind: 'style' },
  ],
  'colour-liked': [{ field: 'colour', kind: 'colour' }],
  'colour-disliked': [{ field: 'colour', kind: 'colour' }],
  style: [{ field: 'style', kind: 'style' }],
  material: [{ field: 'material', kind: 'material' }],
  size: [{ field: 'size', kind: 'size' }],
  occasion: [{ field: 'occasion', kind: 'occasion' }],
};

/** Checks that every vocabulary reference in a preference value is a live key of the retailer's vocabulary. */
async function checkVocabulary(deps: Deps, retailerId: string, key: string, value: Record<string, unknown>) {
  for (const spec of VOCAB_FIELDS[key] ?? []) {
    const raw = value[spec.field];
    if (raw === undefined || raw === null) continue;
    const keys = spec.many ? (raw as string[]) : [raw as string];
    const known = await existingKeys(deps.db, retailerId, spec.kind, keys);
    const unknown = keys.filter((k) => !known.has(k));
    if (unknown.length) {
      throw invalidField(
        `value.${spec.field}`,
        `Not in your ${spec.kind} vocabulary: ${unknown.join(', ')}. Add it there first, or pick an existing one.`,
      );
    }
  }
}

/** Records something the customer told us, once per clientId, with who recorded it and when. */
export async function addPreference(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  customerId: string,
  input: {
    clientId: string;
    key: string;
    value: Record<string, unknown>;
    encounterId?: string | null | undefined;
    /** The guidance session whose answers it comes from. */
    sessionId?: string | null | undefined;
  },
) {
  await editableCustomer(deps, actor, customerId);
  const existing = await deps.db
    .selectFrom('customer_preferences')
    .selectAll()
    .where('retailer_id', '=', actor.retailerId)
    .where('client_id', '=', input.clientId)
    .executeTakeFirst();
  if (existing) {
    if (existing.customer_id !== customerId) throw invalidField('clientId', 'This clientId was already used for another customer.');
    return existing;
  }
  if ((PREFERENCE_KEYS as readonly string[]).includes(input.key)) {
    await checkVocabulary(deps, actor.retailerId, input.key, input.value);
  } else {
    const custom = await deps.db
      .selectFrom('preference_keys')
      .selectAll()
      .where('retailer_id', '=', actor.retailerId)
      .where('key', '=', input.key)
      .executeTakeFirst();
    if (!custom)
      throw invalidField('key', `"${input.key}" is not a preference key. Use ${PREFERENCE_KEYS.join(', ')} or one your retailer added.`);
    const v = input.value.value;
    if (typeof v !== custom.value_type.replace('text', 'string'))
      throw invalidField('value.value', `${custom.label} takes a ${custom.value_type} value.`);
  }
  if (input.encounterId) {
    const visit = await deps.db
      .selectFrom('encounters')
      .select('id')
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', input.encounterId)
      .executeTakeFirst();
    if (!visit) throw invalidField('encounterId', 'There is no such visit.');
  }
  const id = newId('preference');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('customer_preferences')
      .values({
        retailer_id: actor.retailerId,
        id,
        customer_id: customerId,
        client_id: input.clientId,
        key: input.key,
        value: JSON.stringify(input.value),
        recorded_by: audit.actorId ?? 'system',
        encounter_id: input.encounterId ?? null,
        session_id: input.sessionId ?? null,
      })
      .execute();
    await recordAudit(trx, audit, {
      action: 'preference.added',
      subjectType: 'customer',
      subjectId: customerId,
      details: { preferenceId: id, key: input.key },
    });
  });
  return deps.db
    .selectFrom('customer_preferences')
    .selectAll()
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function removePreference(deps: Deps, actor: Principal, audit: AuditContext, customerId: string, preferenceId: string) {
  await editableCustomer(deps, actor, customerId);
  const result = await deps.db
    .updateTable('customer_preferences')
    .set({ removed_at: deps.now(), removed_by: audit.actorId })
    .where('retailer_id', '=', actor.retailerId)
    .where('customer_id', '=', customerId)
    .where('id', '=', preferenceId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound('Preference');
  await recordAudit(deps.db, audit, {
    action: 'preference.removed',
    subjectType: 'customer',
    subjectId: customerId,
    details: { preferenceId },
  });
}

/** Records the customer's consent for one channel and purpose; history is kept, the newest applies. */
export async function setConsent(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  customerId: string,
  input: { channel: ConsentChannel; purpose: ConsentPurpose; granted: boolean; source: string },
) {
  await editableCustomer(deps, actor, customerId);
  if (!(CONSENT_CHANNELS as readonly string[]).includes(input.channel)) throw invalidField('channel', 'Unknown channel.');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('customer_consents')
      .values({
        retailer_id: actor.retailerId,
        id: newId('consent'),
        customer_id: customerId,
        channel: input.channel,
        purpose: input.purpose,
        granted: input.granted,
        source: input.source,
        captured_by: actor.kind === 'staff' ? actor.staffId : null,
      })
      .execute();
    await recordAudit(trx, audit, { action: 'consent.changed', subjectType: 'customer', subjectId: customerId, details: input });
  });
  return currentConsents(deps.db, actor.retailerId, customerId);
}

/** Everything the shop holds about a customer, for the customer to take away; the export is logged. */
export async function exportCustomer(deps: Deps, actor: Principal, audit: AuditContext, id: string) {
  const row = await visibleCustomer(deps, actor, id);
  const where = { retailer: actor.retailerId, customer: id };
  const [preferences, notes, consents, saved] = await Promise.all([
    deps.db
      .selectFrom('customer_preferences')
      .selectAll()
      .where('retailer_id', '=', where.retailer)
      .where('customer_id', '=', where.customer)
      .orderBy('recorded_at')
      .execute(),
    deps.db
      .selectFrom('customer_notes')
      .selectAll()
      .where('retailer_id', '=', where.retailer)
      .where('customer_id', '=', where.customer)
      .orderBy('created_at')
      .execute(),
    deps.db
      .selectFrom('customer_consents')
      .selectAll()
      .where('retailer_id', '=', where.retailer)
      .where('customer_id', '=', where.customer)
      .orderBy('captured_at')
      .execute(),
    savedItems(deps.db, where.retailer, where.customer),
  ]);
  await recordAudit(deps.db, audit, { action: 'customer.exported', subjectType: 'customer', subjectId: id });
  const strip = <T extends { retailer_id: string }>(r: T) => {
    const { retailer_id: _ignored, ...rest } = r;
    return rest;
  };
  return {
    exportedAt: deps.now().toISOString(),
    profile: strip(row),
    preferences: preferences.map(strip),
    notes: notes.map((n) => strip({ ...n, sensitive: undefined })),
    consents: consents.map(strip),
    savedItems: saved,
  };
}

/** Tables of things a customer told us or was told, each row with a `customer_id`: erased with the customer, moved by a merge. */
export const CUSTOMER_OWNED_TABLES = ['customer_notes', 'customer_preferences', 'customer_consents', 'customer_saved_items'] as const;

/** Tables of what a customer did (purchases, holds): moved by a merge, kept on erasure (anonymous, for aggregates). */
export const CUSTOMER_HISTORY_TABLES = ['sales', 'stock_holds'] as const;

/**
 * Erases a customer: names, contacts, notes, preferences and consents are removed; the record
 * stays as an anonymous shell so sales and figures still count in aggregates. Logged, not undoable.
 */
export async function eraseCustomer(deps: Deps, actor: Principal, audit: AuditContext, id: string) {
  await visibleCustomer(deps, actor, id);
  await deps.db.transaction().execute(async (trx) => {
    for (const table of ['customer_search_terms', ...CUSTOMER_OWNED_TABLES] as const) {
      await trx.deleteFrom(table).where('retailer_id', '=', actor.retailerId).where('customer_id', '=', id).execute();
    }
    await trx
      .updateTable('customers')
      .set({
        title: null,
        first_name: 'Erased customer',
        last_name: null,
        preferred_name: null,
        phones: '[]',
        emails: '[]',
        address: null,
        household: '[]',
        dates: '[]',
        tags: [],
        assigned_staff_id: null,
        updated_at: deps.now(),
        version: sql`version + 1`,
        erased_at: deps.now(),
      })
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, audit, { action: 'customer.erased', subjectType: 'customer', subjectId: id });
  });
}

/** Saves something the customer would like, once per clientId. */
export async function addSavedItem(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  customerId: string,
  input: { clientId: string; title: string; note?: string | null | undefined; productId?: string | null | undefined },
) {
  await editableCustomer(deps, actor, customerId);
  const find = () =>
    deps.db
      .selectFrom('customer_saved_items')
      .select(['id', 'customer_id'])
      .where('retailer_id', '=', actor.retailerId)
      .where('client_id', '=', input.clientId)
      .executeTakeFirst();
  const existing = await find();
  if (existing && existing.customer_id !== customerId)
    throw invalidField('clientId', 'This clientId was already used for another customer.');
  if (!existing) {
    const id = newId('savedItem');
    await deps.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('customer_saved_items')
        .values({
          retailer_id: actor.retailerId,
          id,
          customer_id: customerId,
          client_id: input.clientId,
          title: input.title.trim(),
          note: clean(input.note),
          product_id: input.productId ?? null,
          added_by: audit.actorId,
        })
        .onConflict((oc) => oc.columns(['retailer_id', 'client_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted)
        await recordAudit(trx, audit, {
          action: 'saved_item.added',
          subjectType: 'customer',
          subjectId: customerId,
          details: { savedItemId: id, title: input.title.trim() },
        });
    });
  }
  const id = existing?.id ?? (await find())?.id;
  const item = (await savedItems(deps.db, actor.retailerId, customerId)).find((i) => i.id === id);
  if (!item) throw notFound('Saved item');
  return { item, created: !existing };
}

export async function removeSavedItem(deps: Deps, actor: Principal, audit: AuditContext, customerId: string, itemId: string) {
  await editableCustomer(deps, actor, customerId);
  await deps.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('customer_saved_items')
      .where('retailer_id', '=', actor.retailerId)
      .where('customer_id', '=', customerId)
      .where('id', '=', itemId)
      .returning('title')
      .executeTakeFirst();
    if (!removed) throw notFound('Saved item');
    await recordAudit(trx, audit, {
      action: 'saved_item.removed',
      subjectType: 'customer',
      subjectId: customerId,
      details: { savedItemId: itemId, title: removed.title },
    });
  });
}
