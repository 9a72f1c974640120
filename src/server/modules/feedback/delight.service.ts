import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { type FeedFilters, feedFilters, ratio, visibleTo } from './feed.service.ts';

/** The behaviours told apart in "what goes with delighted customers", in the order shown. */
export const BEHAVIOURS = ['space', 'gesture', 'in-stock', 'discovery', 'recommended', 'sale', 'assisted'] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

export interface DelightQuery extends FeedFilters {
  /** How many discovery questions answered count as a discovery. */
  questions?: number | undefined;
}

export interface DelightFigures {
  visits: number;
  averageSatisfaction: number | null;
  shareExceeded: number | null;
}

/**
 * For the answered visits the actor may see (imported reviews are no visits), each behaviour with
 * the answers of the visits that had it and of those that did not: how many, their average
 * satisfaction, and the share of those answering the question who said "exceeded".
 */
export async function delightDrivers(deps: Deps, actor: Principal, query: DelightQuery) {
  const f = await feedFilters(deps, actor, query);
  const questions = query.questions ?? 3;
  const { rows } = await sql<{
    behaviour: Behaviour;
    has: boolean;
    visits: number;
    rated: number;
    satisfaction_sum: number;
    expectations_answered: number;
    exceeded: number;
  }>`
    with v as (
      select r.satisfaction, r.expectations,
        exists (select 1 from encounter_space p where p.retailer_id = e.retailer_id and p.encounter_id = e.id) as space,
        exists (select 1 from gestures g where g.retailer_id = e.retailer_id and g.encounter_id = e.id) as gesture,
        not exists (select 1 from lost_demand l where l.retailer_id = e.retailer_id and l.encounter_id = e.id) as in_stock,
        (select coalesce(sum((select count(*) from jsonb_object_keys(g.answers))), 0)
         from guidance_sessions g where g.retailer_id = e.retailer_id and g.encounter_id = e.id) >= ${questions} as discovery,
        exists (select 1 from guidance_lists l join guidance_sessions g on g.retailer_id = l.retailer_id and g.id = l.session_id
                where l.retailer_id = e.retailer_id and g.encounter_id = e.id) as recommended,
        coalesce(e.outcome in ('sale', 'special-order'), false) as sale,
        exists (select 1 from encounter_staff a where a.retailer_id = e.retailer_id and a.encounter_id = e.id
                and a.role = 'assist' and a.staff_id is distinct from e.lead_staff_id) as assisted
      from feedback_responses r
      join encounters e on e.retailer_id = r.retailer_id and e.id = r.encounter_id
      where r.retailer_id = ${actor.retailerId} and r.kind = 'visit' and ${visibleTo(actor, 'r')}
        ${f.storeId ? sql`and r.store_id = ${f.storeId}` : sql``}
        ${f.staffId ? sql`and r.staff_ids @> array[${f.staffId}]::text[]` : sql``}
        ${f.from ? sql`and r.updated_at >= ${f.from}` : sql``}
        ${f.to ? sql`and r.updated_at < ${f.to}` : sql``}
    )
    select b.behaviour, b.has,
      count(*)::int as visits,
      count(v.satisfaction)::int as rated,
      coalesce(sum(v.satisfaction), 0)::int as satisfaction_sum,
      count(v.expectations)::int as expectations_answered,
      count(*) filter (where v.expectations = 'exceeded')::int as exceeded
    from v cross join lateral (values
      ('space', v.space), ('gesture', v.gesture), ('in-stock', v.in_stock), ('discovery', v.discovery),
      ('recommended', v.recommended), ('sale', v.sale), ('assisted', v.assisted)) as b(behaviour, has)
    group by b.behaviour, b.has`.execute(deps.db);

  const figures = (behaviour: Behaviour, has: boolean): DelightFigures => {
    const r = rows.find((x) => x.behaviour === behaviour && x.has === has);
    return {
      visits: r?.visits ?? 0,
      averageSatisfaction: r ? ratio(r.satisfaction_sum, r.rated) : null,
      shareExceeded: r ? ratio(r.exceeded, r.expectations_answered) : null,
    };
  };
  const answered = rows.filter((r) => r.behaviour === 'space').reduce((n, r) => n + r.visits, 0);
  return {
    questions,
    answered,
    behaviours: BEHAVIOURS.map((behaviour) => ({ behaviour, with: figures(behaviour, true), without: figures(behaviour, false) })),
  };
}
