import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/demo.ts';
import { apiOk, type E2EServer, launchBrowser, newContext, startServer } from './server.ts';

/** The vocabulary the customer-book screens need; PUT is idempotent, so demo data may have them already. */
const TERMS = [
  ['colour', 'sage', { label: 'Sage', family: 'green', hex: '#9caf88' }],
  ['colour', 'cream', { label: 'Cream', family: 'neutral', hex: '#f3ecd8' }],
  ['colour', 'blush', { label: 'Blush', family: 'pink', hex: '#e8b4b8' }],
  ['room', 'living-room', { label: 'Living room' }],
  ['room', 'bedroom', { label: 'Bedroom' }],
  ['style', 'classic', { label: 'Classic' }],
] as const;

/** A browser context already signed in (through the API, which sets the same session cookie). */
export async function signedInContext(
  browser: Browser,
  server: E2EServer,
  email: string,
  viewport?: { width: number; height: number },
): Promise<BrowserContext> {
  const context = await newContext(browser, server, viewport);
  const res = await context.request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  if (!res.ok()) throw new Error(`sign-in as ${email} failed: ${res.status()} ${await res.text()}`);
  return context;
}

/**
 * Makes sure Bloom & Stem has the vocabulary and Mrs Adaeze Okafor (home store Riverside) that the
 * customer-book tests use, whether or not the demo data brings them; returns her id.
 */
export async function seedCustomerBook(browser: Browser, server: E2EServer): Promise<string> {
  const context = await signedInContext(browser, server, 'owner@bloom.example');
  try {
    const api = context.request;
    for (const [kind, key, body] of TERMS)
      await apiOk(`PUT vocabulary ${kind}/${key}`, await api.put(`/api/vocabulary/${kind}/${key}`, { data: body }));
    const found = await apiOk<{ items: { id: string; fullName: string }[] }>('search okafor', await api.get('/api/customers?q=okafor'));
    const existing = found.items.find((c) => c.fullName === 'Adaeze Okafor');
    if (existing) return existing.id;
    const me = await apiOk<{ stores: { id: string; name: string }[] }>('GET /api/me', await api.get('/api/me'));
    const riverside = me.stores.find((s) => s.name === 'Riverside');
    const created = await apiOk<{ id: string }>(
      'create Mrs Okafor',
      await api.post('/api/customers', {
        data: {
          title: 'Mrs',
          firstName: 'Adaeze',
          lastName: 'Okafor',
          phones: [{ label: 'home', number: '020 7946 0958' }],
          emails: [{ label: 'home', address: 'adaeze.okafor@example.com' }],
          homeStoreId: riverside?.id,
        },
      }),
    );
    return created.id;
  } finally {
    await context.close();
  }
}

/**
 * The world most end-to-end files start from: a server with the demo retailers and the customer
 * book seeded, and a browser — made before the file's first test, closed after its last. Take
 * `.server`, `.browser` and `.okaforId` inside the tests.
 */
export function customerBookWorld(): { readonly server: E2EServer; readonly browser: Browser; readonly okaforId: string } {
  let server: E2EServer | undefined;
  let browser: Browser | undefined;
  let okaforId: string | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    okaforId = await seedCustomerBook(browser, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The world is made before the first test of its file.');
    return value;
  };
  return {
    get server() {
      return ready(server);
    },
    get browser() {
      return ready(browser);
    },
    get okaforId() {
      return ready(okaforId);
    },
  };
}
