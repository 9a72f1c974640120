/**
 * Saves a PNG of every screen at tablet and phone size, for a person to look at:
 * `node bin/run-ts.js test/e2e/screenshots.ts [outDir]` (default /tmp/ones-shots).
 * Runs its own server on a throw-away embedded database with the demo retailers.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { loadDemoVisits } from '../../src/server/demo/demo-visits.ts';
import { smallTouchTargets } from './audit.ts';
import { seedCustomerBook, signedInContext } from './customer-book.ts';
import { card, cards, question, skip, tick } from './guided-selling.ts';
import { field, launchBrowser, makeStoreDevice, newContext, PHONE, signIn, startServer, TABLET } from './server.ts';

const outDir = process.argv[2] ?? '/tmp/ones-shots';
mkdirSync(outDir, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'ones-shots-'));
const database = await openDatabase({ dataDir });
await migrate(database.db);
const server = await startServer({ database });
await loadDemoVisits({ db: database.db, config: loadConfig({}) });
const browser = await launchBrowser();
const okaforId = await seedCustomerBook(browser, server);

async function shot(page: Page, size: string, name: string) {
  await page.waitForLoadState('networkidle');
  // Fixed headers land mid-image in a full-page shot of a scrolled page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(250);
  const file = join(outDir, `${size}-${name}.png`);
  // A dialog scrolls inside the viewport, so a full-page shot cuts it: grow the viewport to fit it.
  const viewport = page.viewportSize();
  const dialogHeight = await page.evaluate(() => document.querySelector('[role=dialog]')?.scrollHeight ?? 0);
  if (viewport && dialogHeight + 160 > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height: dialogHeight + 160 });
    await page.waitForTimeout(250);
    await page.screenshot({ path: file });
    await page.setViewportSize(viewport);
  } else {
    await page.screenshot({ path: file, fullPage: true });
  }
  await smallTouchTargets(page, `${size} ${name}`);
  console.log(file);
}

async function heading(page: Page, name: string) {
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

try {
  for (const [size, viewport] of [
    ['tablet', TABLET],
    ['phone', PHONE],
  ] as const) {
    const context = await newContext(browser, server, viewport);
    const page = await context.newPage();

    await page.goto('/sign-in');
    await heading(page, 'Sign in');
    await shot(page, size, '01-sign-in');
    await page.getByLabel(field('E-mail')).fill('manager@bloom.example');
    await page.getByLabel(field('Password')).fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await shot(page, size, '02-sign-in-error');

    await page.goto('/reset-password#not-a-real-token');
    await heading(page, 'Set a new password');
    await shot(page, size, '03-reset-password');

    await signIn(page, 'owner@bloom.example');
    await shot(page, size, '04-home');
    if (size === 'phone') {
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).waitFor();
      await shot(page, size, '05-navigation');
      await page.getByRole('button', { name: 'Close navigation' }).click();
    }
    await page.getByRole('button', { name: /account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    await shot(page, size, '06-account-menu');
    await page.keyboard.press('Escape');

    await page.goto('/team');
    await page.getByRole('button', { name: 'Manage Priya Natarajan' }).waitFor();
    await shot(page, size, '07-team');
    await page.getByRole('button', { name: 'Manage Priya Natarajan' }).click();
    await page.getByRole('menuitem', { name: 'Edit details' }).waitFor();
    await shot(page, size, '08-team-manage-menu');
    await page.getByRole('menuitem', { name: 'Edit details' }).click();
    await page.getByRole('dialog').waitFor();
    await shot(page, size, '09-team-edit');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Add person' }).click();
    await page.getByText('Enter their name.').waitFor();
    await shot(page, size, '10-team-add-errors');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Manage Tom Achterberg' }).click();
    await page.getByRole('menuitem', { name: 'Reset link' }).click();
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByRole('textbox', { name: 'Reset link' }).waitFor();
    await shot(page, size, '11-team-reset-link');
    await page.keyboard.press('Escape');

    await page.goto('/stores');
    await page.getByRole('heading', { name: 'Riverside' }).waitFor();
    await shot(page, size, '12-stores');
    await page.getByRole('button', { name: 'Edit Riverside' }).click();
    await page.getByRole('dialog').waitFor();
    await shot(page, size, '13-store-edit');
    await page.keyboard.press('Escape');

    await page.goto('/tokens');
    await heading(page, 'API tokens');
    await shot(page, size, '14-tokens');
    await page.getByRole('button', { name: 'Create token' }).first().click();
    await page.getByRole('dialog').getByLabel(field('Name')).fill(`Till sync (${size})`);
    await page.getByRole('checkbox', { name: 'Riverside' }).click();
    await shot(page, size, '15-token-form');
    await page.getByRole('dialog').getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('textbox', { name: 'Token' }).waitFor();
    await shot(page, size, '16-token-created');
    await page.getByRole('button', { name: 'Done' }).click();
    await page
      .getByRole('button', { name: /^Revoke/ })
      .first()
      .waitFor();
    await shot(page, size, '17-tokens-list');

    await page.goto('/account');
    await heading(page, 'My account');
    await shot(page, size, '18-account');
    await makeStoreDevice(page, 'Riverside');
    await shot(page, size, '19-account-device');
    await page.goto('/today');
    await heading(page, 'Today');
    await shot(page, size, '20-home-on-device');

    await page.getByRole('button', { name: /account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Switch person' }).click();
    await page.getByRole('heading', { name: 'Who is working?' }).waitFor();
    await shot(page, size, '21-pin-people');
    await page.getByRole('button', { name: /Daniel Mensah/ }).click();
    await page.getByRole('button', { name: 'Delete last digit' }).waitFor();
    await shot(page, size, '22-pin-pad');
    for (const d of '1234') await page.getByRole('button', { name: d, exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await shot(page, size, '23-pin-wrong');
    for (const d of '4444') await page.getByRole('button', { name: d, exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading(page, 'Today');
    await shot(page, size, '24-home-ambassador');
    await page.goto('/stores');
    await page.getByRole('heading', { name: 'Riverside' }).waitFor();
    await shot(page, size, '25-stores-ambassador');
    await page.goto('/team');
    await heading(page, 'Not available to your role');
    await shot(page, size, '26-not-allowed');
    await context.close();

    const associate = await signedInContext(browser, server, 'associate@bloom.example', viewport);
    const ap = await associate.newPage();
    await ap.goto('/customers');
    await heading(ap, 'Customers');
    await shot(ap, size, '27-customers-empty');
    await ap.getByRole('combobox', { name: 'Find a customer' }).fill('oka');
    await ap.getByRole('option', { name: /Mrs Okafor/ }).waitFor();
    await shot(ap, size, '28-customers-results');
    await ap.getByRole('combobox', { name: 'Find a customer' }).fill('zzqx');
    await ap.getByText('No one found').waitFor();
    await shot(ap, size, '29-customers-none');
    await ap.goto(`/customers/${okaforId}`);
    await heading(ap, 'Mrs Okafor');
    await ap.getByRole('list', { name: 'Notes, purchases and changes, newest first' }).or(ap.getByText('No notes yet')).first().waitFor();
    await shot(ap, size, '30-profile');
    await ap.getByRole('button', { name: 'Add preference' }).click();
    await ap.getByRole('dialog').getByRole('group', { name: 'Dominant colours' }).waitFor();
    await shot(ap, size, '31-preference-room');
    await ap.getByRole('dialog').getByRole('radio', { name: 'A budget' }).click();
    await shot(ap, size, '32-preference-budget');
    await ap.keyboard.press('Escape');
    await ap.getByLabel(field('New note')).fill('Paid with 4111 1111 1111 1111.');
    await ap.getByRole('button', { name: 'Save note' }).click();
    await ap.getByText('This note may hold sensitive information').waitFor();
    await shot(ap, size, '33-note-sensitive');
    await ap.getByRole('button', { name: 'Edit the note' }).click();
    await ap.getByLabel(field('New note')).fill('');
    await ap.getByRole('button', { name: 'Edit profile' }).click();
    await ap.getByRole('dialog').getByRole('heading', { name: 'Edit Mrs Okafor' }).waitFor();
    await shot(ap, size, '34-edit-profile');
    await ap.getByRole('dialog').getByLabel(field('Preferred name')).fill(`Ada ${size}`);
    const manager = await signedInContext(browser, server, 'manager@bloom.example');
    const current = await (await manager.request.get(`/api/customers/${okaforId}`)).json();
    await manager.request.patch(`/api/customers/${okaforId}`, {
      headers: { 'if-match': `"${current.version}"` },
      data: { tags: [...current.tags, `seen-${size}`] },
    });
    await manager.close();
    await ap.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
    await ap.getByRole('heading', { name: 'Someone else changed this profile' }).waitFor();
    await shot(ap, size, '35-edit-conflict');
    await ap.getByRole('button', { name: 'Drop mine, keep theirs' }).click();
    await ap.keyboard.press('Escape');
    await ap.goto('/customers/new');
    await heading(ap, 'New customer');
    await shot(ap, size, '36-new-customer');
    await associate.close();

    const owner = await signedInContext(browser, server, 'owner@bloom.example', viewport);
    const op = await owner.newPage();
    await op.goto('/vocabulary');
    await heading(op, 'Vocabulary');
    await op.getByText('Key sage').waitFor();
    await shot(op, size, '37-vocabulary');
    await op.getByRole('button', { name: 'Add a colour' }).click();
    await op.getByRole('dialog').getByLabel(field('Name')).fill('Pistachio Crème');
    await shot(op, size, '38-vocabulary-add');
    await op.keyboard.press('Escape');
    await op.getByRole('tab', { name: /Rooms/ }).click();
    await shot(op, size, '39-vocabulary-rooms');
    await op.goto('/customers/import');
    await heading(op, 'Import customers');
    await op.getByText(/up to \d/).waitFor();
    await shot(op, size, '40-import');
    const csv =
      'Kundenname,E-Mail,Handy,Lieblingsfarbe\nIngrid Solberg,ingrid@example.com,07700 900111,sage\n,nobody@example.com,07700 900333,cream\n';
    await op.locator('input[type=file]').setInputFiles({ name: `kunden-${size}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await op.getByRole('table', { name: 'Which column is which?' }).waitFor();
    await op.getByRole('button', { name: `Import kunden-${size}.csv` }).click();
    await op.getByText('Choose which column holds the name').waitFor();
    await shot(op, size, '41-import-mapping');
    await op.getByRole('combobox', { name: 'Import “Kundenname” as' }).selectOption({ label: 'Full name' });
    await op.getByRole('button', { name: `Import kunden-${size}.csv` }).click();
    await op.getByRole('heading', { name: `Report: kunden-${size}.csv` }).waitFor();
    await shot(op, size, '42-import-report');
    await op.goto('/catalog/import');
    await heading(op, 'Import catalog, stock, sales and reviews');
    await shot(op, size, '43-catalog-import');
    const list = 'Artikel,Bezeichnung,Preis,Bestand\nDRY-CORN-1,Pressed cornflower posy,12.50,8\nDRY-BUNNY-1,Bunny tails,"7,50",3\n';
    await op.locator('input[type=file]').setInputFiles({ name: `preise-${size}.csv`, mimeType: 'text/csv', buffer: Buffer.from(list) });
    await op.getByRole('table', { name: 'Which column is which?' }).waitFor();
    await op.getByRole('combobox', { name: 'Import “Artikel” as' }).selectOption({ label: 'SKU' });
    await shot(op, size, '44-catalog-import-mapping');
    await op.getByRole('combobox', { name: 'Import “Bezeichnung” as' }).selectOption({ label: 'Product title' });
    await op.getByRole('combobox', { name: 'Import “Preis” as' }).selectOption({ label: 'Price' });
    await op.getByRole('button', { name: `Import preise-${size}.csv` }).click();
    await op.getByRole('heading', { name: `Report: preise-${size}.csv` }).waitFor();
    await shot(op, size, '45-catalog-import-report');
    await op.goto('/customers');
    await heading(op, 'Customers');
    await shot(op, size, '49-customers-owner');
    await op.getByRole('link', { name: 'Possible duplicates' }).click();
    await heading(op, 'Possible duplicates');
    const kate = op.getByRole('listitem').filter({ hasText: 'Katherine Wójcik' }).filter({ hasText: 'Kate Wojcik' });
    await kate.waitFor();
    await shot(op, size, '50-duplicates');
    await kate.getByRole('link', { name: /^Compare and merge/ }).click();
    await op.getByRole('radiogroup', { name: 'First name' }).waitFor();
    await shot(op, size, '51-merge-compare');
    await op.getByRole('radiogroup', { name: 'First name' }).getByRole('radio').filter({ hasText: 'from Kate Wojcik' }).click();
    await op.getByRole('button', { name: 'Merge into Kate' }).click();
    await op.getByRole('region', { name: 'Merged here' }).waitFor();
    await shot(op, size, '52-merged-survivor');
    await op.getByRole('region', { name: 'Merged here' }).getByRole('link', { name: 'Kate Wojcik' }).first().click();
    await heading(op, 'Kate Wojcik');
    await op.getByRole('link', { name: 'Go to Kate' }).waitFor();
    await shot(op, size, '53-merged-into');
    await op.getByRole('link', { name: 'Go to Kate' }).click();
    await op.getByRole('button', { name: 'Unmerge Kate Wojcik' }).click();
    await op.getByRole('dialog', { name: 'Unmerge Kate Wojcik?' }).waitFor();
    await shot(op, size, '54-unmerge-confirm');
    await op.getByRole('dialog').getByRole('button', { name: 'Unmerge' }).click();
    await op.getByRole('link', { name: 'Open Kate Wojcik' }).waitFor();
    await shot(op, size, '55-unmerged');
    await op.getByRole('button', { name: 'Add saved item' }).click();
    await op.getByLabel(field('What they would like')).fill('Peach garden roses, large hand-tied');
    await op.getByLabel(field('Note')).fill('For her mother in Kraków, late May');
    await shot(op, size, '56-saved-item-form');
    await op.getByRole('button', { name: 'Save item' }).click();
    await op.getByRole('list', { name: 'Saved items, newest first' }).waitFor();
    await shot(op, size, '57-saved-items');
    await op.goto('/selling/question-sets');
    await heading(op, 'Question sets');
    await shot(op, size, '58-question-sets');
    await op.getByRole('link', { name: 'Flowers for an occasion' }).click();
    await heading(op, 'Flowers for an occasion');
    await shot(op, size, '59-question-set-editor');
    await op.goto(`/selling?customer=${okaforId}`);
    await heading(op, 'Guided selling');
    await op.getByRole('region', { name: 'Who are you helping?' }).getByText('Mrs Okafor', { exact: true }).waitFor();
    await shot(op, size, '60-guided-selling');
    await op.getByRole('button', { name: 'Start asking' }).click();
    await op.getByRole('heading', { level: 2, name: 'What are the flowers for?', exact: true }).waitFor();
    await shot(op, size, '61-question-vocabulary');
    await op.getByRole('button', { name: 'Skip' }).click();
    await op.getByRole('button', { name: 'Skip' }).click();
    await op.getByRole('region', { name: 'Last time you said' }).waitFor();
    await shot(op, size, '62-question-last-time');
    await op.getByRole('button', { name: 'Show recommendations' }).click();
    await op.getByRole('list', { name: 'Recommendations, best fit first' }).waitFor();
    await shot(op, size, '63-recommendations');
    await op.getByRole('button', { name: 'Turn to customer' }).click();
    await op.getByRole('button', { name: 'Back to staff view' }).waitFor();
    await shot(op, size, '64-customer-view');
    await owner.close();

    // New Year's Eve: substitutes, plans, holds and what goes with the basket.
    const florist = await signedInContext(browser, server, 'associate@bloom.example', viewport);
    const fp = await florist.newPage();
    await fp.goto('/selling');
    await heading(fp, 'Guided selling');
    await fp.getByText(/— at Riverside/).waitFor();
    await fp.getByRole('button', { name: 'Start asking' }).click();
    await tick(fp, 'What are the flowers for?', ["New Year's Eve"]);
    await skip(fp, 'Who are they for?');
    await tick(fp, 'Which colours are in the room, or do they love?', ['White']);
    for (const q of ['Which style suits them?', 'Fresh, silk, or either?', 'How much scent?', 'Is there a cat or dog at home?'])
      await skip(fp, q);
    await question(fp, 'How many stems or arrangements?');
    await fp.getByRole('textbox', { name: 'How many' }).fill('24');
    await fp.getByRole('button', { name: 'Continue', exact: true }).click();
    await question(fp, 'What would they like to spend?');
    await fp.getByRole('textbox', { name: 'The most they would like to spend' }).fill('80');
    await fp.getByRole('radio', { name: /^Flexible/ }).click();
    await fp.getByRole('button', { name: 'Continue', exact: true }).click();
    await cards(fp).first().waitFor();
    while ((await card(fp, 'Ranunculus — White').count()) === 0) await fp.getByRole('button', { name: 'Show more suggestions' }).click();
    await card(fp, 'Ranunculus — White').getByRole('button', { name: 'Substitutes and plans for Ranunculus — White' }).click();
    const alternatives = fp.getByRole('dialog', { name: 'Substitutes and plans: Ranunculus — White' });
    await alternatives.getByRole('list', { name: 'Plans, best first' }).waitFor();
    await shot(fp, size, '65-substitutes-and-plans');
    await alternatives
      .getByRole('button', { name: /^Choose this plan/ })
      .first()
      .click();
    await fp.keyboard.press('Escape');
    await fp
      .getByRole('region', { name: 'Basket for this visit' })
      .getByText(/held at Riverside/)
      .first()
      .waitFor();
    await fp.getByRole('region', { name: 'Basket for this visit' }).scrollIntoViewIfNeeded();
    await shot(fp, size, '66-basket-held-goes-well-with');
    await fp.getByRole('link', { name: 'Compare options' }).click();
    await heading(fp, 'Compare options');
    await shot(fp, size, '67-compare-choose');
    await florist.close();

    // The second opinion: the security officer compares the cushion colourways.
    const officer = await signedInContext(browser, server, 'security@hearth.example', viewport);
    const sp = await officer.newPage();
    const cushions = await database.db
      .selectFrom('variants')
      .select(['id', 'sku'])
      .where('sku', 'in', ['HH-VCS-TM', 'HH-VCS-GB'])
      .execute();
    await sp.goto('/selling');
    await heading(sp, 'Guided selling');
    await sp.getByRole('button', { name: /^Second opinion/ }).click();
    await heading(sp, 'Compare options');
    const url = new URL(sp.url());
    await sp.goto(`${url.pathname}?${cushions.map((c) => `v=${c.id}`).join('&')}`);
    await heading(sp, 'Compare options');
    await shot(sp, size, '68-compare-questions');
    await officer.close();

    const catalogOwner = await signedInContext(browser, server, 'owner@bloom.example', viewport);
    const cp = await catalogOwner.newPage();
    const ranunculus = await database.db.selectFrom('products').select('id').where('handle', '=', 'ranunculus').executeTakeFirstOrThrow();
    await cp.goto(`/catalog/${ranunculus.id}`);
    await heading(cp, 'Ranunculus');
    await cp.getByRole('region', { name: 'Goes well with' }).scrollIntoViewIfNeeded();
    await shot(cp, size, '69-product-goes-well-with');
    await catalogOwner.close();

    // The back office of visits, on the demo's few days at Riverside.
    const riverside = await database.db.selectFrom('stores').select('id').where('name', '=', 'Riverside').executeTakeFirstOrThrow();
    const anniversary = await database.db
      .selectFrom('encounters')
      .select('id')
      .where('client_id', '=', 'demo-visit-okafor')
      .executeTakeFirstOrThrow();
    const backOffice = await signedInContext(browser, server, 'manager@bloom.example', viewport);
    const mp = await backOffice.newPage();
    await mp.goto(`/visits?store=${riverside.id}`);
    await heading(mp, 'Visits');
    await mp
      .getByRole('list', { name: /visits/i })
      .first()
      .waitFor();
    await shot(mp, size, '70-visits');
    await mp.goto(`/visits/${anniversary.id}`);
    await heading(mp, 'Visit');
    await mp.getByText('Three extra white tulips for the anniversary').first().waitFor();
    await shot(mp, size, '71-visit');
    await mp.goto(`/special-orders?store=${riverside.id}`);
    await heading(mp, 'Special orders');
    await mp.getByText('Happy 70th, Grandma — with all our love').first().waitFor();
    await shot(mp, size, '72-special-orders');
    await mp.goto(`/gestures?store=${riverside.id}`);
    await heading(mp, 'Gestures');
    await mp.getByRole('progressbar').first().waitFor();
    await shot(mp, size, '73-gestures');
    await mp.goto(`/lost-demand?store=${riverside.id}`);
    await heading(mp, 'Lost demand');
    await mp.getByText('Blue delphiniums').first().waitFor();
    await shot(mp, size, '74-lost-demand');
    await backOffice.close();

    const followUpper = await signedInContext(browser, server, 'associate@bloom.example', viewport);
    const fu = await followUpper.newPage();
    await fu.goto('/follow-ups');
    await heading(fu, 'Follow-ups');
    await fu.getByText('Thank Mrs Okafor and ask how the peonies opened').first().waitFor();
    await shot(fu, size, '75-my-follow-ups');
    await followUpper.close();

    const roadmapOwner = await signedInContext(browser, server, 'owner@bloom.example', viewport);
    const rp = await roadmapOwner.newPage();
    await rp.goto('/visits/roadmap');
    await heading(rp, 'Roadmap');
    await rp.getByRole('button', { name: /^Save/ }).first().waitFor();
    await shot(rp, size, '76-roadmap');
    await roadmapOwner.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
