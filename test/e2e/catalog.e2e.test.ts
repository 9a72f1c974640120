import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './audit.ts';
import { signedInContext } from './customer-book.ts';
import { apiOk, type E2EServer, field, launchBrowser, newContext, openFromNavigation, PHONE, signIn, startServer } from './server.ts';

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

/** The product list, once the results on screen are those of the current filters. */
async function settledResults(page: Page) {
  const list = page.locator('ul[aria-label="Products"][aria-busy="false"]');
  await list.waitFor();
  return page.getByRole('list', { name: 'Products' });
}

const card = (page: Page, title: string) =>
  page
    .getByRole('list', { name: 'Products' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: title, exact: true }) });

/** One store's row of a variant's stock list, e.g. White at Old Town. */
const storeRow = (page: Page, variant: string, store: string) =>
  page
    .getByRole('region', { name: variant, exact: true })
    .getByRole('list', { name: `Stock of ${variant} in every store` })
    .getByRole('listitem')
    .filter({ hasText: store });

// The demo's story: white ranunculus are low at Riverside (9) and out at Old Town, where 40 are on
// their way; white anemones, the usual stand-in, are plentiful.
describe('the catalog, as an associate at Riverside', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext(browser, server);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('opens the catalog from the navigation and finds ranunculus by name', async () => {
    await signIn(page, 'associate@bloom.example');
    await openFromNavigation(page, 'Catalog');
    await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('ranunculus');
    await page.waitForURL(/\?q=ranunculus$/);
    await settledResults(page);
    const ranunculus = card(page, 'Ranunculus');
    await ranunculus.getByText('£2.40').waitFor();
    await ranunculus.getByText('Seasonal').waitFor();
    await ranunculus.getByRole('list', { name: 'Colours of Ranunculus' }).getByText('White', { exact: true }).waitFor();
    await ranunculus.getByText(/^\d+ available at Riverside$/).waitFor();
    await expectAccessible(page, 'catalog search (tablet)');
  });

  it('shows White: 9 available at Riverside and out at Old Town with the delivery due', async () => {
    await card(page, 'Ranunculus').getByRole('link', { name: 'Ranunculus', exact: true }).click();
    await page.getByRole('heading', { name: 'Ranunculus', level: 1 }).waitFor();
    const riverside = storeRow(page, 'White', 'Riverside');
    await riverside.getByText('9 available').waitFor();
    await riverside.getByText('Low', { exact: true }).waitFor();
    const oldTown = storeRow(page, 'White', 'Old Town');
    await oldTown.getByText('0 available').waitFor();
    await oldTown.getByText('Out', { exact: true }).waitFor();
    await oldTown.getByText(/km away/).waitFor();
    await oldTown.getByText(/^On its way: 40 due \w{3} \d{1,2} \w{3}$/).waitFor();

    const about = page.getByRole('region', { name: 'What it is like' });
    await about.getByText('Not safe for cats and dogs').waitFor();
    await about.getByText(/^1 November to 15 May, (in|out of) season now$/).waitFor();
    await about.getByText('Fresh: lasts days rather than weeks').waitFor();
    await page.getByRole('region', { name: 'Pairs well with' }).getByRole('link', { name: 'Anemone' }).waitFor();
    // Associates do not see margins: the API leaves unit costs out, and so does the page.
    expect(await page.getByText(/Unit cost/).count()).toBe(0);
    await expectAccessible(page, 'product (tablet)');
  });

  it('counts stock through the dialog and shows the new figure', async () => {
    const white = page.getByRole('region', { name: 'White', exact: true });
    await white.getByRole('button', { name: 'Adjust stock of White at Riverside' }).click();
    const dialog = page.getByRole('dialog', { name: 'Adjust stock: White' });
    await dialog.getByText('Ones has 9 on hand, 0 held for customers.').waitFor();
    // An associate only counts: there is no choice of reason.
    expect(await dialog.getByRole('radiogroup').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Save count' }).click();
    await dialog.getByText('Enter a number of units.').waitFor();
    await dialog.getByLabel(field('Units counted')).fill('12');
    await dialog.getByLabel(field('Note')).fill('Recounted after the morning rush');
    await expectAccessible(page, 'adjust stock dialog (tablet)');
    await dialog.getByRole('button', { name: 'Save count' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await white.getByRole('status').filter({ hasText: 'Counted 12: 12 now on hand at Riverside.' }).waitFor();
    await storeRow(page, 'White', 'Riverside').getByText('12 available').waitFor();
    await storeRow(page, 'White', 'Riverside').getByText('In stock', { exact: true }).waitFor();
  });

  it('filters by colour, keeps the filters in the address and pages through the results', async () => {
    await page.getByRole('link', { name: 'Back to the catalog' }).click();
    await page.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
    // Back to the same search.
    const search = page.getByRole('searchbox', { name: 'Search the catalog' });
    expect(await search.inputValue()).toBe('ranunculus');
    await search.fill('');
    await page.waitForURL((url) => url.search === '');

    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await page.getByRole('radiogroup', { name: 'Colour' }).getByRole('radio', { name: 'White', exact: true }).click();
    await page.waitForURL(/\?colourFamily=white$/);
    await settledResults(page);
    await card(page, 'Anemone').waitFor();
    await card(page, 'Ranunculus')
      .getByText(/^\d+ available at Riverside$/)
      .waitFor();
    await page.getByRole('button', { name: 'Filters (1)' }).waitFor();
    await page.getByRole('button', { name: 'Remove filter: Colour: White' }).waitFor();
    await expectAccessible(page, 'catalog filtered by colour (tablet)');

    // More white things than one page holds.
    expect(await card(page, 'White sympathy arrangement').count()).toBe(0);
    await page.getByRole('button', { name: 'Load more products' }).click();
    await card(page, 'White sympathy arrangement').waitFor();

    // Back undoes the filter, Forward brings it back.
    await page.goBack();
    await page.waitForURL((url) => url.search === '');
    await settledResults(page);
    expect(await page.getByRole('radiogroup', { name: 'Colour' }).getByRole('radio', { name: 'Any colour' }).isChecked()).toBe(true);
    await page.goForward();
    await page.waitForURL(/\?colourFamily=white$/);
    expect(await page.getByRole('radiogroup', { name: 'Colour' }).getByRole('radio', { name: 'White', exact: true }).isChecked()).toBe(
      true,
    );

    await page.getByRole('switch', { name: 'In stock at Riverside' }).click();
    await page.waitForURL(/colourFamily=white&inStock=true$/);
    await settledResults(page);
    await card(page, 'Ranunculus').waitFor();
  });

  it('says when nothing matches and clears everything in one tap', async () => {
    await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('zzyzx');
    await page.getByText('No products match “zzyzx”').waitFor();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await page.waitForURL((url) => url.search === '');
    await settledResults(page);
    await card(page, 'Anemone').waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search the catalog' }).inputValue()).toBe('');
    // Back brings the words back into the box, not only into the address.
    await page.goBack();
    await page.waitForURL(/\?q=zzyzx&colourFamily=white&inStock=true$/);
    await page.getByText('No products match “zzyzx”').waitFor();
    expect(await page.getByRole('searchbox', { name: 'Search the catalog' }).inputValue()).toBe('zzyzx');
  });
});

describe('stock changes as a store manager', () => {
  it('records damage and a delivery, with the server’s refusal in words', async () => {
    const context = await signedInContext(browser, server, 'manager@bloom.example');
    try {
      const page = await context.newPage();
      await page.goto('/catalog?q=ranunculus');
      await card(page, 'Ranunculus').getByRole('link', { name: 'Ranunculus', exact: true }).click();
      await page.getByRole('heading', { name: 'Ranunculus', level: 1 }).waitFor();
      // Managers may see margins.
      await page
        .getByRole('region', { name: 'White', exact: true })
        .getByText(/Unit cost £1\.05/)
        .waitFor();
      // The manager works at Old Town, where white ranunculus are out.
      await storeRow(page, 'White', 'Old Town').getByText('this store').waitFor();
      await page.getByRole('button', { name: 'Adjust stock of White at Old Town' }).click();
      const dialog = page.getByRole('dialog', { name: 'Adjust stock: White' });
      await dialog.getByRole('radio', { name: /^Damage/ }).click();
      await dialog.getByLabel(field('Units to take out')).fill('3');
      await dialog.getByRole('button', { name: 'Take out damaged units' }).click();
      await dialog
        .getByRole('alert')
        .filter({ hasText: /^Only 0 available/ })
        .waitFor();
      await expectAccessible(page, 'adjust stock refused (tablet)');

      await dialog.getByRole('radio', { name: /^Delivery/ }).click();
      await dialog.getByLabel(field('Units that arrived')).fill('6');
      await dialog.getByRole('button', { name: 'Add delivery' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('status').filter({ hasText: 'Added 6 delivered: 6 now on hand at Old Town.' }).waitFor();
      await storeRow(page, 'White', 'Old Town').getByText('6 available').waitFor();

      // The 40 on their way arrive: received in one tap.
      await storeRow(page, 'White', 'Old Town')
        .getByRole('button', { name: /^Receive 40 White due .* at Old Town$/ })
        .click();
      await page.getByRole('status').filter({ hasText: 'Received 40 White at Old Town.' }).waitFor();
      await storeRow(page, 'White', 'Old Town').getByText('46 available').waitFor();
      expect(await storeRow(page, 'White', 'Old Town').getByText('On its way').count()).toBe(0);

      // Another is expected next week.
      await page.getByRole('button', { name: 'Expect a delivery of White at Old Town' }).click();
      const expecting = page.getByRole('dialog', { name: 'Expect a delivery: White' });
      await expecting.getByRole('button', { name: 'Save delivery' }).click();
      await expecting.getByText('Enter at least 1 unit.').waitFor();
      await expecting.getByLabel(field('Units coming')).fill('24');
      const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      await expecting.getByLabel(field('Due on')).fill(due);
      await expectAccessible(page, 'expect a delivery (tablet)');
      await expecting.getByRole('button', { name: 'Save delivery' }).click();
      await expecting.waitFor({ state: 'hidden' });
      await page.getByRole('status').filter({ hasText: '24 White expected at Old Town.' }).waitFor();
      await storeRow(page, 'White', 'Old Town')
        .getByText(/On its way: 24 due/)
        .waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('the catalog at phone size', () => {
  it('search, filters, a product and the stock dialog pass the audits at 390×844', async () => {
    const context = await signedInContext(browser, server, 'associate@bloom.example', PHONE);
    try {
      const page = await context.newPage();
      await page.goto('/catalog?q=ranunculus');
      await page.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
      await settledResults(page);
      await card(page, 'Ranunculus').waitFor();
      await expectAccessible(page, 'catalog search (phone)');
      await page.getByRole('button', { name: 'Filters', exact: true }).click();
      await page.getByRole('radiogroup', { name: 'Colour' }).waitFor();
      await expectAccessible(page, 'catalog filters (phone)');

      await card(page, 'Ranunculus').getByRole('link', { name: 'Ranunculus', exact: true }).click();
      await page.getByRole('heading', { name: 'Ranunculus', level: 1 }).waitFor();
      await storeRow(page, 'White', 'Old Town')
        .getByText(/^On its way: \d+ due/)
        .waitFor();
      await expectAccessible(page, 'product (phone)');
      await page.getByRole('button', { name: 'Adjust stock of White at Riverside' }).click();
      await page.getByRole('dialog', { name: 'Adjust stock: White' }).getByLabel(field('Units counted')).waitFor();
      await expectAccessible(page, 'adjust stock dialog (phone)');
    } finally {
      await context.close();
    }
  });
});

describe("the shop's own product attributes, as the owner", () => {
  it('declares a ribbon-colours attribute from the catalog, and a product shows it in words', async () => {
    const context = await signedInContext(browser, server, 'owner@bloom.example');
    try {
      const page = await context.newPage();
      await page.goto('/catalog');
      await page.getByRole('link', { name: 'Attributes' }).click();
      await page.getByRole('heading', { name: 'Product attributes', level: 1 }).waitFor();
      await page.getByText('No attributes of your own yet').waitFor();
      await page.getByRole('button', { name: 'Add an attribute' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add an attribute' });
      await dialog.getByLabel(field('Name')).fill('Ribbon colours');
      expect(await dialog.getByLabel(field('Key')).inputValue()).toBe('ribbon-colours');
      await dialog.getByRole('combobox', { name: 'Kind of value' }).click();
      await page.getByRole('option', { name: 'A list from the vocabulary' }).click();
      await dialog.getByRole('button', { name: 'Add attribute' }).click();
      await dialog.getByText('Choose which words the list is made of.').waitFor();
      await dialog.getByRole('combobox', { name: field('Words from') }).click();
      await page.getByRole('option', { name: 'Colours' }).click();
      await dialog.getByLabel(field('Help')).fill('The ribbon tied round a hand-tied bouquet.');
      await expectAccessible(page, 'add a product attribute (tablet)');
      await dialog.getByRole('button', { name: 'Add attribute' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = page.getByRole('list', { name: 'Your attributes' }).getByRole('listitem').filter({ hasText: 'Ribbon colours' });
      await row.getByText('A list of colours').waitFor();
      await row.getByText('Key ribbon-colours · The ribbon tied round a hand-tied bouquet.').waitFor();
      await expectAccessible(page, 'product attributes (tablet)');

      // A product given a value shows it under the attribute's name, in the vocabulary's words.
      const found = await apiOk<{ items: { id: string; title: string }[] }>(
        'find ranunculus',
        await page.request.get('/api/products?q=ranunculus'),
      );
      const id = found.items.find((p) => p.title === 'Ranunculus')?.id as string;
      const product = await apiOk<{ version: number; attributes: object }>(
        'read ranunculus',
        await page.request.get(`/api/products/${id}`),
      );
      await apiOk(
        'give ranunculus a ribbon',
        await page.request.patch(`/api/products/${id}`, {
          headers: { 'if-match': `"${product.version}"` },
          data: { attributes: { ...product.attributes, custom: { 'ribbon-colours': ['white', 'sage'] } } },
        }),
      );
      await page.goto(`/catalog/${id}`);
      await page.getByRole('heading', { name: 'Ranunculus', level: 1 }).waitFor();
      await page.getByText('Ribbon colours').waitFor();
      await page.getByText('White, Sage').waitFor();

      await page.setViewportSize(PHONE);
      await page.goto('/catalog/attributes');
      await row.getByRole('button', { name: 'Change Ribbon colours' }).click();
      await page.getByRole('dialog', { name: 'Change Ribbon colours' }).getByLabel(field('Key')).waitFor();
      await expectAccessible(page, 'change a product attribute (phone)');
    } finally {
      await context.close();
    }
  });
});
