import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/server/demo/demo.ts';
import { type E2EServer, field, launchBrowser, newContext, signIn, startServer } from './server.ts';

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

async function withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await newContext(browser, server);
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: /account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
}

const RETAILER: Record<string, string> = { 'bloom.example': 'Bloom & Stem', 'hearth.example': 'Hearth & Hue' };
const ACCOUNTS = [
  'owner@bloom.example',
  'manager@bloom.example',
  'associate@bloom.example',
  'security@bloom.example',
  'owner@hearth.example',
  'associate@hearth.example',
].map((email) => DEMO_ACCOUNTS.find((a) => a.email === email) as (typeof DEMO_ACCOUNTS)[number]);

describe('signing in', () => {
  it('sends a visitor who is not signed in to the sign-in page', async () => {
    await withPage(async (page) => {
      await page.goto('/team');
      await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/sign-in');
    });
  });

  for (const account of ACCOUNTS) {
    it(`signs in ${account.email} and shows their name and retailer, then signs out`, async () => {
      await withPage(async (page) => {
        await signIn(page, account.email);
        const banner = (await page.getByRole('banner').textContent()) ?? '';
        expect(banner).toContain(account.name);
        expect(banner).toContain(RETAILER[account.email.split('@')[1] as string]);
        await page.getByText(`, ${account.name.split(' ')[0]}.`).waitFor();
        const nav = (await page.getByRole('navigation', { name: 'Main' }).textContent()) ?? '';
        // Navigation offers only what the role allows.
        expect(nav.includes('Team')).toBe(account.role === 'owner' || account.role === 'manager');
        expect(nav.includes('API tokens')).toBe(account.role === 'owner');
        await signOut(page);
        await page.goto('/');
        await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
      });
    });
  }

  it('explains a wrong password clearly', async () => {
    await withPage(async (page) => {
      await page.goto('/sign-in');
      await page.getByLabel(field('E-mail')).fill('manager@bloom.example');
      await page.getByLabel(field('Password')).fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'That e-mail and password do not match' });
      await alert.waitFor();
      expect(new URL(page.url()).pathname).toBe('/sign-in');
    });
  });

  it('asks for both fields before calling the server', async () => {
    await withPage(async (page) => {
      await page.goto('/sign-in');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Enter your e-mail address.').waitFor();
      await page.getByText('Enter your password.').waitFor();
      expect(await page.getByLabel(field('E-mail')).getAttribute('aria-invalid')).toBe('true');
    });
  });
});

describe('team', () => {
  it('lets a manager give only the associate and ambassador roles', async () => {
    await withPage(async (page) => {
      await signIn(page, 'manager@bloom.example');
      await page.getByRole('link', { name: 'Team' }).first().click();
      await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Manage Priya Natarajan' }).waitFor();
      await page.getByRole('button', { name: 'Add person' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('combobox', { name: 'Role' }).click();
      const options = await page.getByRole('option').allInnerTexts();
      expect(options.map((o) => o.trim()).sort()).toEqual(['Ambassador', 'Associate']);
    });
  });

  it('catches an edit made by someone else meanwhile and reloads it', async () => {
    await withPage(async (page) => {
      await signIn(page, 'owner@bloom.example');
      await page.goto('/team');
      await page.getByRole('button', { name: 'Manage Priya Natarajan' }).click();
      await page.getByRole('menuitem', { name: 'Edit details' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit Priya Natarajan' });
      await dialog.getByLabel(field('Job title')).fill('Head florist');
      // Meanwhile a colleague changes her title through the API.
      const list = await (await page.request.get('/api/staff')).json();
      const priya = list.items.find((s: { name: string }) => s.name === 'Priya Natarajan');
      const res = await page.request.patch(`/api/staff/${priya.id}`, { data: { version: priya.version, title: 'Senior florist' } });
      expect(res.status()).toBe(200);
      await dialog.getByRole('button', { name: 'Save changes' }).click();
      await dialog.getByText('Someone else changed this person').first().waitFor();
      await dialog.getByRole('button', { name: 'Reload' }).click();
      await page.waitForFunction(() => Array.from(document.querySelectorAll('input')).some((i) => i.value === 'Senior florist'));
      await dialog.getByLabel(field('Job title')).fill('Head florist');
      await dialog.getByRole('button', { name: 'Save changes' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('Head florist · Associate').waitFor();
    });
  });

  it('gives a reset link that lets the person choose a new password', async () => {
    const url = await withPage(async (page) => {
      await signIn(page, 'owner@bloom.example');
      await page.goto('/team');
      await page.getByRole('button', { name: 'Manage Tom Achterberg' }).click();
      await page.getByRole('menuitem', { name: 'Reset link' }).click();
      await page.getByRole('button', { name: 'Create link' }).click();
      const link = page.getByRole('textbox', { name: 'Reset link' });
      await link.waitFor();
      return link.inputValue();
    });
    expect(url).toContain('/reset-password#');
    await withPage(async (page) => {
      await page.goto(url);
      await page.getByLabel(field('New password')).fill('fresh-tulips-9');
      await page.getByLabel(field('New password again')).fill('fresh-tulips-9');
      await page.getByRole('button', { name: 'Set password' }).click();
      await page.getByText('Your new password is set').waitFor();
      await page.getByLabel(field('E-mail')).fill('oldtown@bloom.example');
      await page.getByLabel(field('Password')).fill('fresh-tulips-9');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText(', Tom.').waitFor();
    });
  });
});
