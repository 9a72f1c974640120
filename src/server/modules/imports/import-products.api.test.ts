import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/helpers/app.ts';
import { buildStaff } from '../../demo/factories.ts';
import type { AuditContext } from '../audit/audit.repo.ts';
import { importProducts } from './import-products.ts';
import { importStockLevels } from './import-stock.ts';

const ctx = setupTestApp();

/**
 * A product export in Shopify's layout, written for these tests: a product with two options over
 * continuation rows, an image-only row, a single-variant product, a rounded barcode, bad rows, and a
 * product with a picture but no variant.
 */
const SHOPIFY = [
  'Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Position,Image Alt Text,Gift Card,Cost per item,Status',
  'velvet-cushion,Velvet cushion,"<p>Soft cotton velvet, <strong>feather</strong> pad.</p>",Hearth,Home & Garden > Decor > Cushions,Cushions,,TRUE,Colour,Teal,Size,45 cm,,,VC-TEAL-45,400,shopify,12,deny,manual,35.00,,TRUE,TRUE,2000000000015,https://images.example/velvet-teal.jpg,1,Teal velvet cushion,FALSE,14.00,active',
  'velvet-cushion,,,,,,,,,Teal,,60 cm,,,VC-TEAL-60,600,shopify,4,deny,manual,45.00,,TRUE,TRUE,4.6347E+11,,,,,18.00,',
  'velvet-cushion,,,,,,,,,Blush,,45 cm,,,VC-BLUSH-45,400,shopify,0,deny,manual,"35,00",,TRUE,TRUE,,,,,,14.00,',
  'velvet-cushion,,,,,,,,,,,,,,,,,,,,,,,,,https://images.example/velvet-room.jpg,2,In a living room,,,',
  'linen-throw,Linen throw,Stonewashed linen.,Hearth,,Throws,,TRUE,Title,Default Title,,,,,LT-OAT,900,shopify,7,deny,manual,69.00,,TRUE,TRUE,,javascript:alert(1),1,x,FALSE,30.00,draft',
  ',Orphan row,,,,,,,,,,,,,X-1,,,,,,5,,,,,,,,,,',
  'brass-candlestick,Brass candlestick,,Hearth,,Candles,,TRUE,Title,Default Title,,,,,BC-1,,,,,,-4,,,,,,,,,,active',
  'glass-cloche,Glass cloche,,,,,,,,,,,,,,,,,,,,,,,,https://images.example/cloche.jpg,,,,,',
].join('\n');

const stream = async function* (text: string) {
  yield Buffer.from(text);
};

describe('importing products', () => {
  let retailerId: string;
  let storeId: string;
  let audit: AuditContext;

  beforeAll(async () => {
    const owner = await buildStaff(ctx.deps.db, { role: 'owner' });
    retailerId = owner.retailer_id;
    storeId = owner.storeIds[0] as string;
    audit = { retailerId, actorType: 'system', actorId: null, requestId: null, ip: null };
  });

  it('reads a Shopify export: variants from continuation rows, options, images, stock, and bad rows reported', async () => {
    const report = await importProducts(ctx.deps, audit, stream(SHOPIFY), { fileName: 'products.csv', storeId });
    expect(report).toMatchObject({ products: 2, variants: 3, matched: 0, failed: 4 });
    expect(report.errors.map((e) => e.line)).toEqual([4, 7, 8, 9]);
    expect(report.errors[3]?.reason).toContain('no variant with a price');
    expect(report.errors[0]?.reason).toContain('comma');
    expect(report.errors[1]?.reason).toContain('handle');
    expect(report.errors[2]?.reason).toContain('below zero');
    expect(report.warnings.map((w) => w.line)).toEqual([3, 6]);
    const products = await ctx.deps.db
      .selectFrom('products')
      .select(['id', 'handle', 'title', 'description', 'status', 'images', 'category_id'])
      .where('retailer_id', '=', retailerId)
      .orderBy('handle')
      .execute();
    expect(products.map((p) => [p.handle, p.status])).toEqual([
      ['linen-throw', 'retired'],
      ['velvet-cushion', 'active'],
    ]);
    const cushion = products[1];
    expect(cushion?.description).toBe('Soft cotton velvet, feather pad.');
    expect(cushion?.images).toEqual([
      { url: 'https://images.example/velvet-teal.jpg', alt: 'Teal velvet cushion' },
      { url: 'https://images.example/velvet-room.jpg', alt: 'In a living room' },
    ]);
    expect(products[0]?.images).toEqual([]);
    const variants = await ctx.deps.db
      .selectFrom('variants')
      .select(['title', 'options', 'sku', 'barcode', 'price', 'unit_cost', 'id'])
      .where('retailer_id', '=', retailerId)
      .where('product_id', '=', cushion?.id as string)
      .orderBy('position')
      .execute();
    expect(variants.map((v) => [v.title, v.options, v.sku, v.barcode, v.price, v.unit_cost])).toEqual([
      ['Teal / 45 cm', { Colour: 'Teal', Size: '45 cm' }, 'VC-TEAL-45', '2000000000015', 35, 14],
      ['Teal / 60 cm', { Colour: 'Teal', Size: '60 cm' }, 'VC-TEAL-60', null, 45, 18],
    ]);
    const stock = await ctx.deps.db
      .selectFrom('stock_levels')
      .select(['variant_id', 'on_hand'])
      .where('retailer_id', '=', retailerId)
      .where('store_id', '=', storeId)
      .execute();
    expect(stock.find((s) => s.variant_id === variants[0]?.id)?.on_hand).toBe(12);
    const path = await ctx.deps.db
      .selectFrom('categories')
      .select(['name', 'parent_id'])
      .where('id', '=', cushion?.category_id as string)
      .executeTakeFirst();
    expect(path?.name).toBe('Cushions');
  });

  it('changes nothing when the same file is imported again', async () => {
    const again = await importProducts(ctx.deps, audit, stream(SHOPIFY), { fileName: 'products.csv', storeId });
    expect(again).toMatchObject({ products: 0, variants: 0, matched: 2 });
    const moves = await ctx.deps.db.selectFrom('stock_movements').select('id').where('retailer_id', '=', retailerId).execute();
    expect(moves).toHaveLength(3);
  });

  it('keeps the first 250 variants of a Handle and reports each row beyond them, over 50,000 rows in reasonable time', async () => {
    const header = 'Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Image Src';
    const rows = Array.from(
      { length: 50_000 },
      (_, i) =>
        `ribbon-spool,${i === 0 ? 'Ribbon spool' : ''},${i === 0 ? 'Shade' : ''},Shade ${i === 8 ? 7 : i},,2.50,https://images.example/spool-${i}.jpg`,
    );
    const started = performance.now();
    const report = await importProducts(ctx.deps, audit, stream([header, ...rows].join('\n')), { fileName: 'spools.csv' });
    const seconds = (performance.now() - started) / 1000;
    // Line 2 holds the first variant and line 10 repeats "Shade 7", so the 250th variant kept is on
    // line 252 and every row from line 253 on is one too many (the first thousand problems are listed).
    expect(report).toMatchObject({ lines: 50_000, products: 1, variants: 250, failed: 49_750 });
    expect(report.errors[0]).toEqual({ line: 10, reason: 'ribbon-spool has the variant "Shade 7" twice' });
    expect(report.errors[1]).toEqual({ line: 253, reason: 'ribbon-spool has more than 250 variants; make another product for the rest' });
    expect(report.errors.at(-1)?.line).toBe(1251);
    const product = await ctx.deps.db
      .selectFrom('products')
      .select(['id', 'images'])
      .where('retailer_id', '=', retailerId)
      .where('handle', '=', 'ribbon-spool')
      .executeTakeFirstOrThrow();
    expect(product.images).toHaveLength(20);
    const variants = await ctx.deps.db
      .selectFrom('variants')
      .select(['title'])
      .where('retailer_id', '=', retailerId)
      .where('product_id', '=', product.id)
      .orderBy('position')
      .execute();
    expect(variants).toHaveLength(250);
    expect(variants.at(-1)?.title).toBe('Shade 250');
    // Reading rows one by one against a list of all earlier ones took minutes; a linear read takes a few seconds even on a busy machine.
    expect(seconds).toBeLessThan(30);
  });

  it('reads another shop’s CSV through a column mapping, one product per row', async () => {
    const csv = ['Name,Cost,Code,Photo', 'Oak bowl,24.50,OAK-1,https://images.example/oak.jpg', 'Ash bowl,19.00,ASH-1,'].join('\n');
    const report = await importProducts(ctx.deps, audit, stream(csv), {
      fileName: 'bowls.csv',
      mapping: { Name: 'title', Cost: 'price', Code: 'sku', Photo: 'imageSrc' },
    });
    expect(report).toMatchObject({ products: 2, variants: 2, failed: 0 });
    await expect(importProducts(ctx.deps, audit, stream('Name,Cost\nOak,1'), { fileName: 'x.csv' })).rejects.toThrow(
      'not a Shopify product export',
    );
  });
});

describe('counting stock from a file', () => {
  it('sets units on hand by SKU or barcode, reports bad lines, and moves nothing the second time', async () => {
    const owner = await buildStaff(ctx.deps.db, { role: 'owner' });
    const audit: AuditContext = { retailerId: owner.retailer_id, actorType: 'system', actorId: null, requestId: null, ip: null };
    const storeId = owner.storeIds[0] as string;
    await importProducts(ctx.deps, audit, stream(SHOPIFY), { fileName: 'products.csv' });
    const csv = [
      'SKU,Barcode,On hand',
      'VC-TEAL-45,,9',
      ',2000000000015,9',
      'VC-TEAL-60,,3',
      'NOPE,,1',
      'VC-TEAL-60,,-2',
      'LT-OAT,,two',
    ].join('\n');
    const report = await importStockLevels(ctx.deps, audit, stream(csv), { storeId, fileName: 'count.csv' });
    expect(report).toMatchObject({ lines: 6, counted: 2, unchanged: 1, failed: 3 });
    expect(report.errors.map((e) => e.line)).toEqual([5, 6, 7]);
    const again = await importStockLevels(ctx.deps, audit, stream(csv), { storeId, fileName: 'count.csv' });
    expect(again).toMatchObject({ counted: 0, unchanged: 3 });
    const levels = await ctx.deps.db
      .selectFrom('stock_levels')
      .select('on_hand')
      .where('retailer_id', '=', owner.retailer_id)
      .orderBy('on_hand')
      .execute();
    expect(levels.map((l) => l.on_hand)).toEqual([3, 9]);
  });
});
