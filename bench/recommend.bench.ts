import { fetchCandidates, SHORTLIST } from '../src/server/modules/guidance/candidates.ts';
import { answerQuestion, recommendationInputs, recommendFor, startSession } from '../src/server/modules/guidance/sessions.service.ts';
import type { Answer } from '../src/shared/domain/question-sets.ts';
import { timeIt } from './catalog-data.ts';
import { type GuidanceBench, onGuidanceWorlds } from './guidance-data.ts';
import { report } from './load.ts';

/**
 * BENCH recommend: p50/p95 of a full recommendation — a session's ten answers, a customer with
 * stored preferences and 50 purchases, the shortlist with stock in every store, the engine, and
 * the list kept — over 100,000 products × 50 stores (10,000 × 10 with --quick), the question set
 * drawing on a fifth of the catalog. `ceiling` is the candidate fetch alone (shortlist and stock)
 * for the same inputs, in the same run. Target: p95 ≤ 25 ms and ≤ 3× the ceiling. PGlite always;
 * PostgreSQL too when DATABASE_URL is set.
 */
/** Rounds run before timing: a full recommendation has a long code path for the JIT to settle. */
const WARM_UP = 100;

export async function run({ quick }: { quick: boolean }) {
  await onGuidanceWorlds('recommend', quick, (world) => measure(world, quick));
}

async function measure(world: GuidanceBench, quick: boolean) {
  const { engine, db, catalog, store, customerId, setId, actor, deps, audit, loadSeconds } = world;
  const _retailer = { id: actor.retailerId };
  const [colours, styles, occasions, rooms] = [
    catalog.keys('colour'),
    catalog.keys('style'),
    catalog.keys('occasion'),
    catalog.keys('room'),
  ];
  const of = (list: string[], i: number) => list[i % list.length] as string;
  // Eight sessions with ten answers each, varied so no two ask the same.
  const sessions: string[] = [];
  for (let i = 0; i < 8; i++) {
    const id = await startSession(deps, actor, audit, { setId, storeId: store.id, customerId });
    const answers: Record<string, Answer> = {
      occasion: { values: [of(occasions, i * 3)] },
      recipient: { values: ['family'] },
      place: { values: [of(rooms, i)] },
      palette: { values: [of(colours, i * 5), of(colours, i * 5 + 2)] },
      style: { values: [of(styles, i)] },
      lifespan: { values: [i % 2 ? 'fresh' : 'either'] },
      scent: { values: ['light'] },
      pets: { values: ['yes'] },
      quantity: { quantity: 1 + (i % 12) },
      budget: { budget: { max: 40 + i * 10, firm: i % 3 === 0 } },
    };
    for (const [key, answer] of Object.entries(answers)) await answerQuestion(deps, actor, id, key, answer);
    sessions.push(id);
  }
  const rounds = quick ? 60 : 200;
  const queries = await Promise.all(sessions.map(async (id) => (await recommendationInputs(deps, actor, id)).query));
  let candidates = 0;
  const ceiling = await timeIt(
    rounds,
    async (i) => {
      candidates += (await fetchCandidates(db, queries[i % queries.length] as (typeof queries)[number])).length;
    },
    WARM_UP,
  );
  let shown = 0;
  const full = await timeIt(
    rounds,
    async (i) => {
      const list = await recommendFor(deps, actor, sessions[i % sessions.length] as string);
      shown += list.main.length;
    },
    WARM_UP,
  );
  report('recommend', {
    engine,
    products: world.products,
    stores: world.stores,
    answers: 10,
    purchases: 50,
    shortlist_max: SHORTLIST,
    candidates_avg: candidates / (rounds + WARM_UP),
    shown_avg: shown / (rounds + WARM_UP),
    p50_ms: full.p50,
    p95_ms: full.p95,
    ceiling_p50_ms: ceiling.p50,
    ceiling_p95_ms: ceiling.p95,
    ratio_p95: full.p95 / ceiling.p95,
    target_p95_ms: 25,
    target_ratio: 3,
    load_s: loadSeconds,
  });
}
