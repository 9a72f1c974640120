import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2EServer, field, launchBrowser, makeStoreDevice, newContext, signIn, startServer, tapPin } from './server.ts';

let server: E2EServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, server);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('PIN switch on a shared store tablet', () => {
  it('a manager makes this tablet the Riverside store device', async () => {
    await signIn(page, 'manager@bloom.example');
    await page.getByRole('link', { name: 'My account' }).first().click();
    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    await makeStoreDevice(page, 'Riverside', 'Riverside counter');
    await page.getByText('This browser is the store device “Riverside counter” at Riverside').waitFor();
    await page.getByRole('banner').getByRole('button', { name: 'Switch person' }).waitFor();
  });

  it('Switch person signs the manager out and shows who works at Riverside', async () => {
    await page.getByRole('banner').getByRole('button', { name: 'Switch person' }).click();
    await page.getByRole('heading', { name: 'Who is working?' }).waitFor();
    await page.getByText('Riverside · Bloom & Stem').waitFor();
    const names = await page.getByRole('list', { name: 'Staff at Riverside' }).getByRole('button').allInnerTexts();
    expect(names.join(' ')).toContain('Daniel Mensah');
    expect(names.join(' ')).toContain('Security officer');
    expect(names.join(' ')).not.toContain('Tom Achterberg'); // works at Old Town only
    const me = await page.request.get('/api/me');
    expect(me.status()).toBe(401);
  });

  it('a wrong PIN is refused with a clear message', async () => {
    await page.getByRole('button', { name: /Daniel Mensah/ }).click();
    await page.getByRole('heading', { name: 'Hello, Daniel Mensah' }).waitFor();
    await tapPin(page, '1234');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'That PIN is not right.' }).waitFor();
    expect(await page.getByLabel(field('PIN for Daniel Mensah')).inputValue()).toBe('');
  });

  it('the right PIN signs Daniel in', async () => {
    const input = page.getByLabel(field('PIN for Daniel Mensah'));
    expect(await input.getAttribute('type')).toBe('password');
    expect(await input.getAttribute('inputmode')).toBe('numeric');
    await tapPin(page, '44');
    await page.getByRole('button', { name: 'Delete last digit' }).click();
    await tapPin(page, '4');
    // The rest typed on a keyboard, finishing with Enter.
    await input.focus();
    await page.keyboard.type('44');
    expect(await input.inputValue()).toBe('4444');
    await page.keyboard.press('Enter');
    await page.getByText(', Daniel.').waitFor();
    const banner = (await page.getByRole('banner').textContent()) ?? '';
    expect(banner).toContain('Daniel Mensah');
    expect(banner).toContain('Ambassador');
    // An ambassador has no Team area.
    const nav = (await page.getByRole('navigation', { name: 'Main' }).textContent()) ?? '';
    expect(nav).not.toContain('Team');
  });

  it('signing out on the device returns to the PIN screen, and e-mail sign-in stays available', async () => {
    await page.getByRole('button', { name: /account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Who is working?' }).waitFor();
    await page.getByRole('link', { name: 'Sign in with e-mail instead' }).click();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Back to the PIN switch' }).click();
    await page.getByRole('heading', { name: 'Who is working?' }).waitFor();
  });
});
