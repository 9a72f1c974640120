import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/helpers/app.ts';
import { buildStaff } from '../../demo/factories.ts';
import type { AuditContext } from '../audit/audit.repo.ts';
import { importSalesHistory } from './import-sales.ts';

const ctx = setupTestApp();

/** A till's history in the Online Retail layout, with its quirks: a cancellation, postage, a walk-in, bad lines. */
const HISTORY = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom',
  '536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom',
  '536365,POST,POSTAGE,1,2010-12-01 08:26:00,18,17850.0,United Kingdom',
  '536366,85123a,"HEART, WHITE HANGING",2,2010-12-01 08:28:00,2.55,,United Kingdom',
  '536367,22752,SET 7 BABUSHKA NESTING BOXES,2,2011-06-15 09:00:00,7.65,13047.0,EIRE',
  '536367,22752,SET 7 BABUSHKA NESTING BOXES,0,2011-06-15 09:00:00,7.65,13047.0,EIRE',
  'C536368,71053,WHITE METAL LANTERN,-2,2011-06-16 10:00:00,3.39,17850.0,United Kingdom',
  '536369,21730,GLASS STAR FROSTED T-LIGHT HOLDER,3,yesterday,4.25,17850.0,United Kingdom',
  '',
].join('\r\n');

const stream = async function* (text: string) {
  yield Buffer.from(text);
};

describe('importing a sales history', () => {
  let retailerId: string;
  let storeId: string;
  let audit: AuditContext;

  beforeAll(async () => {
    const owner = await buildStaff(ctx.deps.db, { role: 'owner' });
    retailerId = owner.retailer_id;
    storeId = owner.storeIds[0] as string;
    audit = { retailerId, actorType: 'system', actorId: null, requestId: null, ip: null };
  });

  it('creates products, customers and sales from the lines, keeping good lines and reporting bad ones', async () => {
    const report = await importSalesHistory(ctx.deps, audit, stream(HISTORY), { storeId, fileName: 'history.csv' });
    expect(report).toMatchObject({ lines: 8, invoices: 4, created: 4, skipped: 0, products: 3, customers: 2, failed: 2 });
    expect(report.errors.map((e) => e.line)).toEqual([7, 9]);
    expect(report.errors[0]?.reason).toContain('quantity');
    expect(report.errors[1]?.reason).toContain('date');
    const sales = await ctx.deps.db
      .selectFrom('sales')
      .select(['external_id', 'kind', 'total', 'customer_id', 'sold_at'])
      .where('retailer_id', '=', retailerId)
      .orderBy('external_id')
      .execute();
    expect(sales.map((s) => [s.external_id, s.kind, s.total])).toEqual([
      ['536365', 'sale', 53.64],
      ['536366', 'sale', 5.1],
      ['536367', 'sale', 15.3],
      ['C536368', 'return', -6.78],
    ]);
    expect(sales[1]?.customer_id).toBeNull();
    // Read in the store's zone: 09:00 in June in London is 08:00 UTC.
    expect(sales[2]?.sold_at.toISOString()).toBe('2011-06-15T08:00:00.000Z');
    const lines = await sql<{ sku: string; variant: string | null; description: string }>`
      select l.sku, l.variant_id as variant, l.description from sale_lines l join sales s on s.retailer_id = l.retailer_id and s.id = l.sale_id
      where s.retailer_id = ${retailerId} order by s.external_id, l.line_no`.execute(ctx.deps.db);
    expect(lines.rows.find((l) => l.sku === 'POST')?.variant).toBeNull();
    expect(lines.rows.filter((l) => l.sku === '85123A').map((l) => l.description)).toEqual([
      'WHITE HANGING HEART T-LIGHT HOLDER',
      'HEART, WHITE HANGING',
    ]);
    const product = await ctx.deps.db
      .selectFrom('products as p')
      .innerJoin('variants as v', (j) => j.onRef('v.retailer_id', '=', 'p.retailer_id').onRef('v.product_id', '=', 'p.id'))
      .select(['p.title', 'v.price'])
      .where('p.retailer_id', '=', retailerId)
      .where('v.sku', '=', '85123A')
      .executeTakeFirstOrThrow();
    expect(product).toEqual({ title: 'White hanging heart t-light holder', price: 2.55 });
    const customer = await ctx.deps.db
      .selectFrom('customers')
      .select(['spend', 'purchases', 'visits', 'address'])
      .where('retailer_id', '=', retailerId)
      .where('import_key', '=', 'history:17850')
      .executeTakeFirstOrThrow();
    expect(customer).toMatchObject({ spend: 46.86, purchases: 1, visits: 1, address: { country: 'GB' } });
    const irish = await ctx.deps.db
      .selectFrom('customers')
      .select('address')
      .where('import_key', '=', 'history:13047')
      .executeTakeFirstOrThrow();
    expect(irish.address).toMatchObject({ country: 'IE' });
    // Stock is not moved by history.
    const moved = await ctx.deps.db.selectFrom('stock_movements').select('id').where('retailer_id', '=', retailerId).execute();
    expect(moved).toHaveLength(0);
  });

  it('changes nothing when the same file is imported again', async () => {
    const again = await importSalesHistory(ctx.deps, audit, stream(HISTORY), { storeId, fileName: 'history.csv' });
    expect(again).toMatchObject({ created: 0, skipped: 4, products: 0, customers: 0 });
    const { rows } = await sql<{ n: number; spend: number }>`
      select count(*)::int as n, sum(spend)::float as spend from customers where retailer_id = ${retailerId}`.execute(ctx.deps.db);
    expect(rows[0]).toEqual({ n: 2, spend: 62.16 });
  });

  it('refuses a file whose first line does not name the columns', async () => {
    await expect(importSalesHistory(ctx.deps, audit, stream('536365,85123A,WHITE,6\r\n'), { storeId, fileName: 'x.csv' })).rejects.toThrow(
      'missing',
    );
  });
});
