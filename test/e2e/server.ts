import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type APIResponse, type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Database } from '../../src/server/db/client.ts';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/demo.ts';
import { buildWebIfNeeded } from '../../src/server/main.ts';
import { startJobRunner } from '../../src/server/modules/jobs/jobs.ts';
import { rulesHandlers } from '../../src/server/modules/rules/rules.service.ts';

export const WEB_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));
export const TABLET = { width: 768, height: 1024 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export interface E2EServer {
  url: string;
  app: FastifyInstance;
  /** The server's database, for a test to check what reached it. */
  db: Database['db'];
  close(): Promise<void>;
}

/**
 * A real Ones server on a free port, serving the built web app over a fresh database with the
 * demo retailers. Without a database it takes a copy of the test run's migrated template.
 */
export async function startServer(opts: { database?: Database & { drop?: () => Promise<void> } } = {}): Promise<E2EServer> {
  // Imported lazily: the helper reads Vitest's provided template, which only exists inside a test run.
  const database = opts.database ?? (await (await import('../helpers/database.ts')).testDatabase());
  await loadDemo(database.db);
  const config = { ...loadConfig({}), webDir: WEB_DIR, publicUrl: 'http://127.0.0.1' };
  await buildWebIfNeeded(config, (msg) => console.log(msg));
  const deps = { db: database.db, config, now: () => new Date() };
  const app = await buildApp(deps, { serveWeb: true });
  // Pairings are learned in the background, as on a real server; e-mail stays in the outbox for tests to read.
  const jobs = startJobRunner(deps, rulesHandlers, { intervalMs: 250 });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  // Reset links must point at this server; the port is known only now.
  config.publicUrl = url;
  return {
    url,
    app,
    db: database.db,
    async close() {
      await jobs.stop();
      await app.close();
      if (database.drop) await database.drop();
      else await database.close();
    },
  };
}

/** Debian's Chromium, headless, with nothing reaching out to the network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile (no cookies) at tablet size unless told otherwise. */
export async function newContext(
  browser: Browser,
  server: E2EServer,
  viewport: { width: number; height: number } = TABLET,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, baseURL: server.url, reducedMotion: 'reduce' });
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * The page the tests of one describe block share, one test after another as a person goes from
 * screen to screen: opened in a context of its own (made by `open`) before the first test, closed
 * after the last. Call it in the describe block; take `.page` inside the tests.
 */
export function sharedPage(open: () => Promise<BrowserContext>): { readonly page: Page } {
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    context = await open();
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });
  return {
    get page() {
      if (!page) throw new Error('The shared page opens before the first test of its describe block.');
      return page;
    },
  };
}

/** The JSON of an API answer the test needs to have worked (nothing for a 204), or an error saying what failed. */
export async function apiOk<T>(what: string, res: APIResponse): Promise<T> {
  if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`);
  return (res.status() === 204 ? undefined : await res.json()) as T;
}

/** A field's label as Playwright sees it: Mantine adds " *" to required ones. */
export function field(label: string): RegExp {
  return new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
}

/**
 * Signs in through the sign-in page and waits for the person's start page: Customers for those
 * who may see the customer book, Today for everyone else.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in?with=email');
  await page.getByLabel(field('E-mail')).fill(email);
  await page.getByLabel(field('Password')).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^(Customers|Today)$/, level: 1 }).waitFor();
}

/** Opens a part of the app from the main navigation and waits for its page, headed by the same name. */
export async function openFromNavigation(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/** Chooses a file through the button of the file input labelled `label`, as a person would. */
export async function chooseFile(page: Page, label: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: new RegExp(label) }).click();
  await (await chooser).setFiles(file);
}

/** On the My account page: makes this browser the store device of `store`, with a name when given. */
export async function makeStoreDevice(page: Page, store: string, deviceName?: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Store for this device' }).click();
  await page.getByRole('option', { name: store }).click();
  if (deviceName) await page.getByLabel(field('Device name')).fill(deviceName);
  await page.getByRole('button', { name: 'Make this tablet a store device' }).click();
  await page.getByText('This browser is the store device').first().waitFor();
}

/** Presses PIN pad keys by their accessible names, on the page or within a dialog. */
export async function tapPin(scope: Page | Locator, digits: string): Promise<void> {
  for (const d of digits) await scope.getByRole('button', { name: d, exact: true }).click();
}
