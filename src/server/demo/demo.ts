import type { Kysely } from 'kysely';
import { variantLabel } from '../../shared/catalog.ts';
import { zonedDate } from '../../shared/dates.ts';
import { DUPLICATE_PAIR, type GeneratedCustomer, generateCustomers, OKAFOR } from '../../shared/domain/customer-generator.ts';
import { FLORIST_QUESTIONS, HOME_DECOR_QUESTIONS } from '../../shared/domain/demo-question-sets.ts';
import { demoVocabulary } from '../../shared/domain/demo-vocabulary.ts';
import { generateSales } from '../../shared/domain/sales-generator.ts';
import { newId } from '../../shared/ids.ts';
import type { DB } from '../db/types.ts';
import { colourFamilies, insertProduct } from '../modules/catalog/catalog.repo.ts';
import { bulkInsertCustomers, settleCustomerTables } from '../modules/customers/bulk-insert-customers.ts';
import { insertQuestionSet } from '../modules/guidance/question-sets.service.ts';
import { type HistoricSale, recordSalesHistory } from '../modules/sales/sales-history.ts';
import { applyMovement } from '../modules/stock/stock.repo.ts';
import { upsertTerms } from '../modules/vocabulary/vocabulary.repo.ts';
import { BLOOM_CATALOG, type DemoProduct, HEARTH_CATALOG } from './demo-catalog.ts';
import { buildRetailer, buildStaff, buildStore } from './factories.ts';

export const DEMO_PASSWORD = 'ones-demo';

/** The demo accounts, printed at start-up and listed in the README. */
export const DEMO_ACCOUNTS = [
  { email: 'owner@bloom.example', name: 'Rosa Fairweather', role: 'owner', title: 'Owner', stores: ['Riverside', 'Old Town'], pin: '1111' },
  {
    email: 'manager@bloom.example',
    name: 'Marcus Oyelaran',
    role: 'manager',
    title: 'Store manager',
    stores: ['Riverside', 'Old Town'],
    pin: '2222',
  },
  { email: 'associate@bloom.example', name: 'Priya Natarajan', role: 'associate', title: 'Florist', stores: ['Riverside'], pin: '3333' },
  { email: 'oldtown@bloom.example', name: 'Tom Achterberg', role: 'associate', title: 'Florist', stores: ['Old Town'], pin: '5555' },
  {
    email: 'security@bloom.example',
    name: 'Daniel Mensah',
    role: 'ambassador',
    title: 'Security officer',
    stores: ['Riverside'],
    pin: '4444',
  },
  { email: 'owner@hearth.example', name: 'Hannah Quist', role: 'owner', title: 'Owner', stores: ['Main Street'], pin: '1111' },
  {
    email: 'associate@hearth.example',
    name: 'Leo Castellanos',
    role: 'associate',
    title: 'Design consultant',
    stores: ['Main Street'],
    pin: '3333',
  },
  {
    email: 'security@hearth.example',
    name: 'Kwame Asante',
    role: 'ambassador',
    title: 'Security officer',
    stores: ['Main Street'],
    pin: '4444',
  },
] as const;

/** True when the database holds no retailer yet. */
export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('retailers').select('id').limit(1).executeTakeFirst();
  return !row;
}

/** Removes the demo retailers and everything they own. */
const VISIT_TABLES = [
  'follow_ups',
  'lost_demand',
  'gestures',
  'special_orders',
  'encounter_notes',
  'encounter_steps',
  'encounter_staff',
  'guidance_basket_lines',
  'guidance_lists',
  'guidance_sessions',
  'encounters',
] as const;

export async function removeDemo(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const demo = trx.selectFrom('retailers').select('id').where('slug', 'in', ['bloom-and-stem', 'hearth-and-hue']);
    // The search index has no foreign keys (migration 0004), so it does not go with the retailer by itself.
    await trx.deleteFrom('customer_search_terms').where('retailer_id', 'in', demo).execute();
    // Visits and guided selling refer to staff, variants and each other; they go first, leaves first,
    // so the cascade from the retailer never meets a row still referred to.
    for (const table of VISIT_TABLES) await trx.deleteFrom(table).where('retailer_id', 'in', demo).execute();
    await trx.deleteFrom('retailers').where('id', 'in', demo).execute();
  });
}

/** Mrs Adaeze Okafor of Bloom & Stem, the customer of the demo's stories: her id. */
export async function demoOkaforId(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom('customers as c')
    .innerJoin('retailers as r', 'r.id', 'c.retailer_id')
    .select('c.id')
    .where('r.slug', '=', 'bloom-and-stem')
    .where('c.first_name', '=', OKAFOR.firstName)
    .where('c.last_name', '=', OKAFOR.lastName)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Loads "Bloom & Stem" (a UK florist, two stores) and "Hearth & Hue" (a home-décor shop, one store). */
export async function loadDemo(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const bloom = await buildRetailer(trx, {
      name: 'Bloom & Stem',
      slug: 'bloom-and-stem',
      country: 'GB',
      currency: 'GBP',
      locale: 'en-GB',
    });
    const riverside = await buildStore(trx, {
      retailerId: bloom.id,
      name: 'Riverside',
      timeZone: 'Europe/London',
      address: { line1: '14 Wharf Lane', city: 'Bristol', postcode: 'BS1 4RN', country: 'GB' },
      latitude: 51.4505,
      longitude: -2.5967,
    });
    const oldTown = await buildStore(trx, {
      retailerId: bloom.id,
      name: 'Old Town',
      timeZone: 'Europe/London',
      address: { line1: '3 Market Row', city: 'Bath', postcode: 'BA1 1NG', country: 'GB' },
      latitude: 51.3811,
      longitude: -2.359,
    });
    const hearth = await buildRetailer(trx, {
      name: 'Hearth & Hue',
      slug: 'hearth-and-hue',
      country: 'US',
      currency: 'USD',
      locale: 'en-US',
      phoneRegion: 'US',
    });
    const mainStreet = await buildStore(trx, {
      retailerId: hearth.id,
      name: 'Main Street',
      timeZone: 'America/Chicago',
      address: { line1: '220 Main Street', city: 'Madison', postcode: '53703', country: 'US' },
      latitude: 43.0747,
      longitude: -89.3841,
    });
    const stores: Record<string, { id: string; retailerId: string; time_zone: string }> = {
      Riverside: riverside,
      'Old Town': oldTown,
      'Main Street': mainStreet,
    };
    const staffIds: Record<string, string> = {};
    for (const a of DEMO_ACCOUNTS) {
      const storeIds = a.stores.map((s) => (stores[s] as { id: string }).id);
      const person = await buildStaff(trx, {
        retailerId: (stores[a.stores[0]] as { retailerId: string }).retailerId,
        storeIds,
        name: a.name,
        email: a.email,
        role: a.role,
        title: a.title,
        password: DEMO_PASSWORD,
        pin: a.pin,
      });
      staffIds[a.email] = person.id;
    }
    const bloomCustomers = await loadDemoCustomers(trx, {
      retailerId: bloom.id,
      region: 'GB',
      kind: 'florist',
      storeIds: [riverside.id, oldTown.id],
      recordedBy: [staffIds['associate@bloom.example'] as string, staffIds['oldtown@bloom.example'] as string],
      count: 300,
      seed: 11,
      special: [OKAFOR, ...DUPLICATE_PAIR],
    });
    const hearthCustomers = await loadDemoCustomers(trx, {
      retailerId: hearth.id,
      region: 'US',
      kind: 'home-decor',
      storeIds: [mainStreet.id],
      recordedBy: [staffIds['associate@hearth.example'] as string],
      count: 250,
      seed: 12,
      special: [],
    });
    await loadDemoCatalog(trx, bloom.id, BLOOM_CATALOG, stores);
    await loadDemoCatalog(trx, hearth.id, HEARTH_CATALOG, stores);
    await insertQuestionSet(trx, bloom.id, FLORIST_QUESTIONS, null);
    await insertQuestionSet(trx, hearth.id, HOME_DECOR_QUESTIONS, null);
    // A year of sales. The likely-duplicate pair is left out, so the pair stays as the merge story tells it.
    const regulars = (c: { ids: string[]; people: GeneratedCustomer[] }) =>
      c.ids.filter((_, i) => !DUPLICATE_PAIR.includes(c.people[i] as GeneratedCustomer));
    const sellers = (storeName: string) =>
      DEMO_ACCOUNTS.filter((a) => (a.stores as readonly string[]).includes(storeName) && a.role !== 'ambassador').map(
        (a) => staffIds[a.email] as string,
      );
    await loadDemoSales(trx, {
      retailerId: bloom.id,
      currency: 'GBP',
      catalog: BLOOM_CATALOG,
      stores,
      customers: regulars(bloomCustomers),
      sellers,
      seed: 21,
      salesPerDay: 6,
      storeNames: ['Riverside', 'Old Town'],
    });
    await loadDemoSales(trx, {
      retailerId: hearth.id,
      currency: 'USD',
      catalog: HEARTH_CATALOG,
      stores,
      customers: regulars(hearthCustomers),
      sellers,
      seed: 22,
      salesPerDay: 5,
      storeNames: ['Main Street'],
    });
  });
  await settleCustomerTables(db);
}

/** A year of generated sales for a demo retailer, recorded as history (before today's stock count). */
async function loadDemoSales(
  db: Kysely<DB>,
  o: {
    retailerId: string;
    currency: string;
    catalog: DemoProduct[];
    stores: Record<string, { id: string; time_zone: string }>;
    storeNames: string[];
    customers: string[];
    sellers: (storeName: string) => string[];
    seed: number;
    salesPerDay: number;
  },
) {
  const variants = await db
    .selectFrom('variants as v')
    .innerJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'v.retailer_id').onRef('p.id', '=', 'v.product_id'))
    .select(['v.id', 'v.sku', 'v.title', 'v.price', 'p.title as product_title'])
    .where('v.retailer_id', '=', o.retailerId)
    .execute();
  const bySku = new Map(variants.map((v) => [v.sku as string, v]));
  const products = o.catalog.flatMap((p) =>
    p.variants.map((v) => ({
      handle: p.handle,
      category: p.category,
      price: v.price,
      sku: v.sku,
      seasonal: p.attributes.season ?? null,
      pairsWith: p.pairsWith ?? [],
    })),
  );
  const today = new Date();
  const history: HistoricSale[] = [];
  let n = 0;
  for (const sale of generateSales(
    { seed: o.seed, days: 365, stores: o.storeNames, customers: o.customers.length, products, salesPerDay: o.salesPerDay },
    today,
  )) {
    // The generator's days are UTC dates; the hour is the store's own opening hours.
    const day = new Date(today.getTime() - sale.daysAgo * DAY).toISOString().slice(0, 10);
    const clock = `${String(sale.hour).padStart(2, '0')}:${String(sale.minute).padStart(2, '0')}`;
    const at = zonedDate(`${day} ${clock}`, (o.stores[sale.store] as { time_zone: string }).time_zone) as Date;
    if (at.getTime() > today.getTime()) continue;
    const sellers = o.sellers(sale.store);
    history.push({
      externalId: `demo-${o.seed}-${++n}`,
      storeId: (o.stores[sale.store] as { id: string }).id,
      soldAt: at,
      staffId: sellers[n % sellers.length] ?? null,
      customerId: sale.customer === null ? null : (o.customers[sale.customer] ?? null),
      lines: sale.lines.map((l) => {
        const v = bySku.get(l.sku);
        return {
          variantId: v?.id ?? null,
          description: v ? variantLabel(v.product_title, v.title) : l.sku,
          sku: l.sku,
          quantity: l.quantity,
          unitPrice: v?.price ?? 0,
          discount: l.discount,
        };
      }),
    });
  }
  await recordSalesHistory(db, o.retailerId, o.currency, history);
}

/**
 * A demo catalog: its category tree, products with variants, bundles, pairings, stock counted in
 * each store (as count movements, so the ledger adds up) and deliveries on their way.
 */
async function loadDemoCatalog(db: Kysely<DB>, retailerId: string, catalog: DemoProduct[], stores: Record<string, { id: string }>) {
  const families = await colourFamilies(db, retailerId);
  const categories = new Map<string, string>();
  const categoryOf = async (path: string) => {
    let parent: string | null = null;
    let sofar = '';
    for (const name of path.split('/')) {
      sofar = sofar ? `${sofar}/${name}` : name;
      let id = categories.get(sofar);
      if (!id) {
        id = newId('category');
        await db
          .insertInto('categories')
          .values({ retailer_id: retailerId, id, name, parent_id: parent, position: categories.size })
          .execute();
        categories.set(sofar, id);
      }
      parent = id;
    }
    return parent;
  };
  const productIds = new Map<string, string>();
  const variantIds = new Map<string, string>();
  for (const p of catalog) {
    const { id, variantIds: ids } = await insertProduct(
      db,
      retailerId,
      {
        handle: p.handle,
        title: p.title,
        description: p.description,
        categoryId: await categoryOf(p.category),
        status: p.status,
        attributes: p.attributes,
        lowStockThreshold: p.lowStockThreshold ?? null,
      },
      p.variants.map((v) => ({ ...v, barcode: v.barcode ?? null, attributes: v.attributes ?? {} })),
      families,
    );
    productIds.set(p.handle, id);
    for (const [i, v] of p.variants.entries()) variantIds.set(v.sku, ids[i] as string);
  }
  const variant = (sku: string) => variantIds.get(sku) as string;
  const store = (name: string) => (stores[name] as { id: string }).id;
  const components = catalog.flatMap((p) =>
    p.variants.flatMap((v) =>
      (v.components ?? []).map((c) => ({
        retailer_id: retailerId,
        bundle_id: variant(v.sku),
        component_id: variant(c.sku),
        quantity: c.quantity,
      })),
    ),
  );
  if (components.length) await db.insertInto('bundle_components').values(components).execute();
  const pairs = catalog.flatMap((p) =>
    (p.pairsWith ?? []).map((h) => ({
      retailer_id: retailerId,
      product_id: productIds.get(p.handle) as string,
      paired_id: productIds.get(h) as string,
    })),
  );
  if (pairs.length)
    await db
      .insertInto('product_pairings')
      .values(pairs)
      .onConflict((oc) => oc.doNothing())
      .execute();
  const now = Date.now();
  for (const p of catalog)
    for (const v of p.variants) {
      for (const [name, units] of Object.entries(v.stock))
        if (units !== 0)
          await applyMovement(db, { retailerId, storeId: store(name), variantId: variant(v.sku), quantity: units, reason: 'count' });
      for (const d of v.incoming ?? [])
        await db
          .insertInto('stock_deliveries')
          .values({
            retailer_id: retailerId,
            id: newId('delivery'),
            store_id: store(d.store),
            variant_id: variant(v.sku),
            quantity: d.quantity,
            expected_at: new Date(now + d.inDays * DAY),
          })
          .execute();
    }
}

const DAY = 86_400_000;

/**
 * A retailer's vocabulary and a few hundred generated customers with their preferences and
 * notes, recorded by the store's associates. History (visits and purchases) arrives with the
 * catalog and sales; for now the lifetime figures are set directly.
 */
async function loadDemoCustomers(
  db: Kysely<DB>,
  o: {
    retailerId: string;
    region: string;
    kind: 'florist' | 'home-decor';
    storeIds: string[];
    recordedBy: string[];
    count: number;
    seed: number;
    special: GeneratedCustomer[];
  },
) {
  const vocabulary = demoVocabulary(o.kind);
  await upsertTerms(db, o.retailerId, vocabulary);
  const people = [
    ...o.special,
    ...generateCustomers(o.count, { seed: o.seed, country: o.region, storeCount: o.storeIds.length, vocabulary, flavour: o.kind }),
  ];
  const now = Date.now();
  const ids = await bulkInsertCustomers(
    db,
    o.retailerId,
    o.region,
    people.map((c) => {
      const last = c.lastVisitDaysAgo === null ? null : new Date(now - c.lastVisitDaysAgo * DAY);
      return {
        ...c,
        homeStoreId: o.storeIds[c.homeStore % o.storeIds.length] ?? null,
        lastVisitAt: last,
        firstVisitAt: last && c.visits > 1 ? new Date(last.getTime() - c.visits * 45 * DAY) : last,
        visits: c.visits,
        purchases: c.visits,
        spend: c.spend,
      };
    }),
  );
  const by = (i: number) => o.recordedBy[people[i]?.homeStore ?? 0] ?? (o.recordedBy[0] as string);
  const recordedAt = (i: number) => {
    const days = people[i]?.lastVisitDaysAgo;
    return new Date(now - (days ?? 30) * DAY);
  };
  const preferences = people.flatMap((c, i) =>
    c.preferences.map((p, j) => ({
      retailer_id: o.retailerId,
      id: `prf_demo_${ids[i]?.slice(4)}_${j}`,
      customer_id: ids[i] as string,
      client_id: `demo-${ids[i]}-${j}`,
      key: p.key,
      value: JSON.stringify(p.value),
      recorded_by: by(i),
      recorded_at: recordedAt(i),
    })),
  );
  for (let i = 0; i < preferences.length; i += 500)
    await db
      .insertInto('customer_preferences')
      .values(preferences.slice(i, i + 500))
      .execute();
  const notes = people.flatMap((c, i) =>
    c.notes.map((body, j) => ({
      retailer_id: o.retailerId,
      id: `not_demo_${ids[i]?.slice(4)}_${j}`,
      customer_id: ids[i] as string,
      client_id: `demo-note-${ids[i]}-${j}`,
      body,
      author_id: by(i),
      store_id: o.storeIds[people[i]?.homeStore ?? 0] ?? null,
      created_at: new Date(recordedAt(i).getTime() - j * 60_000),
    })),
  );
  for (let i = 0; i < notes.length; i += 500)
    await db
      .insertInto('customer_notes')
      .values(notes.slice(i, i + 500))
      .execute();
  return { ids, people };
}
