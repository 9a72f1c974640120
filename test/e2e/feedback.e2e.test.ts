import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import jsqr from 'jsqr';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './audit.ts';
import { customerBookWorld, signedInContext } from './customer-book.ts';
import { apiOk, PHONE, TABLET } from './server.ts';

// The customer decides whether the visit was good: the associate shows a QR code after the close,
// the customer answers on their own phone, and the manager sees the answer with the visit and the
// people who served, and a follow-up for a poor one.

const world = customerBookWorld();

/** Screenshots for a person to look at, when ONES_SHOTS names a folder. */
async function shot(page: Page, name: string) {
  const dir = process.env.ONES_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

describe('feedback, from the QR code to the manager', () => {
  let associate: BrowserContext;
  let visitId = '';
  let storeId = '';
  let link = '';

  beforeAll(async () => {
    associate = await signedInContext(world.browser, world.server, 'associate@bloom.example', TABLET);
    const me = await apiOk<{ currentStoreId: string | null; stores: { id: string }[] }>(
      'GET /api/me',
      await associate.request.get('/api/me'),
    );
    const visit = await apiOk<{ id: string }>(
      'start a visit',
      await associate.request.post('/api/encounters', {
        data: { clientId: `e2e-${crypto.randomUUID()}`, storeId: me.currentStoreId ?? me.stores[0]?.id, customerId: world.okaforId },
      }),
    );
    visitId = visit.id;
    storeId = me.currentStoreId ?? me.stores[0]?.id ?? '';
    await apiOk(
      'close the visit',
      await associate.request.post(`/api/encounters/${visitId}/close`, { data: { outcome: 'no-sale', reason: 'browsing' } }),
    );
  });
  afterAll(async () => {
    await associate?.close();
  });

  it('the closed visit shows the QR code of the customer’s page', async () => {
    const page = await associate.newPage();
    await page.goto(`/visits/${visitId}/live`);
    await page.getByRole('button', { name: 'Show the QR code' }).click();
    const code = page.getByRole('img', { name: /QR code of the customer’s feedback page/ });
    await code.waitFor();
    link = (await page.getByRole('link', { name: 'Open the page here' }).getAttribute('href')) ?? '';
    expect(link).toMatch(/\/f\/bloom-and-stem\/[A-Za-z0-9_-]{43}$/);
    // A phone's camera reads the code as the same link.
    expect(await readQrCode(code)).toBe(link);
    await shot(page, 'feedback-qr-tablet');
    await expectAccessible(page, 'the closed visit with its QR code');
    await page.close();
  });

  it('the customer answers three questions on their phone, each saved as given, with nothing fetched from elsewhere', async () => {
    const phone = await world.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const page = await phone.newPage();
      const hosts = new Set<string>();
      page.on('request', (r) => hosts.add(new URL(r.url()).host));
      await page.goto(link);
      await page.getByRole('heading', { level: 1, name: /How was your visit/ }).waitFor();
      const status = page.getByRole('status');
      await page
        .getByRole('group', { name: /How satisfied/ })
        .getByRole('radio', { name: /^2/ })
        .check();
      await expect.poll(() => status.textContent()).toBe('Saved');
      await page
        .getByRole('group', { name: /expectations/ })
        .getByRole('radio', { name: /^Met/i })
        .check();
      await page
        .getByRole('group', { name: /rushed or pressured/ })
        .getByRole('radio', { name: 'Yes' })
        .check();
      await expect.poll(() => status.textContent()).toBe('Saved');
      await shot(page, 'feedback-page-phone');
      await expectAccessible(page, 'the customer’s feedback page');
      expect([...hosts]).toEqual([new URL(world.server.url).host]);
    } finally {
      await phone.close();
    }
    // Kept on the server, every answer of the three.
    const answers = await apiOk<{
      items: { encounter: { id: string } | null; satisfaction: number; expectations: string; feltRushed: boolean }[];
    }>('the feed', await associate.request.get('/api/feedback'));
    expect(answers.items.find((i) => i.encounter?.id === visitId)).toMatchObject({
      satisfaction: 2,
      expectations: 'met',
      feltRushed: true,
    });
  });

  it('from the same link, the customer sees what the shop keeps about them and changes their consent', async () => {
    const phone = await world.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const page = await phone.newPage();
      await page.goto(link);
      await page.getByRole('link', { name: 'See what Bloom & Stem keeps about you' }).click();
      await page.getByRole('heading', { level: 1, name: /What Bloom & Stem keeps about you/ }).waitFor();
      await page.getByText('Adaeze', { exact: false }).first().waitFor();
      await shot(page, 'feedback-about-me-phone');
      await expectAccessible(page, 'what the shop keeps about the customer');
      const news = page.getByRole('group', { name: 'E-mail' }).getByRole('group', { name: /News and offers/ });
      await news.getByRole('radio', { name: 'Yes' }).check();
      await page.getByRole('button', { name: 'Save my choices' }).click();
      await page.getByRole('status').filter({ hasText: /Saved/ }).waitFor();
      await expect
        .poll(() =>
          page
            .getByRole('group', { name: 'E-mail' })
            .getByRole('group', { name: /News and offers/ })
            .textContent(),
        )
        .toMatch(/Now: yes/);
    } finally {
      await phone.close();
    }
  });

  it('the manager sees it with the visit and who served, and the follow-up it opened', async () => {
    const manager = await signedInContext(world.browser, world.server, 'manager@bloom.example', TABLET);
    try {
      const page = await manager.newPage();
      await page.goto(`/feedback?store=${storeId}`);
      await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
      const answer = page.getByRole('article', { name: /^2 of 5/ });
      await answer.waitFor();
      await expect.poll(() => answer.textContent()).toMatch(/Expectations met · Felt rushed/);
      await expect.poll(() => answer.textContent()).toMatch(/served by Priya Natarajan/);
      expect(await answer.getByRole('link', { name: 'The visit' }).getAttribute('href')).toBe(`/visits/${visitId}`);
      await answer.getByText('To follow up').waitFor();
      await answer.getByRole('link', { name: 'Follow-up open' }).waitFor();
      // What happened in the visit, beside the answer.
      await expect.poll(() => answer.getByRole('list', { name: 'In the visit' }).textContent()).toMatch(/Nothing bought/);
      // What goes with delighted customers: the store's answered visits with and without each behaviour.
      const delight = await apiOk<{ behaviours: { behaviour: string; with: { visits: number }; without: { visits: number } }[] }>(
        'what goes with delighted customers',
        await manager.request.get(`/api/feedback/delight?storeId=${storeId}`),
      );
      const sale = delight.behaviours.find((b) => b.behaviour === 'sale');
      expect(sale?.without.visits).toBeGreaterThan(0);
      const table = page.getByRole('table', { name: /Answered visits with and without each behaviour/ });
      const saleRow = table.getByRole('row', { name: /The visit ended in a sale/ });
      await saleRow.waitFor();
      const cells = saleRow.getByRole('cell');
      await expect.poll(() => cells.nth(0).textContent()).toBe(String(sale?.with.visits));
      await expect.poll(() => cells.nth(3).textContent()).toBe(String(sale?.without.visits));
      expect(await table.getByRole('columnheader', { name: 'With it' }).count()).toBe(1);
      await page.getByRole('heading', { name: 'Week by week' }).waitFor();
      await shot(page, 'feedback-manager-tablet');
      await expectAccessible(page, 'the manager’s feedback');
      await page.setViewportSize(PHONE);
      await page.reload();
      await page.getByRole('article', { name: /^2 of 5/ }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'feedback-manager-phone');
      await expectAccessible(page, 'the manager’s feedback on a phone');
      // Answers of other days are not shown; any day brings them back.
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Answered from').fill(tomorrow);
      await page.getByText('No answers on these days').waitFor();
      await page.getByRole('button', { name: 'Any day' }).click();
      await page.getByRole('article', { name: /^2 of 5/ }).waitFor();
      await page.goto(`/follow-ups?view=store&store=${storeId}`);
      await page.getByText('Feedback: 2 of 5 — felt rushed').first().waitFor();
    } finally {
      await manager.close();
    }
  });

  it('the owner sets when customers are asked and the watch words; a mistake is named at its field', async () => {
    const owner = await signedInContext(world.browser, world.server, 'owner@bloom.example', TABLET);
    try {
      const page = await owner.newPage();
      await page.goto('/feedback');
      const form = page.getByRole('form', { name: 'Asking for feedback' });
      const words = form.getByLabel(/Watch words/);
      await words.fill('x'.repeat(41));
      await words.press('Enter');
      await form.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => words.getAttribute('aria-invalid')).toBe('true');
      await words.press('Backspace');
      await form.getByRole('textbox', { name: /Colour of the customer’s page/ }).fill('#3a5a40');
      await form.getByRole('textbox', { name: /A link works for/ }).fill('10');
      await words.fill('rude');
      await words.press('Enter');
      await form.getByRole('button', { name: 'Save' }).click();
      await form.getByRole('status').getByText('Saved.').waitFor();
      const saved = await apiOk<{ linkDays: number; watchWords: string[] }>('settings', await owner.request.get('/api/feedback/settings'));
      expect(saved).toMatchObject({ linkDays: 10, brandColour: '#3a5a40', watchWords: ['rude'] });
      await form.scrollIntoViewIfNeeded();
      await shot(page, 'feedback-owner-settings-tablet');
      await expectAccessible(page, 'the owner’s feedback settings');
    } finally {
      await owner.close();
    }
  });

  it('a link tampered with, or another retailer’s, shows a clear page and changes nothing', async () => {
    const phone = await world.browser.newContext({ viewport: PHONE, baseURL: world.server.url });
    try {
      const page = await phone.newPage();
      const token = link.split('/').at(-1) ?? '';
      const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      for (const path of [`/f/bloom-and-stem/${tampered}`, `/f/hearth-and-hue/${token}`]) {
        const res = await page.goto(path);
        expect(res?.status()).toBe(404);
        await page.getByRole('heading', { level: 1, name: 'This link does not work' }).waitFor();
      }
    } finally {
      await phone.close();
    }
  });
});

/** The text of the QR code drawn by an element's SVG, as a phone's camera would read it. */
async function readQrCode(element: Locator): Promise<string | null> {
  const image = await element.evaluate(async (box) => {
    const svg = box.querySelector('svg');
    if (!svg) return null;
    const size = 600;
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    // A quiet zone of white around the code, as on the screen.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size, size);
    ctx.drawImage(img, 40, 40, size - 80, size - 80);
    return { size, pixels: Array.from(ctx.getImageData(0, 0, size, size).data) };
  });
  if (!image) return null;
  // The package's types describe an ES module; it is CommonJS, whose function carries itself as `default` too.
  return jsqr.default(Uint8ClampedArray.from(image.pixels), image.size, image.size)?.data ?? null;
}
