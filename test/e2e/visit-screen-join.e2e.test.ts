import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './audit.ts';
import { apiOk, type E2EServer, field, launchBrowser, makeStoreDevice, newContext, signIn, startServer, TABLET, tapPin } from './server.ts';

// A colleague joins a visit on the shared store tablet: Leo hands the visit screen over to Kwame,
// the security officer, who settles the colourway question and hands back; Kwame is credited.

let server: E2EServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await newContext(browser, server, TABLET);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

interface Visit {
  id: string;
  leadStaffId: string | null;
  staff: { staffId: string; name: string; roles: string[] }[];
  notes: { text: string; staffId: string | null; staffName: string | null }[];
}

/** Waits for the page's finite animations (a dialog fading in) to end, so what is checked is what stays. */
async function settled() {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/** Screenshots for a person to look at, when ONES_SHOTS names a folder; a dialog is shot as the screen shows it. */
async function shot(name: string, fullPage = true) {
  const dir = process.env.ONES_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await settled();
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}

const dialog = () => page.getByRole('dialog');
const header = () => page.getByRole('banner');
const saved = () =>
  page
    .getByRole('status')
    .filter({ hasText: /Saved|Waiting to sync|Needs attention|Checking/ })
    .getByText('Saved', { exact: true })
    .waitFor();

/** Presses the dialog's PIN pad keys by their accessible names, then signs in. */
async function enterPin(digits: string) {
  await tapPin(dialog(), digits);
  await dialog().getByRole('button', { name: 'Sign in' }).click();
}

const sage = 'The sage colourway: it picks up the green in her sofa and the other fades in sun';

describe('a colleague joins a visit on the shared tablet', () => {
  let visitId = '';
  let leoId = '';
  let kwameId = '';

  it('the owner makes this tablet the Main Street store device, and Leo switches in with his PIN', async () => {
    await signIn(page, 'owner@hearth.example');
    await page.getByRole('link', { name: 'My account' }).first().click();
    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    await makeStoreDevice(page, 'Main Street', 'Main Street counter');
    await page.getByText('This browser is the store device “Main Street counter” at Main Street').waitFor();

    await page.getByRole('banner').getByRole('button', { name: 'Switch person' }).click();
    await page.getByRole('heading', { name: 'Who is working?' }).waitFor();
    await page.getByRole('button', { name: /Leo Castellanos/ }).click();
    await tapPin(page, '3333');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('banner').getByText('Leo Castellanos').waitFor();

    const device = await apiOk<{ staff: { id: string; name: string }[] }>('GET /api/device', await page.request.get('/api/device'));
    kwameId = device.staff.find((s) => s.name === 'Kwame Asante')?.id ?? '';
    const me = await apiOk<{ staff: { id: string; name: string }; stores: { id: string; name: string }[] }>(
      'GET /api/me',
      await page.request.get('/api/me'),
    );
    expect(me.staff.name).toBe('Leo Castellanos');
    leoId = me.staff.id;
    expect(kwameId).not.toBe('');
  });

  it('Leo starts a visit for a customer and opens the visit screen', async () => {
    const me = await apiOk<{ stores: { id: string; name: string }[] }>('GET /api/me', await page.request.get('/api/me'));
    const storeId = me.stores.find((s) => s.name === 'Main Street')?.id;
    const customer = await apiOk<{ id: string }>(
      'create Ines Marlowe',
      await page.request.post('/api/customers', { data: { firstName: 'Ines', lastName: 'Marlowe', homeStoreId: storeId } }),
    );
    const visit = await apiOk<{ id: string }>(
      'start a visit',
      await page.request.post('/api/encounters', { data: { clientId: `e2e-${crypto.randomUUID()}`, storeId, customerId: customer.id } }),
    );
    visitId = visit.id;
    await page.goto(`/visits/${visitId}/live`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Ines/);
    await saved();
  });

  it('handing over waits until Leo’s own note has reached Ones, then shows who works at Main Street', async () => {
    // Leo's note is held on its way, so it is still waiting to sync when he tries to hand over.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/encounters/*/notes', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('textbox', { name: 'Add a note' }).fill('Torn between the sage and the ochre cushions for the living room.');
    await page.getByRole('button', { name: 'Add the note' }).click();
    await page.getByRole('button', { name: 'Hand over to a colleague' }).click();
    await page.getByRole('dialog', { name: 'Hand over to a colleague' }).waitFor();
    await dialog().getByText('1 change of this visit is still waiting to sync. It has to be sent as Leo Castellanos').waitFor();
    expect(await dialog().getByRole('button', { name: '4', exact: true }).count()).toBe(0);
    await shot('tablet-hand-over-waiting', false);

    // Once it is saved, the same dialog offers the colleagues (not Leo himself).
    release();
    const people = dialog().getByRole('list', { name: 'Staff at Main Street' });
    await people.waitFor();
    await page.unroute('**/api/encounters/*/notes');
    const names = (await people.getByRole('button').allInnerTexts()).join(' ');
    expect(names).toContain('Kwame Asante');
    expect(names).toContain('Security officer');
    expect(names).not.toContain('Leo Castellanos');
    await shot('tablet-hand-over', false);
    await settled();
    await expectAccessible(page, 'hand-over dialog (tablet)');
  });

  it('Kwame enters his PIN: the visit screen stays open, signed in as him', async () => {
    await dialog()
      .getByRole('button', { name: /Kwame Asante/ })
      .click();
    const pin = dialog().getByLabel(field('PIN for Kwame Asante'));
    await pin.waitFor();
    await expect.poll(() => pin.evaluate((el) => el === document.activeElement)).toBe(true);
    await shot('tablet-hand-over-pin', false);
    await enterPin('4444');

    await header().getByText('Kwame Asante').waitFor();
    expect(page.url()).toMatch(new RegExp(`/visits/${visitId}/live$`));
    expect(await dialog().count()).toBe(0);
    await page.getByRole('button', { name: 'Hand back to Leo Castellanos' }).waitFor();
    // The screen was read again as Kwame: an ambassador does not see the customer's name.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).not.toMatch(/Marlowe/);
    // Focus is not lost with the dialog that closed.
    expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
    await saved();
  });

  it('Kwame settles the colourway question in a note, and it is saved', async () => {
    await page.getByRole('textbox', { name: 'Add a note' }).fill(sage);
    await page.getByRole('button', { name: 'Add the note' }).click();
    await page.getByRole('region', { name: 'Notes of this visit' }).getByText(sage).waitFor();
    await saved();
  });

  it('handing back is refused while the tablet is offline, then Leo takes it back with his PIN', async () => {
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Hand back to Leo Castellanos' }).click();
    await page.getByRole('dialog', { name: 'Hand back to Leo Castellanos' }).waitFor();
    await dialog()
      .getByText(/Ones cannot be reached from this tablet just now/)
      .waitFor();
    await context.setOffline(false);

    // Back online, the pad is already on Leo.
    await dialog().getByLabel(field('PIN for Leo Castellanos')).waitFor();
    await enterPin('3333');
    await header().getByText('Leo Castellanos').waitFor();
    await page.getByRole('button', { name: 'Hand over to a colleague' }).waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Ines/);
    await saved();
    await shot('tablet-handed-back');
  });

  it('on the server: Kwame is credited once as an assist, Leo is still the lead, and the note is Kwame’s', async () => {
    const visit = await apiOk<Visit>('GET the visit', await page.request.get(`/api/encounters/${visitId}`));
    expect(visit.leadStaffId).toBe(leoId);
    const kwame = visit.staff.filter((s) => s.staffId === kwameId);
    expect(kwame).toHaveLength(1);
    expect(kwame[0]?.roles).toEqual(['assist']);
    expect(visit.staff.find((s) => s.staffId === leoId)?.roles).toContain('lead');
    const notes = visit.notes.filter((n) => n.text === sage);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ staffId: kwameId, staffName: 'Kwame Asante' });
  });
});
