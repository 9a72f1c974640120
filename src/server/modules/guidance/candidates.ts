import { type Kysely, sql } from 'kysely';
import type { SellingAttributes } from '../../../shared/catalog.ts';
import { variantLabel } from '../../../shared/catalog.ts';
import { productTerms } from '../../../shared/domain/guidance.ts';
import type { Budget, Candidate, HardRule, MatchAttribute, PastPurchase, Wish } from '../../../shared/domain/recommend.ts';
import type { DB } from '../../db/types.ts';
import { effectiveAttributes } from '../catalog/catalog.repo.ts';
import { distanceKm } from '../stock/stock.service.ts';

/** At most this many variants reach the engine: the best matches by the shortlist's reckoning. */
export const SHORTLIST = 200;
/** A flexible budget lets the shortlist reach this far above it, for the "worth stretching for?" group. */
const STRETCH_REACH = 1.5;

export interface CandidateQuery {
  retailerId: string;
  storeId: string;
  /** Category ids to draw from (sub-categories already included); none for the whole catalog. */
  categoryIds: string[] | null;
  wishes: Wish[];
  rules: HardRule[];
  budget: Budget | null;
  quantity: number;
  /** Colour key → palette family, for near-colour clauses. */
  families: Record<string, string>;
}

const familiesOf = (colours: string[] | undefined, families: Record<string, string>) =>
  [...new Set((colours ?? []).flatMap((c) => (families[c] ? [families[c]] : [])))].sort();

interface ShortlistRow {
  variant_id: string;
  product_id: string;
  product_title: string;
  variant_title: string;
  price: number;
  product_attributes: SellingAttributes;
  variant_attributes: SellingAttributes;
  category_id: string | null;
  category_path: string | null;
  units: number;
  components: { id: string; quantity: number }[] | null;
}

/** Attributes whose values split a catalog finely come first when wishes weigh the same. */
const FINE_FIRST: MatchAttribute[] = [
  'colours',
  'occasions',
  'styles',
  'materials',
  'rooms',
  'sizes',
  'colourFamilies',
  'lifespan',
  'scent',
  'care',
];

/**
 * What the customer wants, by attribute, heaviest first: each wanted value a containment test
 * (`exact`), and for colours each value's palette family (`near`, half the weight).
 */
function topics(q: CandidateQuery) {
  // As in the engine, today's answer about an attribute sets aside what is stored about it. What the
  // item is to go with (the furniture) is met by most of a catalog, so it does not narrow the shortlist.
  const wants = q.wishes.filter((w) => (w.polarity ?? 'want') === 'want');
  const answered = new Set(wants.filter((w) => w.source === 'answer').map((w) => w.attribute));
  const by = new Map<MatchAttribute, { weight: number; exact: Set<string>; near: Set<string> }>();
  for (const w of wants) {
    if (w.source !== 'answer' && answered.has(w.attribute)) continue;
    const t = by.get(w.attribute) ?? { weight: 0, exact: new Set<string>(), near: new Set<string>() };
    t.weight = Math.max(t.weight, w.weight);
    for (const v of w.values) {
      t.exact.add(JSON.stringify({ [w.attribute]: [v] }));
      const family = w.attribute === 'colours' ? q.families[v] : undefined;
      if (family) t.near.add(JSON.stringify({ colourFamilies: [family] }));
    }
    by.set(w.attribute, t);
  }
  return [...by.entries()]
    .map(([attribute, t]) => ({ attribute, weight: t.weight, exact: [...t.exact], near: [...t.near] }))
    .sort((a, b) => b.weight - a.weight || FINE_FIRST.indexOf(a.attribute) - FINE_FIRST.indexOf(b.attribute));
}

/** Products the best-seller walk reads at most, in order of units sold. */
const WALK = 300;

/**
 * The shortlist, read through indexes so its cost does not grow with the catalog: products on sale
 * (not retired) in the set's categories, from two tiers — those matching both of the two heaviest
 * things asked exactly (each any of its values; the products' GIN index intersects the two), and, to fill
 * up, the best-selling products that match anything asked, from the units-sold index — ranked by
 * how much of what was asked they match (by weight), then stock here, then units sold. A firm
 * budget is applied here, so nothing that could never be shown is read; hard rules are left to the
 * engine, which says what it left out and why. Without any wish the shortlist is the best-sellers.
 * The engine then scores each variant exactly.
 */
async function shortlist(db: Kysely<DB>, q: CandidateQuery): Promise<ShortlistRow[]> {
  const asked = topics(q);
  const contains = (json: string) => sql`p.filter_attributes @> ${json}::jsonb`;
  const anyOf = (clauses: string[]) => sql`(${sql.join(clauses.map(contains), sql` or `)})`;
  const all = asked.flatMap((t) => [...t.exact, ...t.near]);
  const relevance = asked.length
    ? sql.join(
        asked.map(
          (t) =>
            sql`(case when ${anyOf(t.exact)} then ${t.weight}::float8 ${t.near.length ? sql`when ${anyOf(t.near)} then ${t.weight / 2}::float8` : sql``} else 0 end)`,
        ),
        sql` + `,
      )
    : sql`0::float8`;
  const cap = q.budget ? (q.budget.firm ? q.budget.max : q.budget.max * STRETCH_REACH) / q.quantity : null;
  const scope = sql`p.retailer_id = ${q.retailerId} and p.status <> 'retired'
    ${q.categoryIds ? sql`and p.category_id = any(${q.categoryIds}::text[])` : sql``}
    ${cap === null ? sql`` : sql`and p.price_from <= ${cap}`}`;
  // What the variants' rows need from the product travels with it, so it is not read twice.
  const ranked = sql`p.id, p.title, p.attributes, p.category_id, ${relevance} as relevance,
    p.in_stock_store_ids @> array[${q.storeId}]::text[] as here, p.units_sold`;
  const [first, second] = asked;
  const precise =
    first && second
      ? sql`(select ${ranked} from products p
             where ${scope} and ${anyOf(first.exact)} and ${anyOf(second.exact)}
             order by relevance desc, here desc, p.units_sold desc limit ${SHORTLIST})
            union all `
      : sql``;
  const { rows } = await sql<ShortlistRow>`
    with picked as (
      select * from (
        -- A product both tiers found is the same row twice, with the same relevance.
        select distinct on (x.id) x.* from (
          ${precise}
          (select ${ranked}
           from (select * from products p
                 where p.retailer_id = ${q.retailerId} and p.status <> 'retired'
                 order by p.units_sold desc, p.id
                 limit ${WALK}) p
           where ${scope} ${all.length ? sql`and ${anyOf(all)}` : sql``}
           order by relevance desc, here desc, p.units_sold desc limit ${SHORTLIST})
        ) x
        order by x.id
      ) d
      order by relevance desc, here desc, units_sold desc, id
      limit ${SHORTLIST}
    )
    select ${VARIANT_COLUMNS(q.retailerId)}
    from picked p
    cross join lateral (
      select v.* from variants v
      where v.retailer_id = ${q.retailerId} and v.product_id = p.id and not v.retired
        ${cap === null ? sql`` : sql`and v.price <= ${cap}`}
      offset 0
    ) v
    left join variant_sales_totals t on t.retailer_id = v.retailer_id and t.variant_id = v.id
    order by p.relevance desc, p.here desc, coalesce(t.units, 0) desc, v.id
    limit ${SHORTLIST}`.execute(db);
  return rows;
}

/** A candidate with the kind of thing it is: its category and the category's name ("Stems"). */
export type StockedCandidate = Candidate & { kind: string | null; categoryId: string | null };

/** The columns a candidate is built from, for variants `v` of products `p`. */
const VARIANT_COLUMNS = (retailerId: string) => sql`v.id as variant_id, p.id as product_id, p.title as product_title,
  v.title as variant_title, v.price, p.attributes as product_attributes, v.attributes as variant_attributes,
  p.category_id, (select c.name from categories c where c.retailer_id = ${retailerId} and c.id = p.category_id) as category_path,
  coalesce(t.units, 0) as units,
  (select json_agg(json_build_object('id', b.component_id, 'quantity', b.quantity))
   from bundle_components b where b.retailer_id = v.retailer_id and b.bundle_id = v.id) as components`;

/**
 * Candidates for the engine: the shortlist with each variant's own attributes (colour families
 * added), its words for avoid rules, and its stock.
 */
export async function fetchCandidates(db: Kysely<DB>, q: CandidateQuery): Promise<Candidate[]> {
  return withStock(db, q, await shortlist(db, q));
}

/** Chosen variants on sale (not retired), as candidates in the order asked; unknown or retired ones are left out. */
export async function candidatesByIds(
  db: Kysely<DB>,
  q: Pick<CandidateQuery, 'retailerId' | 'storeId' | 'families'>,
  variantIds: string[],
): Promise<StockedCandidate[]> {
  if (variantIds.length === 0) return [];
  const { rows } = await sql<ShortlistRow>`
    select ${VARIANT_COLUMNS(q.retailerId)}
    from variants v
    join products p on p.retailer_id = v.retailer_id and p.id = v.product_id
    left join variant_sales_totals t on t.retailer_id = v.retailer_id and t.variant_id = v.id
    where v.retailer_id = ${q.retailerId} and v.id = any(${variantIds}::text[]) and not v.retired and p.status <> 'retired'`.execute(db);
  const order = new Map(variantIds.map((id, i) => [id, i]));
  rows.sort((a, b) => (order.get(a.variant_id) ?? 0) - (order.get(b.variant_id) ?? 0));
  return withStock(db, q, rows);
}

/** Products a substitute shortlist reads at most from each tier. */
const SUBSTITUTE_TIER = 40;

/**
 * Items that could stand in for a wanted one, best-sellers first in each group: those of the same
 * kind in stock here sharing one of its colours, then of its palette families; ten in stock here of
 * its colours but another lifespan, whatever their kind (a silk alternative for fresh flowers); and
 * the kind's fifteen best-sellers — at most 85 products, so the cost does not grow with the catalog. The
 * pure `substitutes` function then measures how alike each is.
 */
export async function substituteCandidates(
  db: Kysely<DB>,
  q: Pick<CandidateQuery, 'retailerId' | 'storeId' | 'families'>,
  wanted: { productId: string; categoryId: string | null; colours: string[]; lifespan?: string | null | undefined },
): Promise<StockedCandidate[]> {
  const contains = (json: string) => sql`p.filter_attributes @> ${json}::jsonb`;
  const anyOf = (clauses: string[]) => sql`(${sql.join(clauses.map(contains), sql` or `)})`;
  const exact = wanted.colours.map((c) => JSON.stringify({ colours: [c] }));
  const near = familiesOf(wanted.colours, q.families).map((f) => JSON.stringify({ colourFamilies: [f] }));
  const scope = sql`p.retailer_id = ${q.retailerId} and p.status <> 'retired'`;
  const here = sql`p.in_stock_store_ids @> array[${q.storeId}]::text[]`;
  const sameKind = wanted.categoryId ? sql`p.category_id = ${wanted.categoryId}` : null;
  const sameLifespan = wanted.lifespan ? JSON.stringify({ lifespan: [wanted.lifespan] }) : null;
  const tier = (where: ReturnType<typeof sql>, limit = SUBSTITUTE_TIER) =>
    sql`(select p.id from products p where ${scope} and ${where} order by p.units_sold desc, p.id limit ${limit})`;
  // Each tier is read through indexes and stays small however large the catalog: a colour or a
  // palette family within the kind (the stock-here GIN and category indexes together), the kind in
  // best-selling order from its own index.
  // A few of the wanted colours of another lifespan (silk for fresh), so a lasting alternative is
  // always weighed, whatever its kind.
  const tiers = [
    ...(exact.length && sameKind ? [tier(sql`${here} and ${anyOf(exact)} and ${sameKind}`)] : []),
    ...(exact.length && sameLifespan ? [tier(sql`${here} and ${anyOf(exact)} and not ${contains(sameLifespan)}`, 10)] : []),
    ...(exact.length && !sameKind ? [tier(sql`${here} and ${anyOf(exact)}`)] : []),
    ...(near.length && sameKind ? [tier(sql`${here} and ${anyOf(near)} and ${sameKind}`, 20)] : []),
    ...(sameKind ? [tier(sameKind, 15)] : []),
  ];
  if (tiers.length === 0) return [];
  const { rows } = await sql<ShortlistRow>`
    with picked as (${sql.join(tiers, sql` union `)})
    select ${VARIANT_COLUMNS(q.retailerId)}
    from picked x
    join products p on p.retailer_id = ${q.retailerId} and p.id = x.id
    cross join lateral (
      select v.* from variants v where v.retailer_id = ${q.retailerId} and v.product_id = p.id and not v.retired offset 0
    ) v
    left join variant_sales_totals t on t.retailer_id = v.retailer_id and t.variant_id = v.id
    order by v.id`.execute(db);
  return withStock(db, q, rows);
}

/**
 * Each row's stock — here, in the other stores nearest first, and the next delivery here; a
 * bundle's stock is what its components make — with its attributes and words.
 */
async function withStock(
  db: Kysely<DB>,
  q: Pick<CandidateQuery, 'retailerId' | 'storeId' | 'families'>,
  rows: ShortlistRow[],
): Promise<StockedCandidate[]> {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.flatMap((r) => (r.components?.length ? r.components.map((c) => c.id) : [r.variant_id])))];
  const { rows: read } = await sql<{
    stores: [id: string, name: string, latitude: number | null, longitude: number | null][] | null;
    levels: [storeId: string, variantId: string, onHand: number][] | null;
    holds: [storeId: string, variantId: string, held: number][] | null;
    deliveries: [variantId: string, quantity: number, expectedAt: string][] | null;
  }>`
    select
      (select json_agg(json_build_array(st.id, st.name, st.latitude, st.longitude))
       from stores st where st.retailer_id = ${q.retailerId}) as stores,
      (select json_agg(json_build_array(s.store_id, s.variant_id, s.on_hand))
       from stock_levels s where s.retailer_id = ${q.retailerId} and s.variant_id = any(${ids}::text[]) and s.on_hand > 0) as levels,
      (select json_agg(json_build_array(h.store_id, h.variant_id, h.quantity))
       from stock_holds h
       where h.retailer_id = ${q.retailerId} and h.variant_id = any(${ids}::text[]) and h.status = 'active' and h.expires_at > now()) as holds,
      (select json_agg(json_build_array(d.variant_id, d.quantity, d.expected_at) order by d.expected_at)
       from stock_deliveries d
       where d.retailer_id = ${q.retailerId} and d.store_id = ${q.storeId} and d.variant_id = any(${ids}::text[]) and d.status = 'expected') as deliveries`.execute(
    db,
  );
  const got = read[0];
  const available = new Map<string, number>();
  const key = (storeId: string, id: string) => `${storeId} ${id}`;
  for (const [storeId, id, onHand] of got?.levels ?? []) available.set(key(storeId, id), onHand);
  for (const [storeId, id, held] of got?.holds ?? []) available.set(key(storeId, id), (available.get(key(storeId, id)) ?? 0) - held);
  const incoming = new Map<string, { quantity: number; expectedAt: string }>();
  for (const [id, quantity, expectedAt] of got?.deliveries ?? [])
    if (!incoming.has(id)) incoming.set(id, { quantity, expectedAt: new Date(expectedAt).toISOString() });
  const stores = (got?.stores ?? []).map(([id, name, lat, lng]) => ({
    id,
    name,
    lat: lat === null ? null : Number(lat),
    lng: lng === null ? null : Number(lng),
  }));
  const here = stores.find((s) => s.id === q.storeId);
  const distance = (s: (typeof stores)[number]) =>
    here?.lat != null && here.lng != null && s.lat !== null && s.lng !== null
      ? distanceKm({ lat: here.lat, lng: here.lng }, { lat: s.lat, lng: s.lng })
      : Infinity;
  const others = stores.filter((s) => s.id !== q.storeId).sort((a, b) => distance(a) - distance(b) || a.name.localeCompare(b.name));
  const unitsAt = (r: ShortlistRow, storeId: string) =>
    r.components?.length
      ? Math.max(0, Math.min(...r.components.map((c) => Math.floor(Math.max(0, available.get(key(storeId, c.id)) ?? 0) / c.quantity))))
      : Math.max(0, available.get(key(storeId, r.variant_id)) ?? 0);
  return rows.map((r) => {
    const attributes = effectiveAttributes(r.product_attributes, r.variant_attributes);
    const colourFamilies = familiesOf(attributes.colours, q.families);
    return {
      productId: r.product_id,
      variantId: r.variant_id,
      title: variantLabel(r.product_title, r.variant_title),
      unitPrice: Number(r.price),
      attributes: { ...attributes, colourFamilies },
      terms: productTerms(r.product_title, r.variant_title, r.category_path),
      kind: r.category_path,
      categoryId: r.category_id,
      stock: {
        here: unitsAt(r, q.storeId),
        elsewhere: others.map((s) => ({ storeName: s.name, storeId: s.id, available: unitsAt(r, s.id) })).filter((s) => s.available > 0),
        incoming: r.components?.length ? null : (incoming.get(r.variant_id) ?? null),
      },
      popularity: r.units,
    };
  });
}

/** What the customer bought before, by attributes: the items of their latest 200 sales, less returns. */
export async function purchaseHistory(
  db: Kysely<DB>,
  retailerId: string,
  customerId: string,
  families: Record<string, string>,
): Promise<PastPurchase[]> {
  // Each sale's lines by their primary key (the lateral join keeps the planner from reading them all).
  const { rows } = await sql<{ product_attributes: SellingAttributes; variant_attributes: SellingAttributes; quantity: number }>`
    select p.attributes as product_attributes, v.attributes as variant_attributes, sum(l.quantity)::int as quantity
    from (select s.id, s.sold_at from sales s
          where s.retailer_id = ${retailerId} and s.customer_id = ${customerId}
          order by s.sold_at desc limit 200) s
    cross join lateral (
      select l.variant_id, l.quantity from sale_lines l
      where l.retailer_id = ${retailerId} and l.sale_id = s.id and l.variant_id is not null
      offset 0
    ) l
    join variants v on v.retailer_id = ${retailerId} and v.id = l.variant_id
    join products p on p.retailer_id = v.retailer_id and p.id = v.product_id
    group by v.retailer_id, v.id, p.retailer_id, p.id
    having sum(l.quantity) > 0
    order by max(s.sold_at) desc`.execute(db);
  return rows.map((r) => {
    const attributes = effectiveAttributes(r.product_attributes, r.variant_attributes);
    return { attributes: { ...attributes, colourFamilies: familiesOf(attributes.colours, families) }, quantity: r.quantity };
  });
}
