import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoadmapDefinition } from '../../src/shared/domain/roadmap.ts';
import { expectAccessible } from './audit.ts';
import { signedInContext } from './customer-book.ts';
import { type E2EServer, field, launchBrowser, openFromNavigation, PHONE, startServer } from './server.ts';

let server: E2EServer;
let browser: Browser;

/** Set ONES_SHOTS=/some/dir to keep PNGs of the screen at each stage, for a person to look at. */
const SHOTS = process.env.ONES_SHOTS;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  await page.waitForLoadState('networkidle');
  // The fixed header lands mid-image in a full-page shot of a scrolled page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await page.getByRole('region', { name: 'Saving', exact: true }).screenshot({ path: `${SHOTS}/${name}-bar.png` });
}

interface StoredRoadmap {
  version: number;
  currentVersion: number;
  updatedAt: string;
  definition: RoadmapDefinition;
}

async function roadmap(context: BrowserContext): Promise<StoredRoadmap> {
  const res = await context.request.get('/api/roadmap');
  if (!res.ok()) throw new Error(`GET /api/roadmap: ${res.status()} ${await res.text()}`);
  return (await res.json()) as StoredRoadmap;
}

/** A step's card in the editor, by its place in the roadmap and its name. */
const card = (page: Page, n: number, name: string) => page.getByRole('group', { name: `Step ${n}: ${name}`, exact: true });

async function openStep(page: Page, n: number, name: string) {
  const toggle = card(page, n, name).getByRole('button', { name: new RegExp(`^Step ${n}\\b`) });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await card(page, n, name).getByLabel(field('Guidance')).waitFor();
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? '');

describe('the roadmap, as the owner', () => {
  let context: BrowserContext;
  let page: Page;
  let start: StoredRoadmap;

  beforeAll(async () => {
    context = await signedInContext(browser, server, 'owner@bloom.example');
    page = await context.newPage();
    start = await roadmap(context);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('shows the current roadmap from the navigation, with its version', async () => {
    await page.goto('/today');
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await openFromNavigation(page, 'Roadmap');
    await page.getByText(`Version ${start.currentVersion}`, { exact: true }).waitFor();
    await page.getByText(/^Last changed /).waitFor();
    await page.getByText(/Visits already under way keep the version they started with/).waitFor();
    expect(await page.getByLabel(field('Name of the roadmap')).inputValue()).toBe(start.definition.name);
    const steps = page.getByRole('list', { name: 'Steps, in the order of a visit' }).getByRole('group');
    expect(await steps.count()).toBe(start.definition.steps.length);
    await card(page, 6, 'Give space').getByText('Can be skipped · Done when the associate marks it done').waitFor();
    await card(page, 4, 'Discover').getByText('Can be skipped · Done when at least 3 questions are answered').waitFor();
    // Nothing changed yet: nothing to save or discard.
    expect(await page.getByRole('button', { name: `Save as version ${start.currentVersion + 1}` }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Discard changes' }).isDisabled()).toBe(true);
    await shot(page, 'tablet-roadmap');
    await expectAccessible(page, 'roadmap (tablet)');
  });

  it('changes guidance, makes a step skippable and moves a step; the save makes a new version that a reload shows', async () => {
    const guidance = 'Step back and let them picture it at home. Nothing is sold in this minute; stay close enough to help.';
    await openStep(page, 6, 'Give space');
    await card(page, 6, 'Give space').getByLabel(field('Guidance')).fill(guidance);

    await openStep(page, 8, 'Thank');
    const skippable = card(page, 8, 'Thank').getByRole('switch', { name: 'Can be skipped' });
    expect(await skippable.isChecked()).toBe(false);
    await skippable.check();
    await card(page, 8, 'Thank').getByText('An associate may skip it when it does not fit the visit').waitFor();
    await shot(page, 'tablet-roadmap-editing');
    await expectAccessible(page, 'roadmap, steps open (tablet)');

    // Moved with the keyboard: "Give space" comes before "Recommend", and the focus goes with it.
    await page.getByRole('button', { name: 'Move step 6, Give space, up' }).focus();
    await page.keyboard.press('Enter');
    await card(page, 5, 'Give space').waitFor();
    await card(page, 6, 'Recommend').waitFor();
    expect(await focused(page)).toBe('Move step 5, Give space, up');

    const next = start.currentVersion + 1;
    await page.getByRole('button', { name: `Save as version ${next}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Saved as version ${next}` })
      .waitFor();
    await page.getByRole('status').filter({ hasText: 'Visits already under way keep the version they started with' }).waitFor();
    await page.getByText(`Version ${next}`, { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: `Save as version ${next + 1}` }).isDisabled()).toBe(true);

    const saved = await roadmap(context);
    expect(saved.currentVersion).toBe(next);
    expect(saved.definition.steps.map((s) => s.key)).toEqual([
      'greet',
      'acknowledge',
      'converse',
      'discover',
      'give-space',
      'recommend',
      'close',
      'thank',
      'follow-up',
    ]);
    expect(saved.definition.steps[4]?.guidance).toBe(guidance);
    expect(saved.definition.steps[7]?.skippable).toBe(true);
    // What was not touched came through as it was.
    expect(saved.definition.steps[3]).toEqual(start.definition.steps[3]);

    await page.reload();
    await page.getByRole('heading', { name: 'Roadmap', level: 1 }).waitFor();
    await page.getByText(`Version ${next}`, { exact: true }).waitFor();
    await card(page, 5, 'Give space').getByText(guidance).waitFor();
    await card(page, 8, 'Thank')
      .getByText(/^Can be skipped · /)
      .waitFor();
  });

  it('adds a step with a key from its name, shows mistakes at their fields, and discards changes', async () => {
    await page.getByRole('button', { name: 'Add a step' }).click();
    const name = card(page, 10, 'New step').getByLabel(field('Name'));
    await name.waitFor();
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
    await name.fill('Offer a coffee');
    const added = card(page, 10, 'Offer a coffee');
    await added.getByText('Visits will record it as “offer-a-coffee”, made from its name when you save.').waitFor();
    await added.getByLabel(field('Done when')).selectOption({ label: 'Enough questions are answered' });
    await added.getByLabel(field('Questions answered, at least')).fill('');
    await page.getByLabel(field('Name of the roadmap')).fill('');

    const next = (await roadmap(context)).currentVersion + 1;
    await page.getByRole('button', { name: `Save as version ${next}` }).click();
    const mistakes = page.getByRole('list', { name: 'Mistakes' });
    await mistakes.getByRole('button', { name: 'Name: give the roadmap a name' }).waitFor();
    await mistakes.getByRole('button', { name: 'Step 10, questions answered: a whole number of questions, at least 1' }).click();
    const count = added.getByLabel(field('Questions answered, at least'));
    expect(await count.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await count.getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'tablet-roadmap-mistakes');
    await expectAccessible(page, 'roadmap with mistakes (tablet)');
    expect((await roadmap(context)).currentVersion).toBe(next - 1);

    await page.getByRole('button', { name: 'Discard changes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Discard your changes?' });
    await dialog.getByText(/Added “Offer a coffee”/).waitFor();
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Your changes were discarded' }).waitFor();
    expect(await page.getByLabel(field('Name of the roadmap')).inputValue()).toBe(start.definition.name);
    expect(await page.getByRole('list', { name: 'Steps, in the order of a visit' }).getByRole('group').count()).toBe(9);
    expect(await mistakes.count()).toBe(0);
  });

  it('removes a step after asking', async () => {
    await openStep(page, 2, 'Acknowledge');
    await card(page, 2, 'Acknowledge').getByRole('button', { name: 'Remove step 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove step 2?' });
    await dialog.getByText('“Acknowledge” is taken out of the roadmap when you save. Visits already under way keep it.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await card(page, 2, 'Acknowledge').waitFor();
    await card(page, 2, 'Acknowledge').getByRole('button', { name: 'Remove step 2' }).click();
    await page.getByRole('dialog', { name: 'Remove step 2?' }).getByRole('button', { name: 'Remove step' }).click();
    await card(page, 2, 'Converse').waitFor();
    expect(await page.getByRole('list', { name: 'Steps, in the order of a visit' }).getByRole('group').count()).toBe(8);
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('dialog', { name: 'Discard your changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await card(page, 2, 'Acknowledge').waitFor();
  });

  it('refuses a stale save without losing the edits, and saves them on top of the newer version when asked', async () => {
    const opened = await roadmap(context);
    await page.getByLabel(field('Name of the roadmap')).fill('The Bloom way');
    await openStep(page, 7, 'Close');
    const closeGuidance = 'Ask for the sale plainly; an honest "not today" is a good ending too.';
    await card(page, 7, 'Close').getByLabel(field('Guidance')).fill(closeGuidance);

    // A colleague saves from elsewhere while this screen still has the version it opened.
    const theirs = await page.request.put('/api/roadmap', {
      headers: { 'if-match': `"${opened.currentVersion}"` },
      data: {
        ...opened.definition,
        steps: opened.definition.steps.map((s) => (s.key === 'greet' ? { ...s, guidance: 'Within a minute, with a smile.' } : s)),
      },
    });
    expect(theirs.status()).toBe(200);
    const colleague = opened.currentVersion + 1;

    await page.getByRole('button', { name: `Save as version ${colleague}` }).click();
    const conflict = page.getByRole('alert').filter({ hasText: `A colleague saved version ${colleague}` });
    await conflict.waitFor();
    await conflict.getByText('Your changes are still here').waitFor();
    await conflict
      .getByRole('list', { name: /^What they changed/ })
      .getByText('Changed the guidance for “Greet”')
      .waitFor();
    await conflict.getByRole('list', { name: 'Your changes' }).getByText('Renamed the roadmap to “The Bloom way”').waitFor();
    await conflict.getByRole('list', { name: 'Your changes' }).getByText('Changed the guidance for “Close”').waitFor();
    // Nothing of theirs was overwritten, and nothing of the owner's was lost.
    const after = await roadmap(context);
    expect(after.currentVersion).toBe(colleague);
    expect(after.definition.name).toBe(opened.definition.name);
    expect(await page.getByLabel(field('Name of the roadmap')).inputValue()).toBe('The Bloom way');
    expect(await card(page, 7, 'Close').getByLabel(field('Guidance')).inputValue()).toBe(closeGuidance);
    await shot(page, 'tablet-roadmap-conflict');
    await expectAccessible(page, 'roadmap, conflict (tablet)');

    await conflict.getByRole('button', { name: 'Keep my changes' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Your changes now go on top of version ${colleague}` })
      .waitFor();
    await page.getByRole('button', { name: `Save as version ${colleague + 1}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Saved as version ${colleague + 1}` })
      .waitFor();
    const final = await roadmap(context);
    expect(final.currentVersion).toBe(colleague + 1);
    expect(final.definition.name).toBe('The Bloom way');
    expect(final.definition.steps[6]?.guidance).toBe(closeGuidance);
  });

  it('loads a colleague’s newer version instead, when asked', async () => {
    const opened = await roadmap(context);
    await page.getByLabel(field('Name of the roadmap')).fill('Mine');
    const theirs = await page.request.put('/api/roadmap', {
      headers: { 'if-match': `"${opened.currentVersion}"` },
      data: { ...opened.definition, name: 'Theirs' },
    });
    expect(theirs.status()).toBe(200);
    await page.getByRole('button', { name: `Save as version ${opened.currentVersion + 1}` }).click();
    const conflict = page.getByRole('alert').filter({ hasText: `A colleague saved version ${opened.currentVersion + 1}` });
    await conflict.getByRole('button', { name: 'Load their version' }).click();
    const dialog = page.getByRole('dialog', { name: `Load version ${opened.currentVersion + 1}?` });
    await dialog.getByText(/Renamed the roadmap to “Mine”/).waitFor();
    await dialog.getByRole('button', { name: 'Load their version' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Showing version ${opened.currentVersion + 1}` })
      .waitFor();
    expect(await page.getByLabel(field('Name of the roadmap')).inputValue()).toBe('Theirs');
    expect(await conflict.count()).toBe(0);
    expect(await page.getByRole('button', { name: `Save as version ${opened.currentVersion + 2}` }).isDisabled()).toBe(true);
  });
});

describe('the roadmap on a phone', () => {
  it('is usable and accessible at phone size', async () => {
    const context = await signedInContext(browser, server, 'owner@bloom.example', PHONE);
    try {
      const page = await context.newPage();
      await page.goto('/visits/roadmap');
      await page.getByRole('heading', { name: 'Roadmap', level: 1 }).waitFor();
      await shot(page, 'phone-roadmap');
      await expectAccessible(page, 'roadmap (phone)');
      await openStep(page, 4, 'Discover');
      await card(page, 4, 'Discover').getByLabel(field('Guidance')).fill('Ask about the room, the colours and the occasion.');
      await page.getByRole('button', { name: 'Discard changes' }).waitFor();
      expect(await page.getByRole('button', { name: 'Discard changes' }).isDisabled()).toBe(false);
      await shot(page, 'phone-roadmap-editing');
      await expectAccessible(page, 'roadmap, a step open (phone)');
    } finally {
      await context.close();
    }
  });
});

describe('the roadmap, as an associate', () => {
  it('is not in the navigation', async () => {
    const context = await signedInContext(browser, server, 'associate@bloom.example');
    try {
      const page = await context.newPage();
      await page.goto('/today');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Visits' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Roadmap' }).count()).toBe(0);
      await page.goto('/visits/roadmap');
      await page.getByRole('heading', { name: 'Not available to your role', level: 1 }).waitFor();
    } finally {
      await context.close();
    }
  });
});
