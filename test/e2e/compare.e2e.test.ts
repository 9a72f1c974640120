import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './audit.ts';
import { signedInContext } from './customer-book.ts';
import { type E2EServer, launchBrowser, newContext, openFromNavigation, PHONE, sharedPage, signIn, startServer } from './server.ts';

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

const TEAL = 'Velvet cushion set — Teal / mustard';
const GREY = 'Velvet cushion set — Grey / blush';

/** One question of the short path, by its prompt. */
const questionCard = (page: Page, prompt: string) =>
  page
    .getByRole('region', { name: 'A few questions' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 3, name: prompt, exact: true }) });

/** Ticks (or unticks) words of an open question, saves, and waits for it to close with its answer. */
async function answer(page: Page, prompt: string, words: string[]) {
  const card = questionCard(page, prompt);
  for (const w of words) await card.getByRole('checkbox', { name: w, exact: true }).click();
  await card.getByRole('button', { name: 'Save answer' }).click();
  await card.getByRole('button', { name: `Change: ${prompt}` }).waitFor();
}

/** Opens an answered question again and changes its words. */
async function change(page: Page, prompt: string, words: string[]) {
  await page.getByRole('button', { name: `Change: ${prompt}` }).click();
  await questionCard(page, prompt).getByRole('button', { name: 'Save answer' }).waitFor();
  await answer(page, prompt, words);
}

const options = (page: Page | Locator) => page.getByRole('list', { name: 'The options side by side' }).locator(':scope > li');
const optionCard = (page: Page, title: string) =>
  options(page).filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
/** The verdict, once the comparison shown is the one for the answers as they are. */
const settled = (page: Page) =>
  page.locator('[aria-busy="false"]').filter({ has: page.getByRole('list', { name: 'The options side by side' }) });

describe('the second opinion: the security officer compares the two cushion colourways', () => {
  const shared = sharedPage(() => newContext(browser, server));

  it('starts a second opinion for cushions and chooses the two colourways', async () => {
    const { page } = shared;
    await signIn(page, 'security@hearth.example');
    await openFromNavigation(page, 'Guided selling');
    await page.getByRole('combobox', { name: 'Narrow to one kind of item (optional)' }).click();
    await page.getByRole('option', { name: 'Soft furnishings / Cushions', exact: true }).click();
    await page.getByRole('button', { name: 'Second opinion: compare options' }).click();

    await page.waitForURL(/\/selling\/[^/?]+\/compare/);
    await page.getByRole('heading', { name: 'Compare options', level: 1 }).waitFor();
    await page.getByText('Choose two options to compare').waitFor();
    const cushions = page.getByRole('list', { name: 'Products in Soft furnishings / Cushions' });
    await cushions.getByRole('button', { name: /^Velvet cushion set/ }).click();
    const colourways = page.getByRole('list', { name: 'Velvet cushion set' });
    await colourways.getByRole('button', { name: /^Teal \/ mustard/ }).click();
    await colourways.getByRole('button', { name: /^Teal \/ mustard/, pressed: true }).waitFor();
    await page.getByText('Choose one more option').waitFor();
    await expectAccessible(page, 'compare, choosing (tablet)');
    await colourways.getByRole('button', { name: /^Grey \/ blush/ }).click();

    // Both are listed as chosen, in the order chosen, and are in the address.
    const chosen = page.getByRole('list', { name: 'Chosen options' });
    await chosen.getByText(GREY).waitFor();
    expect(await chosen.getByRole('listitem').allTextContents()).toEqual([`1. ${TEAL}Take out`, `2. ${GREY}Take out`]);
    expect(new URL(page.url()).searchParams.getAll('v')).toHaveLength(2);

    // The short path: the four questions that tell them apart, in the set's order, each saying why it is asked.
    await questionCard(page, 'Which room is it for?')
      .getByText(/^Why ask:/)
      .waitFor();
    expect(await page.getByRole('region', { name: 'A few questions' }).getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      'Which room is it for?',
      'Which colours lead in the room?',
      'How would they describe the style?',
      'How often is the room used?',
    ]);
    await page.getByText('Not judged yet').first().waitFor();
  });

  it('with a grey-and-cream living room and a contemporary style, suggests Grey / blush and says why', async () => {
    const { page } = shared;
    await answer(page, 'Which room is it for?', ['Living room']);
    await answer(page, 'Which colours lead in the room?', ['Dove grey', 'Cream']);
    await answer(page, 'How would they describe the style?', ['Contemporary']);

    const verdict = page.getByRole('region', { name: `Our suggestion: ${GREY}` });
    await verdict.waitFor();
    await verdict.getByRole('list', { name: 'Because' }).getByText('charcoal, a shade close to dove grey').waitFor();
    await verdict
      .getByRole('list', { name: `Where ${TEAL} falls short` })
      .getByText('teal and mustard rather than dove grey and cream')
      .waitFor();
    await settled(page).waitFor();
    // Side by side on a tablet, in the order chosen; the suggestion stands out.
    expect(await options(page).getByRole('heading', { level: 3 }).allTextContents()).toEqual([TEAL, GREY]);
    await optionCard(page, GREY).getByText('Our suggestion', { exact: true }).waitFor();
    await optionCard(page, GREY).getByText('Fits well').waitFor();
    await optionCard(page, TEAL)
      .getByRole('list', { name: 'What differs' })
      .getByText('teal and mustard rather than dove grey and cream')
      .waitFor();
    const [first, second] = [await optionCard(page, TEAL).boundingBox(), await optionCard(page, GREY).boundingBox()];
    expect(first?.y).toBe(second?.y);
    await page
      .getByRole('status')
      .filter({ hasText: `Our suggestion: ${GREY}.` })
      .waitFor();
    await expectAccessible(page, 'compare, a suggestion (tablet)');
  });

  it('flipped to teal and mustard, suggests Teal / mustard instead', async () => {
    const { page } = shared;
    await change(page, 'Which colours lead in the room?', ['Dove grey', 'Cream', 'Teal', 'Mustard']);
    const verdict = page.getByRole('region', { name: `Our suggestion: ${TEAL}` });
    await verdict.getByRole('list', { name: 'Because' }).getByText('mustard and teal, like your room').waitFor();
    await settled(page).waitFor();
    await optionCard(page, TEAL).getByText('Our suggestion', { exact: true }).waitFor();
    expect(await optionCard(page, GREY).getByText('Our suggestion', { exact: true }).count()).toBe(0);
  });

  it('with mustard and blush, says either fits and what the difference is', async () => {
    const { page } = shared;
    await change(page, 'Which colours lead in the room?', ['Teal', 'Blush']);
    const verdict = page.getByRole('region', { name: 'Either fits' });
    const differs = verdict.getByRole('list', { name: 'The difference is' });
    await differs.getByRole('listitem').filter({ hasText: TEAL }).getByText('mustard, like your room').waitFor();
    await differs.getByRole('listitem').filter({ hasText: GREY }).getByText('blush, like your room').waitFor();
    await settled(page).waitFor();
    expect(await options(page).getByText('Our suggestion', { exact: true }).count()).toBe(0);
    await expectAccessible(page, 'compare, either fits (tablet)');
  });

  it('stacks the options on a phone and stays accessible', async () => {
    const { page } = shared;
    const phone = await signedInContext(browser, server, 'security@hearth.example', PHONE);
    try {
      const small = await phone.newPage();
      // The options live in the address: the same comparison opens on another device.
      await small.goto(new URL(page.url()).pathname + new URL(page.url()).search);
      await small.getByRole('region', { name: 'Either fits' }).waitFor();
      await settled(small).waitFor();
      const [first, second] = [await optionCard(small, TEAL).boundingBox(), await optionCard(small, GREY).boundingBox()];
      expect(second?.y ?? 0).toBeGreaterThan((first?.y ?? 0) + (first?.height ?? 0) - 1);
      await expectAccessible(small, 'compare, either fits (phone)');
      await small.getByRole('button', { name: 'Change: Which colours lead in the room?' }).click();
      await questionCard(small, 'Which colours lead in the room?').getByRole('checkbox', { name: 'Blush', exact: true }).waitFor();
      await expectAccessible(small, 'compare, a question (phone)');
    } finally {
      await phone.close();
    }
  });

  it('with a firm budget given earlier in the visit, says by how much each is over it', async () => {
    const { page } = shared;
    const session = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
    const price = (await (await page.request.get(`/api/guidance-sessions/${session}`)).json()) as { answers: Record<string, unknown> };
    const res = await page.request.put(`/api/guidance-sessions/${session}/answers/budget`, {
      data: { answer: { budget: { max: 60, firm: true } }, replaces: price.answers.budget ?? null },
    });
    expect(res.status(), await res.text()).toBe(200);
    await page.reload();
    await settled(page).waitFor();
    for (const title of [TEAL, GREY])
      await optionCard(page, title)
        .getByText(/^\$\d+\.\d\d over the firm budget of \$60\.00$/)
        .waitFor();
    await page.getByRole('region', { name: 'Either fits' }).getByText('None of them is within the firm budget of $60.00').waitFor();
    await expectAccessible(page, 'compare, over the budget (tablet)');
  });

  it('goes back to the visit, whose header leads to the compare screen again', async () => {
    const { page } = shared;
    await page.getByRole('link', { name: 'Back to the visit' }).click();
    await page.getByRole('heading', { name: 'Dressing a room', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Compare options' }).click();
    await page.getByRole('heading', { name: 'Compare options', level: 1 }).waitFor();
    await page.getByText('Choose two options to compare').waitFor();
  });
});

describe('goes well with, on the product page', () => {
  const shared = sharedPage(() => signedInContext(browser, server, 'owner@bloom.example'));
  const open = async (title: string) => {
    const { page } = shared;
    const found = await page.request.get(`/api/products?q=${encodeURIComponent(title)}`);
    const product = ((await found.json()) as { items: { id: string; title: string }[] }).items.find((p) => p.title === title);
    if (!product) throw new Error(`${title} is not in the demo catalog`);
    await page.goto(`/catalog/${product.id}`);
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  };

  it('shows what Ranunculus goes with: the catalog pairs it with anemones', async () => {
    const { page } = shared;
    await open('Ranunculus');
    const section = page.getByRole('region', { name: 'Goes well with' });
    const paired = section.getByRole('region', { name: 'Pairs well with' });
    await paired.getByText('Paired in the catalog by the shop.').waitFor();
    await paired.getByRole('link', { name: 'Anemone' }).click();
    await page.getByRole('heading', { name: 'Anemone', level: 1 }).waitFor();
    await page.goBack();
    await section.getByText('Nothing has been learned yet from what customers buy together.').waitFor();
    await expectAccessible(page, 'product, goes well with (tablet)');
  });

  it('says so when nothing goes with a product', async () => {
    const { page } = shared;
    await open('Snapdragon');
    await page.getByRole('region', { name: 'Goes well with' }).getByText('Nothing is paired with Snapdragon yet').waitFor();
  });

  it('the owner has pairings learned from all sales in the background, and follows the run to the end', async () => {
    const { page } = shared;
    await page.goto('/catalog');
    await page.getByRole('link', { name: 'Goes well with' }).click();
    await page.getByRole('heading', { name: 'Goes well with', level: 1 }).waitFor();
    await page.getByText('Nothing learned yet').waitFor();
    await expectAccessible(page, 'goes well with, nothing learned (tablet)');
    await page.getByRole('button', { name: 'Learn pairings' }).click();
    const runs = page.getByRole('list', { name: 'Runs, newest first' });
    const run = runs.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'All sales', level: 3 }) });
    await run.getByText('In use', { exact: true }).waitFor({ timeout: 30_000 });
    await run.getByText(/^[\d,]+ pairings from [\d,]+ baskets\.$/).waitFor();
    await run
      .getByRole('list', { name: 'Bought together most' })
      .getByText(/ → .*: in .*% of baskets with (it|them), .* times as likely as by chance$/)
      .first()
      .waitFor();
    await expectAccessible(page, 'goes well with, learned (tablet)');
    const phone = await signedInContext(browser, server, 'owner@bloom.example', PHONE);
    try {
      const small = await phone.newPage();
      await small.goto('/catalog/pairings');
      await small.getByText('In use', { exact: true }).waitFor();
      await expectAccessible(small, 'goes well with, learned (phone)');
    } finally {
      await phone.close();
    }
  });

  it('shows what customers buy together once rules are learned from the shop’s baskets, and where they come from', async () => {
    const { page } = shared;
    const bloom = await server.db.selectFrom('retailers').select('id').where('name', '=', 'Bloom & Stem').executeTakeFirstOrThrow();
    const run = await server.db
      .selectFrom('rule_runs')
      .select(['id', 'rules', 'baskets'])
      .where('retailer_id', '=', bloom.id)
      .where('is_current', '=', true)
      .where('selection', '=', 'all')
      .executeTakeFirstOrThrow();
    expect(run.rules).toBeGreaterThan(0);
    // The demo's baskets follow the seasons of the year before today, so what is learned changes
    // with the day: take a product with a pairing learned from the baskets alone and one the shop
    // makes too.
    type Item = { products: { title: string }[]; source: 'baskets' | 'both' | 'catalog' };
    const antecedents = await server.db
      .selectFrom('association_rules')
      .select((eb) => eb.ref('antecedent').$castTo<string[]>().as('antecedent'))
      .where('retailer_id', '=', bloom.id)
      .where('run_id', '=', run.id)
      .orderBy('position')
      .execute();
    const titleFrom = (items: Item[], source: Item['source']) =>
      items.find((i) => i.source === source && i.products.length === 1)?.products[0]?.title;
    let chosen: { id: string; learnedTitle: string; paired: string } | undefined;
    for (const id of new Set(antecedents.filter((a) => a.antecedent.length === 1).map((a) => a.antecedent[0] as string))) {
      const items = ((await (await page.request.get(`/api/products/${id}/goes-well-with`)).json()) as { items: Item[] }).items;
      const learnedTitle = titleFrom(items, 'baskets');
      const paired = titleFrom(items, 'both');
      if (learnedTitle && paired) {
        chosen = { id, learnedTitle, paired };
        break;
      }
    }
    if (!chosen) throw new Error('No product has both a pairing learned from baskets alone and one the shop makes too');
    const { id, learnedTitle, paired } = chosen;
    await page.goto(`/catalog/${id}`);
    const section = page.getByRole('region', { name: 'Goes well with' });
    const learned = section.getByRole('region', { name: 'Often bought together' });
    const item = (title: string) => learned.getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) });
    // Learned from the baskets alone, and learned where the shop pairs them too.
    await item(learnedTitle)
      .getByText(/^Often bought together: in \d+% of baskets with it$/)
      .waitFor();
    await item(paired)
      .getByText(/^We pair them; often bought together: in \d+% of baskets with it$/)
      .waitFor();
    await section.getByText(`Learned from ${new Intl.NumberFormat('en-GB').format(run.baskets)} baskets.`, { exact: true }).waitFor();
    expect(await section.getByText('Nothing has been learned yet from what customers buy together.').count()).toBe(0);
    await expectAccessible(page, 'product, often bought together (tablet)');
    await item(learnedTitle).getByRole('link', { name: learnedTitle, exact: true }).click();
    await page.getByRole('heading', { name: learnedTitle, level: 1 }).waitFor();
  });
});
