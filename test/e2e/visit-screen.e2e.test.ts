import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './audit.ts';
import { customerBookWorld, signedInContext } from './customer-book.ts';
import { cards, choose, question, tick } from './guided-selling.ts';
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
  basket: { title: string; quantity: number }[];
  followUps: { title: string }[];
  guidanceSessions: { id: string }[];
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
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await shot(page, `failed-${task.name.slice(0, 40)}`);
    // A test cut off from Ones does not leave the next one cut off.
    await context.setOffline(false);
    await context.unrouteAll();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('runs Mrs Okafor’s visit from her profile to a sale, with extra blooms and a follow-up, each change saved once', async () => {
    // She agreed, on an earlier visit, to e-mails about her orders.
    await apiOk(
      'record her consent',
      await context.request.post(`/api/customers/${world.okaforId}/consents`, {
        data: { channel: 'email', purpose: 'service', granted: true, source: 'in store' },
      }),
    );
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

    // What she wants today, in a note.
    const note = 'New Year’s Eve dinner: white flowers for the table, nothing with lilies (the cat).';
    await page.getByRole('textbox', { name: 'Add a note' }).fill(note);
    await page.getByRole('button', { name: 'Add the note' }).click();
    await page.getByRole('region', { name: 'Notes of this visit' }).getByText(note).waitFor();

    // Guided selling, on the same screen: the occasion, how many, the budget; then the recommendations.
    const selling = page.getByRole('region', { name: 'Guided selling' });
    await selling.getByRole('button', { name: 'Start guided selling' }).click();
    await tick(selling, 'What are the flowers for?', ["New Year's Eve"]);
    await selling.getByRole('button', { name: /^Recommendations/ }).click();
    await selling.getByRole('button', { name: 'Ask: How many stems or arrangements?' }).click();
    await question(selling, 'How many stems or arrangements?');
    await selling.getByRole('textbox', { name: 'How many' }).fill('12');
    await selling.getByRole('button', { name: 'Continue', exact: true }).click();
    await question(selling, 'What would they like to spend?');
    await selling.getByRole('textbox', { name: 'The most they would like to spend' }).fill('80');
    await selling.getByRole('radio', { name: /^Flexible/ }).click();
    await selling.getByRole('button', { name: 'Continue', exact: true }).click();
    await cards(selling).first().waitFor();
    // The best fit that this store has enough of for all twelve.
    let title = '';
    for (const text of await cards(selling).allTextContents()) {
      const here = Number(/(\d+) here/.exec(text)?.[1] ?? 0);
      if (here >= 12) {
        title =
          (await cards(selling)
            .filter({ hasText: text.slice(0, 40) })
            .first()
            .getByRole('heading', { level: 3 })
            .textContent()) ?? '';
        break;
      }
    }
    expect(title, 'an item with twelve here is recommended').not.toBe('');
    await selling.getByRole('button', { name: `Add ${title} to the basket` }).click();
    await selling.getByRole('region', { name: 'Basket for this visit' }).getByText(title, { exact: true }).waitFor();
    await saved(page);
    await shot(page, 'tablet-visit-selling');
    await expectAccessible(page, 'visit screen with guided selling (tablet)');

    // Extra blooms, on the house.
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
    for (const hidden of ['To start the conversation', 'Guided selling', 'Close the visit'])
      expect(await page.getByRole('heading', { name: hidden, exact: true }).count(), hidden).toBe(0);
    expect(await page.getByRole('button', { name: /Close the visit|guided selling|to the basket/i }).count()).toBe(0);
    await shot(page, 'tablet-giving-space');
    await expectAccessible(page, 'visit screen, giving space (tablet)');
    await page.getByRole('button', { name: 'I’m back' }).click();
    await page.getByRole('heading', { name: 'Close the visit' }).waitFor();
    await saved(page);

    // Close: a sale of the basket.
    const close = page.getByRole('region', { name: 'Close the visit' });
    await close.getByText(title).waitFor();
    expect(await close.getByRole('combobox', { name: 'How it ends' }).inputValue()).toBe('Sale of the basket');
    await close.getByRole('checkbox', { name: 'E-mail the receipt to adaeze.okafor@example.com' }).check();
    await shot(page, 'tablet-close-with-receipt');
    await close.getByRole('button', { name: 'Close the visit' }).click();
    await page.getByText('This visit is closed').waitFor();

    // Follow up: the thank-you the close proposes, kept with one tap.
    const followUp = page.getByRole('region', { name: 'Follow up' });
    const proposal = followUp.getByRole('list', { name: 'Proposed follow-ups' }).getByRole('listitem').first();
    await proposal.waitFor();
    const followUpTitle = (await proposal.locator('p').first().textContent()) ?? '';
    await proposal.getByRole('button', { name: /^Keep the follow-up/ }).click();
    await followUp.getByRole('list', { name: 'Follow-ups kept' }).getByText(followUpTitle).waitFor();
    await saved(page);
    await shot(page, 'tablet-closed');
    await expectAccessible(page, 'closed visit (tablet)');

    const visit = await getVisit(context.request, id);
    expect(visit).toMatchObject({ status: 'closed', outcome: 'sale' });
    // Her receipt is on its way, with her feedback link.
    const receipt = await world.server.db
      .selectFrom('outbox_messages')
      .select(['to_address', 'status', 'body_text'])
      .where('message_key', 'like', 'receipt:%')
      .where('customer_id', '=', world.okaforId)
      .executeTakeFirstOrThrow();
    expect(receipt).toMatchObject({ to_address: 'adaeze.okafor@example.com', status: 'queued' });
    expect(receipt.body_text).toMatch(/12 × .+\n[\s\S]*\/f\/bloom-and-stem\/[A-Za-z0-9_-]{43}/);
    for (const key of ['greet', 'acknowledge', 'give-space'])
      expect(visit.steps.filter((s) => s.key === key && s.state === 'done')).toHaveLength(1);
    expect(visit.notes.filter((n) => n.text === note)).toHaveLength(1);
    expect(visit.gestures).toEqual([
      expect.objectContaining({ kind: 'extra-blooms', description: 'Three extra white ranunculus', cost: 4 }),
    ]);
    expect(visit.basket).toEqual([expect.objectContaining({ title, quantity: 12 })]);
    expect(visit.followUps).toEqual([expect.objectContaining({ title: followUpTitle })]);
    const session = await apiOk<{ answers: Record<string, unknown> }>(
      'GET session',
      await context.request.get(`/api/guidance-sessions/${visit.guidanceSessions[0]?.id}`),
    );
    expect(Object.keys(session.answers).sort()).toEqual(['budget', 'occasion', 'quantity']);
  }, 180_000);

  it('keeps every change made while Ones cannot be reached, through a reload while still cut off, and sends each once', async () => {
    const id = await startVisit(context);
    await page.goto(`/visits/${id}/live`);
    await page.getByRole('button', { name: 'Done: Greet' }).waitFor();
    await saved(page);
    // Guided selling started and the list shown while Ones could be reached.
    const selling = page.getByRole('region', { name: 'Guided selling' });
    await selling.getByRole('button', { name: 'Start guided selling' }).click();
    await question(selling, 'What are the flowers for?');
    await selling.getByRole('button', { name: /^Recommendations/ }).click();
    await cards(selling).first().waitFor();
    const title = (await cards(selling).first().getByRole('heading', { level: 3 }).textContent()) ?? '';
    // A line in the basket, saved, to take out while cut off; and what goes well with it, to add then.
    const taken = (await cards(selling).nth(1).getByRole('heading', { level: 3 }).textContent()) ?? '';
    await cards(selling)
      .nth(1)
      .getByRole('button', { name: `Add ${taken} to the basket` })
      .click();
    const basket = selling.getByRole('region', { name: 'Basket for this visit' });
    await basket.getByRole('button', { name: `Remove ${taken} from the basket` }).waitFor();
    await saved(page);
    const pairings = selling.getByRole('list', { name: 'Goes well with the basket' }).getByRole('listitem');
    await pairings.first().waitFor();
    const addPairing = pairings.first().getByRole('button', { name: /^Add .+ to the basket$/ });
    const paired = ((await addPairing.getAttribute('aria-label')) ?? '').replace(/^Add /, '').replace(/ to the basket$/, '');
    // The app itself is kept by the browser (its service worker), so it opens without a network.
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null);

    await context.route('**/api/**', (route) => route.abort());
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Done: Greet' }).click();
    const note = 'Asked about blue hydrangeas while the Wi-Fi was down.';
    await page.getByRole('textbox', { name: 'Add a note' }).fill(note);
    await page.getByRole('button', { name: 'Add the note' }).click();
    await addPairing.click();
    await basket.getByText(paired, { exact: true }).waitFor();
    await basket.getByRole('button', { name: `Remove ${taken} from the basket` }).click();
    await basket.getByText(taken, { exact: true }).waitFor({ state: 'detached' });
    await cards(selling)
      .first()
      .getByRole('button', { name: `Add ${title} to the basket` })
      .click();
    await selling.getByRole('button', { name: 'Ask: Fresh, silk, or either?' }).click();
    await choose(selling, 'Fresh, silk, or either?', 'Fresh');
    await question(selling, 'How much scent?');
    await indicator(page).getByText('Waiting to sync (6)').waitFor();
    await page.getByRole('region', { name: 'Notes of this visit' }).getByText(note).waitFor();
    await page.getByRole('region', { name: 'Close the visit' }).getByText('Closing needs the connection').waitFor();
    // Typed but not yet added: kept through the reload.
    const draft = 'She may come back on Saturday with her sister.';
    await page.getByRole('textbox', { name: 'Add a note' }).fill(draft);
    await page.getByRole('textbox', { name: 'What was given' }).fill('A sprig of eucalyptus');
    await shot(page, 'tablet-offline');
    await expectAccessible(page, 'visit screen offline, waiting to sync (tablet)');

    // Reloaded while still cut off: the visit as this tab last had it, with what is waiting laid over it.
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Okafor/);
    await indicator(page).getByText('Waiting to sync (6)').waitFor();
    await page.getByRole('region', { name: 'Notes of this visit' }).getByText(note).waitFor();
    const closing = page.getByRole('region', { name: 'Close the visit' });
    await closing.getByText(title).waitFor();
    await closing.getByText(paired).waitFor();
    expect(await closing.getByText(taken, { exact: true }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Now: Acknowledge' }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Add a note' }).inputValue()).toBe(draft);
    expect(await page.getByRole('textbox', { name: 'What was given' }).inputValue()).toBe('A sprig of eucalyptus');
    await shot(page, 'tablet-offline-reloaded');

    await context.setOffline(false);
    await context.unroute('**/api/**');
    await saved(page);
    // The draft, added now, is the field's no longer.
    await page.getByRole('button', { name: 'Add the note' }).click();
    await saved(page);
    await page.reload();
    await page.getByRole('region', { name: 'Notes of this visit' }).getByText(draft).waitFor();
    expect(await page.getByRole('textbox', { name: 'Add a note' }).inputValue()).toBe('');
    const visit = await getVisit(context.request, id);
    expect(visit.steps.filter((s) => s.key === 'greet' && s.state === 'done')).toHaveLength(1);
    expect(visit.notes.filter((n) => n.text === note)).toHaveLength(1);
    expect(visit.notes.filter((n) => n.text === draft)).toHaveLength(1);
    expect(visit.basket.map((l) => l.title).sort()).toEqual([title, paired].sort());
    expect(visit.basket.every((l) => l.quantity === 1)).toBe(true);
    // Each line arrived once, and the line taken out is out (once: a replay would be a repeat).
    const lines = await world.server.db
      .selectFrom('guidance_basket_lines')
      .select(['removed_at'])
      .where('session_id', '=', visit.guidanceSessions[0]?.id ?? '')
      .execute();
    expect(lines).toHaveLength(3);
    expect(lines.filter((l) => l.removed_at !== null)).toHaveLength(1);
    const session = await apiOk<{ answers: Record<string, unknown> }>(
      'GET session',
      await context.request.get(`/api/guidance-sessions/${visit.guidanceSessions[0]?.id}`),
    );
    expect(session.answers).toEqual({ lifespan: { values: ['fresh'] } });
  }, 120_000);
  it('shows, and keeps, a note sent after a colleague’s tablet closed the visit', async () => {
    const id = await startVisit(context);
    await page.goto(`/visits/${id}/live`);
    await page.getByRole('button', { name: 'Done: Greet' }).waitFor();
    await saved(page);

    // A note far too long is refused at the field, whole, before anything is queued.
    const essay = 'The whole story of the wedding flowers. '.repeat(250);
    const box = page.getByRole('textbox', { name: 'Add a note' });
    await box.fill(essay);
    await page.getByRole('button', { name: 'Add the note' }).click();
    await page.getByText('The note is 10,000 characters long; at most 4,000 can be saved. Shorten it by 6,000.').waitFor();
    expect(await box.inputValue()).toBe(essay);
    await box.fill('');

    // This tablet loses Ones; a note waits on it.
    await context.route('**/api/**', (route) => route.abort());
    const note = 'She would like the vase gift-wrapped, with a card for her sister.';
    await page.getByRole('textbox', { name: 'Add a note' }).fill(note);
    await page.getByRole('button', { name: 'Add the note' }).click();
    await indicator(page).getByText('Waiting to sync (1)').waitFor();

    // Meanwhile the manager, on another tablet, closes the visit.
    const other = await signedInContext(world.browser, world.server, 'manager@bloom.example', TABLET);
    try {
      await apiOk(
        'close on the other tablet',
        await other.request.post(`/api/encounters/${id}/close`, { data: { outcome: 'no-sale', reason: 'browsing' } }),
      );
    } finally {
      await other.close();
    }

    // Back online: the server refuses the note, and the associate sees it, whole, with the reason.
    await context.unroute('**/api/**');
    await indicator(page).getByText('Needs attention (1)').waitFor({ timeout: 45_000 });
    const refused = page.getByRole('alert').filter({ hasText: 'These changes were not saved' });
    await refused
      .getByText(/closed/i)
      .first()
      .waitFor();
    await page.getByRole('region', { name: 'Notes of this visit' }).getByText(note).waitFor();
    await shot(page, 'tablet-refused-after-close');
    const visit = await getVisit(context.request, id);
    expect(visit.status).toBe('closed');
    expect(visit.notes.filter((n) => n.text === note)).toHaveLength(0);
    await page.getByRole('button', { name: /^Discard: Note/ }).click();
    await saved(page);
  }, 120_000);
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

    // She says who she is: the visit is linked to her profile, and the screen shows it.
    const who = page.getByRole('region', { name: 'Who is it?' });
    await who.getByRole('textbox', { name: 'Find them in the customer book' }).fill('Okafor');
    await who
      .getByRole('button', { name: /^This is .*Okafor/ })
      .first()
      .click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Okafor/);
    await page.getByRole('region', { name: 'To start the conversation' }).waitFor();
  });
});

describe('the visit screen’s first view, rendered by the server', () => {
  let context: BrowserContext;
  let visitId = '';

  beforeAll(async () => {
    context = await signedInContext(world.browser, world.server, 'associate@bloom.example', TABLET);
    visitId = await startVisit(context);
  });
  afterAll(async () => {
    await context?.close();
  });

  /** A browser that runs no script, with the cookies of `from` (or none). */
  async function withoutScript(from?: BrowserContext) {
    return world.browser.newContext({
      baseURL: world.server.url,
      viewport: TABLET,
      javaScriptEnabled: false,
      ...(from ? { storageState: await from.storageState() } : {}),
    });
  }

  it('shows the visit before any script runs, never kept by a cache', async () => {
    const bare = await withoutScript(context);
    try {
      const page = await bare.newPage();
      const response = await page.goto(`/visits/${visitId}/live`);
      expect(response?.headers()['cache-control']).toBe('no-store');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Okafor/);
      await page.getByRole('link', { name: 'Leave the visit screen' }).waitFor();
      await page.getByRole('button', { name: 'Give space' }).waitFor();
      await page.getByRole('status').getByText('Checking…').waitFor();
    } finally {
      await bare.close();
    }
  });

  it('renders nothing of the visit for someone signed out, or signed in at another retailer', async () => {
    const strangers = [await withoutScript(), await signedInContext(world.browser, world.server, 'owner@hearth.example', TABLET)];
    try {
      for (const stranger of strangers) {
        const html = await (await stranger.request.get(`/visits/${visitId}/live`, { headers: { accept: 'text/html' } })).text();
        expect(html).toContain('<div id="root"></div>');
        expect(html).not.toMatch(/Okafor|ones-first-view/);
      }
    } finally {
      await Promise.all(strangers.map((s) => s.close()));
    }
  });

  it('is taken over by the app as it was rendered: the same elements, no hydration error, and it works', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (err) => errors.push(err.message));
    // Keeps the heading the server sent, as soon as the browser has parsed it.
    await page.addInitScript(() => {
      const keep = new MutationObserver(() => {
        const h1 = document.querySelector('h1');
        if (!h1) return;
        (window as unknown as { serverHeading: Element }).serverHeading = h1;
        keep.disconnect();
      });
      keep.observe(document, { childList: true, subtree: true });
    });
    try {
      await page.goto(`/visits/${visitId}/live`);
      await saved(page);
      expect(
        await page.evaluate(() => (window as unknown as { serverHeading?: Element }).serverHeading === document.querySelector('h1')),
      ).toBe(true);
      await page.getByRole('button', { name: 'Give space' }).click();
      await page.getByRole('button', { name: 'I’m back' }).waitFor();
      await saved(page);
      const spaceSince = async () =>
        (await apiOk<{ times: { spaceSince: string | null } }>('GET visit', await context.request.get(`/api/encounters/${visitId}`))).times
          .spaceSince;
      await expect.poll(spaceSince).not.toBeNull();
      expect(errors.filter((e) => /hydrat|React error/i.test(e))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
