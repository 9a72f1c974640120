import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './audit.ts';
import { customerBookWorld, signedInContext } from './customer-book.ts';
import { apiOk, PHONE, TABLET } from './server.ts';

// The associate's visit screen: from the customer's profile to a closed visit, and changes made
// while Ones cannot be reached that arrive once, in order, when it can.

const world = customerBookWorld();

interface Visit {
  id: string;
  status: string;
  outcome: string | null;
  noSaleReason: string | null;
  steps: { key: string; state: string; at: string | null }[];
  notes: { text: string }[];
  gestures: { kind: string; description: string; cost: number }[];
}

/** Screenshots for a person to look at, when ONES_SHOTS names a folder. */
async function shot(page: Page, name: string) {
  const dir = process.env.ONES_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

async function getVisit(api: APIRequestContext, id: string): Promise<Visit> {
  return apiOk<Visit>(`GET visit ${id}`, await api.get(`/api/encounters/${id}`));
}

const indicator = (page: Page) => page.getByRole('status').filter({ hasText: /Saved|Waiting to sync|Needs attention|Checking/ });
const saved = (page: Page) => indicator(page).getByText('Saved', { exact: true }).waitFor();

/** Starts a visit for Mrs Okafor through the API, as the signed-in person of the context. */
async function startVisit(context: BrowserContext): Promise<string> {
  const me = await apiOk<{ currentStoreId: string | null; stores: { id: string }[] }>('GET /api/me', await context.request.get('/api/me'));
  const storeId = me.currentStoreId ?? me.stores[0]?.id;
  const visit = await apiOk<{ id: string }>(
    'start a visit',
    await context.request.post('/api/encounters', {
      data: { clientId: `e2e-${crypto.randomUUID()}`, storeId, customerId: world.okaforId },
    }),
  );
  return visit.id;
}

describe('the visit screen, as an associate on a tablet', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await signedInContext(world.browser, world.server, 'associate@bloom.example', TABLET);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('runs Mrs Okafor’s visit from her profile to an honest “not today”, each change saved once', async () => {
    await page.goto(`/customers/${world.okaforId}`);
    await page.getByRole('button', { name: 'Start a visit' }).click();
    await page.waitForURL(/\/visits\/[^/]+\/live$/);
    const id = new URL(page.url()).pathname.split('/')[2] ?? '';

    // Who she is, and starters each showing the fact it came from.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Okafor/);
    const starters = page.getByRole('region', { name: 'To start the conversation' }).getByRole('listitem');
    await starters.first().waitFor();
    expect(await starters.count()).toBeGreaterThan(0);
    for (const text of await starters.allTextContents()) expect(text).toMatch(/From: \S/);
    await page
      .getByRole('region', { name: /^About / })
      .getByRole('heading', { name: 'Consent' })
      .waitFor();
    await saved(page);
    await shot(page, 'tablet-visit-screen');
    await expectAccessible(page, 'visit screen (tablet)');

    // Greet and acknowledge: shown at once, then saved.
    await page.getByRole('button', { name: 'Done: Greet' }).click();
    await page.getByRole('button', { name: 'Done: Acknowledge' }).click();
    await page.getByRole('heading', { name: 'Now: Converse' }).waitFor();
    await saved(page);

    // A note and a gesture, queued and saved.
    const note = 'Anniversary on Saturday: white and green, nothing with lilies.';
    await page.getByRole('textbox', { name: 'Add a note' }).fill(note);
    await page.getByRole('button', { name: 'Add the note' }).click();
    await page.getByRole('region', { name: 'Notes of this visit' }).getByText(note).waitFor();
    await page.getByRole('textbox', { name: 'What was given' }).fill('Three extra white ranunculus');
    await page.getByRole('textbox', { name: 'Cost' }).fill('4');
    await page.getByRole('button', { name: 'Give the gesture' }).click();
    await page
      .getByRole('region', { name: 'Gestures' })
      .getByText(/Extra blooms: Three extra white ranunculus/)
      .waitFor();
    await saved(page);

    // A gesture beyond the store's budget comes back refused, with the server's words, until discarded.
    await page.getByRole('textbox', { name: 'What was given' }).fill('A whole bouquet');
    await page.getByRole('textbox', { name: 'Cost' }).fill('100000');
    await page.getByRole('button', { name: 'Give the gesture' }).click();
    await indicator(page).getByText('Needs attention (1)').waitFor();
    await page
      .getByText(/of this month’s .* for gestures is left/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Discard: Extra blooms: A whole bouquet' }).click();
    await saved(page);

    // Give space: a quiet timer, and nothing that sells or closes until the associate is back.
    await page.getByRole('button', { name: 'Give space' }).click();
    await page.getByRole('heading', { name: 'Giving space' }).waitFor();
    for (const hidden of ['To start the conversation', 'Guided selling and basket', 'Close the visit'])
      expect(await page.getByRole('heading', { name: hidden }).count(), hidden).toBe(0);
    expect(await page.getByRole('button', { name: /Close the visit|Guided selling/ }).count()).toBe(0);
    await shot(page, 'tablet-giving-space');
    await page.getByRole('button', { name: 'I’m back' }).click();
    await page.getByRole('heading', { name: 'Close the visit' }).waitFor();
    await saved(page);

    // Close: no sale, she will come back.
    await page.getByRole('combobox', { name: 'Why not today' }).click();
    await page.getByRole('option', { name: 'Will come back' }).click();
    await page.getByRole('button', { name: 'Close the visit' }).click();
    await page.getByText('This visit is closed').waitFor();
    await page.getByRole('link', { name: 'Open the visit record' }).waitFor();
    await shot(page, 'tablet-closed');

    const visit = await getVisit(context.request, id);
    expect(visit).toMatchObject({ status: 'closed', outcome: 'no-sale', noSaleReason: 'will-come-back' });
    for (const key of ['greet', 'acknowledge', 'give-space'])
      expect(visit.steps.filter((s) => s.key === key && s.state === 'done')).toHaveLength(1);
    expect(visit.notes.filter((n) => n.text === note)).toHaveLength(1);
    expect(visit.gestures).toEqual([
      expect.objectContaining({ kind: 'extra-blooms', description: 'Three extra white ranunculus', cost: 4 }),
    ]);
  });

  it('keeps changes made while Ones cannot be reached, through a reload, and sends each once', async () => {
    const id = await startVisit(context);
    await page.goto(`/visits/${id}/live`);
    await page.getByRole('button', { name: 'Done: Greet' }).waitFor();
    await saved(page);

    await context.route('**/api/**', (route) => route.abort());
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Done: Greet' }).click();
    const note = 'Asked about blue hydrangeas while the Wi-Fi was down.';
    await page.getByRole('textbox', { name: 'Add a note' }).fill(note);
    await page.getByRole('button', { name: 'Add the note' }).click();
    await indicator(page).getByText('Waiting to sync (2)').waitFor();
    await page.getByRole('region', { name: 'Notes of this visit' }).getByText(note).waitFor();
    await page.getByRole('region', { name: 'Close the visit' }).getByText('Closing needs the connection').waitFor();
    await shot(page, 'tablet-offline');

    // The tablet's network is back but Ones still cannot be reached: the page reloads without its API.
    await context.setOffline(false);
    await page.reload();
    await page.getByText('Ones cannot be reached').waitFor();
    await indicator(page).getByText('Waiting to sync (2)').waitFor();
    const kept = page.getByRole('region', { name: 'Kept on this tablet' });
    await kept.getByText('Step “Greet” done').waitFor();
    await kept.getByText(/Note “Asked about blue hydrangeas/).waitFor();
    await shot(page, 'tablet-offline-reloaded');

    await context.unroute('**/api/**');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Now: Acknowledge' }).waitFor();
    await saved(page);
    const visit = await getVisit(context.request, id);
    expect(visit.steps.find((s) => s.key === 'greet')?.state).toBe('done');
    expect(visit.notes.filter((n) => n.text === note)).toHaveLength(1);
  });
});

describe('the visit screen on a phone', () => {
  let context: BrowserContext;
  afterAll(async () => {
    await context?.close();
  });

  it('shows the same visit in one column, accessibly', async () => {
    context = await signedInContext(world.browser, world.server, 'associate@bloom.example', PHONE);
    const id = await startVisit(context);
    const page = await context.newPage();
    // The back-office record of an open visit leads to its screen.
    await page.goto(`/visits/${id}`);
    await page.getByRole('link', { name: 'Open the visit screen' }).click();
    await page.waitForURL(`**/visits/${id}/live`);
    await page.getByRole('button', { name: 'Done: Greet' }).waitFor();
    await saved(page);
    await shot(page, 'phone-visit-screen');
    await expectAccessible(page, 'visit screen (phone)');

    // Someone not yet known: started from the list of visits.
    await page.goto('/visits');
    await page.getByRole('button', { name: 'Start a visit' }).click();
    await page.waitForURL(/\/visits\/[^/]+\/live$/);
    await page.getByRole('heading', { name: 'Someone not yet known', level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: 'To start the conversation' }).count()).toBe(0);
    await saved(page);
    await shot(page, 'phone-not-yet-known');
    await expectAccessible(page, 'visit screen, someone not yet known (phone)');
  });
});
