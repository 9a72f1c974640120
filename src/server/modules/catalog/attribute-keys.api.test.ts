import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { demoVocabulary } from '../../../shared/domain/demo-vocabulary.ts';
import { buildStaff } from '../../demo/factories.ts';
import { upsertTerms } from '../vocabulary/vocabulary.repo.ts';

const ctx = setupTestApp();

describe("the retailer's own product attributes", () => {
  let owner: string;
  let manager: string;
  let associate: string;
  let otherOwner: string;

  beforeAll(async () => {
    const o = await buildStaff(ctx.deps.db, { role: 'owner' });
    await upsertTerms(ctx.deps.db, o.retailer_id, demoVocabulary('florist'));
    owner = await signIn(ctx.app, o.email);
    manager = await signIn(
      ctx.app,
      (await buildStaff(ctx.deps.db, { retailerId: o.retailer_id, role: 'manager', storeIds: o.storeIds })).email,
    );
    associate = await signIn(
      ctx.app,
      (await buildStaff(ctx.deps.db, { retailerId: o.retailer_id, role: 'associate', storeIds: o.storeIds })).email,
    );
    otherOwner = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { role: 'owner' })).email);
  });

  const send = (method: 'GET' | 'POST' | 'PATCH', cookie: string | null, url: string, payload?: unknown) =>
    ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  const fieldsOf = (res: { json: () => { error: { fields: { field: string }[] } } }) => res.json().error.fields.map((f) => f.field);

  const vaseLife = { key: 'vase-life-days', label: 'Vase life (days)', valueType: 'number', help: 'Days a stem lasts in fresh water.' };

  it('lets the owner declare attributes; staff read them; managers and associates may not declare', async () => {
    expect((await send('POST', null, '/api/product-attributes', vaseLife)).statusCode).toBe(401);
    expect((await send('GET', null, '/api/product-attributes')).statusCode).toBe(401);
    expect((await send('POST', manager, '/api/product-attributes', vaseLife)).statusCode).toBe(403);
    expect((await send('POST', associate, '/api/product-attributes', vaseLife)).statusCode).toBe(403);
    const created = await send('POST', owner, '/api/product-attributes', vaseLife);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({ ...vaseLife, vocabularyKind: null });
    for (const body of [
      { key: 'gift-wrapped', label: 'Gift wrapped', valueType: 'boolean' },
      { key: 'grower', label: 'Grower', valueType: 'text' },
      { key: 'ribbon', label: 'Ribbon colours', valueType: 'vocabulary', vocabularyKind: 'colour' },
    ])
      expect((await send('POST', owner, '/api/product-attributes', body)).statusCode).toBe(201);
    const list = await send('GET', associate, '/api/product-attributes');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: { key: string; valueType: string }) => `${a.key}:${a.valueType}`)).toEqual([
      'gift-wrapped:boolean',
      'grower:text',
      'ribbon:vocabulary',
      'vase-life-days:number',
    ]);
    expect((await send('GET', otherOwner, '/api/product-attributes')).json().items).toEqual([]);
  });

  it('refuses a bad declaration, naming the field, and a key declared twice', async () => {
    const bad = async (body: unknown) => {
      const res = await send('POST', owner, '/api/product-attributes', body);
      expect(res.statusCode, res.body).toBe(400);
      return fieldsOf(res).join(' ');
    };
    expect(await bad({ ...vaseLife, key: 'Vase Life' })).toContain('key');
    expect(await bad({ ...vaseLife, key: 'fine', valueType: 'date' })).toContain('valueType');
    expect(await bad({ key: 'fine', label: 'Fine', valueType: 'vocabulary' })).toBe('vocabularyKind');
    expect(await bad({ key: 'fine', label: 'Fine', valueType: 'text', vocabularyKind: 'room' })).toBe('vocabularyKind');
    expect(await bad({ ...vaseLife, key: 'fine', label: '' })).toContain('label');
    const twice = await send('POST', owner, '/api/product-attributes', { ...vaseLife, label: 'Again' });
    expect(twice.statusCode).toBe(409);
    expect(fieldsOf(twice)).toEqual(['key']);
    // Another retailer has keys of its own.
    expect((await send('POST', otherOwner, '/api/product-attributes', vaseLife)).statusCode).toBe(201);
  });

  it('checks product values against the declared kind and refuses undeclared keys', async () => {
    const product = (custom: Record<string, unknown>, variantCustom?: Record<string, unknown>) =>
      send('POST', owner, '/api/products', {
        title: 'Peony',
        attributes: { custom },
        variants: [{ title: 'Coral', price: 4, ...(variantCustom ? { attributes: { custom: variantCustom } } : {}) }],
      });
    const ok = await product(
      { 'vase-life-days': 7, 'gift-wrapped': true, grower: 'Hoek', ribbon: ['white', 'sage'] },
      { ribbon: ['blush'] },
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().attributes.custom).toEqual({ 'vase-life-days': 7, 'gift-wrapped': true, grower: 'Hoek', ribbon: ['white', 'sage'] });
    expect(ok.json().variants[0].attributes.custom).toEqual({ ribbon: ['blush'] });
    const refused = async (custom: Record<string, unknown>, message: string) => {
      const res = await product(custom);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toContain(message);
      return fieldsOf(res);
    };
    expect(await refused({ 'stem-length': 'long' }, 'declare it first')).toEqual(['attributes.custom.stem-length']);
    expect(await refused({ 'vase-life-days': 'seven' }, 'Vase life (days) takes a number')).toEqual(['attributes.custom.vase-life-days']);
    expect(await refused({ 'gift-wrapped': 'yes' }, 'yes or no')).toEqual(['attributes.custom.gift-wrapped']);
    expect(await refused({ grower: 3 }, 'Grower takes words')).toEqual(['attributes.custom.grower']);
    expect(await refused({ ribbon: 'white' }, 'list of colour keys')).toEqual(['attributes.custom.ribbon']);
    expect(await refused({ ribbon: ['white', 'kitchen'] }, 'not a colour in your vocabulary')).toEqual(['attributes.custom.ribbon[1]']);
    const patched = await send('PATCH', owner, `/api/variants/${ok.json().variants[0].id}`, { attributes: { custom: { grower: false } } });
    expect(patched.statusCode).toBe(400);
    expect(fieldsOf(patched)).toEqual(['attributes.custom.grower']);
  });

  it('renames an attribute and changes its help; its kind of value only while no product uses it', async () => {
    expect((await send('PATCH', null, '/api/product-attributes/grower', { label: 'Farm' })).statusCode).toBe(401);
    expect((await send('PATCH', manager, '/api/product-attributes/grower', { label: 'Farm' })).statusCode).toBe(403);
    expect((await send('PATCH', owner, '/api/product-attributes/nothing-here', { label: 'Farm' })).statusCode).toBe(404);
    expect((await send('PATCH', otherOwner, '/api/product-attributes/grower', { label: 'Farm' })).statusCode).toBe(404);
    const renamed = await send('PATCH', owner, '/api/product-attributes/grower', { label: 'Farm', help: 'Who grew it.' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toEqual({ key: 'grower', label: 'Farm', valueType: 'text', vocabularyKind: null, help: 'Who grew it.' });
    const inUse = await send('PATCH', owner, '/api/product-attributes/grower', { valueType: 'number' });
    expect(inUse.statusCode).toBe(409);
    expect(fieldsOf(inUse)).toEqual(['valueType']);
    expect((await send('PATCH', owner, '/api/product-attributes/ribbon', { vocabularyKind: 'room' })).statusCode).toBe(409);
    const unused = await send('POST', owner, '/api/product-attributes', { key: 'stem-length', label: 'Stem length', valueType: 'text' });
    expect(unused.statusCode).toBe(201);
    expect((await send('PATCH', owner, '/api/product-attributes/stem-length', { valueType: 'vocabulary' })).statusCode).toBe(400);
    const changed = await send('PATCH', owner, '/api/product-attributes/stem-length', { valueType: 'vocabulary', vocabularyKind: 'size' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ valueType: 'vocabulary', vocabularyKind: 'size' });
    expect((await send('PATCH', owner, '/api/product-attributes/stem-length', { valueType: 'number' })).json()).toMatchObject({
      valueType: 'number',
      vocabularyKind: null,
    });
    expect((await send('PATCH', owner, '/api/product-attributes/stem-length', { nonsense: 1 })).statusCode).toBe(400);
  });
});
