import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './audit.ts';
import { customerBookWorld, signedInContext } from './customer-book.ts';
import { field, newContext, openFromNavigation, PHONE, signIn, TABLET } from './server.ts';

const world = customerBookWorld();

const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Find a customer' });
const okafor = (page: Page) => page.getByRole('option', { name: /Mrs Okafor/ });
/** Waits until the results shown are those of what was typed last (the list is no longer busy). */
const settled = (page: Page) => page.locator('[role=listbox][aria-busy=false]').waitFor();

describe('the customer book, as an associate', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext(world.browser, world.server);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('starts on Customers with the search box focused, and finds Mrs Okafor by part of her name', async () => {
    await signIn(page, 'associate@bloom.example');
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    // Typed straight away: the box has the focus.
    await page.keyboard.type('oka');
    await settled(page);
    await okafor(page).waitFor();
    expect(await okafor(page).textContent()).toContain('Adaeze Okafor');
    expect(new URL(page.url()).searchParams.get('q')).toBe('oka');
    // Arrow keys move through the results while the focus stays in the box.
    await searchBox(page).press('ArrowDown');
    const active = await searchBox(page).getAttribute('aria-activedescendant');
    expect(await page.getByRole('option').first().getAttribute('id')).toBe(active);
    expect(await page.getByRole('option').first().getAttribute('aria-selected')).toBe('true');
  });

  it('opens the right customer when Enter comes before the results have caught up', async () => {
    await searchBox(page).fill('0207 946 0958');
    await searchBox(page).press('Enter');
    await page.getByRole('heading', { name: 'Mrs Okafor', level: 1 }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
  });

  it('finds her by the whole phone number written differently, and opens her with Enter', async () => {
    await searchBox(page).fill('0207 946 0958');
    await settled(page);
    await okafor(page).waitFor();
    await searchBox(page).press('ArrowDown');
    const first = await page.getByRole('option').first().textContent();
    expect(first).toContain('Mrs Okafor');
    await searchBox(page).press('Enter');
    await page.getByRole('heading', { name: 'Mrs Okafor', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/customers/${world.okaforId}`);
  });

  it('finds her by the last four digits of her phone and opens her profile', async () => {
    await page.goBack();
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await searchBox(page).fill('0958');
    await settled(page);
    await okafor(page).click();
    await page.getByRole('heading', { name: 'Mrs Okafor', level: 1 }).waitFor();
    await page.getByText('Adaeze Okafor').first().waitFor();
    await page.getByRole('link', { name: '020 7946 0958' }).waitFor();
  });

  it('records a bedroom in sage and blush through the preference editor', async () => {
    await page.getByRole('button', { name: 'Add preference' }).click();
    const dialog = page.getByRole('dialog', { name: /Add a preference/ });
    await dialog.waitFor();
    // Saving without a room names what is missing.
    await dialog.getByRole('button', { name: 'Save preference' }).click();
    await dialog.getByText('Choose which room.').waitFor();
    await dialog.getByRole('combobox', { name: field('Room') }).click();
    await page.getByRole('option', { name: 'Bedroom' }).click();
    await dialog.getByRole('checkbox', { name: 'Sage' }).click();
    await dialog.getByRole('checkbox', { name: 'Blush' }).click();
    expect(await dialog.getByRole('checkbox', { name: 'Sage' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: 'Cream' }).isChecked()).toBe(false);
    await dialog.getByRole('radiogroup', { name: 'Light' }).getByRole('radio', { name: 'Low' }).click();
    await dialog.getByRole('button', { name: 'Save preference' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const prefs = page.getByRole('region', { name: 'Preferences' });
    const bedroom = prefs.getByRole('listitem').filter({ hasText: 'Bedroom — Sage, Blush · low light' });
    await bedroom.getByText('Recorded by Priya Natarajan today').waitFor();
  });

  it('adds a note to the timeline', async () => {
    await page.getByLabel(field('New note')).fill('Looking for peonies for her daughter’s wedding in June.');
    await page.getByRole('button', { name: 'Save note' }).click();
    const timeline = page.getByRole('list', { name: 'Notes, purchases and changes, newest first' });
    await timeline.getByText('Looking for peonies for her daughter’s wedding in June.').waitFor();
    expect(await page.getByLabel(field('New note')).inputValue()).toBe('');
  });

  it('warns about a card number in a note, and “Save anyway” saves it', async () => {
    await page.getByLabel(field('New note')).fill('Paid the deposit with 4111 1111 1111 1111 over the phone.');
    await page.getByRole('button', { name: 'Save note' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'This note may hold sensitive information' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('payment card number');
    await expectAccessible(page, 'sensitive note warning (tablet)');
    await warning.getByRole('button', { name: 'Save anyway' }).click();
    const timeline = page.getByRole('list', { name: 'Notes, purchases and changes, newest first' });
    await timeline.getByText('Paid the deposit with').waitFor();
    await timeline.getByText('Saved despite a warning').waitFor();
    expect(await timeline.getByText('Paid the deposit with').count()).toBe(1);
  });

  it('shows what a colleague changed meanwhile, and re-applies the edit on top', async () => {
    await page.getByRole('button', { name: 'Edit profile' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Edit Mrs Okafor' }).waitFor();
    const tags = dialog.getByRole('combobox', { name: 'Tags' });
    await tags.fill('wedding-client');
    await tags.press('Enter');

    // Meanwhile the store manager adds a mobile number through the API.
    const manager = await signedInContext(world.browser, world.server, 'manager@bloom.example');
    try {
      const current = await (await manager.request.get(`/api/customers/${world.okaforId}`)).json();
      const res = await manager.request.patch(`/api/customers/${world.okaforId}`, {
        headers: { 'if-match': `"${current.version}"` },
        data: { phones: [...current.phones, { label: 'mobile', number: '07700 900123' }] },
      });
      expect(res.status()).toBe(200);
    } finally {
      await manager.close();
    }

    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByRole('heading', { name: 'Someone else changed this profile' }).waitFor();
    const changes = dialog.getByRole('list', { name: 'What changed' });
    await changes.getByText('Phone numbers — changed by a colleague').waitFor();
    expect(await changes.textContent()).toContain('mobile: 07700 900123');
    await changes.getByText('Tags — changed by you').waitFor();
    await expectAccessible(page, 'edit conflict (tablet)');

    await dialog.getByRole('button', { name: 'Apply my changes on top' }).click();
    await dialog.getByText('Your changes are now on top of the latest version').waitFor();
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: '07700 900123' }).waitFor();
    await page.getByRole('list', { name: 'Tags' }).getByText('wedding-client').waitFor();
  });

  it('adds a new customer and lands on her profile', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await searchBox(page).fill('Ingrid Solberg');
    await page.getByText('No one found for “Ingrid Solberg”').waitFor();
    await page.getByRole('link', { name: 'Add “Ingrid Solberg” as a new customer' }).click();
    await page.getByRole('heading', { name: 'New customer', level: 1 }).waitFor();
    // The name typed in the search comes along.
    expect(await page.getByLabel(field('First name')).inputValue()).toBe('Ingrid');
    expect(await page.getByLabel(field('Last name')).inputValue()).toBe('Solberg');
    await page.getByLabel(field('Phone 1')).fill('07700 900456');
    await page.getByRole('button', { name: 'Add customer' }).click();
    await page.getByRole('heading', { name: 'Ingrid Solberg', level: 1 }).waitFor();
    await page.getByText('Home store: Riverside').waitFor();
  });
});

describe('who sees the customer book', () => {
  it('gives an ambassador no Customers area', async () => {
    const context = await newContext(world.browser, world.server);
    try {
      const page = await context.newPage();
      await signIn(page, 'security@bloom.example');
      await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
      const nav = (await page.getByRole('navigation', { name: 'Main' }).textContent()) ?? '';
      expect(nav).not.toContain('Customers');
      await page.goto(`/customers/${world.okaforId}`);
      await page.getByRole('heading', { name: 'Not available to your role', level: 1 }).waitFor();
    } finally {
      await context.close();
    }
  });
});

for (const [size, viewport] of [
  ['tablet', TABLET],
  ['phone', PHONE],
] as const) {
  describe(`customer-book screens at ${size} size (${viewport.width}×${viewport.height})`, () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await signedInContext(world.browser, world.server, 'associate@bloom.example', viewport);
      page = await context.newPage();
    });
    afterAll(async () => {
      await context?.close();
    });

    it('customers, before typing', async () => {
      await page.goto('/customers');
      await page.getByText('Who are you looking for?').waitFor();
      await expectAccessible(page, `customers empty (${size})`);
    });

    it('customers, with results', async () => {
      await searchBox(page).fill('oka');
      await okafor(page).waitFor();
      await expectAccessible(page, `customers results (${size})`);
    });

    it('profile', async () => {
      await page.goto(`/customers/${world.okaforId}`);
      await page.getByRole('heading', { name: 'Mrs Okafor', level: 1 }).waitFor();
      await page.getByRole('list', { name: 'Notes, purchases and changes, newest first' }).waitFor();
      await expectAccessible(page, `profile (${size})`);
    });

    it('preference editor', async () => {
      await page.getByRole('button', { name: 'Add preference' }).click();
      const dialog = page.getByRole('dialog', { name: /Add a preference/ });
      await dialog.getByRole('group', { name: 'Dominant colours' }).waitFor();
      await expectAccessible(page, `preference editor (${size})`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    });

    it('edit profile', async () => {
      await page.getByRole('button', { name: 'Edit profile' }).click();
      await page.getByRole('dialog').getByRole('heading', { name: 'Edit Mrs Okafor' }).waitFor();
      await expectAccessible(page, `edit profile (${size})`);
      await page.keyboard.press('Escape');
    });

    it('new customer', async () => {
      await page.goto('/customers/new');
      await page.getByRole('heading', { name: 'New customer', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Add customer' }).click();
      await page.getByText('Enter their first name.').waitFor();
      await expectAccessible(page, `new customer (${size})`);
    });

    it('vocabulary, as the owner', async () => {
      const owner = await signedInContext(world.browser, world.server, 'owner@bloom.example', viewport);
      try {
        const ownerPage = await owner.newPage();
        await ownerPage.goto('/vocabulary');
        await ownerPage.getByRole('heading', { name: 'Vocabulary', level: 1 }).waitFor();
        await ownerPage.getByText('Key sage').waitFor();
        await expectAccessible(ownerPage, `vocabulary (${size})`);
        await ownerPage.getByRole('button', { name: 'Add a colour' }).click();
        const dialog = ownerPage.getByRole('dialog', { name: 'Add a colour' });
        await dialog.getByLabel(field('Name')).fill('Sage');
        await dialog.getByRole('button', { name: 'Add colour' }).click();
        await dialog.getByText('The key sage is already used by “Sage”').waitFor();
        await expectAccessible(ownerPage, `vocabulary add term (${size})`);
      } finally {
        await owner.close();
      }
    });
  });
}

describe('vocabulary, as the owner', () => {
  it('adds a colour with a checked key, renames it and archives it', async () => {
    const context = await newContext(world.browser, world.server);
    try {
      const page = await context.newPage();
      await signIn(page, 'owner@bloom.example');
      await openFromNavigation(page, 'Vocabulary');
      await page.getByRole('button', { name: 'Add a colour' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a colour' });
      await dialog.getByLabel(field('Name')).fill('Pistachio Crème');
      expect(await dialog.getByLabel(field('Key')).inputValue()).toBe('pistachio-creme');
      await dialog.getByLabel(field('Key')).fill('Pistachio Creme');
      await dialog.getByRole('button', { name: 'Add colour' }).click();
      await dialog.getByText('Use lower-case letters and digits').waitFor();
      await dialog.getByLabel(field('Key')).fill('pistachio-creme');
      await dialog.getByLabel(field('Family')).fill('green');
      await dialog.getByLabel(field('Swatch colour')).fill('#b5c99a');
      await dialog.getByLabel(field('Name')).click(); // closes the colour picker
      await dialog.getByRole('button', { name: 'Add colour' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('Key pistachio-creme · green family').waitFor();

      await page.getByRole('button', { name: 'Rename or change Pistachio Crème' }).click();
      const rename = page.getByRole('dialog', { name: 'Change Pistachio Crème' });
      await rename.getByLabel(field('Name')).fill('Pistachio');
      expect(await rename.getByLabel(field('Key')).getAttribute('readonly')).not.toBeNull();
      await rename.getByRole('button', { name: 'Save changes' }).click();
      await rename.waitFor({ state: 'hidden' });

      await page.getByRole('button', { name: 'Archive Pistachio' }).click();
      await page.getByRole('dialog', { name: 'Archive Pistachio?' }).getByRole('button', { name: 'Archive' }).click();
      await page.getByRole('button', { name: 'Restore Pistachio' }).waitFor();
      const terms = await (await page.request.get('/api/vocabulary')).json();
      expect(terms.items.some((t: { key: string }) => t.key === 'pistachio-creme')).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('chooses which colours go together, and is told when someone else changed them first', async () => {
    const context = await newContext(world.browser, world.server);
    try {
      const page = await context.newPage();
      await signIn(page, 'owner@bloom.example');
      await openFromNavigation(page, 'Vocabulary');
      const card = page.getByRole('region', { name: 'Colours that go together' });
      await card.getByText('These are Ones’ suggestions until you change them.').waitFor();
      const blue = card.getByRole('group', { name: 'Blue goes with' });
      const pink = card.getByRole('group', { name: 'Pink goes with' });
      expect(await pink.getByRole('checkbox', { name: 'Blue' }).isChecked()).toBe(false);
      // Blue with pink is pink with blue.
      await blue.getByRole('checkbox', { name: 'Pink' }).click();
      expect(await pink.getByRole('checkbox', { name: 'Blue' }).isChecked()).toBe(true);
      await expectAccessible(page, 'colours that go together (tablet)');
      await card.getByRole('button', { name: 'Save colours that go together' }).click();
      await card.getByText('Saved: guided selling now uses these.').waitFor();
      await card.getByText('These are your shop’s choices.').waitFor();

      // A colleague takes purple away from pink before this screen saves again.
      const shown = (await (await page.request.get('/api/vocabulary/harmony')).json()) as { pairs: [string, string][] };
      const theirs = shown.pairs.filter(([a, b]) => !(a === 'purple' && b === 'pink'));
      expect((await page.request.put('/api/vocabulary/harmony', { data: { pairs: theirs, replaces: shown.pairs } })).status()).toBe(200);
      await card.getByRole('group', { name: 'Red goes with' }).getByRole('checkbox', { name: 'Yellow' }).click();
      await card.getByRole('button', { name: 'Save colours that go together' }).click();
      await card
        .getByRole('alert')
        .getByText(/Someone changed which colours go together after this screen showed them/)
        .waitFor();
      await card.getByRole('button', { name: 'Show their choice' }).click();
      await expect
        .poll(() => card.getByRole('group', { name: 'Purple goes with' }).getByRole('checkbox', { name: 'Pink' }).isChecked())
        .toBe(false);
      expect(await card.getByRole('group', { name: 'Red goes with' }).getByRole('checkbox', { name: 'Yellow' }).isChecked()).toBe(false);

      await card.getByRole('button', { name: 'Ones’ suggestions' }).click();
      await card.getByRole('button', { name: 'Save colours that go together' }).click();
      await card.getByText('These are Ones’ suggestions until you change them.').waitFor();
    } finally {
      await context.close();
    }
  });
});
