import { randomUUID } from 'node:crypto';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './audit.ts';
import { customerBookWorld, signedInContext } from './customer-book.ts';
import { apiOk, field, openFromNavigation, PHONE } from './server.ts';

// The store reports a manager coaches from: gestures against the month's budget, and lost demand.

const world = customerBookWorld();

interface Me {
  stores: { id: string; name: string }[];
  retailer: { locale: string; currency: string };
}
interface Month {
  month: string;
  budget: number;
  spent: number;
  left: number;
}
interface LostItem {
  variantId: string | null;
  productId: string | null;
  description: string;
  units: number;
  times: number;
  outcomes: Record<string, number>;
}

const clientId = () => `e2e-${randomUUID()}`;

/** Works at Riverside from now on (the manager also works at Old Town), and says how money reads. */
async function atRiverside(api: APIRequestContext) {
  const me = await apiOk<Me>('GET /api/me', await api.get('/api/me'));
  const riverside = me.stores.find((s) => s.name === 'Riverside');
  if (!riverside) throw new Error('the demo has no Riverside');
  await apiOk('work at Riverside', await api.put('/api/me/store', { data: { storeId: riverside.id } }));
  const fmt = new Intl.NumberFormat(me.retailer.locale, { style: 'currency', currency: me.retailer.currency });
  const monthName = (m: string) =>
    new Intl.DateTimeFormat(me.retailer.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
  return { storeId: riverside.id, money: (n: number) => fmt.format(n), monthName };
}

const gestureMonth = async (api: APIRequestContext, storeId: string) =>
  apiOk<Month>('GET gestures', await api.get(`/api/stores/${storeId}/gestures`));
const lostDemand = async (api: APIRequestContext, storeId: string) =>
  (await apiOk<{ items: LostItem[] }>('GET lost demand', await api.get(`/api/lost-demand?storeId=${storeId}`))).items;

const main = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const budgetRegion = (page: Page) => page.getByRole('region', { name: /^Budget for / });
const gestureRow = (page: Page, description: string) =>
  page.getByRole('list', { name: 'Gestures, newest first' }).getByRole('listitem').filter({ hasText: description });
const lostRow = (page: Page, description: string) =>
  page.getByRole('list', { name: 'Items asked for, most units first' }).getByRole('listitem').filter({ hasText: description });

describe('gestures and lost demand, as the manager at Riverside', () => {
  let context: BrowserContext;
  let page: Page;
  let r: Awaited<ReturnType<typeof atRiverside>>;
  let visitId: string;
  let before: Month;
  let anemone: { productId: string; variantId: string; before: LostItem | undefined };
  const eucalyptus = `Three stems of eucalyptus ${randomUUID().slice(0, 6)}`;
  const wrap = `Kraft paper and twine ${randomUUID().slice(0, 6)}`;
  const hydrangea = `Blue hydrangea, dried ${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    context = await signedInContext(world.browser, world.server, 'manager@bloom.example');
    page = await context.newPage();
    const api = page.request;
    r = await atRiverside(api);
    before = await gestureMonth(api, r.storeId);

    const visit = await apiOk<{ id: string }>(
      'start a visit',
      await api.post('/api/encounters', { data: { clientId: clientId(), storeId: r.storeId, customerId: world.okaforId } }),
    );
    visitId = visit.id;
    await apiOk(
      'give extra blooms',
      await api.post(`/api/encounters/${visitId}/gestures`, {
        data: { clientId: clientId(), kind: 'extra-blooms', description: eucalyptus, cost: 4.5 },
      }),
    );
    await apiOk(
      'give gift wrap',
      await api.post(`/api/encounters/${visitId}/gestures`, {
        data: { clientId: clientId(), kind: 'gift-wrap', description: wrap, cost: 2 },
      }),
    );

    const found = await apiOk<{ items: { id: string; title: string }[] }>('find anemones', await api.get('/api/products?q=anemone'));
    const product = found.items.find((p) => p.title === 'Anemone');
    if (!product) throw new Error('the demo has no anemones');
    const detail = await apiOk<{ variants: { id: string; title: string }[] }>('GET anemone', await api.get(`/api/products/${product.id}`));
    const white = detail.variants.find((v) => v.title === 'White');
    if (!white) throw new Error('the demo has no white anemones');
    // Demo visits may have asked for white anemones too: the page must show what was there plus ours.
    anemone = {
      productId: product.id,
      variantId: white.id,
      before: (await lostDemand(api, r.storeId)).find((i) => i.variantId === white.id),
    };
    const lost = (data: Record<string, unknown>) =>
      api.post(`/api/encounters/${visitId}/lost-demand`, { data: { clientId: clientId(), ...data } });
    await apiOk('anemones substituted', await lost({ variantId: white.id, quantity: 5, outcome: 'substituted' }));
    await apiOk('anemones lost', await lost({ variantId: white.id, quantity: 2, outcome: 'lost' }));
    await apiOk('hydrangea ordered', await lost({ description: hydrangea, quantity: 3, outcome: 'ordered' }));
    await apiOk('hydrangea from Old Town', await lost({ description: hydrangea, quantity: 1, outcome: 'other-store' }));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('shows the month’s budget, what the two gestures spent and what is left', async () => {
    await page.goto('/today');
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await openFromNavigation(page, 'Gestures');
    await page.getByRole('heading', { name: r.monthName(before.month), level: 2 }).waitFor();

    const spent = before.spent + 6.5;
    const left = Math.max(0, before.budget - spent);
    const figures = budgetRegion(page);
    await figures.getByText(r.money(spent), { exact: true }).waitFor();
    expect(await figures.locator('dd').allTextContents()).toEqual([r.money(before.budget), r.money(spent), r.money(left)]);
    const bar = figures.getByRole('progressbar', { name: `Budget spent in ${r.monthName(before.month)}` });
    expect(await bar.getAttribute('aria-valuetext')).toContain(`${r.money(spent)} of ${r.money(before.budget)} spent`);
    // Only the owner changes the budget.
    expect(await page.getByRole('button', { name: 'Change the budget' }).count()).toBe(0);
    await figures.getByText('The owner sets the budget for each store.').waitFor();

    const blooms = gestureRow(page, eucalyptus);
    await blooms.getByText(r.money(4.5), { exact: true }).waitFor();
    expect(await blooms.textContent()).toContain('Extra blooms');
    expect(await blooms.textContent()).toContain('given by Marcus Oyelaran');
    expect(await blooms.getByRole('link', { name: 'Adaeze Okafor' }).getAttribute('href')).toBe(`/customers/${world.okaforId}`);
    expect(await blooms.getByRole('link', { name: /^Open the visit/ }).getAttribute('href')).toBe(`/visits/${visitId}`);
    expect(await gestureRow(page, wrap).textContent()).toContain('Gift wrap');

    const kinds = page.getByRole('list', { name: 'Totals by kind' });
    await kinds.getByRole('listitem').filter({ hasText: 'Gift wrap' }).first().waitFor();
    expect(await kinds.getByRole('listitem').filter({ hasText: 'Extra blooms' }).count()).toBe(1);
    await expectAccessible(page, 'gestures (tablet)');
  });

  it('goes back a month and returns, and cannot go past this month', async () => {
    const month = page.getByRole('group', { name: 'Month' });
    const next = month.getByRole('button', { name: /^Next/ });
    expect(await next.isDisabled()).toBe(true);
    await month.getByRole('button', { name: /^Previous month/ }).click();
    const previous = new Date(`${before.month}-01T00:00:00Z`);
    previous.setUTCMonth(previous.getUTCMonth() - 1);
    const previousMonth = previous.toISOString().slice(0, 7);
    await page.getByRole('heading', { name: r.monthName(previousMonth), level: 2 }).waitFor();
    expect(new URL(page.url()).searchParams.get('month')).toBe(previousMonth);
    await budgetRegion(page).waitFor();
    expect(await page.getByText(eucalyptus).count()).toBe(0);
    await next.click();
    await page.getByRole('heading', { name: r.monthName(before.month), level: 2 }).waitFor();
    await gestureRow(page, eucalyptus).waitFor();
  });

  it('shows lost demand most units first, with what happened instead in words', async () => {
    await openFromNavigation(page, 'Lost demand');
    const last30 = page.getByRole('group', { name: 'Quick picks' }).getByRole('button', { name: 'Last 30 days' });
    expect(await last30.getAttribute('aria-pressed')).toBe('true');

    const dried = lostRow(page, hydrangea);
    await dried.getByText('4 units', { exact: true }).waitFor();
    expect(await dried.getByRole('link').count()).toBe(0);
    const driedText = await dried.textContent();
    expect(driedText).toContain('Asked for twice');
    expect(driedText).toContain('not in the catalog');
    expect(driedText).toContain('From another store 1');
    expect(driedText).toContain('Ordered 3');
    expect(driedText).not.toContain('Lost');

    const had = anemone.before;
    const units = (had?.units ?? 0) + 7;
    const flowers = lostRow(page, 'Anemone');
    await flowers.getByText(`${units} units`, { exact: true }).waitFor();
    const link = flowers.getByRole('link');
    expect(await link.getAttribute('href')).toBe(`/catalog/${anemone.productId}`);
    const text = await flowers.textContent();
    expect(text).toContain(`Substituted ${(had?.outcomes.substituted ?? 0) + 5}`);
    expect(text).toContain(`Lost ${(had?.outcomes.lost ?? 0) + 2}`);

    // Most units first, as the API orders them.
    const all = await lostDemand(page.request, r.storeId);
    const rows = await page.getByRole('list', { name: 'Items asked for, most units first' }).getByRole('listitem').allInnerTexts();
    expect(rows.length).toBe(all.length);
    expect(rows[0]).toContain(all[0]?.description);

    const summary = page.getByRole('region', { name: 'In all' });
    const total = all.reduce((n, i) => n + i.units, 0);
    expect(await summary.textContent()).toContain(`${total} units asked for`);
    await expectAccessible(page, 'lost demand (tablet)');

    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await page.getByRole('button', { name: 'Last 7 days', pressed: true }).waitFor();
    await lostRow(page, hydrangea).waitFor();
    expect(new URL(page.url()).searchParams.get('from')).not.toBeNull();
  });

  it('says what lost demand is when a range has none', async () => {
    await page.getByLabel(field('From')).fill('2001-01-01');
    await page.getByLabel(field('To')).fill('2001-01-31');
    await page.getByText(/No lost demand at Riverside between/).waitFor();
    await page.getByText(/recorded by itself when guided selling offers a substitute/).waitFor();
    await expectAccessible(page, 'lost demand, none (tablet)');
  });

  it('fits a phone', async () => {
    const phone = await signedInContext(world.browser, world.server, 'manager@bloom.example', PHONE);
    try {
      const p = await phone.newPage();
      await atRiverside(p.request);
      await p.goto('/gestures');
      await gestureRow(p, eucalyptus).waitFor();
      await expectAccessible(p, 'gestures (phone)');
      await p.goto('/lost-demand');
      await lostRow(p, hydrangea).waitFor();
      await expectAccessible(p, 'lost demand (phone)');
    } finally {
      await phone.close();
    }
  });
});

describe('the budget, as the owner', () => {
  let context: BrowserContext;
  let page: Page;
  let r: Awaited<ReturnType<typeof atRiverside>>;

  beforeAll(async () => {
    context = await signedInContext(world.browser, world.server, 'owner@bloom.example');
    page = await context.newPage();
    r = await atRiverside(page.request);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('sets Riverside’s monthly budget in the store form, and the Gestures page shows it', async () => {
    await page.goto('/today');
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await openFromNavigation(page, 'Stores');
    await page.getByRole('button', { name: 'Edit Riverside' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Riverside' });
    const budget = dialog.getByLabel(field('Monthly budget for gestures'));
    await budget.fill('75');
    await expectAccessible(page, 'store form (tablet)');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    const card = page.getByRole('article', { name: 'Riverside' });
    await card.getByText(r.money(75)).waitFor();

    await openFromNavigation(page, 'Gestures');
    const figures = budgetRegion(page);
    await figures.locator('dd').first().getByText(r.money(75), { exact: true }).waitFor();
    const month = await gestureMonth(page.request, r.storeId);
    expect(month.budget).toBe(75);
    expect(await figures.locator('dd').nth(2).textContent()).toBe(r.money(month.left));
  });

  it('changes it in place, and warns when most of it is spent', async () => {
    const month = await gestureMonth(page.request, r.storeId);
    // A budget the month has spent 90 % of.
    const tight = Math.round((month.spent / 0.9) * 100) / 100;
    await page.getByRole('button', { name: 'Change the budget' }).click();
    const dialog = page.getByRole('dialog', { name: 'Budget for gestures at Riverside' });
    await dialog.getByLabel(field('Monthly budget for gestures')).fill(String(tight));
    await dialog.getByRole('button', { name: 'Save budget' }).click();
    await dialog.waitFor({ state: 'detached' });
    const figures = budgetRegion(page);
    await figures.locator('dd').first().getByText(r.money(tight), { exact: true }).waitFor();
    await figures.getByText(/More than 80 % of the budget is spent/).waitFor();
    await expectAccessible(page, 'gestures, nearly spent (tablet)');

    await page.getByRole('button', { name: 'Change the budget' }).click();
    await dialog.getByLabel(field('Monthly budget for gestures')).fill(String(month.spent));
    await dialog.getByRole('button', { name: 'Save budget' }).click();
    await dialog.waitFor({ state: 'detached' });
    await figures.getByText(/is used up/).waitFor();
    expect(await figures.locator('dd').nth(2).textContent()).toBe(r.money(0));
  });
});

describe('an associate', () => {
  it('sees neither report in the navigation, and is told so at the address', async () => {
    const context = await signedInContext(world.browser, world.server, 'associate@bloom.example');
    try {
      const page = await context.newPage();
      await page.goto('/customers');
      await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
      await main(page).getByRole('link', { name: 'Sales' }).waitFor();
      expect(await main(page).getByRole('link', { name: 'Gestures' }).count()).toBe(0);
      expect(await main(page).getByRole('link', { name: 'Lost demand' }).count()).toBe(0);
      await page.goto('/gestures');
      await page.getByRole('heading', { name: 'Not available to your role', level: 1 }).waitFor();
    } finally {
      await context.close();
    }
  });
});
