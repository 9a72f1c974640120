import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { loadDemo } from '../../src/server/demo/demo.ts';
import { buildWebIfNeeded } from '../../src/server/main.ts';
import { testDatabase } from '../helpers/database.ts';
import { apiOk, type E2EServer, launchBrowser, newContext, signIn, WEB_DIR } from './server.ts';

// A tablet that has opened Ones before opens it again when Ones cannot be reached: the service
// worker keeps the app shell, never the API, and takes each new deploy on the next page load.

let server: E2EServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** This server's copy of the built web app, so the test can deploy a "new build" without touching dist/web. */
let webDir: string;
let visitPath: string;

beforeAll(async () => {
  const database = await testDatabase();
  await loadDemo(database.db);
  const config = { ...loadConfig({}), webDir: WEB_DIR, publicUrl: 'http://127.0.0.1' };
  await buildWebIfNeeded(config, (msg) => console.log(msg));
  webDir = mkdtempSync(join(tmpdir(), 'ones-web-'));
  cpSync(WEB_DIR, webDir, { recursive: true });
  config.webDir = webDir;
  const app = await buildApp({ db: database.db, config, now: () => new Date() }, { serveWeb: true });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  server = {
    url,
    app,
    db: database.db,
    async close() {
      await app.close();
      await database.drop();
      rmSync(webDir, { recursive: true, force: true });
    },
  };
  browser = await launchBrowser();
  context = await newContext(browser, server);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const shellCaches = () => page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('ones-shell-')));

/** The visit screen is up: what it kept on the tablet, or its own word that Ones cannot be reached. */
async function expectVisitScreen() {
  const heading = page.getByRole('heading', { level: 1 });
  await heading.waitFor();
  expect(await heading.textContent()).toMatch(/^(Someone not yet known|Visit)$/);
}

async function goOffline() {
  await context.route('**/api/**', (route) => route.abort());
  await context.setOffline(true);
}

async function goOnline() {
  await context.setOffline(false);
  await context.unroute('**/api/**');
}

describe('opening Ones without a connection', () => {
  it('serves the worker as JavaScript at /sw.js, for caches in between to check each time', async () => {
    const res = await context.request.get('/sw.js', { headers: { accept: 'text/html,*/*' } });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(res.headers()['cache-control']).toBe('no-cache');
    expect(await res.text()).toMatch(/"version":"[0-9a-f]{16}"/);
  });

  it('keeps the app once opened, but never answers for the API', async () => {
    await signIn(page, 'associate@bloom.example');
    const me = await apiOk<{ currentStoreId: string | null; stores: { id: string }[] }>(
      'GET /api/me',
      await context.request.get('/api/me'),
    );
    const visit = await apiOk<{ id: string }>(
      'start a visit',
      await context.request.post('/api/encounters', {
        data: { clientId: `e2e-${crypto.randomUUID()}`, storeId: me.currentStoreId ?? me.stores[0]?.id, customerId: null },
      }),
    );
    visitPath = `/visits/${visit.id}/live`;
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    const meAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me');
    const opened = await page.goto(visitPath);
    expect(opened?.fromServiceWorker()).toBe(true);
    expect((await meAnswer).fromServiceWorker()).toBe(false);
    await page.getByRole('heading', { name: 'Someone not yet known', level: 1 }).waitFor();
    expect(await shellCaches()).toHaveLength(1);
  });

  it('reloads the visit screen with the API aborted and the tablet offline', async () => {
    await goOffline();
    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(200);
    await expectVisitScreen();
    // Any other route of the app opens too; the browser router decides what it shows.
    await page.goto('/visits/enc_never_seen/live');
    await page.getByRole('alert').filter({ hasText: 'Ones cannot be reached' }).waitFor();
  });

  it('works as before once Ones can be reached again', async () => {
    await goOnline();
    const meAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me');
    await page.goto(visitPath);
    expect((await meAnswer).status()).toBe(200);
    await page.getByRole('heading', { name: 'Someone not yet known', level: 1 }).waitFor();
  });

  it('takes a new deploy on the next page load, and keeps only the new build for offline', async () => {
    // A new build: another index.html, and a worker with another version.
    const worker = readFileSync(join(webDir, 'sw.js'), 'utf8');
    const version = /"version":"([0-9a-f]{16})"/.exec(worker)?.[1] ?? '';
    expect(await shellCaches()).toEqual([`ones-shell-${version}`]);
    const nextVersion = version === '0'.repeat(16) ? '1'.repeat(16) : '0'.repeat(16);
    writeFileSync(join(webDir, 'sw.js'), worker.replace(`"version":"${version}"`, `"version":"${nextVersion}"`));
    const index = readFileSync(join(webDir, 'index.html'), 'utf8');
    writeFileSync(
      join(webDir, 'index.html'),
      index.replace('<title>Ones</title>', '<title>Ones</title><meta name="ones-build" content="next" />'),
    );

    // The compressed copies the build wrote beside them are of the old files.
    for (const name of ['sw.js', 'index.html']) for (const ext of ['.br', '.gz']) rmSync(join(webDir, name + ext), { force: true });

    const build = page.locator('meta[name="ones-build"]');
    await page.reload();
    expect(await build.count()).toBe(1);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect.poll(shellCaches, { timeout: 15_000 }).toEqual([`ones-shell-${nextVersion}`]);

    await goOffline();
    await page.reload();
    await expectVisitScreen();
    expect(await build.count()).toBe(1);
    await goOnline();
  });
});
