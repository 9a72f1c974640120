import { type RawBuilder, sql } from 'kysely';
import { roleCan } from '../../../shared/domain/roles.ts';
import type { Deps } from '../../deps.ts';
import { forbidden, invalidField } from '../../http/errors.ts';
import type { Principal } from '../auth/principal.ts';
import { type VisitBehaviours, visitBehaviours } from './behaviours.service.ts';

/**
 * What staff see of feedback: the feed of answers and the weekly figures. Owners and managers see
 * their stores' feedback; everyone else only the answers about visits they served.
 */

/** Which rows of `alias` (feedback_requests or feedback_responses) the actor may see. */
export function visibleTo(actor: Principal, alias: 'q' | 'r'): RawBuilder<boolean> {
  if (roleCan(actor.role, 'feedback.all')) {
    if (actor.allStores) return sql<boolean>`true`;
    return sql<boolean>`${sql.ref(`${alias}.store_id`)} = any(${actor.storeIds}::text[])`;
  }
  if (actor.kind !== 'staff') return sql<boolean>`false`;
  return sql<boolean>`${sql.ref(`${alias}.staff_ids`)} @> array[${actor.staffId}]::text[]`;
}

/** The store a filter names, checked to be the retailer's and one the actor works in. */
async function filterStore(deps: Deps, actor: Principal, storeId: string) {
  const store = await deps.db
    .selectFrom('stores')
    .select(['id', 'name', 'time_zone'])
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', storeId)
    .executeTakeFirst();
  if (!store) throw invalidField('storeId', 'There is no such store.');
  if (!actor.allStores && !actor.storeIds.includes(storeId)) throw forbidden('You do not work in that store.');
  return store;
}

async function filterStaff(deps: Deps, actor: Principal, staffId: string) {
  const found = await deps.db
    .selectFrom('staff')
    .select('id')
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', staffId)
    .executeTakeFirst();
  if (!found) throw invalidField('staffId', 'There is no such person.');
}

const DAY = 86_400_000;

/** `from`/`to` as instants: an ISO timestamp as given, a bare date as the start (from) or end (to) of that UTC day. */
function parseBound(field: 'from' | 'to', value: string | undefined): Date | null {
  if (value === undefined) return null;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw invalidField(field, 'Give a date (YYYY-MM-DD) or an ISO timestamp.');
  return new Date(dateOnly && field === 'to' ? ms + DAY : ms);
}

/** The filters the feed and its figures share: a store, a person, the days answers were given. */
export interface FeedFilters {
  storeId?: string | undefined;
  staffId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The filters checked (the store and the person the retailer's, the store one the actor works in) and the days as instants. */
export async function feedFilters(deps: Deps, actor: Principal, query: FeedFilters) {
  if (query.storeId) await filterStore(deps, actor, query.storeId);
  if (query.staffId) await filterStaff(deps, actor, query.staffId);
  return { storeId: query.storeId, staffId: query.staffId, from: parseBound('from', query.from), to: parseBound('to', query.to) };
}

export interface FeedQuery extends FeedFilters {
  poor?: boolean | undefined;
  limit?: number | undefined;
  /** `updatedAt|id` of the last answer of the page before. */
  cursor?: string | undefined;
}

export interface FeedItem {
  id: string;
  kind: 'visit' | 'imported';
  at: string;
  satisfaction: number | null;
  expectations: 'not-met' | 'met' | 'exceeded' | null;
  listened: boolean | null;
  feltRushed: boolean | null;
  inStock: boolean | null;
  mayContact: boolean | null;
  comment: string | null;
  commentHidden: boolean;
  poor: boolean;
  store: { id: string; name: string } | null;
  staff: { id: string; name: string; part: 'lead' | 'assist' }[];
  encounter: { id: string; startedAt: string; outcome: 'sale' | 'special-order' | 'no-sale' | null } | null;
  customer: { id: string; name: string } | null;
  followUp: { id: string; status: 'open' | 'done' | 'cancelled'; outcome: string | null } | null;
  /** What happened in the visit; null for an imported review. */
  behaviours: VisitBehaviours | null;
}

/** The feedback the actor may see, newest (last answered) first, a page at a time. */
export async function listFeedback(
  deps: Deps,
  actor: Principal,
  query: FeedQuery,
): Promise<{ items: FeedItem[]; nextCursor: string | null }> {
  const { from, to } = await feedFilters(deps, actor, query);
  const limit = query.limit ?? 50;
  const [atText, afterId] = (query.cursor ?? '').split('|');
  const after = atText && afterId && !Number.isNaN(Date.parse(atText)) ? { at: atText, id: afterId } : null;

  const rows = await deps.db
    .selectFrom('feedback_responses as r')
    .leftJoin('stores as s', (j) => j.onRef('s.retailer_id', '=', 'r.retailer_id').onRef('s.id', '=', 'r.store_id'))
    .leftJoin('encounters as e', (j) => j.onRef('e.retailer_id', '=', 'r.retailer_id').onRef('e.id', '=', 'r.encounter_id'))
    .leftJoin('customers as c', (j) => j.onRef('c.retailer_id', '=', 'r.retailer_id').onRef('c.id', '=', 'r.customer_id'))
    .leftJoin('follow_ups as f', (j) => j.onRef('f.retailer_id', '=', 'r.retailer_id').onRef('f.feedback_response_id', '=', 'r.id'))
    .select([
      'r.id',
      'r.kind',
      'r.updated_at',
      'r.satisfaction',
      'r.expectations',
      'r.listened',
      'r.felt_rushed',
      'r.in_stock',
      'r.may_contact',
      'r.comment',
      'r.staff_ids',
      'r.poor',
      'r.store_id',
      's.name as store_name',
      'r.encounter_id',
      'e.started_at',
      'e.outcome',
      'e.lead_staff_id',
      'r.customer_id',
      'c.first_name',
      'c.last_name',
      'c.erased_at',
      'f.id as follow_up_id',
      'f.status as follow_up_status',
      'f.outcome as follow_up_outcome',
      // To the microsecond: a cursor rounded to milliseconds would skip or repeat answers.
      sql<string>`to_char(r.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursor_at'),
    ])
    .where('r.retailer_id', '=', actor.retailerId)
    .where(visibleTo(actor, 'r'))
    .$if(query.storeId !== undefined, (q) => q.where('r.store_id', '=', query.storeId as string))
    .$if(query.staffId !== undefined, (q) => q.where(sql<boolean>`r.staff_ids @> array[${query.staffId}]::text[]`))
    // Answers to follow up are visits' answers: an imported review rated poorly has no one to follow it up.
    .$if(query.poor !== undefined, (q) =>
      q.where(query.poor ? sql<boolean>`r.poor and r.kind = 'visit'` : sql<boolean>`not (r.poor and r.kind = 'visit')`),
    )
    .$if(from !== null, (q) => q.where('r.updated_at', '>=', from as Date))
    .$if(to !== null, (q) => q.where('r.updated_at', '<', to as Date))
    .$if(after !== null, (q) => q.where(sql<boolean>`(r.updated_at, r.id) < (${after?.at}::timestamptz, ${after?.id})`))
    .orderBy('r.updated_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit + 1)
    .execute();

  const page = rows.slice(0, limit);
  const staffIds = [...new Set(page.flatMap((r) => r.staff_ids))];
  const names = new Map(
    staffIds.length
      ? (
          await deps.db
            .selectFrom('staff')
            .select(['id', 'name'])
            .where('retailer_id', '=', actor.retailerId)
            .where('id', 'in', staffIds)
            .execute()
        ).map((s) => [s.id, s.name])
      : [],
  );
  const behaviours = await visitBehaviours(
    deps.db,
    actor.retailerId,
    page.flatMap((r) => (r.encounter_id ? [r.encounter_id] : [])),
    deps.now(),
  );
  const seesCustomers = roleCan(actor.role, 'customers.view');
  const items = page.map(
    (r): FeedItem => ({
      id: r.id,
      kind: r.kind,
      at: r.updated_at.toISOString(),
      satisfaction: r.satisfaction,
      expectations: r.expectations,
      listened: r.listened,
      feltRushed: r.felt_rushed,
      inStock: r.in_stock,
      mayContact: r.may_contact,
      comment: seesCustomers ? r.comment : null,
      commentHidden: !seesCustomers && r.comment !== null,
      poor: Boolean(r.poor),
      store: r.store_id && r.store_name ? { id: r.store_id, name: r.store_name } : null,
      staff: r.staff_ids.map((id, i) => ({
        id,
        name: names.get(id) ?? 'Former colleague',
        // The visit says who led; without one the first named is the lead, as the request lists them.
        part: (r.encounter_id && r.started_at ? id === r.lead_staff_id : i === 0) ? 'lead' : 'assist',
      })),
      encounter: r.encounter_id && r.started_at ? { id: r.encounter_id, startedAt: r.started_at.toISOString(), outcome: r.outcome } : null,
      customer:
        seesCustomers && r.customer_id && r.first_name !== null && !r.erased_at
          ? { id: r.customer_id, name: [r.first_name, r.last_name].filter(Boolean).join(' ') }
          : null,
      followUp:
        r.follow_up_id && r.follow_up_status ? { id: r.follow_up_id, status: r.follow_up_status, outcome: r.follow_up_outcome } : null,
      behaviours: (r.encounter_id && behaviours.get(r.encounter_id)) || null,
    }),
  );
  const last = page.at(-1);
  return { items, nextCursor: rows.length > limit && last ? `${last.cursor_at}|${last.id}` : null };
}

export interface WeeklyQuery {
  storeId?: string | undefined;
  staffId?: string | undefined;
  weeks?: number | undefined;
}

export interface WeekFigures {
  weekStart: string;
  requests: number;
  responses: number;
  responseRate: number | null;
  averageSatisfaction: number | null;
  shareExceeded: number | null;
  shareFeltRushed: number | null;
}

/** The date (YYYY-MM-DD) it is at `at` in a time zone. */
function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The Monday on or before a date, and the Mondays before it. */
function mondays(today: string, count: number): string[] {
  const d = new Date(`${today}T00:00:00Z`);
  const monday = d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY;
  return Array.from({ length: count }, (_, i) => new Date(monday - (count - 1 - i) * 7 * DAY).toISOString().slice(0, 10));
}

export const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * Weekly figures for visits (imported reviews never count): requests made in each week and, of
 * those, how many were answered, their average satisfaction, and the share of those answering
 * each question who said "exceeded" or "felt rushed". Weeks start on Monday in the store's time
 * zone (UTC across stores); every week of the range is listed, empty ones as zeros.
 */
export async function weeklyFeedback(deps: Deps, actor: Principal, query: WeeklyQuery): Promise<{ weeks: WeekFigures[] }> {
  const store = query.storeId ? await filterStore(deps, actor, query.storeId) : null;
  if (query.staffId) await filterStaff(deps, actor, query.staffId);
  const timeZone = store?.time_zone ?? 'UTC';
  const weekStarts = mondays(localDate(deps.now(), timeZone), query.weeks ?? 12);
  const first = weekStarts[0] as string;

  const rows = await sql<{
    week: string;
    requests: number;
    responses: number;
    rated: number;
    satisfaction_sum: number;
    expectations_answered: number;
    exceeded: number;
    rushed_answered: number;
    rushed: number;
  }>`
    select to_char(date_trunc('week', q.created_at at time zone ${timeZone}), 'YYYY-MM-DD') as week,
      count(*)::int as requests,
      count(r.id)::int as responses,
      count(r.satisfaction)::int as rated,
      coalesce(sum(r.satisfaction), 0)::int as satisfaction_sum,
      count(r.expectations)::int as expectations_answered,
      count(*) filter (where r.expectations = 'exceeded')::int as exceeded,
      count(r.felt_rushed)::int as rushed_answered,
      count(*) filter (where r.felt_rushed)::int as rushed
    from feedback_requests q
    left join feedback_responses r on r.retailer_id = q.retailer_id and r.request_id = q.id and r.kind = 'visit'
    where q.retailer_id = ${actor.retailerId}
      and q.created_at >= (${first}::date::timestamp at time zone ${timeZone})
      and ${visibleTo(actor, 'q')}
      ${query.storeId ? sql`and q.store_id = ${query.storeId}` : sql``}
      ${query.staffId ? sql`and q.staff_ids @> array[${query.staffId}]::text[]` : sql``}
    group by 1`.execute(deps.db);

  const byWeek = new Map(rows.rows.map((r) => [r.week, r]));
  return {
    weeks: weekStarts.map((weekStart) => {
      const w = byWeek.get(weekStart);
      if (!w)
        return {
          weekStart,
          requests: 0,
          responses: 0,
          responseRate: null,
          averageSatisfaction: null,
          shareExceeded: null,
          shareFeltRushed: null,
        };
      return {
        weekStart,
        requests: w.requests,
        responses: w.responses,
        responseRate: ratio(w.responses, w.requests),
        averageSatisfaction: ratio(w.satisfaction_sum, w.rated),
        shareExceeded: ratio(w.exceeded, w.expectations_answered),
        shareFeltRushed: ratio(w.rushed, w.rushed_answered),
      };
    }),
  };
}
