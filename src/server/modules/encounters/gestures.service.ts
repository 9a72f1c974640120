import { sql } from 'kysely';
import { variantLabel } from '../../../shared/catalog.ts';
import { roleCan } from '../../../shared/domain/roles.ts';
import type { GestureKind, LostOutcome } from '../../../shared/domain/visits.ts';
import { newId } from '../../../shared/ids.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';

import { retailerMoney } from '../retailers/retailers.service.ts';
import { storeIn } from '../stock/stock.service.ts';
import { alreadyRecorded, happenedAt, visitClosed } from './encounters.service.ts';

const cents = (n: number) => Math.round(n * 100) / 100;

async function openVisit(deps: Deps, actor: Principal, id: string) {
  const row = await deps.db
    .selectFrom('encounters')
    .select(['id', 'store_id', 'customer_id', 'status', 'closed_at', 'started_at', 'arrived_at'])
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !(actor.allStores || actor.storeIds.includes(row.store_id))) throw notFound('Encounter');
  return row;
}

/** The calendar month (`YYYY-MM`) where the store is, and its spend on gestures so far. */
async function monthSpend(db: Deps['db'], retailerId: string, storeId: string, at: Date, month?: string) {
  const { rows } = await sql<{ month: string; budget: number; spent: number }>`
    with m as (
      select st.gesture_budget, st.time_zone,
             ${month ? sql`${`${month}-01`}::date` : sql`date_trunc('month', ${at}::timestamptz at time zone st.time_zone)::date`} as first_day
      from stores st where st.retailer_id = ${retailerId} and st.id = ${storeId}
    )
    select to_char(m.first_day, 'YYYY-MM') as month, m.gesture_budget::float8 as budget,
      coalesce((select sum(g.cost) from gestures g
                where g.retailer_id = ${retailerId} and g.store_id = ${storeId}
                  and g.given_at >= (m.first_day::timestamp at time zone m.time_zone)
                  and g.given_at < ((m.first_day + interval '1 month')::timestamp at time zone m.time_zone)), 0)::float8 as spent
    from m`.execute(db);
  const r = rows[0];
  if (!r) throw notFound('Store');
  return { month: r.month, budget: Number(r.budget), spent: cents(Number(r.spent)) };
}

/**
 * A gesture of surprise and delight in a visit — extra blooms, a free sample, gift wrap — with
 * its cost, drawn against the store's budget for the month (the store's row is locked while it is
 * counted, so two at once cannot overspend); refused with what is left when it would go over. It
 * appears on the visit and on the customer's timeline. Once per clientId, while the visit is open;
 * given at the tablet's time, kept within the visit.
 */
export async function giveGesture(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  encounterId: string,
  input: { clientId: string; kind: GestureKind; description: string; cost: number; at?: string | undefined },
) {
  const visit = await openVisit(deps, actor, encounterId);
  const description = input.description.trim();
  if (!description) throw invalidField('description', 'Say what was given.');
  if (await alreadyRecorded(deps.db, 'gestures', actor.retailerId, input.clientId, encounterId)) return;
  if (visit.status === 'closed') throw visitClosed(visit.closed_at, 'the gesture was not recorded');
  const money = await retailerMoney(deps.db, actor.retailerId);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .selectFrom('stores')
      .select('id')
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', visit.store_id)
      .forUpdate()
      .execute();
    const givenAt = happenedAt(deps.now(), visit, input.at);
    const { budget, spent } = await monthSpend(trx, actor.retailerId, visit.store_id, givenAt);
    const left = cents(budget - spent);
    if (input.cost > left)
      throw new AppError(
        'conflict',
        `Only ${money.format(Math.max(0, left))} of this month’s ${money.format(budget)} for gestures is left; ask the manager, or choose a smaller gesture.`,
        { details: { left: Math.max(0, left), budget } },
      );
    const id = newId('gesture');
    await trx
      .insertInto('gestures')
      .values({
        retailer_id: actor.retailerId,
        id,
        client_id: input.clientId,
        encounter_id: encounterId,
        store_id: visit.store_id,
        customer_id: visit.customer_id,
        kind: input.kind,
        description,
        cost: input.cost,
        given_by: actor.kind === 'staff' ? actor.staffId : null,
        given_at: givenAt,
      })
      .execute();
    await recordAudit(trx, audit, {
      action: 'gesture.given',
      subjectType: visit.customer_id ? 'customer' : 'encounter',
      subjectId: visit.customer_id ?? encounterId,
      storeId: visit.store_id,
      details: { encounterId, gestureId: id, kind: input.kind, description, cost: input.cost },
    });
  });
}

/** A store's gestures in a month (`YYYY-MM`, this month by default): the budget, what was spent and left, and each gesture. */
export async function gestureMonth(deps: Deps, actor: Principal, storeId: string, month?: string) {
  await storeIn(deps.db, actor, storeId);
  if (month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw invalidField('month', 'Give a month as YYYY-MM.');
  const m = await monthSpend(deps.db, actor.retailerId, storeId, deps.now(), month);
  const { rows } = await sql<{
    id: string;
    encounter_id: string;
    customer_id: string | null;
    first_name: string | null;
    last_name: string | null;
    kind: string;
    description: string;
    cost: number;
    given_by_name: string | null;
    given_at: Date;
  }>`
    select g.id, g.encounter_id, g.customer_id, c.first_name, c.last_name, g.kind, g.description, g.cost::float8 as cost,
      s.name as given_by_name, g.given_at
    from gestures g
    join stores st on st.retailer_id = g.retailer_id and st.id = g.store_id
    left join staff s on s.retailer_id = g.retailer_id and s.id = g.given_by
    left join customers c on c.retailer_id = g.retailer_id and c.id = g.customer_id
    where g.retailer_id = ${actor.retailerId} and g.store_id = ${storeId}
      and to_char(g.given_at at time zone st.time_zone, 'YYYY-MM') = ${m.month}
    order by g.given_at desc, g.id desc`.execute(deps.db);
  const seesCustomers = roleCan(actor.role, 'customers.view');
  return {
    month: m.month,
    budget: m.budget,
    spent: m.spent,
    left: cents(Math.max(0, m.budget - m.spent)),
    gestures: rows.map((g) => ({
      id: g.id,
      encounterId: g.encounter_id,
      customer: g.customer_id
        ? { id: g.customer_id, name: seesCustomers ? [g.first_name, g.last_name].filter(Boolean).join(' ') : null }
        : null,
      kind: g.kind,
      description: g.description,
      cost: Number(g.cost),
      givenBy: g.given_by_name,
      givenAt: new Date(g.given_at).toISOString(),
    })),
  };
}

export interface LostDemandInput {
  clientId: string;
  variantId?: string | null | undefined;
  description?: string | undefined;
  quantity: number;
  outcome: LostOutcome;
  substituteVariantId?: string | null | undefined;
  note?: string | null | undefined;
}

/**
 * Records what a customer asked for and could not have here, how many, and what happened instead —
 * by hand, or from a plan taken in the visit's guided selling. Once per clientId.
 */
export async function recordLostDemand(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Principal,
  where: { storeId: string; encounterId: string | null; sessionId: string | null; customerId: string | null },
  input: LostDemandInput,
) {
  let description = input.description?.trim() ?? '';
  if (input.variantId) {
    const v = await deps.db
      .selectFrom('variants as v')
      .innerJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'v.retailer_id').onRef('p.id', '=', 'v.product_id'))
      .select(['p.title', 'v.title as variant_title'])
      .where('v.retailer_id', '=', actor.retailerId)
      .where('v.id', '=', input.variantId)
      .executeTakeFirst();
    if (!v) throw invalidField('variantId', 'There is no such item.');
    description ||= variantLabel(v.title, v.variant_title);
  }
  if (!description) throw invalidField('description', 'Say what was asked for, or choose the item.');
  await deps.db
    .insertInto('lost_demand')
    .values({
      retailer_id: actor.retailerId,
      id: newId('lostDemand'),
      client_id: input.clientId,
      store_id: where.storeId,
      encounter_id: where.encounterId,
      session_id: where.sessionId,
      customer_id: where.customerId,
      variant_id: input.variantId ?? null,
      description,
      quantity: input.quantity,
      outcome: input.outcome,
      substitute_variant_id: input.substituteVariantId ?? null,
      note: input.note?.trim() || null,
      recorded_by: actor.kind === 'staff' ? actor.staffId : null,
      recorded_at: deps.now(),
    })
    .onConflict((oc) => oc.columns(['retailer_id', 'client_id']).doNothing())
    .execute();
}

/** Lost demand recorded by hand in a visit. */
export async function recordLostDemandInVisit(deps: Deps, actor: Principal, encounterId: string, input: LostDemandInput) {
  const visit = await openVisit(deps, actor, encounterId);
  await recordLostDemand(deps, actor, { storeId: visit.store_id, encounterId, sessionId: null, customerId: visit.customer_id }, input);
}

/** A store's lost demand between two days, by what was asked for, most units first, with what happened instead. */
export async function lostDemandReport(
  deps: Deps,
  actor: Principal,
  query: { storeId: string; from?: string | undefined; to?: string | undefined },
) {
  await storeIn(deps.db, actor, query.storeId);
  if (query.from && query.to && query.from > query.to) throw invalidField('to', 'The last day comes before the first.');
  // Days are the store's days: a sale at 23:30 in Chicago belongs to that evening, not to the next UTC day.
  const { rows } = await sql<{
    variant_id: string | null;
    product_id: string | null;
    description: string;
    outcome: string;
    units: number;
    times: number;
  }>`
    select l.variant_id, v.product_id, l.description, l.outcome, sum(l.quantity)::int as units, count(*)::int as times
    from lost_demand l
    join stores st on st.retailer_id = l.retailer_id and st.id = l.store_id
    left join variants v on v.retailer_id = l.retailer_id and v.id = l.variant_id
    where l.retailer_id = ${actor.retailerId} and l.store_id = ${query.storeId}
      ${query.from ? sql`and l.recorded_at >= (${query.from}::date::timestamp at time zone st.time_zone)` : sql``}
      ${query.to ? sql`and l.recorded_at < ((${query.to}::date + 1)::timestamp at time zone st.time_zone)` : sql``}
    group by l.variant_id, v.product_id, l.description, l.outcome`.execute(deps.db);
  const items = new Map<
    string,
    {
      variantId: string | null;
      productId: string | null;
      description: string;
      units: number;
      times: number;
      outcomes: Record<string, number>;
    }
  >();
  for (const r of rows) {
    const key = r.variant_id ?? `text:${r.description.toLowerCase()}`;
    const item = items.get(key) ?? {
      variantId: r.variant_id,
      productId: r.product_id,
      description: r.description,
      units: 0,
      times: 0,
      outcomes: {},
    };
    item.units += r.units;
    item.times += r.times;
    item.outcomes[r.outcome] = (item.outcomes[r.outcome] ?? 0) + r.units;
    items.set(key, item);
  }
  return [...items.values()].sort((a, b) => b.units - a.units || a.description.localeCompare(b.description));
}
