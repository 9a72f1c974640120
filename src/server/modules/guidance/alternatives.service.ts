import { type Kysely, sql } from 'kysely';
import { variantLabel } from '../../../shared/catalog.ts';
import { dayIn } from '../../../shared/dates.ts';
import { type Comparison, compare, shortPath } from '../../../shared/domain/compare.ts';
import { recommend } from '../../../shared/domain/recommend.ts';
import { fulfilmentPlans, inSeason, type Option, type Plan, substitutes } from '../../../shared/domain/substitutes.ts';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalidField } from '../../http/errors.ts';
import type { AuditContext } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';

import { refuseIfClosed } from '../encounters/encounters.service.ts';
import { recordLostDemand } from '../encounters/gestures.service.ts';
import { goesWellWith } from '../rules/rules.service.ts';
import { holdExpiry, holdUnits } from '../stock/stock.service.ts';
import { candidatesByIds, purchaseHistory, type StockedCandidate, substituteCandidates } from './candidates.ts';
import { basketOf, holdsOf, keepList, recommendationInputs, sessionRow } from './sessions.service.ts';

/** Substitutes shown for one wanted item. */
const SUBSTITUTES = 5;
/** Plans over a flexible budget shown apart, at most. */
const MAX_STRETCH_PLANS = 2;

const cents = (n: number) => Math.round(n * 100) / 100;

const optionOf = (c: StockedCandidate): Option => ({
  productId: c.productId,
  variantId: c.variantId,
  title: c.title,
  kind: c.kind,
  unitPrice: c.unitPrice,
  attributes: c.attributes,
  stock: c.stock,
});

/** "1 November", for when a season starts or ends. */
function monthDay(md: string, locale: string): string {
  const [m, d] = md.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, (m ?? 1) - 1, d ?? 1)),
  );
}

/**
 * When the wanted item is out or short: the nearest alternatives (each with what it keeps, what
 * differs and why it still fits today's answers; hard rules still apply), the other stores that have
 * it and the deliveries expected, and plans that complete the quantity — inside the budget, with at
 * most two over a flexible budget shown apart and none over a firm one.
 */
export async function alternativesFor(
  deps: Deps,
  actor: Principal,
  id: string,
  opts: { variantId: string; quantity?: number | undefined },
) {
  const { row, retailer, labels, harmonies, read, query } = await recommendationInputs(deps, actor, id, { categories: false });
  const quantity = opts.quantity ?? read.quantity;
  const { families, wishes, rules } = query;
  const q = { retailerId: actor.retailerId, storeId: row.store_id, families };
  const [wanted] = await candidatesByIds(deps.db, q, [opts.variantId]);
  if (!wanted) throw invalidField('variantId', 'There is no such item on sale.');
  const store = await deps.db
    .selectFrom('stores')
    .select(['time_zone'])
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', row.store_id)
    .executeTakeFirstOrThrow();
  const [options, expected] = await Promise.all([
    substituteCandidates(deps.db, q, {
      productId: wanted.productId,
      categoryId: wanted.categoryId,
      colours: wanted.attributes.colours ?? [],
      lifespan: wanted.attributes.lifespan ?? null,
    }),
    sql<{ store_id: string; store_name: string; quantity: number; expected_at: Date }>`
      select d.store_id, st.name as store_name, d.quantity, d.expected_at
      from stock_deliveries d join stores st on st.retailer_id = d.retailer_id and st.id = d.store_id
      where d.retailer_id = ${actor.retailerId} and d.variant_id = ${wanted.variantId} and d.status = 'expected'
      order by d.expected_at, st.name`
      .execute(deps.db)
      .then((r) => r.rows),
  ]);
  // The engine judges every option against today's answers and what the customer told us before:
  // why each still fits, and the hard rules ("no lilies: cat at home") that leave some out. Past
  // purchases are not weighed here: a substitute stands in for what was asked for today.
  const judged = recommend({
    candidates: [wanted, ...options],
    wishes,
    rules,
    history: [],
    weights: {},
    budget: null,
    quantity,
    labels,
    families,
    harmonies,
    limit: options.length + 1,
    currency: retailer.currency,
    locale: retailer.locale,
  });
  const left = new Map(judged.excluded.map((e) => [e.variantId, e.reason]));
  const fits = new Map(
    [...judged.main, ...judged.stretch].map((r) => [r.variantId, r.reasons.filter((x) => x.kind === 'match').map((x) => x.text)]),
  );
  const today = dayIn(deps.now(), store.time_zone);
  const found = substitutes({
    wanted: optionOf(wanted),
    options: options.filter((o) => !left.has(o.variantId)).map(optionOf),
    quantity,
    today,
    families,
    labels,
    currency: retailer.currency,
    locale: retailer.locale,
    limit: SUBSTITUTES,
  });
  const budget = read.budget;
  const here = Math.min(quantity, wanted.stock.here);
  const withinBudget = (total: number) => !budget || total <= budget.max;
  const shownSubstitutes = found
    .map((s) => {
      // Completing with it after what is here, and all of it instead.
      const rest = quantity - here;
      const completeTotal = cents(here * wanted.unitPrice + rest * s.option.unitPrice);
      const insteadTotal = cents(quantity * s.option.unitPrice);
      const cheapest = Math.min(completeTotal, insteadTotal);
      return {
        productId: s.option.productId,
        variantId: s.option.variantId,
        title: s.option.title,
        unitPrice: s.option.unitPrice,
        lifespan: s.option.attributes.lifespan ?? null,
        similarity: s.similarity,
        keeps: s.keeps,
        differs: s.differs,
        fits: fits.get(s.option.variantId) ?? [],
        stock: s.option.stock,
        completeWith: { quantity: rest, total: completeTotal },
        instead: { quantity, total: insteadTotal },
        overBudgetBy: withinBudget(cheapest) || !budget ? null : cents(cheapest - budget.max),
      };
    })
    .filter((s) => !(budget?.firm && s.overBudgetBy !== null));
  const deliveries = expected.map((d) => ({
    storeId: d.store_id,
    storeName: d.store_name,
    here: d.store_id === row.store_id,
    quantity: d.quantity,
    expectedAt: new Date(d.expected_at).toISOString(),
  }));
  const plans = fulfilmentPlans({
    wanted: optionOf(wanted),
    quantity,
    substitutes: found,
    // The day each delivery is due in the store's time zone.
    deliveries: deliveries.map((d) => ({ ...d, expectedAt: dayIn(new Date(d.expectedAt), store.time_zone) })),
    today,
    currency: retailer.currency,
    locale: retailer.locale,
  });
  const inside = plans.filter((p) => withinBudget(p.total));
  const over = plans.filter((p) => !withinBudget(p.total));
  const stretch =
    budget && !budget.firm ? over.slice(0, MAX_STRETCH_PLANS).map((p) => ({ ...p, overBudgetBy: cents(p.total - budget.max) })) : [];
  const season = wanted.attributes.season ?? null;
  const outOfSeason = !inSeason(season, today);
  const best = plans[0];
  const attributes = wanted.attributes;
  const nothingKnown = !attributes.colours?.length && !attributes.lifespan && !attributes.sizes?.length && !attributes.styles?.length;
  const notes: string[] = [];
  if (outOfSeason && season)
    notes.push(
      `${wanted.title} is out of season (${monthDay(season.from, retailer.locale)} to ${monthDay(season.to, retailer.locale)}); these are in season now.`,
    );
  if (nothingKnown)
    notes.push(
      `Nothing is recorded about what ${wanted.title} is like (colour, size, fresh or silk), so these are alike by kind and price only.`,
    );
  if (best && best.shortfall > 0)
    notes.push(
      `No plan reaches ${quantity}: the fullest brings ${best.units}, ${best.shortfall} short. Everything available is counted, holds included.`,
    );
  if (budget && over.length > stretch.length)
    notes.push(
      budget.firm
        ? `${over.length} ${over.length === 1 ? 'plan is' : 'plans are'} over the firm budget and not shown.`
        : `${over.length - stretch.length} more ${over.length - stretch.length === 1 ? 'plan is' : 'plans are'} over the budget and not shown.`,
    );
  return {
    wanted: {
      productId: wanted.productId,
      variantId: wanted.variantId,
      title: wanted.title,
      unitPrice: wanted.unitPrice,
      total: cents(quantity * wanted.unitPrice),
      stock: wanted.stock,
      excludedBecause: left.get(wanted.variantId) ?? null,
      inSeason: !outOfSeason,
      season,
    },
    quantity,
    budget,
    currency: retailer.currency,
    short: Math.max(0, quantity - wanted.stock.here),
    expected: deliveries,
    substitutes: shownSubstitutes,
    plans: inside,
    stretch,
    leftOut: judged.excluded.filter((e) => e.variantId !== wanted.variantId).map((e) => ({ title: e.title, reason: e.reason })),
    notes,
  };
}

export interface ChosenLine {
  variantId: string;
  quantity: number;
  source: Plan['lines'][number]['source'];
  /** The other store a line's units are in (held there) or delivered to. */
  storeId?: string | null | undefined;
}

/**
 * Takes a plan: its lines go into the visit's basket at today's prices, and with `hold` the units
 * here or at another store (the item itself or a substitute) are held for the customer until `holdUntil`, all or nothing — when stock
 * has moved since the plan was shown, nothing is held or added and the 409 says what is available
 * now. Lines due on a delivery are added but not held. Taking the same plan twice (one clientId)
 * takes it once; a new plan is refused once the visit is closed (409).
 */
export async function choosePlan(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  id: string,
  input: {
    clientId: string;
    lines: ChosenLine[];
    hold: boolean;
    holdUntil?: string | undefined;
    /** The item and quantity the plan stands in for: what it could not give here is kept as lost demand. */
    for?: { variantId: string; quantity: number } | undefined;
  },
) {
  const row = await sessionRow(deps.db, actor, id);
  const clientIds = input.lines.map((_, i) => `${input.clientId}:${i}`);
  const taken = await deps.db
    .selectFrom('guidance_basket_lines')
    .select(['client_id', 'session_id'])
    .where('retailer_id', '=', actor.retailerId)
    .where('client_id', 'in', clientIds)
    .execute();
  if (taken.some((t) => t.session_id !== id)) throw invalidField('clientId', 'This clientId was already used in another session.');
  if (taken.length === 0) {
    await refuseIfClosed(deps.db, actor.retailerId, row.encounter_id, 'the plan’s items were not added to the basket');
    const expires = input.hold ? holdExpiry(deps, input.holdUntil ?? new Date(deps.now().getTime() + 86_400_000).toISOString()) : null;
    const variants = await deps.db
      .selectFrom('variants as v')
      .innerJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'v.retailer_id').onRef('p.id', '=', 'v.product_id'))
      .select(['v.id', 'v.price', 'v.retired', 'p.status', 'p.title', 'v.title as variant_title'])
      .where('v.retailer_id', '=', actor.retailerId)
      .where(
        'v.id',
        'in',
        input.lines.map((l) => l.variantId),
      )
      .execute();
    const byId = new Map(variants.map((v) => [v.id, v]));
    input.lines.forEach((l, i) => {
      const v = byId.get(l.variantId);
      if (!v) throw invalidField(`lines.${i}.variantId`, 'There is no such item.');
      if (v.retired || v.status === 'retired') throw invalidField(`lines.${i}.variantId`, `${v.title} is no longer sold.`);
      if (l.source === 'other-store' && !l.storeId) throw invalidField(`lines.${i}.storeId`, 'Say which store the units come from.');
    });
    // Units in stock at another store — the item itself or a substitute — are held there.
    const heldAt = (l: ChosenLine) => (l.source === 'other-store' || (l.source === 'substitute' && l.storeId) ? l.storeId : null);
    const storeIds = [...new Set(input.lines.flatMap((l) => heldAt(l) ?? []))];
    if (storeIds.length) {
      const known = await deps.db
        .selectFrom('stores')
        .select('id')
        .where('retailer_id', '=', actor.retailerId)
        .where('id', 'in', storeIds)
        .execute();
      const missing = storeIds.find((s) => !known.some((k) => k.id === s));
      if (missing) throw invalidField(`lines.${input.lines.findIndex((l) => l.storeId === missing)}.storeId`, 'There is no such store.');
    }
    await deps.db.transaction().execute(async (trx) => {
      for (const [i, l] of input.lines.entries()) {
        const lineId = newId('basketLine');
        const v = byId.get(l.variantId);
        await trx
          .insertInto('guidance_basket_lines')
          .values({
            retailer_id: actor.retailerId,
            id: lineId,
            session_id: id,
            client_id: clientIds[i] as string,
            variant_id: l.variantId,
            quantity: l.quantity,
            unit_price: Number(v?.price),
            list_id: null,
            added_by: actor.kind === 'staff' ? actor.staffId : null,
          })
          .execute();
        if (!expires || l.source === 'delivery') continue;
        const storeId = heldAt(l) ?? row.store_id;
        try {
          await holdUnits(
            trx,
            actor,
            audit,
            {
              storeId,
              variantId: l.variantId,
              quantity: l.quantity,
              customerId: row.customer_id,
              expiresAt: expires.toISOString(),
              note: 'Held for a plan chosen in guided selling',
              sessionId: id,
              basketLineId: lineId,
            },
            expires,
          );
        } catch (e) {
          if (e instanceof AppError && e.code === 'conflict') {
            const available = (e.details as { available: number }).available;
            const name = v ? variantLabel(v.title, v.variant_title) : undefined;
            throw new AppError(
              'conflict',
              `Stock has moved since the plan was shown: only ${available} ${name} can be held there now. Nothing was held or added; look at the plans again.`,
              { details: { line: i, variantId: l.variantId, storeId, available } },
            );
          }
          throw e;
        }
      }
      if (input.for) await lostDemandOfPlan(trx, deps, actor, row, input.clientId, input.for, input.lines);
    });
  }
  return { basket: await basketOf(deps.db, actor.retailerId, id), holds: await holdsOf(deps, actor, id) };
}

/**
 * What a taken plan says about demand the store could not meet here: units substituted, from
 * another store, ordered on a delivery, and whatever is still short — each kept as lost demand for
 * the item asked for, with the visit.
 */
async function lostDemandOfPlan(
  trx: Kysely<DB>,
  deps: Deps,
  actor: Principal,
  session: { id: string; store_id: string; encounter_id: string | null; customer_id: string | null },
  clientId: string,
  wanted: { variantId: string; quantity: number },
  lines: ChosenLine[],
) {
  const where = { storeId: session.store_id, encounterId: session.encounter_id, sessionId: session.id, customerId: session.customer_id };
  const outcome = { substitute: 'substituted', 'other-store': 'other-store', delivery: 'ordered' } as const;
  let parts = 0;
  for (const [i, l] of lines.entries()) {
    if (l.source === 'here') continue;
    parts += l.quantity;
    await recordLostDemand({ db: trx, now: deps.now }, actor, where, {
      clientId: `${clientId}:lost:${i}`,
      variantId: wanted.variantId,
      quantity: l.quantity,
      outcome: outcome[l.source],
      substituteVariantId: l.source === 'substitute' ? l.variantId : null,
    });
  }
  const here = lines.filter((l) => l.source === 'here').reduce((n, l) => n + l.quantity, 0);
  const short = wanted.quantity - here - parts;
  if (short > 0)
    await recordLostDemand({ db: trx, now: deps.now }, actor, where, {
      clientId: `${clientId}:lost:short`,
      variantId: wanted.variantId,
      quantity: short,
      outcome: 'lost',
    });
}

/**
 * Two or more options side by side, scored against the session's answers by the one engine, with
 * a choice and its reasons or an honest "either fits"; the short path is the three or four questions
 * that tell these options apart, so anyone on the floor can ask them. The comparison is kept beside
 * the session's recommendation lists.
 */
export async function compareFor(deps: Deps, actor: Principal, id: string, variantIds: string[]) {
  const unique = [...new Set(variantIds)];
  if (unique.length < 2) throw invalidField('variantIds', 'A comparison needs at least two different options.');
  const { row, retailer, labels, harmonies, customerId, read, query, set } = await recommendationInputs(deps, actor, id, {
    categories: false,
  });
  const q = { retailerId: actor.retailerId, storeId: row.store_id, families: query.families };
  const [candidates, history] = await Promise.all([
    candidatesByIds(deps.db, q, unique),
    customerId ? purchaseHistory(deps.db, actor.retailerId, customerId, query.families) : [],
  ]);
  const missing = unique.filter((v) => !candidates.some((c) => c.variantId === v));
  if (missing.length) throw invalidField('variantIds', `Not on sale: ${missing.join(', ')}.`);
  const result: Comparison = compare({
    candidates,
    wishes: query.wishes,
    rules: query.rules,
    history,
    weights: {},
    quantity: read.quantity,
    budget: read.budget,
    labels,
    families: query.families,
    harmonies,
    currency: retailer.currency,
    locale: retailer.locale,
  });
  const path = shortPath(set, candidates);
  const listId = await keepList(deps, actor, row, {
    kind: 'compare',
    inputs: { answers: row.answers, wishes: query.wishes, rules: query.rules, variantIds: unique },
    budget: read.budget,
    quantity: read.quantity,
    result,
    mainMaxTotal: null,
  });
  return {
    listId,
    quantity: read.quantity,
    currency: retailer.currency,
    ...result,
    shortPath: path.map((key) => ({ key, answered: key in row.answers })),
  };
}

/** Pairings shown for a basket, at most. */
const BASKET_PAIRINGS = 6;

/**
 * What goes well with the basket: for each item in it, newest first, its learned rules and the
 * catalog's pairings (from the session store's rules when it has its own), leaving out what is
 * already in the basket; each says which basket item it goes with and why.
 */
export async function basketPairings(deps: Deps, actor: Principal, id: string) {
  const row = await sessionRow(deps.db, actor, id);
  const basket = await basketOf(deps.db, actor.retailerId, id);
  const inBasket = new Set(basket.map((b) => b.productId));
  const seen = new Set<string>();
  const out = [];
  for (const line of [...basket].reverse()) {
    if (seen.has(`from:${line.productId}`)) continue;
    seen.add(`from:${line.productId}`);
    const found = await goesWellWith(deps, actor, line.productId, { storeId: row.store_id, limit: BASKET_PAIRINGS });
    for (const p of found.pairings) {
      if (p.productIds.length !== 1) continue;
      const productId = p.productIds[0] as string;
      if (inBasket.has(productId) || seen.has(productId)) continue;
      seen.add(productId);
      const product = found.products.get(productId);
      if (!product) continue;
      out.push({
        productId,
        title: product.title,
        variants: found.variants
          .filter((v) => v.product_id === productId)
          .map((v) => ({ id: v.id, title: v.title, price: Number(v.price) })),
        withTitle: found.product.title,
        source: p.source,
        reason: p.reason,
        lift: p.lift,
        confidence: p.confidence,
      });
    }
  }
  return out.slice(0, BASKET_PAIRINGS);
}
