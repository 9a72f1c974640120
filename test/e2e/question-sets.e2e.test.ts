import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionSetDefinition } from '../../src/shared/domain/question-sets.ts';
import { expectAccessible } from './audit.ts';
import { signedInContext } from './customer-book.ts';
import { type E2EServer, field, launchBrowser, openFromNavigation, PHONE, startServer } from './server.ts';

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

interface StoredSet {
  id: string;
  version: number;
  currentVersion: number;
  active: boolean;
  definition: QuestionSetDefinition;
}

/** The florist's demo set as the API has it now. */
async function floristSet(context: BrowserContext): Promise<StoredSet> {
  const list = (await (await context.request.get('/api/question-sets')).json()) as { items: { id: string; name: string }[] };
  const found = list.items.find((s) => s.name === 'Flowers for an occasion');
  if (!found) throw new Error('the demo question set is missing');
  return (await (await context.request.get(`/api/question-sets/${found.id}`)).json()) as StoredSet;
}

/** A question's card in the editor, by its number in the set. */
const card = (page: Page, n: number) => page.getByRole('group', { name: new RegExp(`^Question ${n}:`) });

async function openQuestion(page: Page, n: number) {
  const toggle = card(page, n).getByRole('button', { name: new RegExp(`^Question ${n}\\b`) });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await card(page, n).getByLabel(field('What the associate asks')).waitFor();
}

const heading = (page: Page, name: string) => page.getByRole('heading', { name, level: 1 }).waitFor();

describe('question sets, as the owner', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await signedInContext(browser, server, 'owner@bloom.example');
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('lists the demo set from the navigation and opens it', async () => {
    await page.goto('/today');
    await heading(page, 'Today');
    await openFromNavigation(page, 'Question sets');
    const item = page.getByRole('list', { name: 'Question sets' }).getByRole('listitem').filter({ hasText: 'Flowers for an occasion' });
    await item.getByText('Version 1', { exact: true }).waitFor();
    await item.getByText('10 questions', { exact: true }).waitFor();
    await item.getByText('Active', { exact: true }).waitFor();
    await item.getByText('Bouquets, arrangements and stems for a moment or a room').waitFor();
    await expectAccessible(page, 'question sets (tablet)');

    await item.getByRole('link', { name: 'Flowers for an occasion' }).click();
    await heading(page, 'Flowers for an occasion');
    await page.getByText(/Visits already under way keep the version they started with/).waitFor();
    // A long set stays short: every card is closed, showing its prompt and answer type.
    await card(page, 8).getByText('Is there a cat or dog at home?').waitFor();
    await card(page, 3).getByText('Vocabulary words: rooms · only if “Who are they for?”').waitFor();
    expect(await page.getByLabel(field('What the associate asks')).count()).toBe(0);
    await expectAccessible(page, 'question set editor (tablet)');
  });

  it('changes a prompt and adds a question; the save makes version 2', async () => {
    await openQuestion(page, 2);
    await card(page, 2).getByLabel(field('What the associate asks')).fill('Who are the flowers for?');
    await expectAccessible(page, 'question set editor, a question open (tablet)');

    await page.getByRole('button', { name: 'Add a question' }).click();
    const added = card(page, 11);
    const prompt = added.getByLabel(field('What the associate asks'));
    await prompt.waitFor();
    // The new question's prompt has the focus, and its key follows what is typed.
    expect(await prompt.evaluate((el) => el === document.activeElement)).toBe(true);
    await prompt.fill('Anything they would rather avoid?');
    expect(await added.getByLabel(field('Key')).inputValue()).toBe('anything-they-would-rather-avoid');
    await added.getByLabel(field('Answer')).selectOption({ label: 'In their own words' });
    await added.getByLabel(field('Why it matters')).fill('Allergies and dislikes rule flowers out before anything else.');

    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 2' }).waitFor();
    await page.getByText('Version 2', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Save as version 3' }).isDisabled()).toBe(true);

    const saved = await floristSet(context);
    expect(saved.version).toBe(2);
    expect(saved.definition.questions).toHaveLength(11);
    expect(saved.definition.questions[1]?.prompt).toBe('Who are the flowers for?');
    expect(saved.definition.questions[10]).toEqual({
      key: 'anything-they-would-rather-avoid',
      prompt: 'Anything they would rather avoid?',
      help: 'Allergies and dislikes rule flowers out before anything else.',
      type: 'text',
    });
    // Branching and everything not touched came through as it was.
    expect(saved.definition.questions[2]?.askIf).toEqual({ question: 'recipient', anyOf: ['self', 'family', 'partner'] });
    expect(saved.definition.questions[7]?.choices?.[0]).toEqual({ value: 'yes', label: 'Yes', rule: 'pet-safe' });
  });

  it('shows branching that goes round in a circle at its field, and saves nothing', async () => {
    await openQuestion(page, 2);
    const when = card(page, 2).getByLabel(field('Ask this question'));
    await when.selectOption({ label: 'Only if 3. Where will they stand?' });
    await card(page, 2).getByText('Branching goes round in a circle through "recipient"').waitFor();
    expect(await when.getAttribute('aria-invalid')).toBe('true');
    // The other end of the circle is closed, but says it has mistakes.
    await card(page, 3)
      .getByText(/^\d mistakes?$/)
      .waitFor();

    await page.getByRole('button', { name: 'Save as version 3' }).click();
    const mistakes = page.getByRole('list', { name: 'Mistakes' });
    await mistakes.getByRole('button', { name: /^Question 3, when to ask it: branching goes round in a circle through "place"$/ }).click();
    // The summary takes the owner to the field, opening its question.
    const other = card(page, 3).getByLabel(field('Ask this question'));
    await other.waitFor();
    expect(await other.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, 'question set editor with mistakes (tablet)');
    expect((await floristSet(context)).version).toBe(2);

    await when.selectOption({ label: 'Always' });
    expect(await mistakes.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save as version 3' }).isDisabled()).toBe(true);
  });

  it('shows at its field a mistake only the server could see', async () => {
    // A category renamed after the editor loaded the catalog: the set still names "Plants".
    const categories = (await (await context.request.get('/api/categories')).json()) as { items: { id: string; path: string[] }[] };
    const plants = categories.items.find((c) => c.path.join('/') === 'Plants');
    if (!plants) throw new Error('the demo has no Plants category');
    const renamed = await context.request.put(`/api/categories/${plants.id}`, { data: { name: 'House plants' } });
    expect(renamed.status()).toBe(200);
    try {
      await page.getByLabel(field('What it is for')).fill('Bouquets, arrangements, stems and plants');
      await page.getByRole('button', { name: 'Save as version 3' }).click();
      await page
        .getByRole('list', { name: 'Mistakes' })
        .getByRole('button', { name: 'Categories: there is no category "Plants"' })
        .waitFor();
      await page.locator('#qs-categories').getByText('There is no category "Plants"').waitFor();
      expect((await floristSet(context)).version).toBe(2);
    } finally {
      await context.request.put(`/api/categories/${plants.id}`, { data: { name: 'Plants' } });
    }
    await page.getByLabel(field('What it is for')).fill('Bouquets, arrangements and stems for a moment or a room');
    expect(await page.getByRole('list', { name: 'Mistakes' }).count()).toBe(0);
  });

  it('refuses a stale save, overwrites nothing, and reloads the newer version', async () => {
    await openQuestion(page, 1);
    await card(page, 1).getByLabel(field('What the associate asks')).fill('What is the occasion?');
    // A colleague saves the set from elsewhere while this editor still has version 2.
    const current = await floristSet(context);
    const theirs = await page.request.put(`/api/question-sets/${current.id}`, {
      headers: { 'if-match': `"${current.currentVersion}"` },
      data: { ...current.definition, purpose: 'Changed by a colleague' },
    });
    expect(theirs.status()).toBe(200);

    await page.getByRole('button', { name: 'Save as version 3' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else saved a newer version' });
    await conflict.waitFor();
    const after = await floristSet(context);
    expect(after.version).toBe(3);
    expect(after.definition.purpose).toBe('Changed by a colleague');
    expect(after.definition.questions[0]?.prompt).toBe('What are the flowers for?');
    await expectAccessible(page, 'question set editor, conflict (tablet)');

    await conflict.getByRole('button', { name: 'Reload the latest version' }).click();
    await page.getByRole('status').filter({ hasText: 'Showing version 3' }).waitFor();
    expect(await page.getByLabel(field('What it is for')).inputValue()).toBe('Changed by a colleague');
    await openQuestion(page, 1);
    expect(await card(page, 1).getByLabel(field('What the associate asks')).inputValue()).toBe('What are the flowers for?');
    expect(await page.getByRole('button', { name: 'Save as version 4' }).isDisabled()).toBe(true);
  });

  it('writes a new set and switches it off', async () => {
    await page.goto('/selling/question-sets');
    await page.getByRole('link', { name: 'New question set' }).click();
    await heading(page, 'New question set');
    await expectAccessible(page, 'new question set (tablet)');
    await page.getByRole('button', { name: 'Create question set' }).click();
    const mistakes = page.getByRole('list', { name: 'Mistakes' });
    await mistakes.getByRole('button', { name: 'Name: is empty' }).waitFor();
    await mistakes.getByRole('button', { name: 'Question 1, what the associate asks: is empty' }).waitFor();

    await page.getByLabel(field('Name')).fill('Plants for a home');
    await page.getByLabel(field('What it is for')).fill('Indoor plants that suit the light and the people');
    await page.getByRole('checkbox', { name: 'Plants', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Plants › Indoor (included)' }).waitFor();
    const first = card(page, 1);
    await first.getByLabel(field('What the associate asks')).fill('Is there a cat or dog at home?');
    await first.getByLabel(field('Choice 1')).fill('Yes');
    await first.getByRole('switch', { name: 'Pet-safe only' }).first().click();
    await first.getByLabel(field('Choice 2')).fill('No');
    expect(await mistakes.count()).toBe(0);
    await page.getByRole('button', { name: 'Create question set' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 1' }).waitFor();
    await page.waitForURL(/\/selling\/question-sets\/qst_\w+$/);
    await heading(page, 'Plants for a home');

    await page.getByRole('switch', { name: 'Active' }).click();
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved as version 2' }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const stored = (await (await context.request.get(`/api/question-sets/${id}`)).json()) as StoredSet;
    expect(stored).toMatchObject({ version: 2, active: false });
    expect(stored.definition).toEqual({
      name: 'Plants for a home',
      purpose: 'Indoor plants that suit the light and the people',
      categories: ['Plants'],
      questions: [
        {
          key: 'is-there-a-cat-or',
          prompt: 'Is there a cat or dog at home?',
          help: '',
          type: 'single',
          choices: [
            { value: 'yes', label: 'Yes', rule: 'pet-safe' },
            { value: 'no', label: 'No' },
          ],
        },
      ],
    });
    await page.getByRole('link', { name: 'Back to question sets' }).click();
    const item = page.getByRole('list', { name: 'Question sets' }).getByRole('listitem').filter({ hasText: 'Plants for a home' });
    await item.getByText('Switched off', { exact: true }).waitFor();
  });

  it('reads well on a phone', async () => {
    const phone = await signedInContext(browser, server, 'owner@bloom.example', PHONE);
    try {
      const p = await phone.newPage();
      await p.goto('/selling/question-sets');
      await p.getByRole('link', { name: 'Flowers for an occasion' }).waitFor();
      await expectAccessible(p, 'question sets (phone)');
      await p.getByRole('link', { name: 'Flowers for an occasion' }).click();
      await heading(p, 'Flowers for an occasion');
      await expectAccessible(p, 'question set editor (phone)');
      await openQuestion(p, 6);
      // Colours are many: each choice picks them from a searchable list rather than chips.
      const q6 = card(p, 6);
      await q6.getByRole('button', { name: 'Add an attribute' }).click();
      await q6.getByLabel(field('Fresh means: colours')).waitFor();
      await expectAccessible(p, 'question set editor, a question open (phone)');
      await q6.getByRole('button', { name: 'Remove attribute 2: colours' }).click();
      expect(await p.getByRole('button', { name: /^Save as version/ }).isDisabled()).toBe(true);
      await p.goto('/selling/question-sets/new');
      await heading(p, 'New question set');
      await expectAccessible(p, 'new question set (phone)');
    } finally {
      await phone.close();
    }
  });
});

describe('question sets, as an associate', () => {
  it('are not in the navigation, and their addresses say the role does not allow them', async () => {
    const context = await signedInContext(browser, server, 'associate@bloom.example');
    try {
      const page = await context.newPage();
      await page.goto('/today');
      await heading(page, 'Today');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Catalog' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Question sets' }).count()).toBe(0);
      await page.goto('/selling/question-sets');
      await heading(page, 'Not available to your role');
      await page.goto('/selling/question-sets/new');
      await heading(page, 'Not available to your role');
      expect(await page.getByRole('button', { name: 'Create question set' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
