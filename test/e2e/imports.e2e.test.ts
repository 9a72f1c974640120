import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_FIELDS } from '../../src/shared/formats/customer-columns.ts';
import { expectAccessible } from './audit.ts';
import { signedInContext } from './customer-book.ts';
import { chooseFile, type E2EServer, launchBrowser, PHONE, startServer } from './server.ts';

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

const label = (field: string) => {
  const found = CUSTOMER_FIELDS.find((f) => f.field === field);
  if (!found) throw new Error(`no customer field ${field}`);
  return found.label;
};

/**
 * A shop's own spreadsheet with headings Ones cannot guess: the name column must be mapped by hand.
 * Line 4 has no name (it fails), line 5 is blank (skipped).
 */
const CLIENTS_CSV = [
  'Kundenname,E-Mail,Handy,Lieblingsfarbe',
  'Ingrid Solberg,ingrid.solberg@example.com,07700 900111,sage',
  'Marek Nowak,marek.nowak@example.com,07700 900222,blush',
  ',nobody@example.com,07700 900333,cream',
  ',,,',
  '',
].join('\r\n');
const clientsFile = { name: 'kunden.csv', mimeType: 'text/csv', buffer: Buffer.from(CLIENTS_CSV, 'utf8') };

describe('importing customers, as the store manager', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await signedInContext(browser, server, 'manager@bloom.example');
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('opens the import screen from Customers, next to the CSV export', async () => {
    await page.goto('/customers');
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    const exportLink = page.getByRole('link', { name: 'Export CSV' });
    expect(await exportLink.getAttribute('href')).toBe('/api/customers/export.csv');
    await page.getByRole('link', { name: 'Import customers' }).click();
    await page.getByRole('heading', { name: 'Import customers', level: 1 }).waitFor();
    await page.getByText(/up to \d/).waitFor();
  });

  it('refuses a file above the limit before sending it', async () => {
    await page.route('**/api/imports/limits', (route) => route.fulfill({ json: { maxBytes: 100 } }));
    await page.reload();
    await page.getByText('up to 100 bytes').waitFor();
    await chooseFile(page, 'Customer file', clientsFile);
    await page.getByText(/“kunden\.csv” is \d+ bytes; Ones takes files up to 100 bytes/).waitFor();
    expect(await page.getByRole('button', { name: /^Import / }).count()).toBe(0);
    await page.unroute('**/api/imports/limits');
    await page.reload();
    await page.getByRole('heading', { name: 'Import customers', level: 1 }).waitFor();
  });

  it('asks which column holds the name, then maps it by hand', async () => {
    await chooseFile(page, 'Customer file', clientsFile);
    // Not Shopify's headings: a generic CSV, with a column per heading and sample values.
    expect(await page.getByRole('radio', { name: 'Other CSV (spreadsheet)' }).isChecked()).toBe(true);
    const mapping = page.getByRole('table', { name: 'Which column is which?' });
    await mapping.getByText('e.g. Ingrid Solberg · Marek Nowak').waitFor();
    await expectAccessible(page, 'import mapping (tablet)');

    await page.getByRole('button', { name: 'Import kunden.csv' }).click();
    await page.getByRole('alert').filter({ hasText: 'Choose which column holds the name' }).waitFor();

    await page.getByRole('combobox', { name: 'Import “Kundenname” as' }).selectOption({ label: label('fullName') });
    await page.getByRole('combobox', { name: 'Import “E-Mail” as' }).selectOption({ label: label('email') });
    await page.getByRole('combobox', { name: 'Import “Handy” as' }).selectOption({ label: label('mobile') });
    expect(await page.getByText('Choose which column holds the name').count()).toBe(0);
  });

  it('keeps the file and the mapping when the server refuses, and the retry imports it', async () => {
    let sent = '';
    await page.route('**/api/imports/customers?**', async (route) => {
      sent = route.request().url();
      await route.fulfill({
        status: 413,
        json: { error: { code: 'payload_too_large', message: 'The file is larger than the 1 KB this test allows.', requestId: 'x' } },
      });
    });
    await page.getByRole('button', { name: 'Import kunden.csv' }).click();
    await page.getByRole('alert').filter({ hasText: 'The file is larger than the 1 KB this test allows.' }).waitFor();
    const url = new URL(sent);
    expect(url.searchParams.get('format')).toBe('csv');
    expect(url.searchParams.get('fileName')).toBe('kunden.csv');
    expect(JSON.parse(url.searchParams.get('mapping') ?? '{}')).toMatchObject({
      Kundenname: 'fullName',
      'E-Mail': 'email',
      Handy: 'mobile',
    });
    await page.unroute('**/api/imports/customers?**');

    // Nothing chosen was lost.
    expect(await page.getByRole('combobox', { name: 'Import “Kundenname” as' }).inputValue()).toBe('fullName');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Report: kunden.csv', level: 2 }).waitFor();
  });

  it('reports what happened, with the failed row and its line', async () => {
    const counts = page.getByRole('definition');
    const stat = async (name: string) =>
      (await page.getByText(name, { exact: true }).locator('xpath=following-sibling::dd[1]').textContent())?.trim();
    await counts.first().waitFor();
    expect(await stat('Added as new customers')).toBe('2');
    expect(await stat('Could not be imported')).toBe('1');
    expect(await stat('Empty rows skipped')).toBe('1');
    const errors = page.getByRole('table', { name: 'Rows that could not be imported' });
    const row = errors.getByRole('row').filter({ has: page.getByRole('cell', { name: '4', exact: true }) });
    expect(await row.count()).toBe(1);
    await expectAccessible(page, 'import report (tablet)');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download errors as CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('kunden-errors.csv');
    const text = await (await file.createReadStream()).toArray();
    const csv = Buffer.concat(text.map((c) => Buffer.from(c))).toString('utf8');
    expect(csv.split(/\r?\n/)[0]).toBe('Line,Reason');
    expect(csv).toMatch(/\r?\n4,/);
  });

  it('lists the import under recent imports and opens its report from there', async () => {
    const recent = page.getByRole('region', { name: 'Recent imports' });
    const item = recent.getByRole('button', { name: /kunden\.csv/ });
    await item.waitFor();
    expect(await item.textContent()).toContain('2 added');
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByRole('button', { name: /Customer file/ }).waitFor();
    await item.click();
    await page.getByRole('heading', { name: 'Report: kunden.csv', level: 2 }).waitFor();
    expect(await item.getAttribute('aria-current')).toBe('true');
    // The imported customers are in the book.
    await page.getByRole('link', { name: 'Go to customers' }).click();
    await page.getByRole('combobox', { name: 'Find a customer' }).fill('Solberg');
    await page.getByRole('option', { name: /Ingrid Solberg/ }).waitFor();
  });
});

describe('the import screen at phone size', () => {
  it('passes axe and the touch-target check with the mapping step open', async () => {
    const context = await signedInContext(browser, server, 'owner@bloom.example', PHONE);
    try {
      const page = await context.newPage();
      await page.goto('/customers/import');
      await page.getByRole('heading', { name: 'Import customers', level: 1 }).waitFor();
      await expectAccessible(page, 'import (phone)');
      await chooseFile(page, 'Customer file', clientsFile);
      await page.getByRole('table', { name: 'Which column is which?' }).waitFor();
      await expectAccessible(page, 'import mapping (phone)');
    } finally {
      await context.close();
    }
  });

  it('is not offered to an associate', async () => {
    const context = await signedInContext(browser, server, 'associate@bloom.example');
    try {
      const page = await context.newPage();
      await page.goto('/customers');
      await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: 'Import customers' }).count()).toBe(0);
      await page.goto('/customers/import');
      await page.getByRole('heading', { name: 'Not available to your role', level: 1 }).waitFor();
    } finally {
      await context.close();
    }
  });
});
