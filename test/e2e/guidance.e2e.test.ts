import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './audit.ts';
import { customerBookWorld, signedInContext } from './customer-book.ts';
import { card, cards, choose, question, skip, tick } from './guided-selling.ts';
import { newContext, openFromNavigation, PHONE, sharedPage, signIn } from './server.ts';

const world = customerBookWorld();

/** The titles of the recommendations as shown, best first. */
const titles = (page: Page | Locator) => cards(page).getByRole('heading', { level: 3 }).allTextContents();

async function recommendations(page: Page | Locator) {
  await page.getByRole('heading', { level: 2, name: /^(Recommendations|Suggestions for you)$/ }).waitFor();
  await cards(page).first().waitFor();
}

/** Asks for a longer list and waits until it is on screen. */
async function showMore(page: Page, atLeast: number) {
  await page.getByRole('button', { name: 'Show more suggestions' }).click();
  await expect.poll(() => cards(page).count()).toBeGreaterThanOrEqual(atLeast);
}

const money = (text: string) => Number(text.replace(/[^\d.]/g, ''));

describe('the second opinion at Hearth & Hue', () => {
  const shared = sharedPage(() => newContext(world.browser, world.server));

  it('asks about a grey-and-cream living room with a grey sofa and oak furniture, narrowed to cushions', async () => {
    const { page } = shared;
    await signIn(page, 'associate@hearth.example');
    await openFromNavigation(page, 'Guided selling');
    const sets = page.getByRole('radiogroup', { name: 'Question set' });
    // The shop's only set is chosen already; its card says what it is for and how long it is.
    const set = sets.getByRole('radio', { name: /^Dressing a room/ });
    expect(await set.getAttribute('aria-checked')).toBe('true');
    expect(await set.textContent()).toContain('8 questions');
    await page.getByText('Someone not yet known.').waitFor();
    await page.getByRole('combobox', { name: 'Narrow to one kind of item (optional)' }).click();
    await page.getByRole('option', { name: 'Soft furnishings / Cushions', exact: true }).click();
    await expectAccessible(page, 'guided selling chooser (tablet)');
    await page.getByRole('button', { name: 'Start asking' }).click();

    await page.waitForURL(/\/selling\/[^/?]+/);
    await page.getByText('Question 1 of 8').waitFor();
    await page.getByText('Soft furnishings / Cushions', { exact: false }).first().waitFor();
    await tick(page, 'Which room is it for?', ['Living room']);
    await tick(page, 'Which colours lead in the room?', ['Dove grey', 'Cream']);
    await tick(page, 'What is the furniture made of?', ['Oak']);
    await tick(page, 'What colours are the sofa and the larger pieces?', ['Dove grey']);
    await skip(page, 'How would they describe the style?');
    await choose(page, 'How often is the room used?', 'Every day, by the whole family');
    await skip(page, 'How much light does the room get?');
    await skip(page, 'What would they like to spend?');

    await recommendations(page);
    await showMore(page, 11);
    const order = await titles(page);
    const greyBlush = order.indexOf('Velvet cushion set — Grey / blush');
    const tealMustard = order.indexOf('Velvet cushion set — Teal / mustard');
    expect(greyBlush, order.join('\n')).toBeGreaterThanOrEqual(0);
    expect(tealMustard, order.join('\n')).toBeGreaterThan(greyBlush);
    const grey = card(page, 'Velvet cushion set — Grey / blush');
    await grey.getByRole('list', { name: 'What matches' }).getByText('charcoal, a shade close to dove grey').waitFor();
    await grey.getByText(/^\d+ here/).waitFor();
    // What it goes with, in plain words; velvet beside oak is not called a fault.
    await grey
      .getByRole('list', { name: 'What matches' })
      .getByText('blush and charcoal, to go with the colours of your furniture')
      .waitFor();
    expect(await grey.getByText(/rather than oak/).count()).toBe(0);
    await grey.getByText(/^Fit \d+%$/).waitFor();
    await expectAccessible(page, 'recommendations (tablet)');
  });

  it('flips the order for a navy sofa with mustard accents', async () => {
    const { page } = shared;
    await page
      .getByRole('region', { name: 'What they told us' })
      .getByRole('button', { name: 'Change: Which colours lead in the room?' })
      .click();
    await question(page, 'Which colours lead in the room?');
    expect(await page.getByRole('checkbox', { name: 'Dove grey', exact: true }).getAttribute('aria-checked')).toBe('true');
    await tick(page, 'Which colours lead in the room?', ['Dove grey', 'Cream', 'Navy', 'Mustard']);
    await question(page, 'What is the furniture made of?');
    await page.getByRole('button', { name: 'Show recommendations' }).click();
    await recommendations(page);
    expect((await titles(page))[0]).toBe('Velvet cushion set — Teal / mustard');
    await showMore(page, 11);
    const order = await titles(page);
    const tealMustard = order.indexOf('Velvet cushion set — Teal / mustard');
    const greyBlush = order.indexOf('Velvet cushion set — Grey / blush');
    expect(greyBlush, order.join('\n')).toBeGreaterThan(tealMustard);
    await card(page, 'Velvet cushion set — Teal / mustard').getByText('mustard, like your room').waitFor();
  });
});

describe('a returning customer at Bloom & Stem', () => {
  const shared = sharedPage(() => signedInContext(world.browser, world.server, 'associate@bloom.example'));

  it('starts from Mrs Okafor’s profile and offers what she said last time to confirm', async () => {
    const { page } = shared;
    await page.goto(`/customers/${world.okaforId}`);
    await page.getByRole('heading', { name: 'Mrs Okafor', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Help choose' }).click();
    await page.getByRole('heading', { name: 'Guided selling', level: 1 }).waitFor();
    const who = page.getByRole('region', { name: 'Who are you helping?' });
    await who.getByText('Mrs Okafor', { exact: true }).waitFor();
    expect(await page.getByRole('radio', { name: /^Flowers for an occasion/ }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('button', { name: 'Start asking' }).click();

    await skip(page, 'What are the flowers for?');
    await skip(page, 'Who are they for?');
    await question(page, 'Which colours are in the room, or do they love?');
    const lastTime = page.getByRole('region', { name: 'Last time you said' });
    await lastTime.getByText('Your living room is sage and cream').waitFor();
    await lastTime.getByText(/^Noted by Priya Natarajan on /).waitFor();
    await expectAccessible(page, 'question with last time (tablet)');
    await lastTime.getByRole('button', { name: /^Yes, that.s still right$/ }).click();
    await skip(page, 'Which style suits them?');
    await choose(page, 'Fresh, silk, or either?', 'Fresh');
    await skip(page, 'How much scent?');
    await question(page, 'Is there a cat or dog at home?');
    await page.getByRole('region', { name: 'Last time you said' }).getByText('Cat at home').waitFor();
    await page.getByRole('button', { name: /^Yes, that.s still right$/ }).click();
    await skip(page, 'How many stems or arrangements?');
    await skip(page, 'What would they like to spend?');

    await recommendations(page);
    const first = cards(page).first();
    expect(await first.getByRole('heading', { level: 3 }).textContent()).toBe('Rose and olive hand-tied');
    expect(await first.getByRole('list', { name: 'What matches' }).getByRole('listitem').first().textContent()).toContain(
      'cream and sage, like your living room',
    );
    // Nothing unsafe for her cat is suggested; the lilies are named among what was left out, and why.
    for (const title of await titles(page)) expect(title.toLowerCase()).not.toContain('lil');
    const leftOut = page.getByRole('region', { name: 'Left out' });
    await leftOut.getByText('Not safe with pets: cat at home', { exact: true }).waitFor();
    await leftOut
      .getByRole('button', { name: /^Show all \d+$/ })
      .first()
      .click();
    await leftOut.getByText(/Oriental lily/).waitFor();
  });

  it('adds the bouquet to the basket and keeps her answers with her agreement', async () => {
    const { page } = shared;
    await page.getByRole('button', { name: 'Add Rose and olive hand-tied to the basket' }).click();
    await page.getByRole('status').filter({ hasText: 'Added Rose and olive hand-tied to the basket.' }).waitFor();
    const basket = page.getByRole('region', { name: 'Basket for this visit' });
    await basket.getByText('Rose and olive hand-tied').waitFor();
    await basket.getByText('Total', { exact: true }).waitFor();
    await cards(page).first().getByText('✓ In the basket').waitFor();

    const keep = page.getByRole('region', { name: 'Keep these answers on Adaeze Okafor’s profile' });
    const save = keep.getByRole('button', { name: 'Keep the answers' });
    expect(await save.isDisabled()).toBe(true);
    await keep.getByRole('checkbox', { name: 'The customer agreed to keep these answers on their profile' }).click();
    await expectAccessible(page, 'recommendations for a known customer (tablet)');
    await save.click();
    await keep.getByText('Saved to Adaeze Okafor’s profile').waitFor();
    await keep.getByText('A colour they like: Sage').waitFor();
    await keep.getByText(/^Something to avoid: Anything unsafe for pets/).waitFor();

    // Her profile now holds them.
    await page.getByRole('link', { name: 'Adaeze Okafor' }).first().click();
    await page.getByRole('heading', { name: 'Mrs Okafor', level: 1 }).waitFor();
    await page
      .getByText(/^Anything unsafe for pets/)
      .first()
      .waitFor();
  });
});

describe('the security officer', () => {
  it('helps without opening the customer book', async () => {
    const context = await signedInContext(world.browser, world.server, 'security@bloom.example');
    try {
      const page = await context.newPage();
      await page.goto(`/selling?customer=${world.okaforId}`);
      await page.getByText('Your role helps customers without opening their profiles').waitFor();
      expect(await page.getByRole('searchbox', { name: 'Or find a customer' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Start asking' }).click();
      await question(page, 'What are the flowers for?');
      await page.getByText('For someone not yet known').waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('a firm budget', () => {
  it('keeps £30 for 10 white stems: no stretch group, and every total is £30 or less', async () => {
    const context = await signedInContext(world.browser, world.server, 'associate@bloom.example');
    try {
      const page = await context.newPage();
      await page.goto('/selling');
      await page.getByRole('button', { name: 'Start asking' }).click();
      await skip(page, 'What are the flowers for?');
      await skip(page, 'Who are they for?');
      await tick(page, 'Which colours are in the room, or do they love?', ['White']);
      await skip(page, 'Which style suits them?');
      await skip(page, 'Fresh, silk, or either?');
      await skip(page, 'How much scent?');
      await skip(page, 'Is there a cat or dog at home?');
      await question(page, 'How many stems or arrangements?');
      const howMany = page.getByRole('textbox', { name: 'How many' });
      // Too many is named at the question, and nothing is saved.
      await howMany.fill('5000');
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'This answer was not saved' }).getByText('A whole number from 1 to 1,000').waitFor();
      await howMany.fill('9');
      await page.getByRole('button', { name: 'One more' }).click();
      expect(await howMany.inputValue()).toBe('10');
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await question(page, 'What would they like to spend?');
      await page.getByRole('textbox', { name: 'The most they would like to spend' }).fill('30');
      expect(await page.getByRole('radio', { name: /^Firm/ }).getAttribute('aria-checked')).toBe('true');
      await page.getByRole('button', { name: 'Continue', exact: true }).click();

      await recommendations(page);
      await page.getByText(/^For 10 · up to £30\.00 \(firm\)/).waitFor();
      const totals = await cards(page)
        .getByText(/^Total £/)
        .allTextContents();
      expect(totals.length).toBeGreaterThan(0);
      for (const t of totals) expect(money(t), t).toBeLessThanOrEqual(30);
      expect(
        await cards(page)
          .first()
          .getByText(/^10 × £/)
          .count(),
      ).toBe(1);
      expect(await page.getByRole('heading', { name: 'Worth stretching for?' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

describe('the customer’s view and the keyboard', () => {
  for (const [size, viewport] of [
    ['tablet', undefined],
    ['phone', PHONE],
  ] as const) {
    it(`hides what is for the team, and is accessible (${size})`, async () => {
      const context = await signedInContext(world.browser, world.server, 'associate@bloom.example', viewport);
      try {
        const page = await context.newPage();
        await page.goto('/selling');
        await page.getByRole('button', { name: 'Start asking' }).click();
        await skip(page, 'What are the flowers for?');

        // The keyboard answers a question: the prompt has the focus, Tab reaches the first choice, Enter chooses it.
        await question(page, 'Who are they for?');
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('For themselves');
        await page.keyboard.press('Enter');
        // Choosing "for themselves" asks where they will stand.
        await question(page, 'Where will they stand?');
        await page.getByText('Question 3 of 10').waitFor();
        await page.keyboard.press('Tab');
        await page.keyboard.press('Space');
        expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-checked'))).toBe('true');

        await skip(page, 'Where will they stand?');
        await question(page, 'Which colours are in the room, or do they love?');
        await page.getByText(/^Why ask:/).waitFor();
        await expectAccessible(page, `question (${size})`);
        await page.getByRole('button', { name: 'Turn to customer' }).click();
        const screen = page.getByRole('dialog', { name: 'Flowers for an occasion' });
        await question(screen, 'Which colours are in the room, or do they love?');
        await screen.getByRole('checkbox', { name: 'White', exact: true }).waitFor();
        expect(await page.getByText(/^Why ask:/).count()).toBe(0);
        await expectAccessible(page, `question, customer view (${size})`);

        // The customer can answer on their own screen.
        await tick(screen, 'Which colours are in the room, or do they love?', ['White']);
        await question(screen, 'Which style suits them?');
        await screen.getByRole('button', { name: 'Show recommendations' }).click();
        await recommendations(screen);
        expect(await page.getByText(/^Fit \d+%$/).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'How it scores' }).count()).toBe(0);
        expect(await page.getByRole('combobox', { name: 'Recommend from' }).count()).toBe(0);
        await expectAccessible(page, `recommendations, customer view (${size})`);

        await screen.getByRole('button', { name: 'Back to staff view' }).click();
        await screen.waitFor({ state: 'hidden' });
        await recommendations(page);
        await page
          .getByText(/^Fit \d+%$/)
          .first()
          .waitFor();
        await expectAccessible(page, `recommendations (${size})`);
      } finally {
        await context.close();
      }
    });
  }
});

describe('two devices on one session', () => {
  it('says an answer was given on another device meanwhile, shows it, and takes the associate’s once they have seen it', async () => {
    const context = await signedInContext(world.browser, world.server, 'associate@bloom.example');
    try {
      const page = await context.newPage();
      await page.goto('/selling');
      await page.getByRole('button', { name: 'Start asking' }).click();
      await skip(page, 'What are the flowers for?');
      await question(page, 'Who are they for?');
      const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
      const path = `/api/guidance-sessions/${id}/answers/recipient`;
      // The colleague's phone answers first.
      const other = await page.request.put(path, { data: { answer: { values: ['partner'] }, replaces: null } });
      expect(other.status(), await other.text()).toBe(200);

      const choices = page.getByRole('group', { name: 'Who are they for?' });
      await choices.getByRole('button', { name: 'A friend' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'This answer was not saved' });
      await alert.getByText(/was answered on another device after this screen showed it/).waitFor();
      // The screen now shows the colleague's answer.
      await expect.poll(() => choices.getByRole('button', { name: 'A partner' }).getAttribute('aria-pressed')).toBe('true');
      await expectAccessible(page, 'answer given on another device (tablet)');

      // Having seen it, the associate changes it.
      await choices.getByRole('button', { name: 'A friend' }).click();
      await alert.waitFor({ state: 'detached' });
      const session = await (await page.request.get(`/api/guidance-sessions/${id}`)).json();
      expect(session.answers.recipient).toEqual({ values: ['friend'] });
    } finally {
      await context.close();
    }
  });
});
