import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectAccessible } from './audit.ts';
import {
  type E2EServer,
  launchBrowser,
  makeStoreDevice,
  newContext,
  openFromNavigation,
  PHONE,
  signIn,
  startServer,
  TABLET,
} from './server.ts';

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

async function open(page: Page, path: string, heading: string) {
  await page.goto(path);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
}

for (const [size, viewport] of [
  ['tablet', TABLET],
  ['phone', PHONE],
] as const) {
  describe(`every screen at ${size} size (${viewport.width}×${viewport.height})`, () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await newContext(browser, server, viewport);
      page = await context.newPage();
    });
    afterAll(async () => {
      await context?.close();
    });

    it('sign-in', async () => {
      await open(page, '/sign-in', 'Sign in');
      await expectAccessible(page, `sign-in (${size})`);
    });

    it('sign-in with an error', async () => {
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Enter your e-mail address.').waitFor();
      await expectAccessible(page, `sign-in errors (${size})`);
    });

    it('reset password', async () => {
      await open(page, '/reset-password#not-a-real-token', 'Set a new password');
      await expectAccessible(page, `reset password (${size})`);
    });

    it('home', async () => {
      await signIn(page, 'owner@bloom.example');
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `home (${size})`);
    });

    if (size === 'phone') {
      it('navigation drawer', async () => {
        await page.getByRole('button', { name: 'Open navigation' }).click();
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).waitFor();
        await expectAccessible(page, `navigation drawer (${size})`);
        await openFromNavigation(page, 'Team');
      });
    }

    it('team', async () => {
      await open(page, '/team', 'Team');
      await page.getByRole('button', { name: 'Manage Priya Natarajan' }).waitFor();
      await expectAccessible(page, `team (${size})`);
    });

    it('team: add a person', async () => {
      await page.getByRole('button', { name: 'Add person' }).click();
      await page.getByRole('dialog', { name: 'Add a person' }).waitFor();
      await expectAccessible(page, `add a person (${size})`);
      await page.keyboard.press('Escape');
    });

    it('stores', async () => {
      await open(page, '/stores', 'Stores');
      await page.getByRole('heading', { name: 'Riverside' }).waitFor();
      await expectAccessible(page, `stores (${size})`);
    });

    it('stores: edit', async () => {
      await page.getByRole('button', { name: 'Edit Riverside' }).click();
      await page.getByRole('dialog', { name: 'Edit Riverside' }).waitFor();
      await expectAccessible(page, `edit store (${size})`);
      await page.keyboard.press('Escape');
    });

    it('API tokens', async () => {
      await open(page, '/tokens', 'API tokens');
      await page.getByText('No tokens yet').or(page.getByRole('table')).first().waitFor();
      await expectAccessible(page, `tokens (${size})`);
    });

    it('API tokens: create', async () => {
      await page.getByRole('button', { name: 'Create token' }).first().click();
      await page.getByRole('dialog', { name: 'Create an API token' }).waitFor();
      await expectAccessible(page, `create token (${size})`);
      await page.keyboard.press('Escape');
    });

    it('import customers', async () => {
      await open(page, '/customers/import', 'Import customers');
      await page.getByRole('region', { name: 'Recent imports' }).waitFor();
      await expectAccessible(page, `import customers (${size})`);
    });

    it('possible duplicates', async () => {
      await open(page, '/customers/duplicates', 'Possible duplicates');
      await page.getByRole('list', { name: 'Likely duplicate pairs' }).waitFor();
      await expectAccessible(page, `possible duplicates (${size})`);
    });

    it('compare and merge', async () => {
      await page
        .getByRole('link', { name: /^Compare and merge/ })
        .first()
        .click();
      await page.getByRole('heading', { name: 'Compare and merge', level: 1 }).waitFor();
      await page.getByRole('radiogroup').first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `compare and merge (${size})`);
    });

    it('profile with a possible duplicate and saved items', async () => {
      await page.getByRole('link', { name: 'Cancel' }).click();
      await page.getByRole('region', { name: 'Possible duplicates' }).waitFor();
      await page.getByRole('region', { name: 'Saved items' }).getByRole('button', { name: 'Add saved item' }).click();
      await page.getByRole('textbox', { name: /^What they would like/ }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `profile with duplicates and saved items (${size})`);
    });

    it('my account', async () => {
      await open(page, '/account', 'My account');
      await expectAccessible(page, `account (${size})`);
    });

    it('PIN screen and PIN pad', async () => {
      await makeStoreDevice(page, 'Riverside');
      await page.getByRole('button', { name: /account menu/ }).click();
      await page.getByRole('menuitem', { name: 'Switch person' }).click();
      await page.getByRole('heading', { name: 'Who is working?' }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `PIN screen (${size})`);
      await page.getByRole('button', { name: /Priya Natarajan/ }).click();
      await page.getByRole('button', { name: 'Delete last digit' }).waitFor();
      await expectAccessible(page, `PIN pad (${size})`);
    });
  });
}
