import { type Kysely, sql } from 'kysely';
import { DEFAULT_LOW_STOCK, type StoreStock, stockState, variantLabel } from '../../../shared/catalog.ts';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { AppError, forbidden, invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { componentsOf, findVariant } from '../catalog/catalog.repo.ts';
import { categoryPaths } from '../catalog/catalog.service.ts';
import { wakeBackInStock } from '../encounters/follow-ups.service.ts';
import { applyMovement, incomingOf, stockOf } from './stock.repo.ts';

const canActIn = (actor: Principal, storeId: string) => actor.allStores || actor.storeIds.includes(storeId);

/** The store, when it exists and the actor works in it; otherwise a 400 naming the field, or 403. */
export async function storeIn(db: Kysely<DB>, actor: Principal, storeId: string, field = 'storeId') {
  const store = await db
    .selectFrom('stores')
    .select(['id', 'name'])
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', storeId)
    .executeTakeFirst();
  if (!store) throw invalidField(field, 'There is no such store.');
  if (!canActIn(actor, storeId)) throw forbidden('You do not work in that store.');
  return store;
}

async function variantIn(db: Kysely<DB>, retailerId: string, variantId: string) {
  const variant = await findVariant(db, retailerId, variantId);
  if (!variant) throw notFound('Variant');
  return variant;
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The low-stock threshold that applies: the product's, else its category's (or a parent's), else the default. */
function lowThreshold(paths: Awaited<ReturnType<typeof categoryPaths>>, product: number | null, categoryId: string | null) {
  if (product !== null) return product;
  for (let c = categoryId ? paths.get(categoryId) : undefined; c; c = c.parentId ? paths.get(c.parentId) : undefined)
    if (c.lowStockThreshold !== null) return c.lowStockThreshold;
  return DEFAULT_LOW_STOCK;
}

/**
 * Where a variant can be had: every store with units on hand, held and available, its stock
 * state, distance from `nearStoreId` when both have coordinates (nearest first, then the most
 * available), and expected deliveries. A bundle's figures follow from its components: as many
 * as the scarcest component makes.
 */
export async function availability(
  deps: Deps,
  actor: Principal,
  variantId: string,
  opts: { nearStoreId?: string | undefined; quantity?: number | undefined },
) {
  const db = deps.db;
  // Two round trips: the variant with its components, then stock in every store (and the category tree
  // when the product has no threshold of its own). Kept simple to plan: planning costs more than running.
  const { rows: found } = await sql<{
    id: string;
    title: string;
    product_id: string;
    product_title: string;
    low_stock_threshold: number | null;
    category_id: string | null;
    components: { id: string; quantity: number; product: string; variant: string }[] | null;
  }>`
    select v.id, v.title, v.product_id, p.title as product_title, p.low_stock_threshold, p.category_id,
      (select json_agg(json_build_object('id', b.component_id, 'quantity', b.quantity, 'product', cp.title, 'variant', cv.title)
                       order by b.component_id)
       from bundle_components b
       join variants cv on cv.retailer_id = b.retailer_id and cv.id = b.component_id
       join products cp on cp.retailer_id = cv.retailer_id and cp.id = cv.product_id
       where b.retailer_id = v.retailer_id and b.bundle_id = v.id) as components
    from variants v join products p on p.retailer_id = v.retailer_id and p.id = v.product_id
    where v.retailer_id = ${actor.retailerId} and v.id = ${variantId}`.execute(db);
  const variant = found[0];
  if (!variant) throw notFound('Variant');
  const components = variant.components ?? [];
  const ids = components.length ? components.map((c) => c.id) : [variantId];
  // One row: the stores, and the variant's stock rows, holds and deliveries (few), each read by one
  // index range and sent as JSON, instead of a row with three lookups for every store.
  const { rows: read } = await sql<{
    stores: [id: string, name: string, latitude: number | null, longitude: number | null][] | null;
    levels: [storeId: string, variantId: string, onHand: number][] | null;
    holds: [storeId: string, variantId: string, held: number][] | null;
    deliveries: [storeId: string, variantId: string, id: string, quantity: number, expectedAt: string][] | null;
  }>`
    select
      (select json_agg(json_build_array(st.id, st.name, st.latitude, st.longitude) order by st.name)
       from stores st where st.retailer_id = ${actor.retailerId}) as stores,
      (select json_agg(json_build_array(s.store_id, s.variant_id, s.on_hand))
       from stock_levels s where s.retailer_id = ${actor.retailerId} and s.variant_id = any(${ids}::text[])) as levels,
      (select json_agg(json_build_array(h.store_id, h.variant_id, h.quantity))
       from stock_holds h
       where h.retailer_id = ${actor.retailerId} and h.variant_id = any(${ids}::text[]) and h.status = 'active' and h.expires_at > now()) as holds,
      (select json_agg(json_build_array(d.store_id, d.variant_id, d.id, d.quantity, d.expected_at) order by d.expected_at)
       from stock_deliveries d
       where d.retailer_id = ${actor.retailerId} and d.variant_id = any(${ids}::text[]) and d.status = 'expected') as deliveries`.execute(
    db,
  );
  const key = (storeId: string, id: string) => `${storeId} ${id}`;
  const stock = new Map<string, { on_hand: number; held: number; incoming: { id: string; quantity: number; expectedAt: string }[] }>();
  const entry = (storeId: string, id: string) => {
    let e = stock.get(key(storeId, id));
    if (!e) {
      e = { on_hand: 0, held: 0, incoming: [] };
      stock.set(key(storeId, id), e);
    }
    return e;
  };
  const got = read[0];
  for (const [storeId, id, onHand] of got?.levels ?? []) entry(storeId, id).on_hand = onHand;
  for (const [storeId, id, quantity] of got?.holds ?? []) entry(storeId, id).held += quantity;
  for (const [storeId, id, deliveryId, quantity, expectedAt] of got?.deliveries ?? [])
    entry(storeId, id).incoming.push({ id: deliveryId, quantity, expectedAt });
  const stores = (got?.stores ?? []).map(([store_id, store_name, latitude, longitude]) => ({
    store_id,
    store_name,
    latitude: latitude === null ? null : Number(latitude),
    longitude: longitude === null ? null : Number(longitude),
  }));
  const threshold =
    variant.low_stock_threshold === null && variant.category_id !== null
      ? lowThreshold(await categoryPaths(db, actor.retailerId), null, variant.category_id)
      : (variant.low_stock_threshold ?? DEFAULT_LOW_STOCK);
  const near = stores.find((s) => s.store_id === opts.nearStoreId);
  const at = (id: string, storeId: string) => stock.get(key(storeId, id)) ?? { on_hand: 0, held: 0, incoming: [] };
  const rows: StoreStock[] = stores.map((store) => {
    let onHand: number;
    let held: number;
    let available: number;
    if (components.length) {
      const makes = (count: (s: { on_hand: number; held: number }) => number) =>
        Math.max(0, Math.min(...components.map((c) => Math.floor(count(at(c.id, store.store_id)) / c.quantity))));
      onHand = makes((s) => s.on_hand);
      held = 0;
      available = makes((s) => s.on_hand - s.held);
    } else {
      const s = at(variantId, store.store_id);
      onHand = s.on_hand;
      held = s.held;
      available = Math.max(0, s.on_hand - s.held);
    }
    const distance =
      near && near.latitude !== null && near.longitude !== null && store.latitude !== null && store.longitude !== null
        ? Math.round(distanceKm({ lat: near.latitude, lng: near.longitude }, { lat: store.latitude, lng: store.longitude }) * 10) / 10
        : null;
    return {
      storeId: store.store_id,
      storeName: store.store_name,
      onHand,
      held,
      available,
      state: stockState(available, threshold),
      distanceKm: distance,
      incoming: components.length
        ? []
        : at(variantId, store.store_id).incoming.map((d) => ({
            id: d.id,
            quantity: d.quantity,
            expectedAt: new Date(d.expectedAt).toISOString(),
          })),
    };
  });
  rows.sort(
    (a, b) =>
      (a.storeId === opts.nearStoreId ? -1 : 0) - (b.storeId === opts.nearStoreId ? -1 : 0) ||
      (a.distanceKm ?? Number.POSITIVE_INFINITY) - (b.distanceKm ?? Number.POSITIVE_INFINITY) ||
      b.available - a.available ||
      a.storeName.localeCompare(b.storeName),
  );
  const wanted = opts.quantity ?? 1;
  return {
    variantId,
    title: variant.title,
    productId: variant.product_id,
    productTitle: variant.product_title,
    quantity: wanted,
    lowThreshold: threshold,
    stores: rows,
    /** Stores that have all of the quantity today. */
    canSupply: rows.filter((r) => r.available >= wanted).map((r) => r.storeId),
    components: components.map((c) => ({ variantId: c.id, title: variantLabel(c.product, c.variant), quantity: c.quantity })),
  };
}

export type MovementInput = {
  storeId: string;
  variantId: string;
  reason: 'count' | 'damage' | 'delivery' | 'correction';
  /** Units added (negative to remove); for a count, the units counted instead. */
  quantity: number;
  note?: string | null | undefined;
};

/**
 * A manual stock change: a count sets the figure to what was counted (the movement is the
 * difference), damage removes units, a delivery or correction adds or removes them. Going below
 * zero is refused unless the retailer allows negative stock.
 */
export async function recordMovement(deps: Deps, actor: Principal, audit: AuditContext, input: MovementInput) {
  await storeIn(deps.db, actor, input.storeId);
  const variant = await variantIn(deps.db, actor.retailerId, input.variantId);
  if ((await componentsOf(deps.db, actor.retailerId, [variant.id])).size)
    throw invalidField('variantId', 'A bundle has no stock of its own; count or move its components.');
  if (input.reason === 'count' && input.quantity < 0) throw invalidField('quantity', 'A count cannot be below zero.');
  if (input.reason === 'damage' && input.quantity > 0) throw invalidField('quantity', 'Damage removes units: give a negative quantity.');
  const allowNegative = await allowsNegative(deps.db, actor.retailerId);
  return deps.db.transaction().execute(async (trx) => {
    let delta = input.quantity;
    if (input.reason === 'count') {
      const current = await trx
        .selectFrom('stock_levels')
        .select('on_hand')
        .where('retailer_id', '=', actor.retailerId)
        .where('store_id', '=', input.storeId)
        .where('variant_id', '=', input.variantId)
        .forUpdate()
        .executeTakeFirst();
      delta = input.quantity - (current?.on_hand ?? 0);
    }
    if (delta === 0) return { onHand: input.quantity, movement: 0 };
    const result = await applyMovement(
      trx,
      {
        retailerId: actor.retailerId,
        storeId: input.storeId,
        variantId: input.variantId,
        quantity: delta,
        reason: input.reason,
        note: input.note ?? null,
        staffId: actor.kind === 'staff' ? actor.staffId : null,
      },
      { allowShort: allowNegative || input.reason === 'count' },
    );
    if (!result.applied)
      throw new AppError(
        'conflict',
        `Only ${result.available} available (the rest may be held for customers); this would take stock below that.`,
        {
          details: { available: result.available },
        },
      );
    await recordAudit(trx, audit, {
      action: 'stock.moved',
      subjectType: 'variant',
      subjectId: input.variantId,
      storeId: input.storeId,
      details: { reason: input.reason, quantity: delta, onHand: result.onHand },
    });
    return { onHand: result.onHand, movement: delta };
  });
}

async function allowsNegative(db: Kysely<DB>, retailerId: string) {
  const r = await db.selectFrom('retailers').select('allow_negative_stock').where('id', '=', retailerId).executeTakeFirstOrThrow();
  return r.allow_negative_stock;
}

/** Moves units from one store to another: two movements with one transfer id. */
export async function transferStock(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  input: { fromStoreId: string; toStoreId: string; variantId: string; quantity: number; note?: string | null | undefined },
) {
  if (input.fromStoreId === input.toStoreId) throw invalidField('toStoreId', 'Choose another store to move the stock to.');
  await storeIn(deps.db, actor, input.fromStoreId, 'fromStoreId');
  const to = await deps.db
    .selectFrom('stores')
    .select('id')
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', input.toStoreId)
    .executeTakeFirst();
  if (!to) throw invalidField('toStoreId', 'There is no such store.');
  await variantIn(deps.db, actor.retailerId, input.variantId);
  const transferId = newId('transfer');
  const staffId = actor.kind === 'staff' ? actor.staffId : null;
  return deps.db.transaction().execute(async (trx) => {
    const out = await applyMovement(trx, {
      retailerId: actor.retailerId,
      storeId: input.fromStoreId,
      variantId: input.variantId,
      quantity: -input.quantity,
      reason: 'transfer',
      transferId,
      note: input.note ?? null,
      staffId,
    });
    if (!out.applied) throw new AppError('conflict', `Only ${out.available} available to move.`, { details: { available: out.available } });
    const into = await applyMovement(trx, {
      retailerId: actor.retailerId,
      storeId: input.toStoreId,
      variantId: input.variantId,
      quantity: input.quantity,
      reason: 'transfer',
      transferId,
      note: input.note ?? null,
      staffId,
    });
    await recordAudit(trx, audit, {
      action: 'stock.transferred',
      subjectType: 'variant',
      subjectId: input.variantId,
      storeId: input.fromStoreId,
      details: { transferId, to: input.toStoreId, quantity: input.quantity },
    });
    return { transferId, fromOnHand: out.onHand, toOnHand: into.applied ? into.onHand : null };
  });
}

export interface HoldInput {
  storeId: string;
  variantId: string;
  quantity: number;
  customerId?: string | null | undefined;
  expiresAt: string;
  note?: string | null | undefined;
  /** The guidance session and basket line the units are held for, when a plan placed the hold. */
  sessionId?: string | null | undefined;
  basketLineId?: string | null | undefined;
}

/** A hold's end, checked: in the future and at most 90 days away. */
export function holdExpiry(deps: Pick<Deps, 'now'>, expiresAt: string): Date {
  const expires = new Date(expiresAt);
  if (Number.isNaN(expires.getTime())) throw invalidField('expiresAt', 'Give a date and time, such as 2026-12-31T17:00:00Z.');
  if (expires.getTime() <= deps.now().getTime()) throw invalidField('expiresAt', 'A hold must end in the future.');
  if (expires.getTime() > deps.now().getTime() + 90 * 86_400_000) throw invalidField('expiresAt', 'A hold lasts at most 90 days.');
  return expires;
}

/**
 * Sets units aside inside the caller's transaction, taking the stock row's lock so two holds (or a
 * hold and a sale) take their turn; a 409 saying how many are available when fewer are.
 */
export async function holdUnits(trx: Kysely<DB>, actor: Principal, audit: AuditContext, input: HoldInput, expires: Date) {
  await trx
    .insertInto('stock_levels')
    .values({ retailer_id: actor.retailerId, store_id: input.storeId, variant_id: input.variantId, on_hand: 0 })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await trx
    .selectFrom('stock_levels')
    .select('on_hand')
    .where('retailer_id', '=', actor.retailerId)
    .where('store_id', '=', input.storeId)
    .where('variant_id', '=', input.variantId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const [current] = await stockOf(trx, actor.retailerId, [input.variantId]).then((rows) =>
    rows.filter((r) => r.store_id === input.storeId),
  );
  const available = Math.max(0, row.on_hand - (current?.held ?? 0));
  if (available < input.quantity)
    throw new AppError('conflict', `Only ${available} available to hold here.`, {
      details: { available, variantId: input.variantId, storeId: input.storeId },
    });
  const id = newId('hold');
  await trx
    .insertInto('stock_holds')
    .values({
      retailer_id: actor.retailerId,
      id,
      store_id: input.storeId,
      variant_id: input.variantId,
      customer_id: input.customerId ?? null,
      quantity: input.quantity,
      expires_at: expires,
      note: input.note ?? null,
      created_by: audit.actorId,
      session_id: input.sessionId ?? null,
      basket_line_id: input.basketLineId ?? null,
    })
    .execute();
  await recordAudit(trx, audit, {
    action: 'stock.held',
    subjectType: 'variant',
    subjectId: input.variantId,
    storeId: input.storeId,
    details: {
      holdId: id,
      quantity: input.quantity,
      customerId: input.customerId ?? null,
      expiresAt: expires.toISOString(),
      ...(input.sessionId ? { sessionId: input.sessionId } : {}),
    },
  });
  return id;
}

/** Sets units aside for a customer until `expiresAt`; refused when fewer are available. */
export async function placeHold(deps: Deps, actor: Principal, audit: AuditContext, input: HoldInput) {
  await storeIn(deps.db, actor, input.storeId);
  await variantIn(deps.db, actor.retailerId, input.variantId);
  const expires = holdExpiry(deps, input.expiresAt);
  if (input.customerId) {
    const c = await deps.db
      .selectFrom('customers')
      .select('id')
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', input.customerId)
      .where('erased_at', 'is', null)
      .executeTakeFirst();
    if (!c) throw invalidField('customerId', 'There is no such customer.');
  }
  return deps.db.transaction().execute(async (trx) => {
    const id = await holdUnits(trx, actor, audit, input, expires);
    return findHold(trx, actor.retailerId, id);
  });
}

export async function findHold(db: Kysely<DB>, retailerId: string, id: string) {
  const hold = await db.selectFrom('stock_holds').selectAll().where('retailer_id', '=', retailerId).where('id', '=', id).executeTakeFirst();
  if (!hold) throw notFound('Hold');
  return hold;
}

export async function releaseHold(deps: Deps, actor: Principal, audit: AuditContext, id: string) {
  const hold = await findHold(deps.db, actor.retailerId, id);
  if (!canActIn(actor, hold.store_id)) throw forbidden('You do not work in that store.');
  return deps.db.transaction().execute(async (trx) => {
    const released = await trx
      .updateTable('stock_holds')
      .set({ status: 'released', closed_at: deps.now() })
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', id)
      .where('status', '=', 'active')
      .returning('id')
      .executeTakeFirst();
    if (!released) throw new AppError('conflict', 'This hold was already released or sold.');
    await recordAudit(trx, audit, {
      action: 'stock.hold_released',
      subjectType: 'variant',
      subjectId: hold.variant_id,
      storeId: hold.store_id,
      details: { holdId: id },
    });
    return findHold(trx, actor.retailerId, id);
  });
}

export async function expectDelivery(
  deps: Deps,
  actor: Principal,
  audit: AuditContext,
  input: { storeId: string; variantId: string; quantity: number; expectedAt: string },
) {
  await storeIn(deps.db, actor, input.storeId);
  await variantIn(deps.db, actor.retailerId, input.variantId);
  const id = newId('delivery');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('stock_deliveries')
      .values({
        retailer_id: actor.retailerId,
        id,
        store_id: input.storeId,
        variant_id: input.variantId,
        quantity: input.quantity,
        expected_at: new Date(input.expectedAt),
        created_by: audit.actorId,
      })
      .execute();
    await recordAudit(trx, audit, {
      action: 'stock.delivery_expected',
      subjectType: 'variant',
      subjectId: input.variantId,
      storeId: input.storeId,
      details: { deliveryId: id, quantity: input.quantity },
    });
  });
  return findDelivery(deps.db, actor.retailerId, id);
}

async function findDelivery(db: Kysely<DB>, retailerId: string, id: string) {
  const d = await db
    .selectFrom('stock_deliveries')
    .selectAll()
    .where('retailer_id', '=', retailerId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!d) throw notFound('Delivery');
  return d;
}

/** Receives an expected delivery (all of it, or the quantity that came): a delivery movement. */
export async function receiveDelivery(deps: Deps, actor: Principal, audit: AuditContext, id: string, quantity?: number) {
  const d = await findDelivery(deps.db, actor.retailerId, id);
  if (!canActIn(actor, d.store_id)) throw forbidden('You do not work in that store.');
  return deps.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('stock_deliveries')
      .set({ status: 'received', received_at: deps.now() })
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', id)
      .where('status', '=', 'expected')
      .returning('id')
      .executeTakeFirst();
    if (!done) throw new AppError('conflict', 'This delivery was already received or cancelled.');
    const units = quantity ?? d.quantity;
    if (units > 0)
      await applyMovement(trx, {
        retailerId: actor.retailerId,
        storeId: d.store_id,
        variantId: d.variant_id,
        quantity: units,
        reason: 'delivery',
        deliveryId: id,
        staffId: actor.kind === 'staff' ? actor.staffId : null,
      });
    if (units > 0) await wakeBackInStock(trx, actor.retailerId, d.store_id, d.variant_id, deps.now());
    await recordAudit(trx, audit, {
      action: 'stock.delivery_received',
      subjectType: 'variant',
      subjectId: d.variant_id,
      storeId: d.store_id,
      details: { deliveryId: id, quantity: units },
    });
    return findDelivery(trx, actor.retailerId, id);
  });
}

/** Variants low or out in a store (plain variants of products on sale), scarcest first. */
export async function lowStock(deps: Deps, actor: Principal, storeId: string) {
  await storeIn(deps.db, actor, storeId);
  const rows = await deps.db
    .selectFrom('variants as v')
    .innerJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'v.retailer_id').onRef('p.id', '=', 'v.product_id'))
    .leftJoin('stock_levels as s', (j) =>
      j.onRef('s.retailer_id', '=', 'v.retailer_id').onRef('s.variant_id', '=', 'v.id').on('s.store_id', '=', storeId),
    )
    .select([
      'v.id',
      'v.title',
      'v.sku',
      'p.id as product_id',
      'p.title as product_title',
      'p.low_stock_threshold',
      'p.category_id',
      's.on_hand',
    ])
    .where('v.retailer_id', '=', actor.retailerId)
    .where('v.retired', '=', false)
    .where('p.status', '!=', 'retired')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('bundle_components as b')
            .select('b.bundle_id')
            .whereRef('b.retailer_id', '=', 'v.retailer_id')
            .whereRef('b.bundle_id', '=', 'v.id'),
        ),
      ),
    )
    .execute();
  const stock = await stockOf(
    deps.db,
    actor.retailerId,
    rows.map((r) => r.id),
  );
  const incoming = await incomingOf(
    deps.db,
    actor.retailerId,
    rows.map((r) => r.id),
  );
  const paths = await categoryPaths(deps.db, actor.retailerId);
  const out = [];
  for (const r of rows) {
    const s = stock.find((x) => x.variant_id === r.id && x.store_id === storeId);
    const available = Math.max(0, (s?.on_hand ?? 0) - (s?.held ?? 0));
    const threshold = lowThreshold(paths, r.low_stock_threshold, r.category_id);
    const state = stockState(available, threshold);
    if (state === 'in-stock') continue;
    out.push({
      variantId: r.id,
      title: r.title,
      sku: r.sku,
      productId: r.product_id,
      productTitle: r.product_title,
      onHand: s?.on_hand ?? 0,
      available,
      threshold,
      state,
      incoming: incoming
        .filter((d) => d.variant_id === r.id && d.store_id === storeId)
        .map((d) => ({ id: d.id, quantity: d.quantity, expectedAt: d.expected_at.toISOString() })),
    });
  }
  return out.sort((a, b) => a.available - b.available || a.productTitle.localeCompare(b.productTitle));
}
