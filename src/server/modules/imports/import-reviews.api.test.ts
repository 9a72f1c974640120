import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { buildProduct, buildRetailer, buildStaff, buildStore } from '../../demo/factories.ts';
import { importReviews } from './import-reviews.ts';

const ctx = setupTestApp();

/** 51 real reviews (CC0): titles and none, texts over several lines, inch marks, three without text. */
const FIXTURE = readFileSync(join(import.meta.dirname, '../../../../test/fixtures/reviews/womens_clothing_reviews_excerpt.csv'));
const FILE_NAME = 'womens_clothing_reviews_excerpt.csv';
const HEADER = ',Clothing ID,Age,Title,Review Text,Rating,Recommended IND,Positive Feedback Count,Division Name,Department Name,Class Name';

let owner: string;
let manager: string;
let retailerId: string;
let storeId: string;
let otherOwner: string;
let otherRetailerId: string;
let skuProductId: string;
let handleProductId: string;

interface Report {
  id: string;
  kind: string;
  status: string;
  rows: number;
  created: number;
  matched: number;
  failed: number;
  details: { mapped?: number; unmapped?: number; unmappedProducts?: { ref: string; reviews: number }[] };
  errors: { line: number; reason: string }[];
}

const upload = (cookie: string | null, body: string | Buffer, query: Record<string, string>) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/imports/reviews?${new URLSearchParams(query)}`,
    headers: { ...(cookie ? { cookie } : {}), 'content-type': 'application/octet-stream' },
    payload: body,
  });

const imported = (retailer: string, source: string) =>
  ctx.deps.db
    .selectFrom('feedback_responses')
    .select([
      'source_ref',
      'kind',
      'request_id',
      'encounter_id',
      'store_id',
      'customer_id',
      'product_id',
      'satisfaction',
      'comment',
      'poor',
    ])
    .where('retailer_id', '=', retailer)
    .where('source', '=', source)
    .execute();

beforeAll(async () => {
  const r = await buildRetailer(ctx.deps.db, { country: 'GB' });
  retailerId = r.id;
  await ctx.deps.db
    .updateTable('retailers')
    .set({ feedback_watch_words: ['zipper'] })
    .where('id', '=', retailerId)
    .execute();
  storeId = (await buildStore(ctx.deps.db, { retailerId, name: 'Riverside' })).id;
  owner = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { retailerId, storeIds: [storeId], role: 'owner' })).email);
  manager = await signIn(ctx.app, (await buildStaff(ctx.deps.db, { retailerId, storeIds: [storeId], role: 'manager' })).email);
  // Clothing ID 862 is a SKU in this catalog; 1077 is not, but a product handle a mapping can name.
  skuProductId = (await buildProduct(ctx.deps.db, { retailerId, title: 'Knit top', variants: [{ title: 'S', price: 40, sku: '862' }] })).id;
  handleProductId = (await buildProduct(ctx.deps.db, { retailerId, title: 'Swing dress', handle: 'swing-dress' })).id;
  const other = await buildRetailer(ctx.deps.db, { country: 'GB' });
  otherRetailerId = other.id;
  const otherStore = (await buildStore(ctx.deps.db, { retailerId: other.id })).id;
  otherOwner = await signIn(
    ctx.app,
    (await buildStaff(ctx.deps.db, { retailerId: other.id, storeIds: [otherStore], role: 'owner' })).email,
  );
});

describe('importing reviews', () => {
  it('needs the catalog permission (401 signed out, 403 for a manager)', async () => {
    expect((await upload(null, FIXTURE, { fileName: FILE_NAME })).statusCode).toBe(401);
    expect((await upload(manager, FIXTURE, { fileName: FILE_NAME })).statusCode).toBe(403);
  });

  it('imports every rated row as an imported review, products matched by SKU, the rest counted by the file’s id', async () => {
    const res = await upload(owner, FIXTURE, { fileName: FILE_NAME, store: storeId });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    expect(report).toMatchObject({ kind: 'reviews', status: 'completed', rows: 51, created: 51, matched: 0, failed: 0 });
    expect(report.details).toMatchObject({ mapped: 6, unmapped: 45 });
    expect(report.details.unmappedProducts?.slice(0, 2)).toEqual([
      { ref: '1077', reviews: 8 },
      { ref: '1060', reviews: 4 },
    ]);

    const rows = await imported(retailerId, 'womens_clothing_reviews_excerpt');
    expect(rows).toHaveLength(51);
    const byRef = new Map(rows.map((r) => [r.source_ref, r]));
    expect(byRef.get('0')).toEqual({
      source_ref: '0',
      kind: 'imported',
      request_id: null,
      encounter_id: null,
      store_id: storeId,
      customer_id: null,
      product_id: null,
      satisfaction: 4,
      comment: 'Absolutely wonderful - silky and sexy and comfortable',
      poor: false,
    });
    expect(byRef.get('1')?.comment).toContain('i bought a petite and am 5\'8".');
    expect(byRef.get('2')?.comment).toMatch(/^Some major design flaws — I had such high hopes/);
    // A 3-star review mentioning a watch word and a 2-star one are for follow-up; neither opens one.
    expect(byRef.get('2')?.poor).toBe(true);
    expect(byRef.get('5')).toMatchObject({ satisfaction: 2, poor: true });
    // A rating without a title or text is still a review.
    expect(byRef.get('92')).toMatchObject({ satisfaction: 5, comment: null });
    expect(rows.filter((r) => r.product_id === skuProductId)).toHaveLength(6);
  });

  it('adds nothing when the same file is imported again', async () => {
    const again = (await upload(owner, FIXTURE, { fileName: FILE_NAME, store: storeId })).json() as Report;
    expect(again).toMatchObject({ rows: 51, created: 0, matched: 51, failed: 0 });
    expect(await imported(retailerId, 'womens_clothing_reviews_excerpt')).toHaveLength(51);
  });

  it('leaves imported reviews out of the response rates', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/feedback/weekly?storeId=${storeId}`, headers: { cookie: owner } });
    expect(res.statusCode, res.body).toBe(200);
    const weeks = res.json().weeks as { requests: number; responses: number; averageSatisfaction: number | null }[];
    expect(weeks.every((w) => w.requests === 0 && w.responses === 0 && w.averageSatisfaction === null)).toBe(true);
  });

  it('maps products through a mapping (file id → handle or SKU), and only through it', async () => {
    const res = await upload(owner, FIXTURE, {
      fileName: FILE_NAME,
      source: 'mapped',
      mapping: JSON.stringify({ '1077': 'swing-dress', '767': '862' }),
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    expect(report.details).toMatchObject({ mapped: 10, unmapped: 41 });
    const rows = await imported(retailerId, 'mapped');
    expect(rows.filter((r) => r.product_id === handleProductId)).toHaveLength(8);
    // 767 is mapped to SKU 862; the file's own 862 rows are not in the mapping, so stay unmapped.
    expect(
      rows
        .filter((r) => r.product_id === skuProductId)
        .map((r) => r.source_ref)
        .sort(),
    ).toEqual(['0', '13']);
    expect(rows.every((r) => r.store_id === null)).toBe(true);
  });

  it('refuses a mapping naming a product the catalog does not have, or that is not JSON, naming the field', async () => {
    const unknown = await upload(owner, FIXTURE, { fileName: FILE_NAME, source: 'bad-map', mapping: JSON.stringify({ '1077': 'nope' }) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].field).toBe('mapping');
    expect(unknown.json().error.message).toContain('nope');
    const notJson = await upload(owner, FIXTURE, { fileName: FILE_NAME, mapping: '{' });
    expect(notJson.statusCode).toBe(400);
    expect(await imported(retailerId, 'bad-map')).toHaveLength(0);
  });

  it('reports bad rows by line and field and keeps the good ones', async () => {
    const file = [
      HEADER,
      '900,1077,40,Fine,Good fit.,5,1,0,General,Dresses,Dresses',
      '901,1077,40,Too many,Stars,6,1,0,General,Dresses,Dresses',
      '902,1077,40,No stars,Nothing,,1,0,General,Dresses,Dresses',
      `903,1077,40,Long,"${'x'.repeat(5000)}",4,1,0,General,Dresses,Dresses`,
      '904,1077,40,Short row,4',
      '905,1077,40,Half,"Two and a half",2.5,1,0,General,Dresses,Dresses',
      '900,1077,40,Again,Same id,4,1,0,General,Dresses,Dresses',
      '906,1077,40,Open,"never closed,3,1,0,General,Dresses,Dresses',
    ].join('\n');
    const res = await upload(owner, file, { fileName: 'bad.csv' });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    expect(report).toMatchObject({ rows: 8, created: 1, failed: 7 });
    expect(report.errors.map((e) => [e.line, e.reason.split(':')[0]])).toEqual([
      [3, 'rating'],
      [4, 'rating'],
      [5, 'review text'],
      [6, 'row'],
      [7, 'rating'],
      [8, 'id'],
      [9, 'row'],
    ]);
    expect(report.errors[0]?.reason).toContain('"6" is not a whole number from 1 to 5');
    expect(report.errors[2]?.reason).toContain('more than the 5,000 kept');
    expect(report.errors[6]?.reason).toContain('unterminated quote');
    expect((await imported(retailerId, 'bad')).map((r) => r.source_ref)).toEqual(['900']);
  });

  it('refuses a file without a rating column, or a product column it does not have', async () => {
    const noRating = await upload(owner, 'id,Title,Review Text\n1,Nice,Lovely\n', { fileName: 'x.csv' });
    expect(noRating.statusCode).toBe(400);
    expect(noRating.json().error.message).toContain('rating');
    const noColumn = await upload(owner, FIXTURE, { fileName: FILE_NAME, productColumn: 'Style Code' });
    expect(noColumn.statusCode).toBe(400);
    expect(noColumn.json().error.fields[0].field).toBe('productColumn');
  });

  it('keeps each retailer’s imports apart: the same file elsewhere maps to nothing here and changes nothing here', async () => {
    const res = await upload(otherOwner, FIXTURE, { fileName: FILE_NAME });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    // The other catalog has no SKU 862: every review is unmapped there.
    expect(report).toMatchObject({ created: 51, matched: 0 });
    expect(report.details).toMatchObject({ mapped: 0, unmapped: 51 });
    expect((await imported(otherRetailerId, 'womens_clothing_reviews_excerpt')).every((r) => r.product_id === null)).toBe(true);
    expect(await imported(retailerId, 'womens_clothing_reviews_excerpt')).toHaveLength(51);
    // Nor can it import into this retailer's store, or read this retailer's runs.
    expect((await upload(otherOwner, FIXTURE, { fileName: FILE_NAME, store: storeId })).statusCode).toBeGreaterThanOrEqual(400);
    const list = await ctx.app.inject({ method: 'GET', url: '/api/imports?kind=reviews', headers: { cookie: otherOwner } });
    expect((list.json().items as Report[]).map((i) => i.id)).toEqual([report.id]);
    const theirs = await ctx.app.inject({ method: 'GET', url: `/api/imports/${report.id}`, headers: { cookie: owner } });
    expect(theirs.statusCode).toBe(404);
  });

  it('takes the source name and product column given, and matches ids without an id column by position', async () => {
    const audit = { retailerId, actorType: 'system' as const, actorId: null, requestId: null, ip: null };
    const text = 'Style,Stars,Review\n862,5,Soft\n862,1,Itchy\n';
    const stream = async function* () {
      yield Buffer.from(text);
    };
    const first = await importReviews(ctx.deps, audit, stream(), { fileName: 'styles.csv', source: 'Old shop', productColumn: 'style' });
    expect(first).toMatchObject({ lines: 2, created: 2, mapped: 2, unmapped: 0 });
    const again = await importReviews(ctx.deps, audit, stream(), { fileName: 'styles.csv', source: 'Old shop', productColumn: 'style' });
    expect(again).toMatchObject({ created: 0, skipped: 2 });
    const rows = await imported(retailerId, 'Old shop');
    expect(rows.map((r) => [r.source_ref, r.satisfaction, r.poor]).sort()).toEqual([
      ['row 1', 5, false],
      ['row 2', 1, true],
    ]);
  });
});
