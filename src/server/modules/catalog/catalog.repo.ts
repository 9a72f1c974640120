import { type Kysely, type Selectable, sql } from 'kysely';
import { ATTRIBUTE_VOCABULARY, type SellingAttributes, variantLabel } from '../../../shared/catalog.ts';
import { foldText } from '../../../shared/domain/search-terms.ts';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';

export type ProductRow = Selectable<DB['products']>;
export type VariantRow = Selectable<DB['variants']>;

export interface VariantValues {
  title: string;
  options?: Record<string, string> | undefined;
  sku?: string | null | undefined;
  barcode?: string | null | undefined;
  price: number;
  unitCost?: number | null | undefined;
  attributes?: SellingAttributes | undefined;
  retired?: boolean | undefined;
}

export interface ProductValues {
  handle: string;
  title: string;
  description?: string | undefined;
  categoryId?: string | null | undefined;
  status?: 'active' | 'seasonal' | 'retired' | undefined;
  attributes?: SellingAttributes | undefined;
  images?: { url: string; alt: string }[] | undefined;
  lowStockThreshold?: number | null | undefined;
  importKey?: string | null | undefined;
}

/** A variant's attributes as they apply: its own where it sets them, the product's otherwise. */
export function effectiveAttributes(product: SellingAttributes, variant: SellingAttributes): SellingAttributes {
  const out: SellingAttributes = { ...product };
  for (const [k, v] of Object.entries(variant)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  if (product.custom || variant.custom) out.custom = { ...product.custom, ...variant.custom };
  return out;
}

/**
 * What attribute filters match on: every variant's effective vocabulary keys, colour families and
 * facts folded into arrays, so `filter_attributes @> '{"colours":["sage"]}'` finds the product.
 */
export function filterAttributes(
  product: SellingAttributes,
  variants: SellingAttributes[],
  colourFamily: ReadonlyMap<string, string>,
): Record<string, (string | boolean)[]> {
  const out: Record<string, Set<string | boolean>> = {};
  const add = (key: string, value: string | boolean | null | undefined) => {
    if (value === null || value === undefined) return;
    out[key] ??= new Set();
    out[key].add(value);
  };
  for (const v of variants.length ? variants : [{}]) {
    const a = effectiveAttributes(product, v);
    for (const key of Object.keys(ATTRIBUTE_VOCABULARY) as (keyof typeof ATTRIBUTE_VOCABULARY)[]) for (const k of a[key] ?? []) add(key, k);
    for (const c of a.colours ?? []) add('colourFamilies', colourFamily.get(c));
    add('lifespan', a.lifespan);
    add('care', a.care);
    add('scent', a.scent);
    add('petSafe', a.petSafe);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
}

/** The lowest price among the variants on sale (null when none is). */
const priceFrom = (variants: { price: number | string; retired?: boolean | null | undefined }[]) => {
  const prices = variants.filter((v) => !v.retired).map((v) => Number(v.price));
  return prices.length ? Math.min(...prices) : null;
};

/** Words the catalog search finds a product by, accent- and case-folded. */
export const searchDocument = (title: string, description: string, skus: (string | null | undefined)[]) =>
  foldText([title, description, ...skus.filter(Boolean)].join(' '));

export async function colourFamilies(db: Kysely<DB>, retailerId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('vocabulary_terms')
    .select(['key', 'family'])
    .where('retailer_id', '=', retailerId)
    .where('kind', '=', 'colour')
    .execute();
  return new Map(rows.flatMap((r) => (r.family ? [[r.key, r.family] as const] : [])));
}

/** Inserts a product with its variants (ids returned in order). The caller validates first. */
export async function insertProduct(
  db: Kysely<DB>,
  retailerId: string,
  product: ProductValues,
  variants: VariantValues[],
  families: ReadonlyMap<string, string>,
): Promise<{ id: string; variantIds: string[] }> {
  const id = newId('product');
  const attributes = product.attributes ?? {};
  await db
    .insertInto('products')
    .values({
      retailer_id: retailerId,
      id,
      handle: product.handle,
      title: product.title,
      description: product.description ?? '',
      category_id: product.categoryId ?? null,
      status: product.status ?? 'active',
      attributes: JSON.stringify(attributes),
      filter_attributes: JSON.stringify(
        filterAttributes(
          attributes,
          variants.filter((v) => !v.retired).map((v) => v.attributes ?? {}),
          families,
        ),
      ),
      price_from: priceFrom(variants),
      images: JSON.stringify(product.images ?? []),
      low_stock_threshold: product.lowStockThreshold ?? null,
      search: sql<string>`to_tsvector('simple', ${searchDocument(
        product.title,
        product.description ?? '',
        variants.map((v) => v.sku),
      )})`,
      import_key: product.importKey ?? null,
    })
    .execute();
  const variantIds = variants.map(() => newId('variant'));
  if (variants.length) {
    await db
      .insertInto('variants')
      .values(
        variants.map((v, i) => ({
          ...variantColumns(v),
          retailer_id: retailerId,
          id: variantIds[i] as string,
          product_id: id,
          position: i,
        })),
      )
      .execute();
  }
  return { id, variantIds };
}

export function variantColumns(v: VariantValues) {
  return {
    title: v.title,
    options: JSON.stringify(v.options ?? {}),
    sku: v.sku ?? null,
    barcode: v.barcode ?? null,
    price: v.price,
    unit_cost: v.unitCost ?? null,
    attributes: JSON.stringify(v.attributes ?? {}),
    retired: v.retired ?? false,
  };
}

/** Recomputes a product's filter attributes and search words from its current variants. */
export async function refreshProductIndex(db: Kysely<DB>, retailerId: string, productId: string) {
  const product = await db
    .selectFrom('products')
    .select(['title', 'description', 'attributes'])
    .where('retailer_id', '=', retailerId)
    .where('id', '=', productId)
    .executeTakeFirstOrThrow();
  const variants = await db
    .selectFrom('variants')
    .select(['sku', 'attributes', 'retired', 'price'])
    .where('retailer_id', '=', retailerId)
    .where('product_id', '=', productId)
    .execute();
  const families = await colourFamilies(db, retailerId);
  await db
    .updateTable('products')
    .set({
      filter_attributes: JSON.stringify(
        filterAttributes(
          product.attributes,
          variants.filter((v) => !v.retired).map((v) => v.attributes),
          families,
        ),
      ),
      price_from: priceFrom(variants),
      search: sql<string>`to_tsvector('simple', ${searchDocument(
        product.title,
        product.description,
        variants.map((v) => v.sku),
      )})`,
    })
    .where('retailer_id', '=', retailerId)
    .where('id', '=', productId)
    .execute();
}

export async function findVariant(db: Kysely<DB>, retailerId: string, id: string) {
  return db
    .selectFrom('variants as v')
    .innerJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'v.retailer_id').onRef('p.id', '=', 'v.product_id'))
    .selectAll('v')
    .select(['p.title as product_title', 'p.status as product_status', 'p.low_stock_threshold as product_threshold', 'p.category_id'])
    .where('v.retailer_id', '=', retailerId)
    .where('v.id', '=', id)
    .executeTakeFirst();
}

/** Components of bundle variants, by bundle id. */
export async function componentsOf(db: Kysely<DB>, retailerId: string, bundleIds: string[]) {
  if (bundleIds.length === 0) return new Map<string, { component_id: string; quantity: number; title: string }[]>();
  const rows = await db
    .selectFrom('bundle_components as b')
    .innerJoin('variants as v', (j) => j.onRef('v.retailer_id', '=', 'b.retailer_id').onRef('v.id', '=', 'b.component_id'))
    .innerJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'v.retailer_id').onRef('p.id', '=', 'v.product_id'))
    .select(['b.bundle_id', 'b.component_id', 'b.quantity', 'v.title as variant_title', 'p.title as product_title'])
    .where('b.retailer_id', '=', retailerId)
    .where('b.bundle_id', 'in', bundleIds)
    .orderBy('b.component_id')
    .execute();
  const out = new Map<string, { component_id: string; quantity: number; title: string }[]>();
  for (const r of rows) {
    const list = out.get(r.bundle_id) ?? [];
    list.push({ component_id: r.component_id, quantity: r.quantity, title: variantLabel(r.product_title, r.variant_title) });
    out.set(r.bundle_id, list);
  }
  return out;
}
