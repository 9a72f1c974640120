import { type Kysely, sql } from 'kysely';
import { type DuplicateReason, duplicateReasons, PHONE_SUFFIX_DIGITS } from '../../../shared/domain/duplicates.ts';
import { customerTerms, foldText, phoneDigits } from '../../../shared/domain/search-terms.ts';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { canSeeCustomer } from './customers.policy.ts';
import { type CustomerRow, findCustomer, writeSearchTerms } from './customers.repo.ts';
import { CUSTOMER_HISTORY_TABLES, CUSTOMER_OWNED_TABLES, editableCustomer, regionOf, visibleCustomer } from './customers.service.ts';

/** How long a merge can be undone. */
export const UNMERGE_DAYS = 30;

/** Fields chosen one by one when merging: the survivor's value unless the manager takes the other's. */
export const CHOSEN_FIELDS = {
  title: 'title',
  firstName: 'first_name',
  lastName: 'last_name',
  preferredName: 'preferred_name',
  address: 'address',
  assignedStaffId: 'assigned_staff_id',
  homeStoreId: 'home_store_id',
} as const;
export type ChosenField = keyof typeof CHOSEN_FIELDS;

/** Fields combined as the union of both profiles, each list item identified by a key. */
const LIST_KEYS = {
  phones: (p: { number: string }, region: string) => phoneDigits(p.number, region) ?? foldText(p.number),
  emails: (e: { address: string }) => e.address.trim().toLowerCase(),
  household: (h: { name: string; relation?: string }) => `${foldText(h.name)}|${foldText(h.relation ?? '')}`,
  dates: (d: { kind: string; month: number; day: number; label?: string | null }) => `${d.kind}|${d.month}|${d.day}|${d.label ?? ''}`,
  tags: (t: string) => t,
} as const;
type ListField = keyof typeof LIST_KEYS;
const LIST_FIELDS = Object.keys(LIST_KEYS) as ListField[];

type Snapshot = Record<string, unknown>;
type Item = Record<string, unknown> | string;

const keyOf = (field: ListField, item: Item, region: string) => (LIST_KEYS[field] as (i: Item, r: string) => string)(item, region);
const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (typeof v === 'object' && Object.values(v).every(isEmpty));
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** What a merge may change on the survivor, as plain JSON, to compare and restore later. */
function snapshot(row: CustomerRow): Snapshot {
  const out: Snapshot = {};
  for (const column of Object.values(CHOSEN_FIELDS)) out[column] = row[column];
  for (const field of LIST_FIELDS) out[field] = row[field];
  return { ...out, first_visit_at: iso(row.first_visit_at), last_visit_at: iso(row.last_visit_at) };
}

function union(field: ListField, a: Item[], b: Item[], region: string): Item[] {
  const seen = new Set(a.map((i) => keyOf(field, i, region)));
  return [...a, ...b.filter((i) => !seen.has(keyOf(field, i, region)))];
}

const earliest = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);
const latest = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

/** The survivor's fields after taking the chosen ones from `other` and combining the lists. */
function mergedFields(survivor: CustomerRow, other: CustomerRow, take: Partial<Record<ChosenField, 'survivor' | 'other'>>, region: string) {
  const out: Snapshot = {};
  for (const [field, column] of Object.entries(CHOSEN_FIELDS) as [ChosenField, (typeof CHOSEN_FIELDS)[ChosenField]][]) {
    const choice = take[field] ?? (isEmpty(survivor[column]) && !isEmpty(other[column]) ? 'other' : 'survivor');
    out[column] = choice === 'other' ? other[column] : survivor[column];
  }
  for (const field of LIST_FIELDS) out[field] = union(field, survivor[field] as Item[], other[field] as Item[], region);
  out.first_visit_at = iso(earliest(survivor.first_visit_at, other.first_visit_at));
  out.last_visit_at = iso(latest(survivor.last_visit_at, other.last_visit_at));
  return out;
}

/** Column values for an update of the customers table from a snapshot. */
function columnsOf(s: Snapshot) {
  const json = (v: unknown) => JSON.stringify(v ?? []);
  return {
    title: s.title as string | null,
    first_name: s.first_name as string,
    last_name: s.last_name as string | null,
    preferred_name: s.preferred_name as string | null,
    address: s.address ? JSON.stringify(s.address) : null,
    assigned_staff_id: s.assigned_staff_id as string | null,
    home_store_id: s.home_store_id as string | null,
    phones: json(s.phones),
    emails: json(s.emails),
    household: json(s.household),
    dates: json(s.dates),
    tags: s.tags as string[],
    first_visit_at: s.first_visit_at as string | null,
    last_visit_at: s.last_visit_at as string | null,
  };
}

async function reindex(db: Kysely<DB>, retailerId: string, row: CustomerRow, region: string) {
  const terms =
    row.merged_into_id || row.erased_at
      ? []
      : customerTerms(
          { firstName: row.first_name, lastName: row.last_name, preferredName: row.preferred_name, phones: row.phones, emails: row.emails },
          region,
        );
  await writeSearchTerms(db, retailerId, row.id, terms, { home_store_id: row.home_store_id, last_visit_at: row.last_visit_at });
}

function staleBoth() {
  return new AppError('stale_version', 'One of these profiles changed since you opened them. Look again and merge.');
}

/**
 * Merges `otherId` into `survivorId`: chosen fields, combined lists, added-up figures; every
 * note, preference, consent and saved item moves to the survivor. The other profile stays, marked
 * merged, so the merge can be undone for UNMERGE_DAYS. Both versions must be current.
 */
export async function mergeCustomers(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  survivorId: string,
  input: {
    otherId: string;
    survivorVersion: number;
    otherVersion: number;
    take?: Partial<Record<ChosenField, 'survivor' | 'other'>> | undefined;
  },
) {
  if (survivorId === input.otherId) throw invalidField('otherId', 'A profile cannot be merged into itself.');
  const survivor = await editableCustomer(deps, actor, survivorId);
  const other = await editableCustomer(deps, actor, input.otherId);
  if (survivor.version !== input.survivorVersion || other.version !== input.otherVersion) throw staleBoth();
  const region = await regionOf(deps, actor.retailerId);
  const before = snapshot(survivor);
  const after = mergedFields(survivor, other, input.take ?? {}, region);
  const mergeId = newId('merge');
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('customers')
      .set({
        ...columnsOf(after),
        visits: sql`visits + ${other.visits}`,
        purchases: sql`purchases + ${other.purchases}`,
        spend: sql`spend + ${other.spend}`,
        updated_at: deps.now(),
        version: sql`version + 1`,
      })
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', survivorId)
      .where('version', '=', input.survivorVersion)
      .returningAll()
      .executeTakeFirst();
    const merged = await trx
      .updateTable('customers')
      .set({ merged_into_id: survivorId, updated_at: deps.now(), version: sql`version + 1` })
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', input.otherId)
      .where('version', '=', input.otherVersion)
      .where('merged_into_id', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!updated || !merged) throw staleBoth();
    const moved: Record<string, string[]> = {};
    for (const table of [...CUSTOMER_OWNED_TABLES, ...CUSTOMER_HISTORY_TABLES]) {
      const rows = await trx
        .updateTable(table)
        .set({ customer_id: survivorId })
        .where('retailer_id', '=', actor.retailerId)
        .where('customer_id', '=', input.otherId)
        .returning('id')
        .execute();
      moved[table] = rows.map((r) => r.id);
    }
    await reindex(trx, actor.retailerId, updated, region);
    await reindex(trx, actor.retailerId, merged, region);
    await trx
      .insertInto('customer_merges')
      .values({
        retailer_id: actor.retailerId,
        id: mergeId,
        survivor_id: survivorId,
        merged_id: input.otherId,
        merged_by: audit.actorId,
        survivor_before: JSON.stringify(before),
        survivor_after: JSON.stringify(after),
        moved: JSON.stringify(moved),
      })
      .execute();
    const details = {
      mergeId,
      survivorId,
      mergedId: input.otherId,
      taken: Object.keys(input.take ?? {}).filter((k) => input.take?.[k as ChosenField] === 'other'),
    };
    await recordAudit(trx, audit, { action: 'customer.merged', subjectType: 'customer', subjectId: survivorId, details });
    await recordAudit(trx, audit, { action: 'customer.merged_away', subjectType: 'customer', subjectId: input.otherId, details });
  });
  return { customer: (await findCustomer(deps.db, actor.retailerId, survivorId)) as CustomerRow, mergeId };
}

/**
 * Undoes a merge within UNMERGE_DAYS: the other profile comes back with the rows that moved,
 * and the survivor gets back each field the merge changed — unless someone edited that field
 * since, in which case the later edit stays (lists lose only the items the merge brought in).
 */
export async function unmergeCustomers(deps: Deps, actor: Principal, audit: AuditContext, mergeId: string) {
  const merge = await deps.db
    .selectFrom('customer_merges')
    .selectAll()
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', mergeId)
    .executeTakeFirst();
  if (!merge) throw notFound('Merge');
  const survivor = await visibleCustomer(deps, actor, merge.survivor_id);
  if (merge.unmerged_at) throw new AppError('conflict', 'This merge was already undone.');
  if (deps.now().getTime() - merge.merged_at.getTime() > UNMERGE_DAYS * 86_400_000)
    throw new AppError('conflict', `A merge can be undone for ${UNMERGE_DAYS} days; this one is older.`);
  if (survivor.merged_into_id) throw new AppError('conflict', 'The surviving profile was itself merged since; undo that merge first.');
  const region = await regionOf(deps, actor.retailerId);
  const before = merge.survivor_before;
  const after = merge.survivor_after;
  await deps.db.transaction().execute(async (trx) => {
    const current = (await trx
      .selectFrom('customers')
      .selectAll()
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', merge.survivor_id)
      .forUpdate()
      .executeTakeFirstOrThrow()) as CustomerRow;
    const restored = (await findCustomer(trx, actor.retailerId, merge.merged_id)) as CustomerRow;
    const now = snapshot(current);
    const next: Snapshot = { ...now };
    for (const column of [...Object.values(CHOSEN_FIELDS), 'first_visit_at', 'last_visit_at']) {
      if (same(now[column], after[column])) next[column] = before[column];
    }
    for (const field of LIST_FIELDS) {
      const had = new Set((before[field] as Item[]).map((i) => keyOf(field, i, region)));
      const broughtIn = new Set((after[field] as Item[]).map((i) => keyOf(field, i, region)).filter((k) => !had.has(k)));
      next[field] = (now[field] as Item[]).filter((i) => !broughtIn.has(keyOf(field, i, region)));
    }
    const survivorRow = await trx
      .updateTable('customers')
      .set({
        ...columnsOf(next),
        visits: sql`greatest(visits - ${restored.visits}, 0)`,
        purchases: sql`greatest(purchases - ${restored.purchases}, 0)`,
        spend: sql`greatest(spend - ${restored.spend}, 0)`,
        updated_at: deps.now(),
        version: sql`version + 1`,
      })
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', merge.survivor_id)
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const table of [...CUSTOMER_OWNED_TABLES, ...CUSTOMER_HISTORY_TABLES]) {
      const ids = merge.moved[table] ?? [];
      if (ids.length === 0) continue;
      await trx
        .updateTable(table)
        .set({ customer_id: merge.merged_id })
        .where('retailer_id', '=', actor.retailerId)
        .where('customer_id', '=', merge.survivor_id)
        .where('id', 'in', ids)
        .execute();
    }
    const restoredRow = await trx
      .updateTable('customers')
      .set({ merged_into_id: null, updated_at: deps.now(), version: sql`version + 1` })
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', merge.merged_id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await reindex(trx, actor.retailerId, survivorRow, region);
    await reindex(trx, actor.retailerId, restoredRow, region);
    await trx
      .updateTable('customer_merges')
      .set({ unmerged_at: deps.now(), unmerged_by: audit.actorId })
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', mergeId)
      .execute();
    const details = { mergeId, survivorId: merge.survivor_id, mergedId: merge.merged_id };
    await recordAudit(trx, audit, { action: 'customer.unmerged', subjectType: 'customer', subjectId: merge.survivor_id, details });
    await recordAudit(trx, audit, { action: 'customer.unmerged', subjectType: 'customer', subjectId: merge.merged_id, details });
  });
  return {
    survivor: (await findCustomer(deps.db, actor.retailerId, merge.survivor_id)) as CustomerRow,
    restored: (await findCustomer(deps.db, actor.retailerId, merge.merged_id)) as CustomerRow,
  };
}

/** Merges into a customer, newest first, with who did them. */
export async function mergesInto(deps: Deps, actor: Principal, customerId: string) {
  await visibleCustomer(deps, actor, customerId);
  return deps.db
    .selectFrom('customer_merges as m')
    .innerJoin('customers as c', (j) => j.onRef('c.retailer_id', '=', 'm.retailer_id').onRef('c.id', '=', 'm.merged_id'))
    .leftJoin('staff as s', (j) => j.onRef('s.retailer_id', '=', 'm.retailer_id').onRef('s.id', '=', 'm.merged_by'))
    .leftJoin('staff as u', (j) => j.onRef('u.retailer_id', '=', 'm.retailer_id').onRef('u.id', '=', 'm.unmerged_by'))
    .select([
      'm.id',
      'm.survivor_id',
      'm.merged_id',
      'c.first_name',
      'c.last_name',
      'm.merged_by',
      's.name as merged_by_name',
      'm.merged_at',
      'm.unmerged_at',
      'm.unmerged_by',
      'u.name as unmerged_by_name',
    ])
    .where('m.retailer_id', '=', actor.retailerId)
    .where('m.survivor_id', '=', customerId)
    .orderBy('m.merged_at', 'desc')
    .execute();
}

const pairKey = (a: string, b: string) => (a < b ? [a, b] : [b, a]) as [string, string];

async function dismissedPairs(db: Kysely<DB>, retailerId: string, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('customer_duplicate_dismissals')
    .select(['customer_a', 'customer_b'])
    .where('retailer_id', '=', retailerId)
    .where((eb) => eb.or([eb('customer_a', 'in', ids), eb('customer_b', 'in', ids)]))
    .execute();
  return new Set(rows.map((r) => `${r.customer_a}|${r.customer_b}`));
}

async function customersByIds(db: Kysely<DB>, retailerId: string, ids: string[]): Promise<Map<string, CustomerRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('customers').selectAll().where('retailer_id', '=', retailerId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

const live = (actor: Principal, c: CustomerRow | undefined): c is CustomerRow =>
  !!c && !c.merged_into_id && !c.erased_at && canSeeCustomer(actor, c);

/** Profiles that look like the same person as `customerId`, with the reasons, skipping dismissed pairs. */
export async function duplicatesOf(deps: Deps, actor: Principal, customerId: string) {
  const customer = await visibleCustomer(deps, actor, customerId);
  if (customer.merged_into_id || customer.erased_at) return [];
  const region = await regionOf(deps, actor.retailerId);
  // Same e-mail or phone: the same term; similar phone: a term range on the reversed last digits.
  const { rows } = await sql<{ customer_id: string }>`
    with mine as (
      select term from customer_search_terms
      where retailer_id = ${actor.retailerId} and customer_id = ${customerId} and (term like 'e:%' or term like 'p:%' or term like 'r:%'))
    select o.customer_id from mine join customer_search_terms o
      on o.retailer_id = ${actor.retailerId} and o.term = mine.term
      where mine.term not like 'r:%' and o.customer_id <> ${customerId}
    union
    select o.customer_id from mine join customer_search_terms o
      on o.retailer_id = ${actor.retailerId} and o.term >= left(mine.term, ${2 + PHONE_SUFFIX_DIGITS})
      and o.term < left(mine.term, ${2 + PHONE_SUFFIX_DIGITS}) || '~'
      where mine.term like 'r:%' and o.customer_id <> ${customerId}
    limit 50`.execute(deps.db);
  const others = await customersByIds(
    deps.db,
    actor.retailerId,
    rows.map((r) => r.customer_id),
  );
  const dismissed = await dismissedPairs(deps.db, actor.retailerId, [customerId]);
  return [...others.values()]
    .filter((o) => live(actor, o) && !dismissed.has(pairKey(customerId, o.id).join('|')))
    .map((o) => ({ customer: o, reasons: duplicateReasons(customer, o, region) }))
    .filter((d) => d.reasons.length > 0);
}

export interface DuplicatePair {
  a: CustomerRow;
  b: CustomerRow;
  reasons: DuplicateReason[];
}

/** Groups of customers sharing a key larger than this are a shop's own number or a shared inbox, not duplicates. */
const MAX_GROUP = 20;

/**
 * Likely duplicates across the book, in pages ordered by the key the pair shares (each pair is
 * listed once, under the first of its keys). The cursor is the last key read.
 */
export async function duplicatePairs(deps: Deps, actor: Principal, cursor: string | null, limit: number) {
  const region = await regionOf(deps, actor.retailerId);
  const pairs: DuplicatePair[] = [];
  let after = cursor ?? '';
  let more = true;
  for (let round = 0; round < 5 && pairs.length < limit && more; round++) {
    const { rows: groups } = await sql<{ k: string; ids: string[] }>`
      select k, array_agg(customer_id order by customer_id) as ids from (
        select case when term like 'r:%' then left(term, ${2 + PHONE_SUFFIX_DIGITS}) else term end as k, customer_id
        from customer_search_terms
        where retailer_id = ${actor.retailerId} and term > ${after}
          and (term like 'e:%' or term like 'p:%' or term like 'r:%')
      ) g
      where k > ${after}
      group by k having count(*) between 2 and ${MAX_GROUP}
      order by k limit ${limit}`.execute(deps.db);
    more = groups.length === limit;
    const ids = [...new Set(groups.flatMap((g) => g.ids))];
    const [rows, dismissed] = await Promise.all([
      customersByIds(deps.db, actor.retailerId, ids),
      dismissedPairs(deps.db, actor.retailerId, ids),
    ]);
    for (const group of groups) {
      after = group.k;
      for (let i = 0; i < group.ids.length; i++) {
        for (let j = i + 1; j < group.ids.length; j++) {
          const a = rows.get(group.ids[i] as string);
          const b = rows.get(group.ids[j] as string);
          if (!live(actor, a) || !live(actor, b) || dismissed.has(pairKey(a.id, b.id).join('|'))) continue;
          const reasons = duplicateReasons(a, b, region);
          // Listed under its first shared key only.
          if (reasons.length === 0 || reasons.map((r) => r.key).sort()[0] !== group.k) continue;
          pairs.push({ a, b, reasons });
        }
      }
    }
  }
  return { pairs, nextCursor: more ? after : null };
}

/** Records that two profiles are different people, so they are no longer suggested. */
export async function dismissDuplicate(deps: Deps, actor: Principal, audit: AuditContext, ids: [string, string]) {
  if (ids[0] === ids[1]) throw invalidField('customerIds', 'Give two different customers.');
  for (const id of ids) await visibleCustomer(deps, actor, id);
  const [a, b] = pairKey(ids[0], ids[1]);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('customer_duplicate_dismissals')
      .values({ retailer_id: actor.retailerId, customer_a: a, customer_b: b, dismissed_by: audit.actorId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    for (const id of ids)
      await recordAudit(trx, audit, {
        action: 'customer.not_duplicate',
        subjectType: 'customer',
        subjectId: id,
        details: { customerIds: [a, b] },
      });
  });
}
