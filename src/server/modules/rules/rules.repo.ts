import { type Kysely, sql } from 'kysely';
import type { AssociationRule } from '../../../shared/domain/association-rules.ts';
import { copyRows, textArray } from '../../db/copy.ts';
import type { DB } from '../../db/types.ts';

/** The sales rules are learned from: a country, a store, both, or the whole retailer. */
export interface Selection {
  country: string | null;
  storeId: string | null;
}

/** The key a selection's current run is kept under: 'all', 'country:FR', 'store:sto_…', or both. */
export function selectionKey(s: Selection): string {
  const parts = [s.country ? `country:${s.country}` : '', s.storeId ? `store:${s.storeId}` : ''].filter(Boolean);
  return parts.join(' ') || 'all';
}

/** Sales of a selection that are baskets: sales, not returns (a cancelled invoice is a return). */
function basketSales(db: Kysely<DB>, retailerId: string, s: Selection) {
  let q = db.selectFrom('sales').where('retailer_id', '=', retailerId).where('kind', '=', 'sale');
  if (s.country) q = q.where('country', '=', s.country);
  if (s.storeId) q = q.where('store_id', '=', s.storeId);
  return q;
}

export async function countBaskets(db: Kysely<DB>, retailerId: string, s: Selection): Promise<number> {
  const row = await basketSales(db, retailerId, s)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The next `limit` baskets of a selection after `after` (sale id order), each with the products in
 * it: a product is in a basket when its units there, summed over its lines, come to at least one;
 * lines of the excluded codes do not count. A basket with no products is still a basket. Lines are
 * read by the sales' key and their variants by theirs (`products` caches variant → product and SKU
 * across batches), so each statement touches only the batch, whatever the planner's statistics.
 */
export async function basketBatch(
  db: Kysely<DB>,
  retailerId: string,
  s: Selection,
  excluded: ReadonlySet<string>,
  after: string | null,
  limit: number,
  products: Map<string, { productId: string; sku: string | null }>,
): Promise<{ last: string | null; baskets: Map<string, string[]> }> {
  let q = basketSales(db, retailerId, s).select('id').orderBy('id').limit(limit);
  if (after) q = q.where('id', '>', after);
  const ids = (await q.execute()).map((r) => r.id);
  const baskets = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (!ids.length) return { last: null, baskets };
  const lines = await db
    .selectFrom('sale_lines')
    .select(['sale_id', 'variant_id', 'sku', 'quantity'])
    .where('retailer_id', '=', retailerId)
    .where('sale_id', 'in', ids)
    .where('variant_id', 'is not', null)
    .execute();
  const unknown = [...new Set(lines.map((l) => l.variant_id as string))].filter((v) => !products.has(v));
  if (unknown.length) {
    const variants = await db
      .selectFrom('variants')
      .select(['id', 'product_id', 'sku'])
      .where('retailer_id', '=', retailerId)
      .where('id', 'in', unknown)
      .execute();
    for (const v of variants) products.set(v.id, { productId: v.product_id, sku: v.sku });
  }
  const units = new Map<string, Map<string, number>>();
  for (const l of lines) {
    const variant = products.get(l.variant_id as string);
    if (!variant || excluded.has((l.sku ?? variant.sku ?? '').toUpperCase())) continue;
    const inSale = units.get(l.sale_id) ?? new Map<string, number>();
    units.set(l.sale_id, inSale);
    inSale.set(variant.productId, (inSale.get(variant.productId) ?? 0) + l.quantity);
  }
  for (const [saleId, byProduct] of units) for (const [productId, n] of byProduct) if (n >= 1) baskets.get(saleId)?.push(productId);
  return { last: ids[ids.length - 1] as string, baskets };
}

/** Writes a run's rules in their order, in chunks (COPY). */
export async function insertRules(db: Kysely<DB>, retailerId: string, runId: string, rules: readonly AssociationRule[], from: number) {
  await copyRows(
    db,
    'association_rules',
    rules.map((r, i) => ({
      retailer_id: retailerId,
      run_id: runId,
      position: from + i + 1,
      antecedent: textArray(r.antecedent),
      consequent: textArray(r.consequent),
      support: r.support,
      confidence: r.confidence,
      lift: r.lift,
      basket_count: r.count,
      antecedent_count: r.antecedentCount,
      consequent_count: r.consequentCount,
    })),
  );
}

/** The current runs of the given selections (by key). */
export async function currentRuns(db: Kysely<DB>, retailerId: string, keys: string[]) {
  return db
    .selectFrom('rule_runs')
    .selectAll()
    .where('retailer_id', '=', retailerId)
    .where('is_current', '=', true)
    .where('selection', 'in', keys.length ? keys : [''])
    .execute();
}

/** A run's rules whose antecedent is one product alone, best first. */
export async function rulesFrom(db: Kysely<DB>, retailerId: string, runId: string, productId: string, limit: number) {
  return (
    db
      .selectFrom('association_rules')
      .select(['consequent', 'support', 'confidence', 'lift', 'basket_count', 'antecedent_count'])
      .where('retailer_id', '=', retailerId)
      .where('run_id', '=', runId)
      // The same expressions as the partial index that answers this.
      .where(sql<boolean>`cardinality(antecedent) = 1 and antecedent[1] = ${productId}`)
      .orderBy('position')
      .limit(limit)
      .execute()
  );
}

/** A run's best rules with each product's stock code and title, for reports. */
export async function topRules(db: Kysely<DB>, retailerId: string, runId: string, limit: number) {
  const rules = await db
    .selectFrom('association_rules')
    .select(['antecedent', 'consequent', 'support', 'confidence', 'lift', 'basket_count'])
    .where('retailer_id', '=', retailerId)
    .where('run_id', '=', runId)
    .orderBy('position')
    .limit(limit)
    .execute();
  const ids = [...new Set(rules.flatMap((r) => [...r.antecedent, ...r.consequent]))];
  const products = ids.length
    ? (
        await sql<{ id: string; title: string; sku: string | null }>`
          select p.id, p.title, (select min(v.sku) from variants v where v.retailer_id = p.retailer_id and v.product_id = p.id) as sku
          from products p where p.retailer_id = ${retailerId} and p.id = any(${ids}::text[])`.execute(db)
      ).rows
    : [];
  const byId = new Map(products.map((p) => [p.id, p]));
  const item = (id: string) => byId.get(id) ?? { id, title: '(removed)', sku: null };
  return rules.map((r) => ({ ...r, antecedent: r.antecedent.map(item), consequent: r.consequent.map(item) }));
}
