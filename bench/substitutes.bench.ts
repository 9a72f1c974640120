import { alternativesFor } from '../src/server/modules/guidance/alternatives.service.ts';
import { candidatesByIds, substituteCandidates } from '../src/server/modules/guidance/candidates.ts';
import { answerQuestion, recommendationInputs, startSession } from '../src/server/modules/guidance/sessions.service.ts';
import type { Answer } from '../src/shared/domain/question-sets.ts';
import { timeIt } from './catalog-data.ts';
import { type GuidanceBench, onGuidanceWorlds } from './guidance-data.ts';
import { report } from './load.ts';

/**
 * BENCH substitutes: p50/p95 of substitutes and partial plans for an item that is short — the
 * session's answers and the customer's preferences read, the wanted item and the substitute
 * shortlist with stock in every store, the engine's judgement of each, the nearest substitutes and
 * the plans — over 100,000 products × 50 stores (10,000 × 10 with --quick). `ceiling` is the two
 * catalog reads alone (the wanted item and the shortlist, with stock) for the same items, in the
 * same run. Target: p95 ≤ 30 ms. PGlite always; PostgreSQL too when DATABASE_URL is set.
 */
const WARM_UP = 100;
const QUANTITY = 24;

export async function run({ quick }: { quick: boolean }) {
  await onGuidanceWorlds('substitutes', quick, (world) => measure(world, quick));
}

async function measure(world: GuidanceBench, quick: boolean) {
  const { engine, db, catalog, store, customerId, setId, actor, deps, audit, loadSeconds } = world;
  const retailer = { id: actor.retailerId };
  const colours = catalog.keys('colour');
  const of = (list: string[], i: number) => list[i % list.length] as string;
  const sessions: string[] = [];
  for (let i = 0; i < 8; i++) {
    const id = await startSession(deps, actor, audit, { setId, storeId: store.id, customerId });
    const answers: Record<string, Answer> = {
      palette: { values: [of(colours, i * 5), of(colours, i * 5 + 2)] },
      lifespan: { values: [i % 2 ? 'fresh' : 'either'] },
      pets: { values: [i % 4 ? 'no' : 'yes'] },
      quantity: { quantity: QUANTITY },
      budget: { budget: { max: 200 + i * 50, firm: i % 3 === 0 } },
    };
    for (const [key, answer] of Object.entries(answers)) await answerQuestion(deps, actor, id, key, answer);
    sessions.push(id);
  }
  // Wanted items that are short here: some in stock, fewer than asked for.
  const short = await db
    .selectFrom('stock_levels')
    .select('variant_id')
    .where('retailer_id', '=', retailer.id)
    .where('store_id', '=', store.id)
    .where('on_hand', '>', 0)
    .where('on_hand', '<', QUANTITY)
    .orderBy('variant_id')
    .limit(64)
    .execute();
  const wanted = short.map((r) => r.variant_id);
  const rounds = quick ? 60 : 200;
  const queries = await Promise.all(sessions.map(async (id) => (await recommendationInputs(deps, actor, id)).query));
  let options = 0;
  const ceiling = await timeIt(
    rounds,
    async (i) => {
      const q = queries[i % queries.length] as (typeof queries)[number];
      const [item] = await candidatesByIds(db, q, [wanted[i % wanted.length] as string]);
      if (!item) throw new Error('The wanted item went missing.');
      options += (
        await substituteCandidates(db, q, {
          productId: item.productId,
          categoryId: item.categoryId,
          colours: item.attributes.colours ?? [],
          lifespan: item.attributes.lifespan ?? null,
        })
      ).length;
    },
    WARM_UP,
  );
  let substitutes = 0;
  let complete = 0;
  const full = await timeIt(
    rounds,
    async (i) => {
      const a = await alternativesFor(deps, actor, sessions[i % sessions.length] as string, {
        variantId: wanted[i % wanted.length] as string,
        quantity: QUANTITY,
      });
      substitutes += a.substitutes.length;
      if ([...a.plans, ...a.stretch].some((p) => p.shortfall === 0)) complete++;
    },
    WARM_UP,
  );
  report('substitutes', {
    engine,
    products: world.products,
    stores: world.stores,
    quantity: QUANTITY,
    wanted_items: wanted.length,
    options_avg: options / (rounds + WARM_UP),
    substitutes_avg: substitutes / (rounds + WARM_UP),
    complete_plan_share: complete / (rounds + WARM_UP),
    p50_ms: full.p50,
    p95_ms: full.p95,
    ceiling_p50_ms: ceiling.p50,
    ceiling_p95_ms: ceiling.p95,
    ratio_p95: full.p95 / ceiling.p95,
    target_p95_ms: 30,
    load_s: loadSeconds,
  });
}
