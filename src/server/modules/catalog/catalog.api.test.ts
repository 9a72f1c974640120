import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { demoVocabulary } from '../../../shared/domain/demo-vocabulary.ts';
import { buildProduct, buildStaff, buildStore } from '../../demo/factories.ts';
import { upsertTerms } from '../vocabulary/vocabulary.repo.ts';

const ctx = setupTestApp();

describe('the catalog', () => {
  let retailerId: string;
  let owner: string;
  let manager: string;
  let associate: string;
  let otherOwner: string;

  beforeAll(async () => {
    const o = await buildStaff(ctx.deps.db, { role: 'owner' });
    retailerId = o.retailer_id;
    await upsertTerms(ctx.deps.db, retailerId, demoVocabulary('florist'));
    const m = await buildStaff(ctx.deps.db, { retailerId, role: 'manager', storeIds: o.storeIds });
    const a = await buildStaff(ctx.deps.db, { retailerId, role: 'associate', storeIds: o.storeIds });
    owner = await signIn(ctx.app, o.email);
    manager = await signIn(ctx.app, m.email);
    associate = await signIn(ctx.app, a.email);
    otherOwner = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { role: 'owner' })).email);
  });

  const post = (cookie: string, url: string, payload: unknown) =>
    ctx.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
  const get = (cookie: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });

  const ranunculus = {
    title: 'Ranunculus',
    description: 'Layered, rose-like blooms that open slowly over a week.',
    status: 'seasonal',
    attributes: {
      occasions: ['new-year'],
      season: { from: '11-01', to: '05-31' },
      lifespan: 'fresh',
      petSafe: false,
      scent: 'none',
      care: 'moderate',
    },
    variants: [
      { title: 'White', sku: 'RAN-WHT', price: 3.5, unitCost: 1.4, attributes: { colours: ['white'] } },
      { title: 'Blush', sku: 'RAN-BLS', price: 3.5, unitCost: 1.4, attributes: { colours: ['blush'] } },
    ],
  };

  it('lets the owner add a product with variants described in the vocabulary; others may not', async () => {
    const res = await post(owner, '/api/products', ranunculus);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ title: 'Ranunculus', kind: 'item', status: 'seasonal', version: 1 });
    expect(res.json().variants.map((v: { title: string; unitCost: number }) => [v.title, v.unitCost])).toEqual([
      ['White', 1.4],
      ['Blush', 1.4],
    ]);
    expect((await post(manager, '/api/products', { ...ranunculus, variants: [{ title: 'x', price: 1 }] })).statusCode).toBe(403);
    expect((await post(associate, '/api/products', { ...ranunculus, variants: [{ title: 'x', price: 1 }] })).statusCode).toBe(403);
  });

  it('hides unit costs from roles that may not see margins', async () => {
    const list = (await get(associate, '/api/products?q=ranun')).json();
    const product = (await get(associate, `/api/products/${list.items[0].id}`)).json();
    expect(product.variants[0]).not.toHaveProperty('unitCost');
    expect((await get(owner, `/api/products/${list.items[0].id}`)).json().variants[0].unitCost).toBe(1.4);
  });

  it('refuses bad input, naming the field', async () => {
    const bad = async (payload: unknown) => {
      const res = await post(owner, '/api/products', payload);
      expect(res.statusCode, res.body).toBe(400);
      return res
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .join(' ');
    };
    const base = { title: 'Test', variants: [{ title: 'One', price: 2 }] };
    expect(await bad({ ...base, variants: [{ title: 'One', price: -1 }] })).toContain('price');
    expect(await bad({ ...base, variants: [{ title: 'One', price: '12,50' }] })).toContain('price');
    expect(await bad({ ...base, variants: [{ title: 'One', price: 2.555 }] })).toContain('price');
    expect(await bad({ ...base, attributes: { colours: ['sage', 'not-a-colour'] } })).toBe('attributes.colours[1]');
    expect(await bad({ ...base, variants: [{ title: 'One', price: 2, attributes: { rooms: ['moon-base'] } }] })).toBe(
      'variants[0].attributes.rooms[0]',
    );
    expect(await bad({ ...base, images: [{ url: 'javascript:alert(1)', alt: 'x' }] })).toContain('images');
    expect(await bad({ ...base, attributes: { custom: { 'vase-life-days': 7 } } })).toBe('attributes.custom.vase-life-days');
    expect(await bad({ ...base, variants: Array.from({ length: 251 }, (_, i) => ({ title: `V${i}`, price: 1 })) })).toContain('variants');
    expect(
      await bad({
        ...base,
        variants: [
          { title: 'A', price: 1, sku: 'DUP' },
          { title: 'B', price: 1, sku: 'DUP' },
        ],
      }),
    ).toBe('variants[1].sku');
    expect(await bad({ ...base, variants: [{ title: 'A', price: 1, sku: 'RAN-WHT' }] })).toBe('variants[0].sku');
  });

  it('refuses 50,000 variants of one product before reading them all', async () => {
    const variants = Array.from({ length: 50_000 }, (_, i) => ({ title: `Variant ${i}`, price: 1 }));
    const res = await post(owner, '/api/products', { title: 'Too many', variants });
    expect([400, 413]).toContain(res.statusCode);
    const count = await ctx.deps.db.selectFrom('products').select('id').where('title', '=', 'Too many').execute();
    expect(count).toHaveLength(0);
  });

  it('saves a change only against the version it was made on', async () => {
    const [item] = (await get(owner, '/api/products?q=ranunculus')).json().items;
    const url = `/api/products/${item.id}`;
    expect(
      (await ctx.app.inject({ method: 'PATCH', url, headers: { cookie: owner }, payload: { title: 'Ranunculus (Italian)' } })).statusCode,
    ).toBe(428);
    const first = await ctx.app.inject({
      method: 'PATCH',
      url,
      headers: { cookie: owner, 'if-match': '"1"' },
      payload: { title: 'Ranunculus (Italian)' },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const stale = await ctx.app.inject({
      method: 'PATCH',
      url,
      headers: { cookie: owner, 'if-match': '"1"' },
      payload: { description: 'Mine' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
  });

  it('finds products by words, attributes, colour family and category subtree, a page at a time', async () => {
    const root = (await post(owner, '/api/categories', { name: 'Fresh flowers', lowStockThreshold: 10 })).json();
    const stems = (await post(owner, '/api/categories', { name: 'Stems', parentId: root.id })).json();
    expect(stems.path).toEqual(['Fresh flowers', 'Stems']);
    expect(
      (
        await ctx.app.inject({
          method: 'PUT',
          url: `/api/categories/${root.id}`,
          headers: { cookie: owner },
          payload: { name: 'Fresh flowers', parentId: stems.id },
        })
      ).statusCode,
    ).toBe(400);
    const variantOf = new Map<string, string>();
    for (const [title, colour, room] of [
      ['Eucalyptus', 'sage', 'living-room'],
      ['Sage velvet bow', 'sage', 'bedroom'],
      ['Lemon tulip', 'lemon', 'kitchen'],
    ] as const) {
      const res = await post(owner, '/api/products', {
        title,
        categoryId: stems.id,
        attributes: { colours: [colour], rooms: [room] },
        variants: [{ title: 'Stem', price: 2 }],
      });
      expect(res.statusCode, res.body).toBe(201);
      variantOf.set(title, res.json().variants[0].id);
    }
    // No threshold of its own: the nearest category's with one (the parent's) applies.
    const eucalyptus = (await get(associate, `/api/variants/${variantOf.get('Eucalyptus')}/availability`)).json();
    expect(eucalyptus.lowThreshold).toBe(10);
    const titles = async (query: string) =>
      (await get(associate, `/api/products?${query}`)).json().items.map((i: { title: string }) => i.title);
    expect(await titles('colour=sage')).toEqual(['Eucalyptus', 'Sage velvet bow']);
    expect(await titles('colourFamily=green&room=living-room')).toEqual(['Eucalyptus']);
    expect(await titles('q=euca')).toEqual(['Eucalyptus']);
    expect(await titles('q=S%C3%81GE%20vel')).toEqual(['Sage velvet bow']);
    expect(await titles(`categoryId=${root.id}`)).toEqual(['Eucalyptus', 'Lemon tulip', 'Sage velvet bow']);
    expect(await titles('colour=white')).toEqual(['Ranunculus (Italian)']);
    const first = (await get(associate, `/api/products?categoryId=${root.id}&limit=2`)).json();
    expect(first.items).toHaveLength(2);
    const second = (await get(associate, `/api/products?categoryId=${root.id}&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((i: { title: string }) => i.title)).toEqual(['Sage velvet bow']);
    expect(second.nextCursor).toBeNull();
    expect((await get(associate, '/api/products?cursor=nonsense')).statusCode).toBe(400);
  });

  it('makes bundles of variants, refusing a bundle that contains itself', async () => {
    const store = (await buildStore(ctx.deps.db, { retailerId })).id;
    const rose = await buildProduct(ctx.deps.db, {
      retailerId,
      title: 'Rose',
      variants: [{ title: 'Red', price: 3, stock: { [store]: 40 } }],
    });
    const green = await buildProduct(ctx.deps.db, {
      retailerId,
      title: 'Pittosporum',
      variants: [{ title: 'Stem', price: 1.5, stock: { [store]: 12 } }],
    });
    const bouquet = await buildProduct(ctx.deps.db, { retailerId, title: 'Red rose bouquet', variants: [{ title: 'Dozen', price: 45 }] });
    const bouquetVariant = bouquet.variantIds[0] as string;
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/api/variants/${bouquetVariant}/components`,
      headers: { cookie: owner },
      payload: {
        components: [
          { variantId: rose.variantIds[0], quantity: 12 },
          { variantId: green.variantIds[0], quantity: 5 },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().kind).toBe('bundle');
    const bigger = await buildProduct(ctx.deps.db, { retailerId, title: 'Gift hamper', variants: [{ title: 'Large', price: 90 }] });
    expect(
      (
        await ctx.app.inject({
          method: 'PUT',
          url: `/api/variants/${bigger.variantIds[0]}/components`,
          headers: { cookie: owner },
          payload: { components: [{ variantId: bouquetVariant, quantity: 1 }] },
        })
      ).statusCode,
    ).toBe(200);
    const circular = await ctx.app.inject({
      method: 'PUT',
      url: `/api/variants/${bouquetVariant}/components`,
      headers: { cookie: owner },
      payload: { components: [{ variantId: bigger.variantIds[0], quantity: 1 }] },
    });
    expect(circular.statusCode).toBe(400);
    expect(circular.json().error.message).toContain('cannot contain itself');
    // Its stock follows from the components: 40 roses / 12 and 12 greens / 5 make 2.
    const availability = (await get(associate, `/api/variants/${bouquetVariant}/availability?nearStoreId=${store}`)).json();
    expect(availability.stores.find((s: { storeId: string }) => s.storeId === store)).toMatchObject({ available: 2, state: 'low' });
  });

  it('keeps every retailer to its own catalog', async () => {
    const [item] = (await get(owner, '/api/products?q=eucalyptus')).json().items;
    expect((await get(otherOwner, `/api/products/${item.id}`)).statusCode).toBe(404);
    expect((await get(otherOwner, '/api/products?q=eucalyptus')).json().items).toEqual([]);
  });
});
