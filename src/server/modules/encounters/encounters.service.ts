import { type Kysely, sql } from 'kysely';
import {
  cannotMark,
  checkRoadmap,
  DEFAULT_ROADMAP,
  progress,
  type RoadmapDefinition,
  type VisitFacts,
} from '../../../shared/domain/roadmap.ts';
import { roleCan } from '../../../shared/domain/roles.ts';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { AppError, forbidden, invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { createCustomer, customerForSelling } from '../customers/customers.service.ts';
import { storeIn } from '../stock/stock.service.ts';
import { insertFirstVersion, ROADMAPS, readVersion, saveNextVersion } from '../versions/versioned.ts';
import {
  secondsInDiscovery,
  visitBasket,
  visitConditionTimes,
  visitConsidered,
  visitFeedback,
  visitFollowUps,
  visitLostDemand,
  visitSpace,
  visitSpecialOrder,
} from './visit-record.ts';

export const staffOf = (actor: Principal) => (actor.kind === 'staff' ? actor.staffId : null);

/**
 * When a change happened, by the tablet's clock when it says: never after now (a clock running
 * fast) nor before the visit began — the customer's arrival, or the start on the tablet — (a
 * clock running slow), so the visit's cadence figures stay sane.
 */
export function happenedAt(now: Date, visit: { started_at: Date; arrived_at: Date | null }, at?: string | null): Date {
  const begun = Math.min(visit.started_at.getTime(), visit.arrived_at?.getTime() ?? Number.POSITIVE_INFINITY);
  const told = at ? Date.parse(at) : Number.NaN;
  return new Date(Math.max(begun, Math.min(now.getTime(), Number.isNaN(told) ? now.getTime() : told)));
}

/** A change that arrives once the visit is closed is refused, saying so (409), for the tablet to show the associate. */
export function visitClosed(closedAt: Date | null, what: string) {
  return new AppError('conflict', `This visit was closed before this change arrived: ${what}.`, {
    details: { closedAt: closedAt?.toISOString() ?? null },
  });
}

/** Refuses a change to a visit that is closed (for the parts of a visit other modules keep: answers, basket lines). */
export async function refuseIfClosed(db: Kysely<DB>, retailerId: string, encounterId: string | null, what: string) {
  if (!encounterId) return;
  const row = await db
    .selectFrom('encounters')
    .select(['status', 'closed_at'])
    .where('retailer_id', '=', retailerId)
    .where('id', '=', encounterId)
    .executeTakeFirst();
  if (row?.status === 'closed') throw visitClosed(row.closed_at, what);
}

/** The retailer's roadmap id, made from the default on first use. */
async function roadmapId(db: Kysely<DB>, retailerId: string): Promise<string> {
  const found = await db.selectFrom('roadmaps').select('id').where('retailer_id', '=', retailerId).executeTakeFirst();
  if (found) return found.id;
  const id = newId('roadmap');
  await db.transaction().execute(async (trx) => {
    const made = await trx
      .insertInto('roadmaps')
      .values({ retailer_id: retailerId, id, name: DEFAULT_ROADMAP.name })
      .onConflict((oc) => oc.column('retailer_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (made) await insertFirstVersion(trx, ROADMAPS, retailerId, id, DEFAULT_ROADMAP, null);
  });
  return (await db.selectFrom('roadmaps').select('id').where('retailer_id', '=', retailerId).executeTakeFirstOrThrow()).id;
}

/** The roadmap at a version (the current one by default). */
export async function getRoadmap(db: Kysely<DB>, retailerId: string, version?: number) {
  return roadmapAt(db, retailerId, await roadmapId(db, retailerId), version);
}

/** A version of a roadmap whose id is known (a visit's). */
async function roadmapAt(db: Kysely<DB>, retailerId: string, id: string, version?: number) {
  const row = await readVersion<{ id: string; updated_at: Date }, RoadmapDefinition>(db, ROADMAPS, retailerId, id, version);
  return {
    id: row.id,
    version: row.version,
    currentVersion: row.current_version,
    definition: row.definition,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Saves the next version of the roadmap edited from `version`; visits under way keep theirs. */
export async function updateRoadmap(deps: Deps, audit: AuditContext, version: number, definition: RoadmapDefinition) {
  const problems = checkRoadmap(definition);
  if (problems.length)
    throw new AppError('validation_failed', `The roadmap has ${problems.length === 1 ? 'a mistake' : `${problems.length} mistakes`}.`, {
      fields: problems.map((p) => ({ field: p.path, message: p.message })),
    });
  const id = await roadmapId(deps.db, audit.retailerId);
  await deps.db.transaction().execute(async (trx) => {
    await saveNextVersion(trx, ROADMAPS, {
      retailerId: audit.retailerId,
      id,
      version,
      definition,
      by: audit.actorId,
      now: deps.now(),
      head: { name: definition.name },
    });
    await recordAudit(trx, audit, { action: 'roadmap.changed', subjectType: 'roadmap', subjectId: id, details: { version: version + 1 } });
  });
}

/** A visit this actor may see, or 404. */
export async function encounterRow(db: Kysely<DB>, actor: Principal, id: string) {
  const row = await db
    .selectFrom('encounters')
    .selectAll()
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !(actor.allStores || actor.storeIds.includes(row.store_id))) throw notFound('Encounter');
  return row;
}

/** A staff member of this retailer, for a lead or an assist; another retailer's staff are not found. */
async function staffMember(db: Kysely<DB>, retailerId: string, staffId: string, field: string) {
  const s = await db
    .selectFrom('staff')
    .select(['id', 'name'])
    .where('retailer_id', '=', retailerId)
    .where('id', '=', staffId)
    .executeTakeFirst();
  if (!s) throw invalidField(field, 'There is no such colleague.');
  return s;
}

export interface StartEncounter {
  clientId: string;
  storeId: string;
  customerId?: string | null | undefined;
  /** Quick capture of someone new: a first name and one way to reach them, or nothing. */
  newCustomer?: { firstName: string; email?: string | undefined; phone?: string | undefined } | null | undefined;
  arrivedAt?: string | null | undefined;
}

/**
 * Starts a visit for a known customer, someone new (quick capture), or someone not yet known (to
 * link later), on the current version of the roadmap, with the one who starts it as lead. Starting
 * twice with one clientId starts once.
 */
export async function startEncounter(deps: Deps, actor: Principal, audit: AuditContext, input: StartEncounter): Promise<string> {
  const existing = await deps.db
    .selectFrom('encounters')
    .select('id')
    .where('retailer_id', '=', actor.retailerId)
    .where('client_id', '=', input.clientId)
    .executeTakeFirst();
  if (existing) return existing.id;
  await storeIn(deps.db, actor, input.storeId);
  if (input.customerId && input.newCustomer) throw invalidField('newCustomer', 'Give a known customer or a new one, not both.');
  let customerId = input.customerId ?? null;
  if (customerId) {
    await customerForSelling(deps, actor, customerId);
  }
  if (input.newCustomer) {
    if (!roleCan(actor.role, 'customers.edit')) throw forbidden('Your role cannot add customers; start the visit without one.');
    const n = input.newCustomer;
    customerId = (
      await createCustomer(deps, actor, audit, {
        firstName: n.firstName,
        emails: n.email ? [{ label: 'e-mail', address: n.email }] : [],
        phones: n.phone ? [{ label: 'mobile', number: n.phone }] : [],
      })
    ).id;
  }
  const arrivedAt = input.arrivedAt ? new Date(input.arrivedAt) : null;
  if (arrivedAt && arrivedAt.getTime() > deps.now().getTime() + 60_000)
    throw invalidField('arrivedAt', 'The customer cannot arrive in the future.');
  const roadmap = await getRoadmap(deps.db, actor.retailerId);
  const id = newId('encounter');
  const staffId = staffOf(actor);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('encounters')
      .values({
        retailer_id: actor.retailerId,
        id,
        client_id: input.clientId,
        store_id: input.storeId,
        customer_id: customerId,
        roadmap_id: roadmap.id,
        roadmap_version: roadmap.version,
        lead_staff_id: staffId,
        arrived_at: arrivedAt,
        started_at: deps.now(),
        updated_at: deps.now(),
      })
      .execute();
    if (staffId)
      await trx
        .insertInto('encounter_staff')
        .values({
          retailer_id: actor.retailerId,
          id: newId('encounterStaff'),
          encounter_id: id,
          client_id: `${input.clientId}:lead`,
          staff_id: staffId,
          role: 'lead',
          joined_at: deps.now(),
        })
        .execute();
    await recordAudit(trx, audit, {
      action: 'encounter.started',
      subjectType: customerId ? 'customer' : 'encounter',
      subjectId: customerId ?? id,
      storeId: input.storeId,
      details: { encounterId: id },
    });
  });
  return id;
}

/** What the visit has done, for the roadmap's conditions. */
async function factsOf(db: Kysely<DB>, retailerId: string, row: { id: string; status: string }): Promise<VisitFacts> {
  const [steps, guidance] = await Promise.all([
    db
      .selectFrom('encounter_steps')
      .select(['step_key', 'status', 'at'])
      .where('retailer_id', '=', retailerId)
      .where('encounter_id', '=', row.id)
      .execute(),
    sql<{ answered: number; lists: number; lines: number }>`
      select
        coalesce(sum((select count(*) from jsonb_object_keys(g.answers))), 0)::int as answered,
        (select count(*) from guidance_lists l where l.retailer_id = ${retailerId}
           and l.session_id in (select id from guidance_sessions where retailer_id = ${retailerId} and encounter_id = ${row.id}))::int as lists,
        (select count(*) from guidance_basket_lines b where b.retailer_id = ${retailerId} and b.removed_at is null
           and b.session_id in (select id from guidance_sessions where retailer_id = ${retailerId} and encounter_id = ${row.id}))::int as lines
      from guidance_sessions g where g.retailer_id = ${retailerId} and g.encounter_id = ${row.id}`
      .execute(db)
      .then((r) => r.rows[0]),
  ]);
  return {
    marked: Object.fromEntries(steps.map((s) => [s.step_key, { status: s.status, at: s.at.toISOString() }])),
    questionsAnswered: guidance?.answered ?? 0,
    recommended: (guidance?.lists ?? 0) > 0,
    basketLines: guidance?.lines ?? 0,
    closed: row.status === 'closed',
  };
}

/**
 * A visit as the screens show it: the customer, the roadmap at its version with each step's state,
 * who helped (lead and assists, each credited), its guidance sessions, the basket, notes, and the
 * times that matter for coaching — arrival, greeting, time to greet, time in discovery, time the
 * customer was given to decide.
 */
export async function getEncounter(deps: Deps, actor: Principal, id: string) {
  const row = await encounterRow(deps.db, actor, id);
  const now = deps.now();
  const until = row.closed_at ?? now;
  const [
    roadmap,
    facts,
    staff,
    notes,
    sessions,
    customer,
    store,
    gestures,
    basket,
    lostDemand,
    specialOrder,
    followUps,
    sale,
    space,
    considered,
    feedback,
  ] = await Promise.all([
    roadmapAt(deps.db, actor.retailerId, row.roadmap_id, row.roadmap_version),
    factsOf(deps.db, actor.retailerId, row),
    deps.db
      .selectFrom('encounter_staff as e')
      .innerJoin('staff as s', (j) => j.onRef('s.retailer_id', '=', 'e.retailer_id').onRef('s.id', '=', 'e.staff_id'))
      .select(['e.staff_id', 's.name', 's.role as staff_role', 'e.role', 'e.joined_at'])
      .where('e.retailer_id', '=', actor.retailerId)
      .where('e.encounter_id', '=', id)
      .orderBy('e.joined_at')
      .orderBy('e.id')
      .execute(),
    deps.db
      .selectFrom('encounter_notes as n')
      .leftJoin('staff as s', (j) => j.onRef('s.retailer_id', '=', 'n.retailer_id').onRef('s.id', '=', 'n.staff_id'))
      .select(['n.id', 'n.client_id', 'n.text', 'n.at', 'n.staff_id', 's.name as staff_name'])
      .where('n.retailer_id', '=', actor.retailerId)
      .where('n.encounter_id', '=', id)
      .orderBy('n.at')
      .orderBy('n.id')
      .execute(),
    deps.db
      .selectFrom('guidance_sessions as g')
      .innerJoin('question_sets as q', (j) => j.onRef('q.retailer_id', '=', 'g.retailer_id').onRef('q.id', '=', 'g.set_id'))
      .select(['g.id', 'q.name', 'g.created_at'])
      .where('g.retailer_id', '=', actor.retailerId)
      .where('g.encounter_id', '=', id)
      .orderBy('g.created_at')
      .execute(),
    row.customer_id && roleCan(actor.role, 'customers.view')
      ? deps.db
          .selectFrom('customers')
          .select(['id', 'first_name', 'last_name', 'preferred_name'])
          .where('retailer_id', '=', actor.retailerId)
          .where('id', '=', row.customer_id)
          .executeTakeFirst()
      : undefined,
    deps.db
      .selectFrom('stores')
      .select(['id', 'name', 'time_zone'])
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', row.store_id)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('gestures')
      .select(['id', 'kind', 'description', 'cost', 'given_at'])
      .where('retailer_id', '=', actor.retailerId)
      .where('encounter_id', '=', id)
      .orderBy('given_at')
      .orderBy('id')
      .execute(),
    visitBasket(deps.db, actor.retailerId, id),
    visitLostDemand(deps.db, actor.retailerId, id),
    visitSpecialOrder(deps.db, actor.retailerId, id),
    visitFollowUps(deps.db, actor.retailerId, id),
    row.sale_id
      ? deps.db
          .selectFrom('sales')
          .select('total')
          .where('retailer_id', '=', actor.retailerId)
          .where('id', '=', row.sale_id)
          .executeTakeFirst()
      : undefined,
    visitSpace(deps.db, actor.retailerId, id, until),
    visitConsidered(deps.db, actor.retailerId, id),
    roleCan(actor.role, 'feedback.view') ? visitFeedback(deps.db, actor.retailerId, id) : null,
  ]);
  const steps = progress(roadmap.definition, facts);
  const discovery = await secondsInDiscovery(steps, { startedAt: row.started_at, closedAt: row.closed_at, until }, () =>
    visitConditionTimes(deps.db, actor.retailerId, id),
  );
  const greeted = facts.marked.greet?.status === 'done' ? facts.marked.greet.at : null;
  // Each person once, with every part they played.
  const credits = new Map<string, { staffId: string; name: string; roles: ('lead' | 'assist')[]; joinedAt: string }>();
  for (const s of staff) {
    const c = credits.get(s.staff_id) ?? { staffId: s.staff_id, name: s.name, roles: [], joinedAt: s.joined_at.toISOString() };
    if (!c.roles.includes(s.role)) c.roles.push(s.role);
    credits.set(s.staff_id, c);
  }
  return {
    id: row.id,
    clientId: row.client_id,
    version: row.version,
    store: { id: store.id, name: store.name, timeZone: store.time_zone },
    customer: customer
      ? {
          id: customer.id,
          name: [customer.first_name, customer.last_name].filter(Boolean).join(' '),
          preferredName: customer.preferred_name,
        }
      : row.customer_id
        ? { id: row.customer_id, name: null, preferredName: null }
        : null,
    status: row.status,
    outcome: row.outcome,
    noSaleReason: row.no_sale_reason,
    saleId: row.sale_id,
    saleTotal: sale ? Number(sale.total) : null,
    leadStaffId: row.lead_staff_id,
    staff: [...credits.values()],
    roadmap: { id: roadmap.id, version: roadmap.version, currentVersion: roadmap.currentVersion, name: roadmap.definition.name },
    steps,
    currentStep: steps.find((s) => s.state === 'current')?.key ?? null,
    guidanceSessions: sessions.map((g) => ({ id: g.id, setName: g.name, startedAt: g.created_at.toISOString() })),
    gestures: gestures.map((g) => ({
      id: g.id,
      kind: g.kind,
      description: g.description,
      cost: Number(g.cost),
      givenAt: g.given_at.toISOString(),
    })),
    basket,
    considered,
    // Owners and managers see the answer about any visit of their stores; others only about visits they served.
    feedback:
      feedback && (roleCan(actor.role, 'feedback.all') || (actor.kind === 'staff' && feedback.staffIds.includes(actor.staffId)))
        ? feedback.answer
        : null,
    lostDemand,
    specialOrder,
    followUps,
    notes: notes.map((n) => ({
      id: n.id,
      clientId: n.client_id,
      text: n.text,
      at: n.at.toISOString(),
      staffId: n.staff_id,
      staffName: n.staff_name,
    })),
    times: {
      arrivedAt: row.arrived_at?.toISOString() ?? null,
      startedAt: row.started_at.toISOString(),
      greetedAt: greeted,
      secondsToGreet:
        greeted && (row.arrived_at ?? row.started_at)
          ? Math.max(0, Math.round((new Date(greeted).getTime() - (row.arrived_at ?? row.started_at).getTime()) / 1000))
          : null,
      closedAt: row.closed_at?.toISOString() ?? null,
      secondsInDiscovery: discovery,
      secondsGiven: space.secondsGiven,
      spaceSince: space.spaceSince,
    },
  };
}

/** Open visits in a store, newest first (or every visit, with `all`). */
export interface VisitListQuery {
  storeId: string;
  status?: 'open' | 'closed' | undefined;
  outcome?: 'sale' | 'special-order' | 'no-sale' | undefined;
  limit?: number | undefined;
  /** `startedAt|id` of the last visit of the page before. */
  cursor?: string | undefined;
}

/** A store's visits, newest first, a page at a time: who came, who helped, how it ended. */
export async function listEncounters(deps: Deps, actor: Principal, query: VisitListQuery) {
  await storeIn(deps.db, actor, query.storeId);
  const limit = query.limit ?? 50;
  const [atText, afterId] = (query.cursor ?? '').split('|');
  const rows = await deps.db
    .selectFrom('encounters as e')
    .leftJoin('customers as c', (j) => j.onRef('c.retailer_id', '=', 'e.retailer_id').onRef('c.id', '=', 'e.customer_id'))
    .leftJoin('staff as s', (j) => j.onRef('s.retailer_id', '=', 'e.retailer_id').onRef('s.id', '=', 'e.lead_staff_id'))
    .leftJoin('sales as sa', (j) => j.onRef('sa.retailer_id', '=', 'e.retailer_id').onRef('sa.id', '=', 'e.sale_id'))
    .select(['e.id', 'e.status', 'e.outcome', 'e.no_sale_reason', 'e.arrived_at', 'e.started_at', 'e.closed_at', 'e.customer_id'])
    .select(['c.first_name', 'c.last_name', 's.name as lead_name', 'sa.total as sale_total'])
    .select(
      sql<string[]>`array(select st.name from encounter_staff es join staff st on st.retailer_id = es.retailer_id and st.id = es.staff_id
        where es.retailer_id = e.retailer_id and es.encounter_id = e.id and es.role = 'assist'
          and es.staff_id is distinct from e.lead_staff_id
        group by st.name order by min(es.joined_at))`.as('assist_names'),
    )
    .where('e.retailer_id', '=', actor.retailerId)
    .where('e.store_id', '=', query.storeId)
    .$if(query.status !== undefined, (q) => q.where('e.status', '=', query.status as 'open' | 'closed'))
    .$if(query.outcome !== undefined, (q) => q.where('e.outcome', '=', query.outcome as 'sale'))
    .$if(Boolean(atText && afterId && !Number.isNaN(Date.parse(atText))), (q) =>
      q.where((eb) =>
        eb.or([
          eb('e.started_at', '<', new Date(atText as string)),
          eb.and([eb('e.started_at', '=', new Date(atText as string)), eb('e.id', '<', afterId as string)]),
        ]),
      ),
    )
    .orderBy('e.started_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit + 1)
    .execute();
  const seesCustomers = roleCan(actor.role, 'customers.view');
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    status: r.status,
    outcome: r.outcome,
    noSaleReason: r.no_sale_reason,
    arrivedAt: r.arrived_at?.toISOString() ?? null,
    startedAt: r.started_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    customer: r.customer_id
      ? { id: r.customer_id, name: seesCustomers ? [r.first_name, r.last_name].filter(Boolean).join(' ') : null }
      : null,
    leadName: r.lead_name,
    assistNames: r.assist_names ?? [],
    saleTotal: r.sale_total === null ? null : Number(r.sale_total),
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? `${last.startedAt}|${last.id}` : null };
}

/**
 * Marks a step done or skipped, once (the same clientId, or the same step again, is taken once). A
 * step the roadmap does not allow to skip cannot be; a step cannot come before an earlier one
 * that may not be skipped (409, naming it). Once the visit is closed only the steps after closing
 * (thanking, following up) can be marked. The time is the tablet's, kept within the visit.
 */
export async function markStep(
  deps: Deps,
  actor: Principal,
  id: string,
  input: { clientId: string; key: string; status: 'done' | 'skipped'; at?: string | undefined },
) {
  const row = await encounterRow(deps.db, actor, id);
  const seen = await deps.db
    .selectFrom('encounter_steps')
    .select(['encounter_id', 'step_key'])
    .where('retailer_id', '=', actor.retailerId)
    .where((eb) => eb.or([eb('client_id', '=', input.clientId), eb.and([eb('encounter_id', '=', id), eb('step_key', '=', input.key)])]))
    .execute();
  if (seen.some((s) => s.encounter_id !== id)) throw invalidField('clientId', 'This clientId was already used in another visit.');
  if (seen.length) return;
  const roadmap = await getRoadmap(deps.db, actor.retailerId, row.roadmap_version);
  if (row.status === 'closed') {
    const steps = roadmap.definition.steps;
    const at = steps.findIndex((s) => s.key === input.key);
    if (at >= 0 && at <= steps.findIndex((s) => s.doneWhen.kind === 'closed'))
      throw visitClosed(row.closed_at, `the step "${steps[at]?.name}" was not recorded`);
  }
  const problem = cannotMark(roadmap.definition, await factsOf(deps.db, actor.retailerId, row), input.key, input.status);
  if (problem) throw new AppError(roadmap.definition.steps.some((s) => s.key === input.key) ? 'conflict' : 'not_found', problem);
  await deps.db
    .insertInto('encounter_steps')
    .values({
      retailer_id: actor.retailerId,
      id: newId('encounterStep'),
      encounter_id: id,
      client_id: input.clientId,
      step_key: input.key,
      status: input.status,
      at: happenedAt(deps.now(), row, input.at),
      staff_id: staffOf(actor),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await touch(deps, actor.retailerId, id);
}

/**
 * A colleague joins the visit as an assist, or takes it over as lead (the one before stays
 * credited). Any staff member of the store may, the ambassador too; by default the one asking.
 */
export async function joinEncounter(
  deps: Deps,
  actor: Principal,
  id: string,
  input: { clientId: string; staffId?: string | undefined; role: 'lead' | 'assist' },
) {
  const row = await encounterRow(deps.db, actor, id);
  const staffId = input.staffId ?? staffOf(actor);
  if (!staffId) throw invalidField('staffId', 'Say which colleague joins.');
  await staffMember(deps.db, actor.retailerId, staffId, 'staffId');
  if (await alreadyRecorded(deps.db, 'encounter_staff', actor.retailerId, input.clientId, id)) return;
  if (row.status === 'closed') throw visitClosed(row.closed_at, 'the colleague was not added to it');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('encounter_staff')
      .values({
        retailer_id: actor.retailerId,
        id: newId('encounterStaff'),
        encounter_id: id,
        client_id: input.clientId,
        staff_id: staffId,
        role: input.role,
        joined_at: deps.now(),
      })
      .execute();
    if (input.role === 'lead')
      await trx
        .updateTable('encounters')
        .set((eb) => ({ lead_staff_id: staffId, version: eb('version', '+', 1), updated_at: deps.now() }))
        .where('retailer_id', '=', actor.retailerId)
        .where('id', '=', id)
        .execute();
  });
}

/** Adds a note to the open visit, once per clientId, at the tablet's time kept within the visit. */
export async function addEncounterNote(
  deps: Deps,
  actor: Principal,
  id: string,
  input: { clientId: string; text: string; at?: string | undefined },
) {
  const row = await encounterRow(deps.db, actor, id);
  const text = input.text.trim();
  if (!text) throw invalidField('text', 'Write something, or leave the note out.');
  if (await alreadyRecorded(deps.db, 'encounter_notes', actor.retailerId, input.clientId, id)) return;
  if (row.status === 'closed') throw visitClosed(row.closed_at, 'the note was not added');
  await deps.db
    .insertInto('encounter_notes')
    .values({
      retailer_id: actor.retailerId,
      id: newId('encounterNote'),
      encounter_id: id,
      client_id: input.clientId,
      staff_id: staffOf(actor),
      text,
      at: happenedAt(deps.now(), row, input.at),
    })
    .execute();
  await touch(deps, actor.retailerId, id);
}

/**
 * Changes the visit's own fields — the customer, linked once known, and the arrival time — from
 * the version the editor saw; a stale version is refused (409). Linking a customer links the
 * visit's guidance sessions too.
 */
export async function updateEncounter(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  id: string,
  version: number,
  change: { customerId?: string | null | undefined; arrivedAt?: string | null | undefined },
) {
  const row = await encounterRow(deps.db, actor, id);
  if (change.customerId) {
    await customerForSelling(deps, actor, change.customerId);
  }
  if (change.arrivedAt && new Date(change.arrivedAt).getTime() > deps.now().getTime() + 60_000)
    throw invalidField('arrivedAt', 'The customer cannot arrive in the future.');
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('encounters')
      .set({
        ...(change.customerId !== undefined ? { customer_id: change.customerId } : {}),
        ...(change.arrivedAt !== undefined ? { arrived_at: change.arrivedAt ? new Date(change.arrivedAt) : null } : {}),
        version: version + 1,
        updated_at: deps.now(),
      })
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      throw new AppError('stale_version', 'Someone else changed this visit since you opened it. Reload to see their changes.');
    if (change.customerId !== undefined)
      await trx
        .updateTable('guidance_sessions')
        .set({ customer_id: change.customerId })
        .where('retailer_id', '=', actor.retailerId)
        .where('encounter_id', '=', id)
        .execute();
    if (change.customerId && change.customerId !== row.customer_id)
      await recordAudit(trx, audit, {
        action: 'encounter.customer-linked',
        subjectType: 'customer',
        subjectId: change.customerId,
        storeId: row.store_id,
        details: { encounterId: id },
      });
  });
}

/** Whether an add-only change with this clientId was recorded already (it is then taken once); a clientId of another visit is refused. */
export async function alreadyRecorded(
  db: Kysely<DB>,
  table: 'encounter_staff' | 'encounter_notes' | 'gestures',
  retailerId: string,
  clientId: string,
  encounterId: string,
) {
  const existing = await db
    .selectFrom(table)
    .select('encounter_id')
    .where('retailer_id', '=', retailerId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  if (existing && existing.encounter_id !== encounterId) throw invalidField('clientId', 'This clientId was already used in another visit.');
  return Boolean(existing);
}

/** Add-only changes move the visit's `updated_at` (not its version: they never conflict). */
export async function touch(deps: Deps, retailerId: string, id: string) {
  await deps.db
    .updateTable('encounters')
    .set({ updated_at: deps.now() })
    .where('retailer_id', '=', retailerId)
    .where('id', '=', id)
    .execute();
}

/** The encounter a guidance session is started in: same retailer, same store, still open. */
export async function encounterForSession(db: Kysely<DB>, actor: Principal, encounterId: string, storeId: string) {
  const row = await db
    .selectFrom('encounters')
    .select(['id', 'store_id', 'status', 'closed_at', 'customer_id'])
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', encounterId)
    .executeTakeFirst();
  if (!row || row.store_id !== storeId) throw invalidField('encounterId', 'There is no such visit in this store.');
  if (row.status === 'closed') throw visitClosed(row.closed_at, 'guided selling was not started in it');
  return row;
}
