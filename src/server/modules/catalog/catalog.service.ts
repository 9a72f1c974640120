import { type Kysely, sql } from 'kysely';
import type { Static } from 'typebox';
import { ATTRIBUTE_VOCABULARY, type SellingAttributes } from '../../../shared/catalog.ts';
import { foldText } from '../../../shared/domain/search-terms.ts';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { AppError, type FieldError, invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';
import {
  colourFamilies,
  componentsOf,
  findVariant,
  insertProduct,
  type ProductValues,
  refreshProductIndex,
  type VariantValues,
  variantColumns,
} from './catalog.repo.ts';
import {
  type CategoryInput,
  type ComponentsBody,
  type CreateProductBody,
  MAX_VARIANTS,
  type ProductQuery,
  type UpdateProductBody,
  type UpdateVariantBody,
  type VariantInput,
} from './catalog.schemas.ts';

const VALUE_WORDS = { text: 'words', number: 'a number', boolean: 'yes or no' } as const;
const JS_TYPE = { text: 'string', number: 'number', boolean: 'boolean' } as const;

/**
 * Why attributes are refused: a vocabulary key the retailer does not have, or a custom attribute
 * that is not declared or has the wrong kind of value. Every problem is named by its field.
 */
export async function attributeErrors(db: Kysely<DB>, retailerId: string, attrs: SellingAttributes, field: string): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  // Vocabulary keys to look up, each with the field that names it.
  const wanted = Object.entries(ATTRIBUTE_VOCABULARY).flatMap(([list, kind]) =>
    (attrs[list as keyof typeof ATTRIBUTE_VOCABULARY] ?? []).map((key, i) => ({
      field: `${field}.${list}[${i}]`,
      kind: kind as string,
      key,
    })),
  );
  const custom = Object.entries(attrs.custom ?? {});
  if (custom.length) {
    const keys = await db
      .selectFrom('product_attribute_keys')
      .select(['key', 'label', 'value_type', 'vocabulary_kind'])
      .where('retailer_id', '=', retailerId)
      .where(
        'key',
        'in',
        custom.map(([k]) => k),
      )
      .execute();
    const declared = new Map(keys.map((k) => [k.key, k]));
    for (const [k, v] of custom) {
      const at = `${field}.custom.${k}`;
      const d = declared.get(k);
      if (!d) errors.push({ field: at, message: `"${k}" is not one of your product attributes; declare it first.` });
      else if (d.value_type === 'vocabulary') {
        if (Array.isArray(v)) wanted.push(...v.map((key, i) => ({ field: `${at}[${i}]`, kind: d.vocabulary_kind as string, key })));
        else errors.push({ field: at, message: `${d.label} takes a list of ${d.vocabulary_kind} keys.` });
      } else if (typeof v !== JS_TYPE[d.value_type]) errors.push({ field: at, message: `${d.label} takes ${VALUE_WORDS[d.value_type]}.` });
    }
  }
  if (wanted.length) {
    const known = await db
      .selectFrom('vocabulary_terms')
      .select(['kind', 'key'])
      .where('retailer_id', '=', retailerId)
      .where('key', 'in', [...new Set(wanted.map((w) => w.key))])
      .where('archived', '=', false)
      .execute();
    const have = new Set(known.map((k) => `${k.kind}:${k.key}`));
    for (const w of wanted)
      if (!have.has(`${w.kind}:${w.key}`)) errors.push({ field: w.field, message: `"${w.key}" is not a ${w.kind} in your vocabulary.` });
  }
  if (attrs.season && attrs.season.from === attrs.season.to)
    errors.push({ field: `${field}.season`, message: 'A season needs a start and an end that differ.' });
  return errors;
}

const refuse = (errors: FieldError[]) => {
  if (errors.length)
    throw new AppError('validation_failed', errors.length === 1 ? (errors[0] as FieldError).message : 'Some fields are not valid.', {
      fields: errors,
    });
};

const handleOf = (title: string) =>
  foldText(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 90) || 'product';

async function checkCategory(db: Kysely<DB>, retailerId: string, id: string | null | undefined) {
  if (!id) return;
  const found = await db
    .selectFrom('categories')
    .select('id')
    .where('retailer_id', '=', retailerId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!found) throw invalidField('categoryId', 'There is no such category.');
}

async function checkPairings(db: Kysely<DB>, retailerId: string, ids: string[] | undefined, self: string | null) {
  if (!ids?.length) return [];
  if (self && ids.includes(self)) throw invalidField('pairsWith', 'A product does not pair with itself.');
  const found = await db.selectFrom('products').select('id').where('retailer_id', '=', retailerId).where('id', 'in', ids).execute();
  if (found.length !== ids.length) throw invalidField('pairsWith', 'Some of those products do not exist.');
  return ids;
}

async function variantErrors(db: Kysely<DB>, retailerId: string, variants: Static<typeof VariantInput>[], field: string) {
  const errors: FieldError[] = [];
  const skus = new Map<string, number>();
  for (const [i, v] of variants.entries()) {
    if (v.attributes) errors.push(...(await attributeErrors(db, retailerId, v.attributes, `${field}[${i}].attributes`)));
    if (v.unitCost != null && v.unitCost > v.price * 100)
      errors.push({ field: `${field}[${i}].unitCost`, message: 'The cost is far above the price.' });
    if (v.sku) {
      if (skus.has(v.sku)) errors.push({ field: `${field}[${i}].sku`, message: `SKU ${v.sku} is used twice.` });
      skus.set(v.sku, i);
    }
  }
  if (skus.size) {
    const taken = await db
      .selectFrom('variants')
      .select('sku')
      .where('retailer_id', '=', retailerId)
      .where('sku', 'in', [...skus.keys()])
      .execute();
    for (const t of taken)
      errors.push({ field: `${field}[${skus.get(t.sku as string)}].sku`, message: `SKU ${t.sku} belongs to another product.` });
  }
  return errors;
}

const toVariantValues = (v: Static<typeof VariantInput>): VariantValues => ({
  title: v.title.trim(),
  options: v.options,
  sku: v.sku?.trim() || null,
  barcode: v.barcode ?? null,
  price: v.price,
  unitCost: v.unitCost ?? null,
  attributes: v.attributes,
  retired: v.retired,
});

export async function createProduct(deps: Deps, actor: Principal, audit: AuditContext, input: Static<typeof CreateProductBody>) {
  const retailerId = actor.retailerId;
  refuse([
    ...(input.attributes ? await attributeErrors(deps.db, retailerId, input.attributes, 'attributes') : []),
    ...(await variantErrors(deps.db, retailerId, input.variants, 'variants')),
  ]);
  await checkCategory(deps.db, retailerId, input.categoryId);
  const pairs = await checkPairings(deps.db, retailerId, input.pairsWith, null);
  const product: ProductValues = {
    handle: input.handle ?? `${handleOf(input.title)}-${newId('product').slice(-6)}`,
    title: input.title.trim(),
    description: input.description,
    categoryId: input.categoryId,
    status: input.status,
    attributes: input.attributes,
    images: input.images,
    lowStockThreshold: input.lowStockThreshold,
  };
  const families = await colourFamilies(deps.db, retailerId);
  const id = await deps.db.transaction().execute(async (trx) => {
    const created = await insertProduct(trx, retailerId, product, input.variants.map(toVariantValues), families);
    await writePairings(trx, retailerId, created.id, pairs);
    await recordAudit(trx, audit, {
      action: 'product.created',
      subjectType: 'product',
      subjectId: created.id,
      details: { title: product.title },
    });
    return created.id;
  });
  return getProduct(deps, actor, id);
}

async function writePairings(db: Kysely<DB>, retailerId: string, productId: string, ids: string[]) {
  await db.deleteFrom('product_pairings').where('retailer_id', '=', retailerId).where('product_id', '=', productId).execute();
  if (ids.length)
    await db
      .insertInto('product_pairings')
      .values(ids.map((paired_id) => ({ retailer_id: retailerId, product_id: productId, paired_id })))
      .execute();
}

export async function updateProduct(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  id: string,
  version: number,
  input: Static<typeof UpdateProductBody>,
) {
  const retailerId = actor.retailerId;
  const current = await deps.db
    .selectFrom('products')
    .selectAll()
    .where('retailer_id', '=', retailerId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) throw notFound('Product');
  if (input.attributes) refuse(await attributeErrors(deps.db, retailerId, input.attributes, 'attributes'));
  await checkCategory(deps.db, retailerId, input.categoryId);
  const pairs = input.pairsWith ? await checkPairings(deps.db, retailerId, input.pairsWith, id) : null;
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('products')
      .set({
        ...(input.handle !== undefined ? { handle: input.handle } : {}),
        ...(input.title !== undefined ? { title: input.title.trim() } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.categoryId !== undefined ? { category_id: input.categoryId } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.attributes !== undefined ? { attributes: JSON.stringify(input.attributes) } : {}),
        ...(input.images !== undefined ? { images: JSON.stringify(input.images) } : {}),
        ...(input.lowStockThreshold !== undefined ? { low_stock_threshold: input.lowStockThreshold } : {}),
        version: sql`version + 1`,
        updated_at: deps.now(),
      })
      .where('retailer_id', '=', retailerId)
      .where('id', '=', id)
      .where('version', '=', version)
      .returning('id')
      .executeTakeFirst();
    if (!updated)
      throw new AppError('stale_version', 'Someone else changed this product since you opened it. Reload to see their changes.', {
        details: { currentVersion: current.version },
      });
    if (pairs) await writePairings(trx, retailerId, id, pairs);
    await refreshProductIndex(trx, retailerId, id);
    await recordAudit(trx, audit, {
      action: 'product.updated',
      subjectType: 'product',
      subjectId: id,
      details: { fields: Object.keys(input) },
    });
  });
  return getProduct(deps, actor, id);
}

export async function addVariant(deps: Deps, actor: Principal, audit: AuditContext, productId: string, input: Static<typeof VariantInput>) {
  const retailerId = actor.retailerId;
  const count = await deps.db
    .selectFrom('variants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('retailer_id', '=', retailerId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  const exists = await deps.db
    .selectFrom('products')
    .select('id')
    .where('retailer_id', '=', retailerId)
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!exists) throw notFound('Product');
  if ((count?.n ?? 0) >= MAX_VARIANTS)
    throw new AppError('validation_failed', `A product has at most ${MAX_VARIANTS} variants; make another product for the rest.`, {
      fields: [{ field: 'variants', message: `at most ${MAX_VARIANTS}` }],
    });
  refuse(await variantErrors(deps.db, retailerId, [input], 'variant'));
  const id = newId('variant');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('variants')
      .values({ ...variantColumns(toVariantValues(input)), retailer_id: retailerId, id, product_id: productId, position: count?.n ?? 0 })
      .execute();
    await refreshProductIndex(trx, retailerId, productId);
    await recordAudit(trx, audit, { action: 'variant.created', subjectType: 'product', subjectId: productId, details: { variantId: id } });
  });
  return getProduct(deps, actor, productId);
}

export async function updateVariant(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  id: string,
  input: Static<typeof UpdateVariantBody>,
) {
  const retailerId = actor.retailerId;
  const current = await findVariant(deps.db, retailerId, id);
  if (!current) throw notFound('Variant');
  const errors = input.attributes ? await attributeErrors(deps.db, retailerId, input.attributes, 'attributes') : [];
  if (input.sku && input.sku !== current.sku) {
    const taken = await deps.db
      .selectFrom('variants')
      .select('id')
      .where('retailer_id', '=', retailerId)
      .where('sku', '=', input.sku)
      .executeTakeFirst();
    if (taken) errors.push({ field: 'sku', message: `SKU ${input.sku} belongs to another variant.` });
  }
  refuse(errors);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('variants')
      .set({
        ...(input.title !== undefined ? { title: input.title.trim() } : {}),
        ...(input.options !== undefined ? { options: JSON.stringify(input.options) } : {}),
        ...(input.sku !== undefined ? { sku: input.sku?.trim() || null } : {}),
        ...(input.barcode !== undefined ? { barcode: input.barcode } : {}),
        ...(input.price !== undefined ? { price: input.price } : {}),
        ...(input.unitCost !== undefined ? { unit_cost: input.unitCost } : {}),
        ...(input.attributes !== undefined ? { attributes: JSON.stringify(input.attributes) } : {}),
        ...(input.retired !== undefined ? { retired: input.retired } : {}),
        updated_at: deps.now(),
      })
      .where('retailer_id', '=', retailerId)
      .where('id', '=', id)
      .execute();
    await refreshProductIndex(trx, retailerId, current.product_id);
    await recordAudit(trx, audit, {
      action: 'variant.updated',
      subjectType: 'product',
      subjectId: current.product_id,
      details: { variantId: id, fields: Object.keys(input) },
    });
  });
  return getProduct(deps, actor, current.product_id);
}

/**
 * Makes a variant a bundle (an arrangement, a set) of other variants, or a plain item again with
 * no components. A bundle may not contain itself, however deep.
 */
export async function setComponents(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  bundleId: string,
  input: Static<typeof ComponentsBody>,
) {
  const retailerId = actor.retailerId;
  const bundle = await findVariant(deps.db, retailerId, bundleId);
  if (!bundle) throw notFound('Variant');
  const ids = input.components.map((c) => c.variantId);
  if (new Set(ids).size !== ids.length) throw invalidField('components', 'Each component once, with its quantity.');
  if (ids.length) {
    const found = await deps.db.selectFrom('variants').select('id').where('retailer_id', '=', retailerId).where('id', 'in', ids).execute();
    if (found.length !== ids.length) throw invalidField('components', 'Some of those variants do not exist.');
    // Everything the components are made of, however deep: the bundle must not be among them.
    const { rows } = await sql<{ id: string }>`
      with recursive parts(id) as (
        select unnest(${ids}::text[])
        union
        select b.component_id from bundle_components b join parts p on b.bundle_id = p.id where b.retailer_id = ${retailerId}
      )
      select id from parts where id = ${bundleId}`.execute(deps.db);
    if (rows.length) throw invalidField('components', 'A bundle cannot contain itself, directly or through another bundle.');
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('bundle_components').where('retailer_id', '=', retailerId).where('bundle_id', '=', bundleId).execute();
    if (ids.length)
      await trx
        .insertInto('bundle_components')
        .values(
          input.components.map((c) => ({ retailer_id: retailerId, bundle_id: bundleId, component_id: c.variantId, quantity: c.quantity })),
        )
        .execute();
    await recordAudit(trx, audit, {
      action: 'variant.components_set',
      subjectType: 'product',
      subjectId: bundle.product_id,
      details: { variantId: bundleId, components: input.components },
    });
  });
  return getProduct(deps, actor, bundle.product_id);
}

export interface ProductDetail {
  product: Awaited<ReturnType<typeof loadProduct>>['product'];
  variants: Awaited<ReturnType<typeof loadProduct>>['variants'];
  components: Awaited<ReturnType<typeof componentsOf>>;
  pairs: { id: string; title: string }[];
  category: { id: string; name: string; path: string[] } | null;
}

async function loadProduct(db: Kysely<DB>, retailerId: string, id: string) {
  const product = await db.selectFrom('products').selectAll().where('retailer_id', '=', retailerId).where('id', '=', id).executeTakeFirst();
  if (!product) throw notFound('Product');
  const variants = await db
    .selectFrom('variants')
    .selectAll()
    .where('retailer_id', '=', retailerId)
    .where('product_id', '=', id)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return { product, variants };
}

export async function getProduct(deps: Deps, actor: Principal, id: string): Promise<ProductDetail> {
  const { product, variants } = await loadProduct(deps.db, actor.retailerId, id);
  const components = await componentsOf(
    deps.db,
    actor.retailerId,
    variants.map((v) => v.id),
  );
  const { rows: pairs } = await sql<{ id: string; title: string }>`
    select p.id, p.title from products p
    where p.retailer_id = ${actor.retailerId} and p.id in (
      select paired_id from product_pairings where retailer_id = ${actor.retailerId} and product_id = ${id}
      union
      select product_id from product_pairings where retailer_id = ${actor.retailerId} and paired_id = ${id})
    order by p.title`.execute(deps.db);
  const category = product.category_id ? ((await categoryPaths(deps.db, actor.retailerId)).get(product.category_id) ?? null) : null;
  return { product, variants, components, pairs, category };
}

/** Every category with its path from the root ("Fresh flowers", "Stems"). */
export async function categoryPaths(db: Kysely<DB>, retailerId: string) {
  const rows = await db
    .selectFrom('categories')
    .selectAll()
    .where('retailer_id', '=', retailerId)
    .orderBy('position')
    .orderBy('name')
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, { id: string; name: string; path: string[]; parentId: string | null; lowStockThreshold: number | null }>();
  for (const r of rows) {
    const path: string[] = [];
    const seen = new Set<string>();
    for (let c: typeof r | undefined = r; c && !seen.has(c.id); c = c.parent_id ? byId.get(c.parent_id) : undefined) {
      seen.add(c.id);
      path.unshift(c.name);
    }
    out.set(r.id, { id: r.id, name: r.name, path, parentId: r.parent_id, lowStockThreshold: r.low_stock_threshold });
  }
  return out;
}

export async function createCategory(deps: Deps, actor: Principal, audit: AuditContext, input: Static<typeof CategoryInput>) {
  await checkCategory(deps.db, actor.retailerId, input.parentId);
  const id = newId('category');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('categories')
      .values({
        retailer_id: actor.retailerId,
        id,
        name: input.name.trim(),
        parent_id: input.parentId ?? null,
        low_stock_threshold: input.lowStockThreshold ?? null,
      })
      .execute();
    await recordAudit(trx, audit, { action: 'category.created', subjectType: 'category', subjectId: id, details: { name: input.name } });
  });
  return categoryOf(deps.db, actor.retailerId, id);
}

async function categoryOf(db: Kysely<DB>, retailerId: string, id: string) {
  const found = (await categoryPaths(db, retailerId)).get(id);
  if (!found) throw notFound('Category');
  return found;
}

export async function updateCategory(deps: Deps, actor: Principal, audit: AuditContext, id: string, input: Static<typeof CategoryInput>) {
  const paths = await categoryPaths(deps.db, actor.retailerId);
  if (!paths.has(id)) throw notFound('Category');
  if (input.parentId) {
    if (!paths.has(input.parentId)) throw invalidField('parentId', 'There is no such category.');
    // Walking up from the new parent must not reach this category.
    for (let c = paths.get(input.parentId); c; c = c.parentId ? paths.get(c.parentId) : undefined)
      if (c.id === id) throw invalidField('parentId', 'A category cannot sit inside itself.');
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('categories')
      .set({ name: input.name.trim(), parent_id: input.parentId ?? null, low_stock_threshold: input.lowStockThreshold ?? null })
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, audit, { action: 'category.updated', subjectType: 'category', subjectId: id, details: { name: input.name } });
  });
  return categoryOf(deps.db, actor.retailerId, id);
}

/** Products matching a search and attribute filters, by title; keyset pages. */
export async function listProducts(deps: Deps, actor: Principal, query: Static<typeof ProductQuery>) {
  const limit = query.limit ?? 30;
  const filter: Record<string, (string | boolean)[]> = {};
  const add = (key: string, value: string | boolean | undefined) => {
    if (value !== undefined) filter[key] = [value];
  };
  add('colours', query.colour);
  add('colourFamilies', query.colourFamily);
  add('styles', query.style);
  add('materials', query.material);
  add('rooms', query.room);
  add('occasions', query.occasion);
  add('sizes', query.size);
  add('lifespan', query.lifespan);
  add('petSafe', query.petSafe);
  const words = foldText(query.q ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  const after = decodeCursor(query.cursor);
  // The page's products first, in title order (one more than the page tells whether another follows);
  // their category, prices, variant count and units available are then looked up for those rows only.
  let q = deps.db
    .selectFrom('products as p')
    .select(['p.retailer_id', 'p.id', 'p.handle', 'p.title', 'p.status', 'p.images', 'p.filter_attributes', 'p.category_id'])
    .where('p.retailer_id', '=', actor.retailerId);
  if (Object.keys(filter).length) q = q.where(sql<boolean>`p.filter_attributes @> ${JSON.stringify(filter)}::jsonb`);
  if (words.length)
    q = q.where(sql<boolean>`p.search @@ to_tsquery('simple', ${words.map((w) => `${w.replace(/[^\p{L}\p{N}]/gu, '')}:*`).join(' & ')})`);
  if (query.categoryId) {
    q = q.where(
      'p.category_id',
      'in',
      sql<string>`(with recursive sub(id) as (select ${query.categoryId}::text union select k.id from categories k join sub on k.parent_id = sub.id where k.retailer_id = ${actor.retailerId}) select id from sub)`,
    );
  }
  q = query.status ? q.where('p.status', '=', query.status) : q.where('p.status', '!=', 'retired');
  // Some variant with units on hand there: a product column (kept by triggers on stock_levels) that
  // the same GIN index as the attribute filters answers, so only matching products are read.
  if (query.storeId && query.inStock) q = q.where(sql<boolean>`p.in_stock_store_ids @> array[${query.storeId}]::text[]`);
  // A row comparison, which the (retailer_id, title, id) index can start from.
  if (after) q = q.where((eb) => eb(eb.refTuple('p.title', 'p.id'), '>', eb.tuple(after.title, after.id)));
  // With words, the matches are found through the text index and then sorted (OFFSET 0 keeps the
  // planner from merging the two steps): it cannot tell how many products a prefix matches, and
  // walking the title index for a rare word or SKU would read the whole catalog.
  const matches = (words.length ? q.offset(0) : q).as('m');
  const storeId = query.storeId;
  const rows = await deps.db
    .selectFrom(
      deps.db
        .selectFrom(matches)
        .selectAll()
        .orderBy('m.title')
        .orderBy('m.id')
        .limit(limit + 1)
        .as('p'),
    )
    .leftJoin('categories as c', (j) => j.onRef('c.retailer_id', '=', 'p.retailer_id').onRef('c.id', '=', 'p.category_id'))
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('variants as v')
          .$if(storeId !== undefined, (v) =>
            v.leftJoin('stock_levels as s', (j) =>
              j
                .onRef('s.retailer_id', '=', 'v.retailer_id')
                .onRef('s.variant_id', '=', 'v.id')
                .on('s.store_id', '=', storeId as string),
            ),
          )
          .select([
            sql<number>`min(v.price)`.as('price_from'),
            sql<number>`max(v.price)`.as('price_to'),
            sql<number>`count(*)::int`.as('variant_count'),
            // Units on hand less active holds in the store, over the plain variants (none: 0).
            (storeId === undefined
              ? sql<number | null>`null::int`
              : sql<number | null>`coalesce(sum(greatest(s.on_hand - coalesce((
                  select sum(h.quantity) from stock_holds h
                  where h.retailer_id = s.retailer_id and h.variant_id = s.variant_id and h.store_id = s.store_id
                    and h.status = 'active' and h.expires_at > now()), 0), 0)), 0)::int`
            ).as('available'),
          ])
          .whereRef('v.retailer_id', '=', 'p.retailer_id')
          .whereRef('v.product_id', '=', 'p.id')
          .where('v.retired', '=', false)
          .as('v'),
      (j) => j.onTrue(),
    )
    .select([
      'p.id',
      'p.handle',
      'p.title',
      'p.status',
      'p.images',
      'p.filter_attributes',
      'c.name as category_name',
      'v.price_from',
      'v.price_to',
      'v.variant_count',
      'v.available',
    ])
    .orderBy('p.title')
    .orderBy('p.id')
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.title, last.id])).toString('base64url') : null,
  };
}

function decodeCursor(cursor: string | undefined): { title: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [title, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof title === 'string' && typeof id === 'string') return { title, id };
  } catch {
    // falls through to the error below
  }
  throw invalidField('cursor', 'is not a cursor from this list');
}
