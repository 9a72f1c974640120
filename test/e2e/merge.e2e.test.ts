import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './audit.ts';
import { customerBookWorld, signedInContext } from './customer-book.ts';
import { field, newContext, PHONE, signIn } from './server.ts';

const world = customerBookWorld();

/** The demo's likely duplicate pair (DUPLICATE_PAIR): Ms Katherine “Kate” Wójcik and a walk-in Kate Wojcik. */
const katePair = (page: Page) =>
  page
    .getByRole('list', { name: 'Likely duplicate pairs' })
    .getByRole('listitem')
    .filter({ hasText: 'Katherine Wójcik' })
    .filter({ hasText: 'Kate Wojcik' });

// Before the manager's run below, which ends by telling the pair apart.
describe('merge screens at phone size', () => {
  it('duplicates and compare pass the audits at 390×844', async () => {
    const context = await signedInContext(world.browser, world.server, 'owner@bloom.example', PHONE);
    try {
      const page = await context.newPage();
      await page.goto('/customers/duplicates');
      await page.getByRole('heading', { name: 'Possible duplicates', level: 1 }).waitFor();
      await katePair(page).waitFor();
      await expectAccessible(page, 'possible duplicates (phone)');
      await katePair(page)
        .getByRole('link', { name: /^Compare and merge/ })
        .click();
      await page.getByRole('heading', { name: 'Compare and merge', level: 1 }).waitFor();
      await page.getByRole('radiogroup', { name: 'First name' }).waitFor();
      await expectAccessible(page, 'compare and merge (phone)');
    } finally {
      await context.close();
    }
  });
});

describe('duplicates, merge and unmerge, as the store manager', () => {
  let context: BrowserContext;
  let page: Page;
  let survivorId: string;
  let mergedId: string;

  beforeAll(async () => {
    context = await newContext(world.browser, world.server);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('lists the likely duplicate pair with the reasons in words', async () => {
    await signIn(page, 'manager@bloom.example');
    await page.getByRole('link', { name: 'Possible duplicates' }).click();
    await page.getByRole('heading', { name: 'Possible duplicates', level: 1 }).waitFor();
    const pair = katePair(page);
    await pair.waitFor();
    await pair.getByText('Why they look alike').waitFor();
    expect(await pair.getByRole('list').getByRole('listitem').count()).toBeGreaterThan(0);
    await pair.getByRole('button', { name: /not the same person/ }).waitFor();
    await expectAccessible(page, 'possible duplicates (tablet)');
  });

  it('compares the two profiles field by field, survivor’s values chosen unless empty', async () => {
    await katePair(page)
      .getByRole('link', { name: /^Compare and merge/ })
      .click();
    await page.getByRole('heading', { name: 'Compare and merge', level: 1 }).waitFor();
    // The profile with more visits stays: Ms Katherine Wójcik, “Kate”.
    [, , survivorId = '', , mergedId = ''] = new URL(page.url()).pathname.split('/');
    const stays = page.getByRole('region', { name: 'Kate', exact: true });
    await stays.getByText('Stays').waitFor();
    const firstName = page.getByRole('radiogroup', { name: 'First name' });
    expect(await firstName.getByRole('radio', { checked: true }).textContent()).toContain('Katherine');
    // Same-for-both and empty-on-one rows: the survivor's value, or the only value there is.
    expect(await page.getByRole('radiogroup', { name: 'Address' }).getByRole('radio', { checked: true }).textContent()).toContain(
      'Foxglove Mews',
    );
    await page.getByText('(same in both)').first().waitFor();
    const combined = page.getByRole('region', { name: 'Combined in the profile that stays' });
    await combined.getByText(/Visits: 4 \+ 1 = 5/).waitFor();
    await expectAccessible(page, 'compare and merge (tablet)');
    // Takes the first name from the other profile.
    await firstName.getByRole('radio').filter({ hasText: 'from Kate Wojcik' }).click();
    expect(await firstName.getByRole('radio', { checked: true }).textContent()).toContain('from Kate Wojcik');
  });

  it('says when someone changed a profile meanwhile, reloads both and merges on a second try', async () => {
    const colleague = await signedInContext(world.browser, world.server, 'owner@bloom.example');
    try {
      const current = await (await colleague.request.get(`/api/customers/${mergedId}`)).json();
      const res = await colleague.request.patch(`/api/customers/${mergedId}`, {
        headers: { 'if-match': `"${current.version}"` },
        data: { tags: [...current.tags, 'walk-in'], phones: [...current.phones, { label: 'home', number: '020 7946 0321' }] },
      });
      expect(res.status()).toBe(200);
    } finally {
      await colleague.close();
    }
    await page.getByRole('button', { name: 'Merge into Kate' }).click();
    await page.getByRole('alert').filter({ hasText: 'Someone changed these profiles' }).waitFor();
    await page
      .getByRole('region', { name: 'Combined in the profile that stays' })
      .getByText(/walk-in/)
      .waitFor();
    // The choice made before the reload still stands.
    const firstName = page.getByRole('radiogroup', { name: 'First name' });
    expect(await firstName.getByRole('radio', { checked: true }).textContent()).toContain('from Kate Wojcik');

    await page.getByRole('button', { name: 'Merge into Kate' }).click();
    await page.getByRole('heading', { name: 'Kate', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/customers/${survivorId}`);
    await page
      .getByRole('status')
      .filter({ hasText: /^Merged\. .*You can undo this until / })
      .waitFor();
  });

  it('shows the survivor with both phones, the chosen first name and the merge', async () => {
    await page.getByText('Ms Kate Wójcik').waitFor();
    // The mobile both had (written two ways) once, and the home number only the other had.
    await page.getByRole('link', { name: '07700 900417', exact: true }).waitFor();
    await page.getByRole('link', { name: '020 7946 0321', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: '+44 7700 900417', exact: true }).count()).toBe(0);
    await page.getByRole('list', { name: 'Tags' }).getByText('walk-in').waitFor();
    const merges = page.getByRole('region', { name: 'Merged here' });
    await merges
      .getByRole('listitem')
      .filter({ hasText: 'Kate Wojcik' })
      .getByText(/Can be undone until/)
      .waitFor();
    await expectAccessible(page, 'profile after a merge (tablet)');
  });

  it('shows the merged profile as read-only, pointing to the survivor', async () => {
    await page.getByRole('region', { name: 'Merged here' }).getByRole('link', { name: 'Kate Wojcik' }).click();
    await page.getByRole('heading', { name: 'Kate Wojcik', level: 1 }).waitFor();
    await page.getByText('Merged into Kate').first().waitFor();
    expect(await page.getByRole('button', { name: 'Edit profile' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add preference' }).count()).toBe(0);
    expect(await page.getByLabel(field('New note')).count()).toBe(0);
    await expectAccessible(page, 'merged profile (tablet)');
    await page.getByRole('link', { name: 'Go to Kate' }).click();
    await page.getByRole('heading', { name: 'Kate', level: 1 }).waitFor();
  });

  it('unmerges from the survivor’s profile, and the book has two profiles again', async () => {
    const merges = page.getByRole('region', { name: 'Merged here' });
    await merges.getByRole('button', { name: 'Unmerge Kate Wojcik' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unmerge Kate Wojcik?' });
    await dialog.getByText('are kept').waitFor();
    await expectAccessible(page, 'unmerge confirm (tablet)');
    await dialog.getByRole('button', { name: 'Unmerge' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await merges.getByRole('status').filter({ hasText: 'Unmerged.' }).waitFor();
    await merges.getByText(/^Unmerged by /).waitFor();
    expect(await merges.getByRole('button', { name: 'Unmerge Kate Wojcik' }).count()).toBe(0);

    await merges.getByRole('link', { name: 'Open Kate Wojcik' }).click();
    await page.getByRole('heading', { name: 'Kate Wojcik', level: 1 }).waitFor();
    expect(await page.getByText('Merged into Kate').count()).toBe(0);
    await page.getByRole('button', { name: 'Edit profile' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('combobox', { name: 'Find a customer' }).fill('07700 900417');
    await page.locator('[role=listbox][aria-busy=false]').waitFor();
    await page.getByRole('option', { name: /Kate Wojcik/ }).waitFor();
    await page.getByRole('option', { name: /Wójcik/ }).waitFor();
  });

  it('says “not the same person” and the pair is no longer suggested', async () => {
    await page.goto('/customers/duplicates');
    const pair = katePair(page);
    await pair.getByRole('button', { name: /not the same person/ }).click();
    await page.getByRole('status').filter({ hasText: 'will not be suggested again' }).waitFor();
    await pair.waitFor({ state: 'detached' });
    await page.goto(`/customers/${survivorId}`);
    await page.getByRole('heading', { name: 'Kate', level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('region', { name: 'Possible duplicates' }).count()).toBe(0);
  });
});

describe('saved items, as an associate', () => {
  it('adds a saved item with a note, and removes it after asking', async () => {
    const context = await signedInContext(world.browser, world.server, 'associate@bloom.example');
    try {
      const page = await context.newPage();
      await page.goto(`/customers/${world.okaforId}`);
      await page.getByRole('heading', { name: 'Mrs Okafor', level: 1 }).waitFor();
      const section = page.getByRole('region', { name: 'Saved items' });
      await section.getByText('Nothing saved yet').waitFor();
      await section.getByRole('button', { name: 'Add saved item' }).click();
      // Saving without a title names what is missing.
      await section.getByRole('button', { name: 'Save item' }).click();
      await section.getByText('Say what they would like.').waitFor();
      await section.getByLabel(field('What they would like')).fill('Peach garden roses, large hand-tied');
      await section.getByLabel(field('Note')).fill('For her daughter’s wedding in June');
      await expectAccessible(page, 'saved item form (tablet)');
      await section.getByRole('button', { name: 'Save item' }).click();
      const list = section.getByRole('list', { name: 'Saved items, newest first' });
      const item = list.getByRole('listitem').filter({ hasText: 'Peach garden roses, large hand-tied' });
      await item.getByText('For her daughter’s wedding in June').waitFor();
      await item.getByText('Saved by Priya Natarajan today').waitFor();
      expect(await section.getByLabel(field('What they would like')).count()).toBe(0);

      await item.getByRole('button', { name: 'Remove saved item: Peach garden roses, large hand-tied' }).click();
      const dialog = page.getByRole('dialog', { name: 'Remove this saved item?' });
      await dialog.getByRole('button', { name: 'Remove' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await section.getByText('Nothing saved yet').waitFor();
    } finally {
      await context.close();
    }
  });

  it('gives an associate no duplicates screen and no merge link', async () => {
    const context = await signedInContext(world.browser, world.server, 'associate@bloom.example');
    try {
      const page = await context.newPage();
      await page.goto('/customers');
      await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: 'Possible duplicates' }).count()).toBe(0);
      await page.goto('/customers/duplicates');
      await page.getByRole('heading', { name: 'Not available to your role', level: 1 }).waitFor();
    } finally {
      await context.close();
    }
  });
});
