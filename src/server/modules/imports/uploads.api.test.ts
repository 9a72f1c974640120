import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { buildRetailer, buildStaff, buildStore } from '../../demo/factories.ts';

const ctx = setupTestApp();

let owner: string;
let manager: string;
let associate: string;
let riverside: string;
let oldTown: string;

const PRODUCTS = [
  'Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Qty,Image Src',
  'bud-vase,Bud vase,Colour,Smoke,BV-SMOKE,18.00,4,https://images.example/bud-smoke.jpg',
  'bud-vase,,,Amber,BV-AMBER,18.00,2,',
  'tealight,Tealight set,Title,Default Title,TL-1,6.50,10,javascript:alert(1)',
  'broken,Broken,Title,Default Title,BR-1,"6,50",1,',
].join('\n');

const HISTORY = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '900001,BV-SMOKE,BUD VASE SMOKE,1,2026-03-01 10:00:00,18,4001,United Kingdom',
  '900001,NEW-1,GLASS CLOCHE,1,2026-03-01 10:00:00,24,4001,United Kingdom',
  '900002,TL-1,TEALIGHT SET,2,2026-03-02 11:00:00,6.5,,United Kingdom',
  '900003,TL-1,TEALIGHT SET,two,2026-03-02 11:00:00,6.5,,United Kingdom',
].join('\n');

function upload(cookie: string, kind: string, body: string | Buffer, query: Record<string, string>) {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/imports/${kind}?${new URLSearchParams(query)}`,
    headers: { cookie, 'content-type': 'application/octet-stream' },
    payload: body,
  });
}

const onHand = async (sku: string, storeId: string) => {
  const row = await ctx.deps.db
    .selectFrom('stock_levels as s')
    .innerJoin('variants as v', (j) => j.onRef('v.retailer_id', '=', 's.retailer_id').onRef('v.id', '=', 's.variant_id'))
    .select('s.on_hand')
    .where('v.sku', '=', sku)
    .where('s.store_id', '=', storeId)
    .executeTakeFirst();
  return row?.on_hand ?? 0;
};

beforeAll(async () => {
  const r = await buildRetailer(ctx.deps.db, { country: 'GB' });
  riverside = (await buildStore(ctx.deps.db, { retailerId: r.id, name: 'Riverside' })).id;
  oldTown = (await buildStore(ctx.deps.db, { retailerId: r.id, name: 'Old Town' })).id;
  owner = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { retailerId: r.id, storeIds: [riverside, oldTown], role: 'owner' })).email);
  manager = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { retailerId: r.id, storeIds: [riverside], role: 'manager' })).email);
  associate = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { retailerId: r.id, storeIds: [riverside] })).email);
});

describe('uploading catalog, stock and sales files', () => {
  it('imports a product export into the catalog, counting its quantities into a store, and reports every row', async () => {
    expect((await upload(manager, 'products', PRODUCTS, { fileName: 'products.csv' })).statusCode).toBe(403);
    const res = await upload(owner, 'products', PRODUCTS, { fileName: 'products.csv', store: riverside });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({
      kind: 'products',
      format: 'shopify',
      status: 'completed',
      fileName: 'products.csv',
      store: { id: riverside, name: 'Riverside' },
      rows: 4,
      created: 2,
      matched: 0,
      failed: 1,
      details: { variants: 3 },
      bytesRead: Buffer.byteLength(PRODUCTS),
    });
    expect(report.errors).toEqual([{ line: 5, reason: expect.stringContaining('comma') }]);
    expect(report.warnings).toEqual([{ line: 4, reason: expect.stringContaining('not an http(s) address') }]);
    expect(await onHand('BV-SMOKE', riverside)).toBe(4);

    const again = (await upload(owner, 'products', PRODUCTS, { fileName: 'products.csv', store: riverside })).json();
    expect(again).toMatchObject({ created: 0, matched: 2, failed: 1 });
    expect(await onHand('BV-SMOKE', riverside)).toBe(4);
  });

  it('counts stock into a store the manager works in, and not into another', async () => {
    const count = 'SKU,Quantity\nBV-SMOKE,6\nBV-AMBER,2\nNOPE,1\n';
    expect((await upload(associate, 'stock', count, { fileName: 'count.csv', store: riverside })).statusCode).toBe(403);
    const elsewhere = await upload(manager, 'stock', count, { fileName: 'count.csv', store: oldTown });
    expect(elsewhere.statusCode).toBe(403);
    const unknown = await upload(manager, 'stock', count, { fileName: 'count.csv', store: 'str_nope' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].field).toBe('store');

    const res = await upload(manager, 'stock', count, { fileName: 'count.csv', store: riverside });
    expect(res.json()).toMatchObject({ kind: 'stock', rows: 3, created: 1, matched: 1, failed: 1, store: { name: 'Riverside' } });
    expect(res.json().errors).toEqual([{ line: 4, reason: 'SKU NOPE is not in the catalog' }]);
    expect(await onHand('BV-SMOKE', riverside)).toBe(6);
  });

  it('imports a packed sales history, creating what it names, and a second run adds nothing', async () => {
    const packed = gzipSync(HISTORY);
    expect((await upload(manager, 'sales', packed, { fileName: 'history.csv.gz', store: riverside })).statusCode).toBe(403);
    const res = await upload(owner, 'sales', packed, { fileName: 'history.csv.gz', store: riverside });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'sales',
      format: 'online-retail',
      status: 'completed',
      bytesTotal: null,
      rows: 4,
      created: 2,
      matched: 0,
      failed: 1,
      details: { invoices: 2, products: 1, customers: 1 },
    });
    const again = (await upload(owner, 'sales', packed, { fileName: 'history.csv.gz', store: riverside })).json();
    expect(again).toMatchObject({ created: 0, matched: 2, details: { products: 0, customers: 0 } });
  });

  it('refuses a file that is not what it claims, recording the failed run with its reason', async () => {
    const res = await upload(owner, 'sales', 'Name,Email\nAda,ada@example.com\n', { fileName: 'people.csv', store: riverside });
    expect(res.statusCode).toBe(400);
    const importId = res.json().error.details.importId;
    const report = (await ctx.app.inject({ method: 'GET', url: `/api/imports/${importId}`, headers: { cookie: owner } })).json();
    expect(report).toMatchObject({ status: 'failed', message: expect.stringContaining('missing') });
  });

  it('lists to each person only the kinds of import their role runs', async () => {
    const kinds = async (cookie: string) =>
      new Set(
        ((await ctx.app.inject({ method: 'GET', url: '/api/imports', headers: { cookie } })).json().items as { kind: string }[]).map(
          (i) => i.kind,
        ),
      );
    expect(await kinds(owner)).toEqual(new Set(['products', 'stock', 'sales']));
    expect(await kinds(manager)).toEqual(new Set(['stock']));
    expect(await kinds(associate)).toEqual(new Set());
    const sales = (await ctx.app.inject({ method: 'GET', url: '/api/imports?kind=sales', headers: { cookie: manager } })).statusCode;
    expect(sales).toBe(403);
    const [first] = (await ctx.app.inject({ method: 'GET', url: '/api/imports?kind=products', headers: { cookie: owner } })).json().items;
    const hidden = await ctx.app.inject({ method: 'GET', url: `/api/imports/${first.id}`, headers: { cookie: manager } });
    expect(hidden.statusCode).toBe(404);
  });
});
