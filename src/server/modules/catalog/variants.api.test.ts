import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { demoVocabulary } from '../../../shared/domain/demo-vocabulary.ts';
import { buildProduct, buildStaff } from '../../demo/factories.ts';
import { upsertTerms } from '../vocabulary/vocabulary.repo.ts';
import { MAX_VARIANTS } from './catalog.schemas.ts';

const ctx = setupTestApp();

describe('variants of a product', () => {
  let retailerId: string;
  let owner: string;
  let manager: string;
  let otherOwner: string;
  let productId: string;
  let white: string;

  beforeAll(async () => {
    const o = await buildStaff(ctx.deps.db, { role: 'owner' });
    retailerId = o.retailer_id;
    await upsertTerms(ctx.deps.db, retailerId, demoVocabulary('florist'));
    owner = await signIn(ctx.app, o.email);
    manager = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { retailerId, role: 'manager', storeIds: o.storeIds })).email);
    otherOwner = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { role: 'owner' })).email);
    const tulip = await buildProduct(ctx.deps.db, {
      retailerId,
      title: 'Tulip',
      variants: [{ title: 'White', sku: 'TUL-WHT', price: 2, attributes: { colours: ['white'] } }],
    });
    productId = tulip.id;
    white = tulip.variantIds[0] as string;
  });

  const send = (method: 'POST' | 'PATCH' | 'GET', cookie: string | null, url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });
  const titles = async (query: string) =>
    (await send('GET', owner, `/api/products?${query}`)).json().items.map((i: { title: string }) => i.title);

  it('adds a variant, found by its colour and SKU at once', async () => {
    const lemon = { title: 'Lemon', sku: 'TUL-LEM', price: 2.25, unitCost: 0.8, attributes: { colours: ['lemon'] } };
    expect((await send('POST', null, `/api/products/${productId}/variants`, lemon)).statusCode).toBe(401);
    expect((await send('POST', manager, `/api/products/${productId}/variants`, lemon)).statusCode).toBe(403);
    expect((await send('POST', otherOwner, `/api/products/${productId}/variants`, lemon)).statusCode).toBe(404);
    const res = await send('POST', owner, `/api/products/${productId}/variants`, lemon);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().variants.map((v: { title: string; sku: string; price: number }) => [v.title, v.sku, v.price])).toEqual([
      ['White', 'TUL-WHT', 2],
      ['Lemon', 'TUL-LEM', 2.25],
    ]);
    expect(await titles('colour=lemon')).toEqual(['Tulip']);
    expect(await titles('q=tul-lem')).toEqual(['Tulip']);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('retailer_id', '=', retailerId)
      .where('subject_id', '=', productId)
      .execute();
    expect(audit.map((a) => a.action)).toContain('variant.created');
  });

  it('refuses a bad variant, naming the field', async () => {
    const bad = async (payload: object, url = `/api/products/${productId}/variants`) => {
      const res = await send('POST', owner, url, payload);
      expect(res.statusCode, res.body).toBe(400);
      return res
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .join(' ');
    };
    expect(await bad({ title: 'Red', price: -1 })).toContain('price');
    expect(await bad({ title: 'Red', price: '2,50' })).toContain('price');
    expect(await bad({ title: 'Red', price: 2, sku: 'TUL-WHT' })).toBe('variant[0].sku');
    expect(await bad({ title: 'Red', price: 2, attributes: { colours: ['not-a-colour'] } })).toBe('variant[0].attributes.colours[0]');
    expect(await bad({ title: '', price: 2 })).toContain('title');
    expect((await send('POST', owner, '/api/products/prd_nope/variants', { title: 'Red', price: 2 })).statusCode).toBe(404);
  });

  it('stops at the most variants a product may have', async () => {
    const big = await buildProduct(ctx.deps.db, {
      retailerId,
      title: 'Ribbon',
      variants: Array.from({ length: MAX_VARIANTS }, (_, i) => ({ title: `Shade ${i}`, price: 1 })),
    });
    const res = await send('POST', owner, `/api/products/${big.id}/variants`, { title: 'One more', price: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('variants');
  });

  it('edits a variant’s price, SKU and colours, and retires it from the list and its filters', async () => {
    const url = `/api/variants/${white}`;
    expect((await send('PATCH', null, url, { price: 2.5 })).statusCode).toBe(401);
    expect((await send('PATCH', manager, url, { price: 2.5 })).statusCode).toBe(403);
    expect((await send('PATCH', otherOwner, url, { price: 2.5 })).statusCode).toBe(404);
    expect((await send('PATCH', owner, '/api/variants/var_nope', { price: 2.5 })).statusCode).toBe(404);
    expect((await send('PATCH', owner, url, { price: -2 })).statusCode).toBe(400);
    const taken = await send('PATCH', owner, url, { sku: 'TUL-LEM' });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.fields[0].field).toBe('sku');
    expect((await send('PATCH', owner, url, { attributes: { colours: ['moon-grey'] } })).json().error.fields[0].field).toBe(
      'attributes.colours[0]',
    );

    const edited = await send('PATCH', owner, url, { price: 2.5, sku: 'TUL-IVORY', title: 'Ivory', attributes: { colours: ['ivory'] } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().variants[0]).toMatchObject({ title: 'Ivory', sku: 'TUL-IVORY', price: 2.5, retired: false });
    expect(await titles('colour=ivory')).toEqual(['Tulip']);
    expect(await titles('colour=white')).toEqual([]);
    expect(await titles('q=tul-ivory')).toEqual(['Tulip']);

    const retired = await send('PATCH', owner, url, { retired: true });
    expect(retired.statusCode).toBe(200);
    expect(retired.json().variants.find((v: { id: string }) => v.id === white)).toMatchObject({ retired: true });
    // A retired variant no longer makes its product match its colour, nor counts in its price range.
    expect(await titles('colour=ivory')).toEqual([]);
    const [tulip] = (await send('GET', owner, '/api/products?q=tulip')).json().items;
    expect(tulip).toMatchObject({ priceFrom: 2.25, priceTo: 2.25, variants: 1 });
    expect((await send('PATCH', owner, url, { retired: false })).json().variants[0].retired).toBe(false);
    expect(await titles('colour=ivory')).toEqual(['Tulip']);
  });
});
