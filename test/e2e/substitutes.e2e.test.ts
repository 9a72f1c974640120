import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../helpers/database.ts';
import { expectAccessible } from './audit.ts';
import { signedInContext } from './customer-book.ts';
import { card, cards, question, skip, tick } from './guided-selling.ts';
import { type E2EServer, launchBrowser, newContext, openFromNavigation, PHONE, sharedPage, signIn, startServer } from './server.ts';

/**
 * New Year's Eve at Bloom & Stem, through the screens: 24 white ranunculus for a party table, 9 at
 * Riverside and none at Old Town, £80 flexible. The associate opens the substitutes and plans,
 * takes the plan that completes the 24 with anemones, holds the stems, and sees a hold end.
 */
let database: TestDatabase;
let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  // The test keeps the database to move a hold's end time, as time passing would.
  database = await testDatabase();
  server = await startServer({ database });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const RANUNCULUS = 'Ranunculus — White';
const ANEMONE = 'Anemone — White';
const SILK = 'Silk ranunculus stem — White';

/** The panel of substitutes and plans for the white ranunculus. */
const panel = (page: Page) => page.getByRole('dialog', { name: `Substitutes and plans: ${RANUNCULUS}` });
const plans = (page: Page) => panel(page).getByRole('list', { name: 'Plans, best first' }).locator(':scope > li');
const basket = (page: Page) => page.getByRole('region', { name: 'Basket for this visit' });
const basketLine = (page: Page, title: string) =>
  basket(page)
    .getByRole('list', { name: 'In the basket' })
    .locator(':scope > li')
    .filter({ has: page.getByText(title, { exact: true }) });

async function openPanel(page: Page) {
  await card(page, RANUNCULUS)
    .getByRole('button', { name: `Substitutes and plans for ${RANUNCULUS}` })
    .click();
  await panel(page).waitFor();
  await plans(page).first().waitFor();
}

/** Closes the panel and opens it again, so its plans are made from the stock as it is now. */
async function reopenPanel(page: Page) {
  await panel(page).getByRole('button', { name: 'Close dialog' }).click();
  await panel(page).waitFor({ state: 'hidden' });
  await openPanel(page);
}

async function ids() {
  const store = await database.db.selectFrom('stores').select('id').where('name', '=', 'Riverside').executeTakeFirstOrThrow();
  const variant = await database.db.selectFrom('variants').select('id').where('sku', '=', 'BS-RAN-WHT').executeTakeFirstOrThrow();
  return { storeId: store.id, variantId: variant.id };
}

describe("New Year's Eve: 24 white ranunculus, 9 here, £80 flexible", () => {
  const shared = sharedPage(() => newContext(browser, server));
  let visit: string;

  it('asks the occasion, the colour, how many and the budget, and finds the ranunculus short', async () => {
    const { page } = shared;
    await signIn(page, 'associate@bloom.example');
    await openFromNavigation(page, 'Guided selling');
    await page.getByText(/— at Riverside/).waitFor();
    expect(await page.getByRole('radio', { name: /^Flowers for an occasion/ }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('button', { name: 'Start asking' }).click();

    await tick(page, 'What are the flowers for?', ["New Year's Eve"]);
    await skip(page, 'Who are they for?');
    await tick(page, 'Which colours are in the room, or do they love?', ['White']);
    await skip(page, 'Which style suits them?');
    await skip(page, 'Fresh, silk, or either?');
    await skip(page, 'How much scent?');
    await skip(page, 'Is there a cat or dog at home?');
    await question(page, 'How many stems or arrangements?');
    await page.getByRole('textbox', { name: 'How many' }).fill('24');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await question(page, 'What would they like to spend?');
    await page.getByRole('textbox', { name: 'The most they would like to spend' }).fill('80');
    await page.getByRole('radio', { name: /^Flexible/ }).click();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();

    await page.getByRole('heading', { level: 2, name: 'Recommendations' }).waitFor();
    await page.getByText(/^For 24 · up to £80\.00 \(flexible\)/).waitFor();
    await cards(page).first().waitFor();
    while ((await card(page, RANUNCULUS).count()) === 0) {
      const more = page.getByRole('button', { name: 'Show more suggestions' });
      expect(await more.count(), 'the white ranunculus is recommended').toBe(1);
      const before = await cards(page).count();
      await more.click();
      await expect.poll(() => cards(page).count()).toBeGreaterThan(before);
    }
    await card(page, RANUNCULUS)
      .getByText(/^9 here/)
      .waitFor();
    visit = new URL(page.url()).pathname;
  });

  it('shows what is short, other stores and deliveries, the plans and the substitutes', async () => {
    const { page } = shared;
    await openPanel(page);
    const p = panel(page);
    await p.getByText('15 short here', { exact: true }).waitFor();
    await p.getByText(/^9 at Riverside · 24 wanted · £2\.40 each/).waitFor();
    await p.getByText('No other store has any to spare.').waitFor();
    // Old Town has none, but a delivery of 40 is on its way there.
    await p
      .getByRole('list', { name: 'Deliveries expected' })
      .getByText(/^40 at Old Town, /)
      .waitFor();

    const first = plans(page).first();
    await first.getByText(`9 ${RANUNCULUS} here + 15 ${ANEMONE} here, which keeps the colour: white`).waitFor();
    await first.getByText('Total £54.60', { exact: true }).waitFor();
    await first.getByText('Completes the 24', { exact: true }).waitFor();
    const lines = await first.getByRole('list', { name: 'Plan 1, line by line' }).getByRole('listitem').allTextContents();
    expect(lines).toEqual([`9 × ${RANUNCULUS} here£21.60`, `15 × ${ANEMONE} here, instead£33.00`]);
    // The 40 on their way to Old Town make a plan too, saying where and when, after the ones ready now.
    const due = plans(page).filter({ hasText: new RegExp(`9 ${RANUNCULUS} here \\+ 15 ${RANUNCULUS} due at Old Town `) });
    await due.first().waitFor();
    expect(
      await plans(page)
        .first()
        .getByText(/due at Old Town/)
        .count(),
    ).toBe(0);
    const dueLines = await due
      .getByRole('list', { name: /, line by line$/ })
      .getByRole('listitem')
      .allTextContents();
    expect(dueLines).toEqual([
      `9 × ${RANUNCULUS} here£21.60`,
      expect.stringMatching(/^15 × Ranunculus — White due \w{3} \d{1,2} \w{3} at Old Town, not held£36\.00$/),
    ]);

    const substitutes = p.getByRole('list', { name: 'Substitutes' });
    const anemone = substitutes.getByRole('listitem').filter({ has: page.getByRole('heading', { name: ANEMONE, exact: true }) });
    await anemone.getByRole('list', { name: 'What it keeps' }).getByText('the colour: white').waitFor();
    await anemone.getByRole('list', { name: 'What differs' }).getByText('£0.20 less each').waitFor();
    const silk = substitutes.getByRole('listitem').filter({ has: page.getByRole('heading', { name: SILK, exact: true }) });
    await silk.getByRole('list', { name: 'What differs' }).getByText('silk rather than fresh: it lasts for years').waitFor();
    await silk.getByText('All 24 of these instead: £76.80').waitFor();
    await silk.getByRole('button', { name: `Add 24 ${SILK} to the basket instead` }).waitFor();

    // Hold settings: on by default, until the end of the store's day.
    expect(await p.getByRole('switch', { name: 'Hold for the customer' }).isChecked()).toBe(true);
    expect(await p.getByRole('radio', { name: 'End of today' }).isChecked()).toBe(true);
    await p.getByText(/^Held until 23:59 today\.$/).waitFor();
    await expectAccessible(page, 'substitutes and plans (tablet)');
  });

  it('when stock moves before a plan is chosen, says so, takes nothing and makes the plans again', async () => {
    const { page } = shared;
    const owner = await signedInContext(browser, server, 'owner@bloom.example');
    try {
      const { storeId, variantId } = await ids();
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      const held = await owner.request.post('/api/stock/holds', { data: { storeId, variantId, quantity: 5, expiresAt } });
      expect(held.status(), await held.text()).toBe(201);

      await plans(page).first().getByRole('button', { name: 'Choose this plan and hold' }).click();
      const alert = panel(page).getByRole('alert').filter({ hasText: 'Stock has moved' });
      await alert.getByText(/only 4 Ranunculus — White can be held there now/).waitFor();
      await plans(page)
        .first()
        .getByText(new RegExp(`^4 ${RANUNCULUS} here \\+ 20 ${ANEMONE} here`))
        .waitFor();
      expect(await basket(page).getByText('Nothing in the basket yet.', { exact: false }).count()).toBe(1);

      const released = await owner.request.post(`/api/stock/holds/${(await held.json()).id}/release`);
      expect(released.status(), await released.text()).toBe(200);
    } finally {
      await owner.close();
    }
  });

  it('lets the associate change a plan’s quantities by hand, and sends the plan as changed', async () => {
    const { page } = shared;
    // Opened again, the plans are made from the stock as it is now the hold is released.
    await reopenPanel(page);
    const first = plans(page).first();
    await first.getByText('Total £54.60', { exact: true }).waitFor();
    await first.getByRole('button', { name: 'Change quantities' }).click();
    const quantities = first.getByRole('group', { name: 'Plan 1, quantities' });
    // The customer would rather have 12 anemones than 15.
    await quantities.getByRole('textbox', { name: `${ANEMONE}, here, instead` }).fill('12');
    await quantities.getByText('21 of the 24 asked for').waitFor();
    await first.getByText('3 short of 24', { exact: true }).waitFor();
    await first.getByText('Total £48.00', { exact: true }).waitFor();
    await first.getByText(`Changed by hand: 9 × ${RANUNCULUS} here, 12 × ${ANEMONE} here, instead`).waitFor();
    await expectAccessible(page, 'a plan changed by hand (tablet)');

    // What is sent is the plan as changed; the request is stopped here, so nothing is taken.
    let sent: { lines: { variantId: string; quantity: number; source: string }[] } | null = null;
    await page.route('**/plans', async (route) => {
      sent = route.request().postDataJSON();
      await route.abort();
    });
    await first.getByRole('button', { name: 'Choose this plan and hold' }).click();
    await expect
      .poll(() => sent?.lines.map((l) => [l.quantity, l.source]))
      .toEqual([
        [9, 'here'],
        [12, 'substitute'],
      ]);
    await page.unroute('**/plans');
    await first.getByRole('button', { name: 'Undo changes' }).click();
    await first.getByText('Total £54.60', { exact: true }).waitFor();
  });

  it('takes the plan with a hold: both lines go into the basket, held until the end of the day', async () => {
    const { page } = shared;
    await reopenPanel(page);
    const first = plans(page).first();
    await first.getByText('Total £54.60', { exact: true }).waitFor();
    await first.getByRole('button', { name: 'Choose this plan and hold' }).click();

    const done = panel(page).getByRole('status').filter({ hasText: 'Plan chosen' });
    await done.getByText(`9 held at Riverside until 23:59`).waitFor();
    await done.getByText(`15 held at Riverside until 23:59`).waitFor();
    await panel(page).getByRole('button', { name: 'Back to the recommendations' }).click();
    await panel(page).waitFor({ state: 'hidden' });

    await basketLine(page, RANUNCULUS).getByText('9 held at Riverside until 23:59').waitFor();
    await basketLine(page, ANEMONE).getByText('15 held at Riverside until 23:59').waitFor();
    await basket(page).getByText('£54.60', { exact: true }).waitFor();
    // The list is made again: the nine are held, so none are left for anyone else.
    await card(page, RANUNCULUS)
      .getByText(/^None here/)
      .waitFor();
  });

  it('suggests what goes well with the basket, with the reason, and adds one', async () => {
    const { page } = shared;
    const goes = page.getByRole('region', { name: 'Goes well with the basket' });
    const items = goes.getByRole('list', { name: 'Goes well with the basket' }).getByRole('listitem');
    await items.first().waitFor();
    const count = await items.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(6);
    const text = await items.first().textContent();
    expect(text).toMatch(/with (Ranunculus|Anemone)/);
    const add = items.first().getByRole('button', { name: /^Add .+ to the basket$/ });
    const label = (await add.getAttribute('aria-label')) ?? '';
    const name = label.replace(/^Add /, '').replace(/ to the basket$/, '');
    await add.click();
    await page
      .getByRole('status')
      .filter({ hasText: `Added ${name} to the basket.` })
      .waitFor();
    await basketLine(page, name).waitFor();
    await expectAccessible(page, 'basket with holds and what goes with it (tablet)');
  });

  it('says when a hold ends while the screen is open, and holds the stems again', async () => {
    const { page } = shared;
    // The holds end a few seconds from now; the basket notices without being asked.
    await database.db
      .updateTable('stock_holds')
      .set({ expires_at: new Date(Date.now() + 8_000) })
      .where('status', '=', 'active')
      .execute();
    await page.reload();
    await basketLine(page, RANUNCULUS)
      .getByText(/^9 held at Riverside until \d\d:\d\d$/)
      .waitFor();
    const ended = basketLine(page, RANUNCULUS).getByText(/^The hold ended at \d\d:\d\d — these are no longer set aside$/);
    await ended.waitFor({ timeout: 20_000 });
    await basketLine(page, ANEMONE)
      .getByText(/^The hold ended at \d\d:\d\d — these are no longer set aside$/)
      .waitFor();
    await expectAccessible(page, 'basket with ended holds (tablet)');

    await basketLine(page, RANUNCULUS)
      .getByRole('button', { name: `Hold 9 ${RANUNCULUS} again` })
      .click();
    await basketLine(page, RANUNCULUS)
      .getByText(/^9 held at Riverside until .+, \d\d:\d\d$/)
      .waitFor();
    expect(await basket(page).getByText(RANUNCULUS, { exact: true }).count()).toBe(1);
  });

  it('works on a phone: the panel fills the screen and passes the audit', async () => {
    const phone = await signedInContext(browser, server, 'associate@bloom.example', PHONE);
    try {
      const p = await phone.newPage();
      await p.goto(`${visit}?step=recommendations`);
      await cards(p).first().waitFor();
      while ((await card(p, RANUNCULUS).count()) === 0) {
        const before = await cards(p).count();
        await p.getByRole('button', { name: 'Show more suggestions' }).click();
        await expect.poll(() => cards(p).count()).toBeGreaterThan(before);
      }
      await basketLine(p, RANUNCULUS)
        .getByText(/^9 held at Riverside/)
        .waitFor();
      await expectAccessible(p, 'basket with holds (phone)');
      await openPanel(p);
      const box = await panel(p).boundingBox();
      expect(box?.width).toBe(PHONE.width);
      await expectAccessible(p, 'substitutes and plans (phone)');
      // The keyboard closes it, and the focus goes back to the card.
      await p.keyboard.press('Escape');
      await panel(p).waitFor({ state: 'hidden' });
      expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Substitutes and plans for ${RANUNCULUS}`);
    } finally {
      await phone.close();
    }
  });
});
