import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT_FIELD_LABELS } from '../../src/shared/formats/product-columns.ts';
import { expectAccessible } from './audit.ts';
import { signedInContext } from './customer-book.ts';
import { chooseFile, type E2EServer, launchBrowser, PHONE, sharedPage, startServer } from './server.ts';

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A supplier's price list with headings Ones cannot guess: title and price are mapped by hand. Line 4's price is bad. */
const PRICE_LIST = [
  'Artikel,Bezeichnung,Preis,Bestand',
  'DRY-CORN-1,Pressed cornflower posy,12.50,8',
  'DRY-PAMPAS-1,Pampas grass stems,18.00,5',
  'DRY-BUNNY-1,Bunny tails,"7,50",3',
].join('\r\n');

/** A till's history, packed with gzip: one sale of the new posy, one of something the catalog does not have. */
const HISTORY = gzipSync(
  [
    'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
    '700001,DRY-CORN-1,PRESSED CORNFLOWER POSY,2,2026-02-10 10:15:00,12.5,5001,United Kingdom',
    '700002,DRY-STRAW-1,STRAWFLOWER WREATH,1,2026-02-11 16:40:00,35,,United Kingdom',
  ].join('\r\n'),
);

const stat = async (page: Page, name: string) =>
  (await page.getByText(name, { exact: true }).locator('xpath=following-sibling::dd[1]').textContent())?.trim();

describe('importing products, a stock count and a sales history, as the owner', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await signedInContext(browser, server, 'owner@bloom.example');
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('opens the import screen from the catalog', async () => {
    await page.goto('/catalog');
    await page.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import catalog, stock, sales and reviews', level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'Products' }).waitFor();
    await expectAccessible(page, 'catalog import (tablet)');
  });

  it('maps a price list by hand, counts it into Riverside, and reports the bad row', async () => {
    await page.getByRole('combobox', { name: 'Count the file’s quantities into' }).selectOption({ label: 'Riverside' });
    await chooseFile(page, 'Product file', { name: 'preisliste.csv', mimeType: 'text/csv', buffer: Buffer.from(PRICE_LIST) });
    await page.getByText('“preisliste.csv” is not a Shopify export').waitFor();
    await page
      .getByRole('table', { name: 'Which column is which?' })
      .getByText(/e\.g\. Pressed cornflower posy/)
      .waitFor();

    await page.getByRole('button', { name: 'Import preisliste.csv' }).click();
    await page.getByRole('alert').filter({ hasText: 'Choose the columns that hold the product title and the price' }).waitFor();
    await page.getByRole('combobox', { name: 'Import “Artikel” as' }).selectOption({ label: PRODUCT_FIELD_LABELS.sku });
    await page.getByRole('combobox', { name: 'Import “Bezeichnung” as' }).selectOption({ label: PRODUCT_FIELD_LABELS.title });
    await page.getByRole('combobox', { name: 'Import “Preis” as' }).selectOption({ label: PRODUCT_FIELD_LABELS.price });
    await page.getByRole('combobox', { name: 'Import “Bestand” as' }).selectOption({ label: PRODUCT_FIELD_LABELS.quantity });
    await expectAccessible(page, 'catalog import mapping (tablet)');
    await page.getByRole('button', { name: 'Import preisliste.csv' }).click();

    await page.getByRole('heading', { name: 'Report: preisliste.csv', level: 2 }).waitFor();
    await page.getByText(/CSV \(spreadsheet\) for Riverside/).waitFor();
    expect(await stat(page, 'Products added')).toBe('2');
    expect(await stat(page, 'Could not be imported')).toBe('1');
    const errors = page.getByRole('table', { name: 'Rows that could not be imported' });
    await errors.getByRole('cell', { name: /uses a comma/ }).waitFor();
    await expectAccessible(page, 'catalog import report (tablet)');
  });

  it('shows the new product in the catalog with its stock at Riverside', async () => {
    await page.getByRole('link', { name: 'Go to the catalog' }).click();
    await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('cornflower');
    await page.getByRole('link', { name: 'Pressed cornflower posy', exact: true }).click();
    await page.getByRole('heading', { name: 'Pressed cornflower posy', level: 1 }).waitFor();
    await page.getByText('£12.50').first().waitFor();
    const riverside = page.getByRole('listitem').filter({ hasText: 'Riverside' });
    await riverside.getByText('8 available').waitFor();
  });

  it('counts stock into a store and says what changed', async () => {
    await page.goto('/catalog/import');
    await page.getByRole('radio', { name: 'Stock count' }).check();
    await page.getByRole('combobox', { name: 'Store counted' }).selectOption({ label: 'Riverside' });
    const count = 'SKU,Quantity\nDRY-CORN-1,11\nDRY-PAMPAS-1,5\nNOT-A-SKU,2\n';
    await chooseFile(page, 'Stock count file', { name: 'count.csv', mimeType: 'text/csv', buffer: Buffer.from(count) });
    await page.getByRole('button', { name: 'Import count.csv' }).click();
    await page.getByRole('heading', { name: 'Report: count.csv', level: 2 }).waitFor();
    expect(await stat(page, 'Counts that changed stock')).toBe('1');
    expect(await stat(page, 'Already right')).toBe('1');
    await page.getByRole('cell', { name: 'SKU NOT-A-SKU is not in the catalog' }).waitFor();
  });

  it('imports a packed sales history and lists every run, newest first', async () => {
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByRole('radio', { name: 'Sales history' }).check();
    await page.getByRole('combobox', { name: 'Store the sales were made in' }).selectOption({ label: 'Riverside' });
    await chooseFile(page, 'Sales history file', { name: 'till.csv.gz', mimeType: 'application/gzip', buffer: HISTORY });
    await page.getByRole('button', { name: 'Import till.csv.gz' }).click();
    await page.getByRole('heading', { name: 'Report: till.csv.gz', level: 2 }).waitFor();
    expect(await stat(page, 'Sales and returns recorded')).toBe('2');
    expect(await stat(page, 'New products')).toBe('1');
    expect(await stat(page, 'New customers')).toBe('1');
    // New sales can teach the pairings at once.
    await page.getByRole('link', { name: 'Learn pairings from them' }).waitFor();

    const recent = page.getByRole('region', { name: 'Recent imports' });
    const items = recent.getByRole('button');
    await items.filter({ hasText: 'preisliste.csv' }).waitFor();
    const names = await items.allTextContents();
    expect(names[0]).toContain('till.csv.gz');
    expect(names[0]).toContain('Sales history for Riverside');
    expect(names.findIndex((t) => t.includes('count.csv'))).toBeLessThan(names.findIndex((t) => t.includes('preisliste.csv')));
  });
});

/** Reviews from a website export, naming products by the site's own ids; line 5's rating is out of range. */
const REVIEWS = [
  ',Clothing ID,Age,Title,Review Text,Rating',
  '0,1077,33,Lovely,"Bought it for my sister, she loved it",5',
  '1,862,40,,Wilted in two days,2',
  '2,999,25,Nice,Fine,4',
  '3,1077,30,Odd,Too many stars,9',
].join('\n');
/** The site's ids as the shop's SKUs. */
const SITE_IDS = 'Clothing ID,SKU\n1077,DRY-CORN-1\n862,DRY-PAMPAS-1\n';

describe('importing historical reviews, as the owner', () => {
  const shared = sharedPage(() => signedInContext(browser, server, 'owner@bloom.example'));

  it('reads the site’s product ids as SKUs through a mapping, and says which ids the catalog does not have', async () => {
    const { page } = shared;
    // The products the reviews are about.
    await page.goto('/catalog/import');
    await page.getByRole('radio', { name: 'Products' }).check();
    await chooseFile(page, 'Product file', {
      name: 'dried.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('SKU,Title,Price\nDRY-CORN-1,Pressed cornflower posy,12.50\nDRY-PAMPAS-1,Pampas grass stems,18.00\n'),
    });
    await page.getByRole('button', { name: 'Import dried.csv' }).click();
    await page.getByRole('heading', { name: 'Report: dried.csv', level: 2 }).waitFor();

    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByRole('radio', { name: 'Reviews' }).check();
    await page.getByRole('combobox', { name: 'The store they are about' }).selectOption({ label: 'Riverside' });
    await chooseFile(page, 'Review file', { name: 'site-reviews.csv', mimeType: 'text/csv', buffer: Buffer.from(REVIEWS) });
    const column = page.getByRole('combobox', { name: 'The column naming the product reviewed' });
    expect(await column.locator('option:checked').textContent()).toBe('Clothing ID (found by its heading)');
    // A mapping with a line missing its SKU is refused, with the line, and holds the import back.
    await chooseFile(page, 'The file’s product ids as SKUs', {
      name: 'ids.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('id,sku\n1077,\n'),
    });
    await page.getByText("Line 2 of the mapping should hold the file's product id, then a SKU or product handle.").waitFor();
    expect(await page.getByRole('button', { name: 'Import site-reviews.csv' }).isDisabled()).toBe(true);
    await chooseFile(page, 'The file’s product ids as SKUs', {
      name: 'ids.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(SITE_IDS),
    });
    await page.getByText('2 product ids will be read as the SKUs or handles it gives.').waitFor();
    await page.getByRole('textbox', { name: 'Where they are from (optional)' }).fill('Website reviews 2025');
    await expectAccessible(page, 'reviews import (tablet)');
    await page.getByRole('button', { name: 'Import site-reviews.csv' }).click();

    await page.getByRole('heading', { name: 'Report: site-reviews.csv', level: 2 }).waitFor();
    expect(await stat(page, 'Reviews added')).toBe('3');
    expect(await stat(page, 'Product not in the catalog')).toBe('1');
    expect(await stat(page, 'Could not be imported')).toBe('1');
    await page.getByRole('list', { name: 'Product ids the catalog does not have' }).getByText('999 · 1 review').waitFor();
    await page
      .getByRole('table', { name: 'Rows that could not be imported' })
      .getByRole('cell', { name: /not a whole number from 1 to 5/ })
      .waitFor();
    await expectAccessible(page, 'reviews import report (tablet)');

    const bloom = await server.db.selectFrom('retailers').select('id').where('name', '=', 'Bloom & Stem').executeTakeFirstOrThrow();
    const kept = await server.db
      .selectFrom('feedback_responses as f')
      .leftJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'f.retailer_id').onRef('p.id', '=', 'f.product_id'))
      .select(['p.title', 'f.satisfaction', 'f.source'])
      .where('f.retailer_id', '=', bloom.id)
      .where('f.source', '=', 'Website reviews 2025')
      .orderBy('f.satisfaction')
      .execute();
    expect(kept).toEqual([
      { title: 'Pampas grass stems', satisfaction: 2, source: 'Website reviews 2025' },
      { title: null, satisfaction: 4, source: 'Website reviews 2025' },
      { title: 'Pressed cornflower posy', satisfaction: 5, source: 'Website reviews 2025' },
    ]);
  });

  it('passes axe and the touch-target check at phone size with a review file chosen', async () => {
    const phone = await signedInContext(browser, server, 'owner@bloom.example', PHONE);
    try {
      const small = await phone.newPage();
      await small.goto('/catalog/import');
      await small.getByRole('radio', { name: 'Reviews' }).check();
      await chooseFile(small, 'Review file', { name: 'site-reviews.csv', mimeType: 'text/csv', buffer: Buffer.from(REVIEWS) });
      await small.getByRole('combobox', { name: 'The column naming the product reviewed' }).waitFor();
      await expectAccessible(small, 'reviews import (phone)');
    } finally {
      await phone.close();
    }
  });
});

describe('the catalog import screen for other roles and on a phone', () => {
  it('offers a store manager stock counts only, for their own store', async () => {
    const context = await signedInContext(browser, server, 'manager@bloom.example');
    try {
      const page = await context.newPage();
      await page.goto('/catalog/import');
      await page.getByRole('heading', { name: 'Import catalog, stock, sales and reviews', level: 1 }).waitFor();
      expect(await page.getByRole('radio').count()).toBe(0);
      await page.getByText(/sets the units on hand/).waitFor();
      await page.getByRole('combobox', { name: 'Store counted' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('is not offered to an associate', async () => {
    const context = await signedInContext(browser, server, 'associate@bloom.example');
    try {
      const page = await context.newPage();
      await page.goto('/catalog');
      await page.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: 'Import' }).count()).toBe(0);
      await page.goto('/catalog/import');
      await page.getByRole('heading', { name: 'Not available to your role', level: 1 }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('passes axe and the touch-target check at phone size with the mapping open', async () => {
    const context = await signedInContext(browser, server, 'owner@bloom.example', PHONE);
    try {
      const page = await context.newPage();
      await page.goto('/catalog/import');
      await page.getByRole('heading', { name: 'Import catalog, stock, sales and reviews', level: 1 }).waitFor();
      await chooseFile(page, 'Product file', { name: 'preisliste.csv', mimeType: 'text/csv', buffer: Buffer.from(PRICE_LIST) });
      await page.getByRole('table', { name: 'Which column is which?' }).waitFor();
      await expectAccessible(page, 'catalog import mapping (phone)');
    } finally {
      await context.close();
    }
  });
});
