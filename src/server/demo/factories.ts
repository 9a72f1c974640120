import type { Kysely } from 'kysely';
import type { SellingAttributes } from '../../shared/catalog.ts';
import type { Role } from '../../shared/domain/roles.ts';
import { newId } from '../../shared/ids.ts';
import type { DB } from '../db/types.ts';
import { hashPassword } from '../modules/auth/secrets.ts';
import { colourFamilies, insertProduct, type VariantValues } from '../modules/catalog/catalog.repo.ts';
import { insertStaff, replaceStaffStores } from '../modules/staff/staff.repo.ts';
import { applyMovement } from '../modules/stock/stock.repo.ts';
import { insertStore } from '../modules/stores/stores.repo.ts';

/**
 * Builders for the demo world and for tests. Each builds the parents it needs, so a test asks
 * only for what it is about; `ones demo` uses the same builders so the demo cannot drift.
 */
let seq = 0;
const next = () => ++seq;

export interface RetailerInput {
  name?: string;
  slug?: string;
  country?: string;
  currency?: string;
  locale?: string;
  phoneRegion?: string;
}

export async function buildRetailer(db: Kysely<DB>, input: RetailerInput = {}) {
  const n = next();
  const row = {
    id: newId('retailer'),
    name: input.name ?? `Retailer ${n}`,
    slug: input.slug ?? `retailer-${n}-${Math.random().toString(36).slice(2, 8)}`,
    country: input.country ?? 'GB',
    currency: input.currency ?? 'GBP',
    locale: input.locale ?? 'en-GB',
    phone_region: input.phoneRegion ?? input.country ?? 'GB',
  };
  await db.insertInto('retailers').values(row).execute();
  return row;
}

export interface StoreInput {
  retailerId?: string;
  name?: string;
  timeZone?: string;
  address?: { line1?: string; city?: string; postcode?: string; country?: string };
  latitude?: number;
  longitude?: number;
}

export async function buildStore(db: Kysely<DB>, input: StoreInput = {}) {
  const retailerId = input.retailerId ?? (await buildRetailer(db)).id;
  const id = newId('store');
  const values = {
    name: input.name ?? `Store ${next()}`,
    time_zone: input.timeZone ?? 'Europe/London',
    address_line1: input.address?.line1 ?? null,
    city: input.address?.city ?? null,
    postcode: input.address?.postcode ?? null,
    country: input.address?.country ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
  };
  await insertStore(db, retailerId, id, values);
  return { id, retailerId, ...values };
}

export interface StaffInput {
  retailerId?: string;
  storeIds?: string[];
  name?: string;
  email?: string;
  role?: Role;
  title?: string | null;
  password?: string;
  pin?: string | null;
}

/** A staff member with a password (default `ones-demo`); builds a retailer and a store when not given. */
export async function buildStaff(db: Kysely<DB>, input: StaffInput = {}) {
  let retailerId = input.retailerId;
  let storeIds = input.storeIds;
  if (!retailerId) {
    const store = await buildStore(db);
    retailerId = store.retailerId;
    storeIds ??= [store.id];
  }
  const n = next();
  const role = input.role ?? 'associate';
  const row = {
    retailer_id: retailerId,
    id: newId('staff'),
    name: input.name ?? `Person ${n}`,
    email: (input.email ?? `person${n}-${Math.random().toString(36).slice(2, 8)}@example.test`).toLowerCase(),
    role,
    title: input.title ?? null,
    password_hash: await hashPassword(input.password ?? 'ones-demo'),
    pin_hash: input.pin ? await hashPassword(input.pin) : null,
  };
  await insertStaff(db, row);
  await replaceStaffStores(db, retailerId, row.id, storeIds ?? []);
  return { ...row, storeIds: storeIds ?? [], password: input.password ?? 'ones-demo', pin: input.pin ?? null };
}

export interface ProductInput {
  retailerId: string;
  title?: string;
  handle?: string;
  categoryId?: string | null;
  status?: 'active' | 'seasonal' | 'retired';
  attributes?: SellingAttributes;
  lowStockThreshold?: number | null;
  variants?: (VariantValues & { stock?: Record<string, number> })[];
}

/**
 * A product with its variants and, per variant, units on hand by store id (written as count
 * movements, so the ledger adds up). Vocabulary keys are not checked here: tests of that go
 * through the API.
 */
export async function buildProduct(db: Kysely<DB>, input: ProductInput) {
  const n = next();
  const title = input.title ?? `Product ${n}`;
  const variants = input.variants ?? [{ title: 'Default', price: 10, sku: `SKU-${n}` }];
  const families = await colourFamilies(db, input.retailerId);
  const { id, variantIds } = await insertProduct(
    db,
    input.retailerId,
    {
      handle: input.handle ?? `product-${n}-${Math.random().toString(36).slice(2, 8)}`,
      title,
      categoryId: input.categoryId ?? null,
      status: input.status,
      attributes: input.attributes,
      lowStockThreshold: input.lowStockThreshold,
    },
    variants,
    families,
  );
  for (const [i, v] of variants.entries())
    for (const [storeId, units] of Object.entries(v.stock ?? {}))
      if (units !== 0)
        await applyMovement(
          db,
          { retailerId: input.retailerId, storeId, variantId: variantIds[i] as string, quantity: units, reason: 'count' },
          { allowShort: true },
        );
  return { id, variantIds };
}
