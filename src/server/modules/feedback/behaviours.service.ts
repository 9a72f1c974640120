import { type Kysely, sql } from 'kysely';
import { progress, type RoadmapDefinition } from '../../../shared/domain/roadmap.ts';
import type { DB } from '../../db/types.ts';
import { secondsInDiscovery } from '../encounters/visit-record.ts';

/**
 * What happened in the visit an answer is about, so answers can be read beside the behaviours
 * that led to them: the roadmap steps done or skipped, the cadence (time to greet, time in
 * discovery, time given to decide), the questions answered and recommendations shown, what was
 * bought, the gestures made and what was asked for and not had.
 */
export interface VisitBehaviours {
  steps: { key: string; name: string; state: 'done' | 'skipped'; at: string | null }[];
  secondsToGreet: number | null;
  secondsInDiscovery: number | null;
  secondsGiven: number;
  questionsAnswered: number;
  recommendationsShown: number;
  assisted: boolean;
  bought: { description: string; quantity: number }[];
  saleTotal: number | null;
  gestures: string[];
  lostDemand: { description: string; quantity: number; outcome: 'substituted' | 'other-store' | 'ordered' | 'lost' }[];
}

interface BehaviourRow {
  id: string;
  status: string;
  started_at: Date;
  arrived_at: Date | null;
  closed_at: Date | null;
  lead_staff_id: string | null;
  definition: RoadmapDefinition;
  marks: { key: string; status: 'done' | 'skipped'; at: string }[];
  questions: number;
  answered_at: string[];
  lists: number;
  first_list: Date | null;
  lines: number;
  first_line: Date | null;
  space_ms: number;
  assisted: boolean;
  bought: { description: string; quantity: number }[];
  sale_total: string | null;
  gestures: string[];
  lost: VisitBehaviours['lostDemand'];
}

/** The behaviours of each of these visits of the retailer, by visit id, read in one statement. */
export async function visitBehaviours(db: Kysely<DB>, retailerId: string, encounterIds: string[], now: Date) {
  const found = new Map<string, VisitBehaviours>();
  if (encounterIds.length === 0) return found;
  const { rows } = await sql<BehaviourRow>`
    with s as (
      select g.encounter_id, g.id from guidance_sessions g
      where g.retailer_id = ${retailerId} and g.encounter_id = any(${encounterIds}::text[])
    )
    select e.id, e.status, e.started_at, e.arrived_at, e.closed_at, e.lead_staff_id, v.definition,
      (select coalesce(jsonb_agg(jsonb_build_object('key', t.step_key, 'status', t.status, 'at', t.at)), '[]'::jsonb)
       from encounter_steps t where t.retailer_id = e.retailer_id and t.encounter_id = e.id) as marks,
      (select coalesce(sum((select count(*) from jsonb_object_keys(g.answers))), 0)::int
       from guidance_sessions g where g.retailer_id = e.retailer_id and g.encounter_id = e.id) as questions,
      (select coalesce(jsonb_agg(a.value order by (a.value #>> '{}')::timestamptz), '[]'::jsonb)
       from guidance_sessions g cross join lateral jsonb_each(g.answered_at) a
       where g.retailer_id = e.retailer_id and g.encounter_id = e.id and g.answers ? a.key) as answered_at,
      (select count(*)::int from guidance_lists l join s on s.id = l.session_id
       where l.retailer_id = e.retailer_id and s.encounter_id = e.id) as lists,
      (select min(l.shown_at) from guidance_lists l join s on s.id = l.session_id
       where l.retailer_id = e.retailer_id and s.encounter_id = e.id) as first_list,
      (select count(*)::int from guidance_basket_lines b join s on s.id = b.session_id
       where b.retailer_id = e.retailer_id and s.encounter_id = e.id and b.removed_at is null) as lines,
      (select min(b.added_at) from guidance_basket_lines b join s on s.id = b.session_id
       where b.retailer_id = e.retailer_id and s.encounter_id = e.id and b.removed_at is null) as first_line,
      (select coalesce(sum(greatest(0, extract(epoch from coalesce(p.ended_at, e.closed_at, ${now}::timestamptz) - p.started_at))), 0)::float8 * 1000
       from encounter_space p where p.retailer_id = e.retailer_id and p.encounter_id = e.id) as space_ms,
      exists (select 1 from encounter_staff a where a.retailer_id = e.retailer_id and a.encounter_id = e.id
        and a.role = 'assist' and a.staff_id is distinct from e.lead_staff_id) as assisted,
      (select coalesce(jsonb_agg(jsonb_build_object('description', sl.description, 'quantity', sl.quantity) order by sl.line_no), '[]'::jsonb)
       from sale_lines sl where sl.retailer_id = e.retailer_id and sl.sale_id = e.sale_id) as bought,
      (select sa.total from sales sa where sa.retailer_id = e.retailer_id and sa.id = e.sale_id) as sale_total,
      (select coalesce(jsonb_agg(gs.description order by gs.given_at, gs.id), '[]'::jsonb)
       from gestures gs where gs.retailer_id = e.retailer_id and gs.encounter_id = e.id) as gestures,
      (select coalesce(jsonb_agg(jsonb_build_object('description', ld.description, 'quantity', ld.quantity, 'outcome', ld.outcome)
         order by ld.recorded_at, ld.id), '[]'::jsonb)
       from lost_demand ld where ld.retailer_id = e.retailer_id and ld.encounter_id = e.id) as lost
    from encounters e
    join roadmap_versions v on v.retailer_id = e.retailer_id and v.roadmap_id = e.roadmap_id and v.version = e.roadmap_version
    where e.retailer_id = ${retailerId} and e.id = any(${encounterIds}::text[])`.execute(db);

  for (const r of rows) {
    const marked = Object.fromEntries(r.marks.map((m) => [m.key, { status: m.status, at: new Date(m.at).toISOString() }]));
    const steps = progress(r.definition, {
      marked,
      questionsAnswered: r.questions,
      recommended: r.lists > 0,
      basketLines: r.lines,
      closed: r.status === 'closed',
    });
    const startedAt = new Date(r.started_at);
    const closedAt = r.closed_at ? new Date(r.closed_at) : null;
    const discovery = await secondsInDiscovery(steps, { startedAt, closedAt, until: closedAt ?? now }, async () => ({
      answers: r.answered_at.map((a) => new Date(a)),
      firstList: r.first_list ? new Date(r.first_list) : null,
      firstLine: r.first_line ? new Date(r.first_line) : null,
    }));
    const greet = marked.greet;
    const cameIn = r.arrived_at ? new Date(r.arrived_at) : startedAt;
    found.set(r.id, {
      steps: steps.flatMap((s) =>
        s.state === 'done' || s.state === 'skipped' ? [{ key: s.key, name: s.name, state: s.state, at: s.at }] : [],
      ),
      secondsToGreet: greet?.status === 'done' ? Math.max(0, Math.round((new Date(greet.at).getTime() - cameIn.getTime()) / 1000)) : null,
      secondsInDiscovery: discovery,
      secondsGiven: Math.round(Number(r.space_ms) / 1000),
      questionsAnswered: r.questions,
      recommendationsShown: r.lists,
      assisted: r.assisted,
      bought: r.bought,
      saleTotal: r.sale_total === null ? null : Number(r.sale_total),
      gestures: r.gestures,
      lostDemand: r.lost,
    });
  }
  return found;
}
