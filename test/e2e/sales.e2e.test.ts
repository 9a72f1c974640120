import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './audit.ts';
import { customerBookWorld, signedInContext } from './customer-book.ts';
import { apiOk, field, PHONE } from './server.ts';

const world = customerBookWorld();

/**
 * Rings up white anemones at Riverside for Mrs Okafor through the API, as a till would; the demo
 * brings no sales of its own. Returns the sale's id.
 */
async function sellAnemones(api: APIRequestContext, quantity: number, externalId: string): Promise<string> {
  const me = await apiOk<{ stores: { id: string; name: string }[] }>('GET /api/me', await api.get('/api/me'));
  const riverside = me.stores.find((s) => s.name === 'Riverside');
  const found = await apiOk<{ items: { id: string; title: string }[] }>('find anemones', await api.get('/api/products?q=anemone'));
  const anemone = found.items.find((p) => p.title === 'Anemone');
  if (!riverside || !anemone) throw new Error('the demo has no Riverside or no anemones');
  const product = await apiOk<{ variants: { id: string; title: string }[] }>('GET anemone', await api.get(`/api/products/${anemone.id}`));
  const white = product.variants.find((v) => v.title === 'White');
  const sale = await apiOk<{ id: string; total: number }>(
    'record the sale',
    await api.post('/api/sales', {
      data: { externalId, storeId: riverside.id, customerId: world.okaforId, lines: [{ variantId: white?.id, quantity }] },
    }),
  );
  return sale.id;
}

const main = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const anemoneLine = (page: Page) =>
  page.getByRole('region', { name: 'Items' }).getByRole('listitem').filter({ hasText: 'Anemone — White' });

describe('sales and a return, as an associate at Riverside', () => {
  let context: BrowserContext;
  let page: Page;
  let saleId: string;

  beforeAll(async () => {
    context = await signedInContext(world.browser, world.server, 'associate@bloom.example');
    page = await context.newPage();
    saleId = await sellAnemones(page.request, 6, 'till-riverside-0001');
  });
  afterAll(async () => {
    await context?.close();
  });

  it('lists the sale, newest first, with its store, customer, lines and total', async () => {
    await page.goto('/customers');
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await main(page).getByRole('link', { name: 'Sales' }).click();
    await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor();
    const list = page.getByRole('list', { name: 'Sales and returns, newest first' });
    const row = list.getByRole('listitem').first();
    await row.getByText('£13.20').waitFor();
    expect(await row.textContent()).toContain('Riverside');
    expect(await row.textContent()).toContain('1 line');
    expect(await row.getByRole('link', { name: 'Adaeze Okafor' }).getAttribute('href')).toBe(`/customers/${world.okaforId}`);
    // The associate works in one store only: nothing to filter by.
    expect(await page.getByRole('combobox', { name: 'Store', exact: true }).count()).toBe(0);
    await expectAccessible(page, 'sales (tablet)');
    await row.getByRole('link', { name: /^Sale, / }).click();
  });

  it('shows the sale with its lines, who sold it and to whom', async () => {
    await page.getByRole('heading', { name: 'Sale', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/sales/${saleId}`);
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByText('Priya Natarajan').waitFor();
    await details.getByRole('link', { name: 'Adaeze Okafor' }).waitFor();
    await anemoneLine(page).getByText('6 units × £2.20').waitFor();
    expect(await anemoneLine(page).textContent()).toContain('£13.20');
    await expectAccessible(page, 'sale (tablet)');
  });

  it('returns two of the six, showing the refund as it adds up, and lands on the return', async () => {
    await page.getByRole('button', { name: 'Return items' }).click();
    const form = page.getByRole('form', { name: 'Return items' });
    const line = form.getByRole('group', { name: 'Anemone — White' });
    await line.getByText('Up to 6').waitFor();
    await form.getByRole('status').getByText('Refund: nothing chosen yet').waitFor();
    // Nothing chosen: the form says what is missing instead of posting an empty return.
    await form.getByRole('button', { name: 'Record the return' }).click();
    await form.getByRole('alert').getByText('Choose how many units').waitFor();
    await line.getByLabel(field('Units to return')).fill('2');
    await form.getByRole('status').getByText('Refund £4.40 for 2 units').waitFor();
    expect(await line.getByRole('switch', { name: 'Put back in stock' }).isChecked()).toBe(true);
    await expectAccessible(page, 'return form (tablet)');
    await form.getByRole('button', { name: 'Record the return' }).click();

    await page.getByRole('heading', { name: 'Return', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).not.toBe(`/sales/${saleId}`);
    await page.getByRole('status').filter({ hasText: 'Return recorded' }).getByText('Give £4.40 back to the customer.').waitFor();
    const given = page.getByRole('region', { name: 'Items given back' });
    await given.getByText('2 units given back × £2.20').waitFor();
    await given.getByText('Refund', { exact: true }).waitFor();
    expect(await given.textContent()).toContain('£4.40');
    await expectAccessible(page, 'return (tablet)');
  });

  it('shows the original with two returned and a link to the return', async () => {
    await page.getByRole('link', { name: 'The original sale' }).click();
    await page.getByRole('heading', { name: 'Sale', level: 1 }).waitFor();
    await anemoneLine(page).getByText('2 returned').waitFor();
    const returns = page.getByRole('region', { name: 'Returns' });
    expect(await returns.getByRole('listitem').count()).toBe(1);
    await returns.getByText('Refund £4.40').waitFor();
    await returns.getByRole('link', { name: /^Return, / }).waitFor();
  });

  it('names the line when the server refuses more than is left', async () => {
    await page.getByRole('button', { name: 'Return items' }).click();
    const form = page.getByRole('form', { name: 'Return items' });
    const line = form.getByRole('group', { name: 'Anemone — White' });
    await line.getByText('Up to 4 (2 already returned)').waitFor();
    // A colleague at the till gives three more back meanwhile.
    const colleague = await signedInContext(world.browser, world.server, 'manager@bloom.example');
    try {
      const res = await colleague.request.post(`/api/sales/${saleId}/returns`, { data: { lines: [{ lineNo: 1, quantity: 3 }] } });
      expect(res.status()).toBe(201);
    } finally {
      await colleague.close();
    }
    await line.getByLabel(field('Units to return')).fill('4');
    await form.getByRole('button', { name: 'Record the return' }).click();
    await line.getByText('Only 1 of Anemone — White can still be returned.').waitFor();
    // What is left is read again, so the form now offers what the world.server allows.
    await line.getByText('Up to 1 (5 already returned)').waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();
    await anemoneLine(page).getByText('5 returned').waitFor();
  });

  it('exchanges the last anemone for a bud vase found by name, and the customer pays the difference', async () => {
    await page.getByRole('button', { name: 'Return items' }).click();
    const form = page.getByRole('form', { name: 'Return items' });
    await form.getByRole('group', { name: 'Anemone — White' }).getByLabel(field('Units to return')).fill('1');
    await form.getByRole('button', { name: 'Add an item they take instead' }).click();
    await form.getByLabel(field('Find the item')).fill('bud vase');
    await form
      .getByRole('list', { name: 'Matching products' })
      .getByRole('button', { name: /Recycled glass bud vase/ })
      .click();
    await form
      .getByRole('group', { name: 'Choose which Recycled glass bud vase' })
      .getByRole('button', { name: /^Clear/ })
      .click();
    const taken = form.getByRole('group', { name: 'Exchange: Recycled glass bud vase — Clear' });
    expect(await taken.getByLabel(field('Units')).inputValue()).toBe('1');
    await form.getByRole('status').getByText('1 unit back (£2.20), £8.00 taken instead: the customer pays £5.80').waitFor();
    await expectAccessible(page, 'return form with an exchange (tablet)');
    await form.getByRole('button', { name: 'Record the return' }).click();

    await page.getByRole('heading', { name: 'Return', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Return recorded' }).getByText('The customer pays £5.80 for the exchange.').waitFor();
    await page
      .getByRole('region', { name: 'Items' })
      .getByText(/Recycled glass bud vase/)
      .waitFor();
  });

  it('lists what is low at Riverside, scarcest first, with the state in words', async () => {
    await main(page).getByRole('link', { name: 'Low stock' }).click();
    await page.getByRole('heading', { name: 'Low stock', level: 1 }).waitFor();
    const low = page.getByRole('list', { name: 'Running low at Riverside' });
    // The demo's white ranunculus: 9 at Riverside against a threshold of 10.
    const ranunculus = low.getByRole('listitem').filter({ hasText: 'Ranunculus — White' });
    await ranunculus.getByText('9 available').waitFor();
    await ranunculus.getByText('low at 10 or fewer').waitFor();
    await ranunculus.getByText('Low', { exact: true }).waitFor();
    await ranunculus.getByText(/^Nothing on its way/).waitFor();
    const out = page.getByRole('list', { name: 'Out of stock at Riverside' });
    await out.getByRole('listitem').filter({ hasText: 'Ranunculus — Lemon' }).getByText('Out of stock').waitFor();
    // What is out comes first, then what is low, scarcest first.
    await page.getByRole('heading', { name: /^Out of stock \(\d+\)$/, level: 2 }).waitFor();
    const available = await page
      .getByRole('listitem')
      .filter({ hasText: / available/ })
      .evaluateAll((rows) => rows.map((r) => Number(/(\d+) available/.exec(r.textContent ?? '')?.[1] ?? Number.NaN)));
    expect(available.length).toBeGreaterThan(2);
    expect(available).toEqual([...available].sort((a, b) => a - b));
    const href = await ranunculus.getByRole('link', { name: 'Ranunculus — White' }).getAttribute('href');
    expect(href).toMatch(/^\/catalog\/[^/]+$/);
    await expectAccessible(page, 'low stock (tablet)');
  });
});

describe('low stock in another store, as the manager', () => {
  it('picks a store: the white ranunculus is low at Riverside, and out at Old Town with a delivery on its way', async () => {
    const context = await signedInContext(world.browser, world.server, 'manager@bloom.example');
    try {
      const page = await context.newPage();
      await page.goto('/stock/low');
      await page.getByRole('heading', { name: 'Low stock', level: 1 }).waitFor();
      await page.getByRole('list', { name: /^Running low at / }).waitFor();
      const picker = page.getByRole('combobox', { name: 'Store', exact: true });
      await picker.click();
      await page.getByRole('option', { name: 'Riverside' }).click();
      await page
        .getByRole('list', { name: 'Running low at Riverside' })
        .getByRole('listitem')
        .filter({ hasText: 'Ranunculus — White' })
        .getByText('Low', { exact: true })
        .waitFor();
      await picker.click();
      await page.getByRole('option', { name: 'Old Town' }).click();
      const ranunculus = page
        .getByRole('list', { name: 'Out of stock at Old Town' })
        .getByRole('listitem')
        .filter({ hasText: 'Ranunculus — White' });
      await ranunculus.getByText('Out of stock').waitFor();
      await ranunculus.getByText(/^On its way: 40 expected /).waitFor();
      await expectAccessible(page, 'low stock, Old Town (tablet)');
    } finally {
      await context.close();
    }
  });
});

describe('sales screens at phone size', () => {
  it('sales, a sale, the return form and low stock pass the audits at 390×844', async () => {
    const context = await signedInContext(world.browser, world.server, 'associate@bloom.example', PHONE);
    try {
      const page = await context.newPage();
      await sellAnemones(page.request, 3, 'till-riverside-0002');
      await page.goto('/sales');
      await page.getByRole('heading', { name: 'Sales', level: 1 }).waitFor();
      const row = page.getByRole('list', { name: 'Sales and returns, newest first' }).getByRole('listitem').first();
      await row.getByText('£6.60').waitFor();
      await expectAccessible(page, 'sales (phone)');
      await row.getByRole('link', { name: /^Sale, / }).click();
      await page.getByRole('heading', { name: 'Sale', level: 1 }).waitFor();
      await anemoneLine(page).getByText('3 units × £2.20').waitFor();
      await expectAccessible(page, 'sale (phone)');
      await page.getByRole('button', { name: 'Return items' }).click();
      await page.getByRole('form', { name: 'Return items' }).getByText('Up to 3').waitFor();
      await expectAccessible(page, 'return form (phone)');
      await page.goto('/stock/low');
      await page.getByRole('heading', { name: 'Low stock', level: 1 }).waitFor();
      await page.getByRole('list', { name: 'Running low at Riverside' }).waitFor();
      await expectAccessible(page, 'low stock (phone)');
    } finally {
      await context.close();
    }
  });
});
