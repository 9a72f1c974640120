import type { APIRequestContext, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './audit.ts';
import { customerBookWorld, signedInContext } from './customer-book.ts';
import { apiOk, field, openFromNavigation, PHONE, sharedPage } from './server.ts';

// Special orders and follow-ups at Riverside. What the screens are asserted on is made here through
// the API (the demo may bring visits of its own): two follow-ups of a visit with Mrs Okafor, an
// e-mail one for a new customer who gave no consent, and three visits closed as special orders from
// a guidance basket of white anemones (£2.20 each).

const world = customerBookWorld();
let riverside: { id: string; name: string; timeZone: string };
const orders = {} as Record<'delivery' | 'conflict' | 'later' | 'called-off', { encounterId: string; id: string }>;

const THANKS = 'Thank Adaeze for choosing the anemones';
const WAITING = 'Tell Adaeze the blue anemones are back';
const CARE_GUIDE = 'Send Wilhelmina the care guide for her orchid';

/** `YYYY-MM-DD` where the store is, `days` from today. */
function dayAt(timeZone: string, days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function whiteAnemone(api: APIRequestContext): Promise<string> {
  const found = await apiOk<{ items: { id: string; title: string }[] }>('find anemones', await api.get('/api/products?q=anemone'));
  const anemone = found.items.find((p) => p.title === 'Anemone');
  if (!anemone) throw new Error('the demo has no anemones');
  const product = await apiOk<{ variants: { id: string; title: string }[] }>('GET anemone', await api.get(`/api/products/${anemone.id}`));
  const white = product.variants.find((v) => v.title === 'White');
  if (!white) throw new Error('the demo has no white anemones');
  return white.id;
}

/** A visit with Mrs Okafor whose guidance basket holds `quantity` white anemones, closed as a special order. */
async function specialOrder(
  api: APIRequestContext,
  key: string,
  quantity: number,
  order: { fulfilment: 'delivery' | 'collection'; dueOn: string; recipient?: string; deposit: number; [k: string]: unknown },
) {
  const variantId = await whiteAnemone(api);
  const sets = await apiOk<{ items: { id: string; active: boolean }[] }>('question sets', await api.get('/api/question-sets'));
  const setId = sets.items.find((s) => s.active)?.id;
  const visit = await apiOk<{ id: string }>(
    `start ${key}`,
    await api.post('/api/encounters', { data: { clientId: `e2e-order-${key}`, storeId: riverside.id, customerId: world.okaforId } }),
  );
  const session = await apiOk<{ id: string }>(
    `session ${key}`,
    await api.post('/api/guidance-sessions', { data: { setId, storeId: riverside.id, encounterId: visit.id } }),
  );
  await apiOk(
    `basket ${key}`,
    await api.post(`/api/guidance-sessions/${session.id}/basket`, { data: { clientId: `e2e-basket-${key}`, variantId, quantity } }),
  );
  await apiOk(`close ${key}`, await api.post(`/api/encounters/${visit.id}/close`, { data: { outcome: 'special-order', order } }));
  const open = await apiOk<{ items: { id: string; encounterId: string }[] }>(
    'open orders',
    await api.get(`/api/special-orders?storeId=${riverside.id}&status=open`),
  );
  const made = open.items.find((o) => o.encounterId === visit.id);
  if (!made) throw new Error(`the visit ${key} has no special order`);
  return { encounterId: visit.id, id: made.id };
}

beforeAll(async () => {
  const context = await signedInContext(world.browser, world.server, 'associate@bloom.example');
  try {
    const api = context.request;
    const me = await apiOk<{ stores: { id: string; name: string; timeZone: string }[] }>('GET /api/me', await api.get('/api/me'));
    const store = me.stores.find((s) => s.name === 'Riverside');
    if (!store) throw new Error('the associate is not at Riverside');
    riverside = store;
    const variantId = await whiteAnemone(api);

    const visit = await apiOk<{ id: string }>(
      'start the visit',
      await api.post('/api/encounters', { data: { clientId: 'e2e-follow-up-visit', storeId: riverside.id, customerId: world.okaforId } }),
    );
    await apiOk(
      'the thank-you',
      await api.post(`/api/encounters/${visit.id}/follow-ups`, {
        data: { clientId: 'e2e-follow-up-thanks', kind: 'thank-you', title: THANKS, channel: 'phone', dueOn: dayAt(riverside.timeZone) },
      }),
    );
    await apiOk(
      'the back-in-stock call',
      await api.post(`/api/encounters/${visit.id}/follow-ups`, {
        data: { clientId: 'e2e-follow-up-stock', kind: 'back-in-stock', title: WAITING, channel: 'phone', dueOn: null, variantId },
      }),
    );

    // Someone new who gave an e-mail address but no consent to marketing: the e-mail is held back.
    const foxcroft = await apiOk<{ id: string }>(
      'a new customer',
      await api.post('/api/customers', {
        data: { firstName: 'Wilhelmina', lastName: 'Foxcroft', emails: [{ label: 'home', address: 'w.foxcroft@example.com' }] },
      }),
    );
    const second = await apiOk<{ id: string }>(
      'her visit',
      await api.post('/api/encounters', { data: { clientId: 'e2e-follow-up-foxcroft', storeId: riverside.id, customerId: foxcroft.id } }),
    );
    await apiOk(
      'the e-mail follow-up',
      await api.post(`/api/encounters/${second.id}/follow-ups`, {
        data: {
          clientId: 'e2e-follow-up-care-guide',
          kind: 'other',
          title: CARE_GUIDE,
          channel: 'email',
          dueOn: dayAt(riverside.timeZone, 3),
          message: { subject: 'Caring for your orchid', text: 'Water it once a week, from below.' },
        },
      }),
    );

    orders.delivery = await specialOrder(api, 'delivery', 5, {
      fulfilment: 'delivery',
      dueOn: dayAt(riverside.timeZone, 1),
      recipient: 'Temperance Whitfield',
      address: { line1: '4 Mill Lane', city: 'London', postcode: 'SE1 9AA' },
      cardMessage: 'Happy anniversary, with all our love',
      deposit: 5,
    });
    orders.conflict = await specialOrder(api, 'conflict', 2, {
      fulfilment: 'collection',
      dueOn: dayAt(riverside.timeZone, 3),
      recipient: 'Hortense Abernathy',
      deposit: 4.4,
    });
    orders.later = await specialOrder(api, 'later', 3, {
      fulfilment: 'collection',
      dueOn: dayAt(riverside.timeZone, 12),
      recipient: 'Octavia Pemberton-Smythe',
      deposit: 2,
    });
    orders['called-off'] = await specialOrder(api, 'called-off', 4, {
      fulfilment: 'collection',
      dueOn: dayAt(riverside.timeZone, 9),
      recipient: 'Barnaby Featherstonehaugh',
      deposit: 3,
    });
  } finally {
    await context.close();
  }
});

/** A card of a list (within `scope`) by its heading. */
const cardIn = (page: Page, heading: string, scope: Page | Locator = page) =>
  scope.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: heading, exact: true }) });
const section = (page: Page, name: RegExp) => page.getByRole('region', { name });

describe('follow-ups, as the associate at Riverside', () => {
  const shared = sharedPage(() => signedInContext(world.browser, world.server, 'associate@bloom.example'));

  it('lists mine by when they fall due, the call waiting for stock last', async () => {
    const { page } = shared;
    await page.goto('/customers');
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await openFromNavigation(page, 'Follow-ups');
    // An associate sees their own only: no choice of whose.
    expect(await page.getByRole('tab', { name: 'Whole store' }).count()).toBe(0);

    const thanks = cardIn(page, THANKS, section(page, /^Today \(\d+\)$/));
    await thanks.waitFor();
    const text = await thanks.textContent();
    expect(text).toContain('Thank-you');
    expect(text).toContain('Phone call');
    expect(text).toContain('Due today');
    expect(await thanks.getByRole('link', { name: 'Adaeze Okafor' }).getAttribute('href')).toBe(`/customers/${world.okaforId}`);
    expect(await thanks.getByRole('link', { name: /^Open the visit/ }).getAttribute('href')).toMatch(/^\/visits\/.+/);

    const waiting = cardIn(page, WAITING, section(page, /^Waiting for stock \(\d+\)$/));
    await waiting.getByText('it falls due when the delivery arrives', { exact: false }).waitFor();
    expect(await waiting.textContent()).toContain('Back in stock');

    const email = cardIn(page, CARE_GUIDE, section(page, /^Next 7 days \(\d+\)$/));
    await email.getByText('Due in 3 days', { exact: false }).waitFor();
    expect(await email.textContent()).toContain('E-mail');
    await email.getByText(/^E-mail not sent: .*consent.*Get in touch another way\.$/).waitFor();

    // The groups read in the order a person works through them.
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings.indexOf(headings.find((h) => h.startsWith('Today')) ?? '')).toBeLessThan(
      headings.indexOf(headings.find((h) => h.startsWith('Waiting for stock')) ?? ''),
    );
    await expectAccessible(page, 'follow-ups (tablet)');
  });

  it('marks the thank-you done only with what came of it, and it leaves the list for the timeline', async () => {
    const { page } = shared;
    const thanks = cardIn(page, THANKS);
    await thanks.getByRole('button', { name: /^Done…/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark as done' });
    await dialog.getByText(THANKS).waitFor();
    await dialog.getByRole('button', { name: 'Mark as done' }).click();
    await dialog.getByText('Say what came of it, even in a few words.').waitFor();
    await expectAccessible(page, 'mark a follow-up done (tablet)');

    await dialog.getByLabel(field('What came of it?')).fill('Called her: she loved them and will come back for the party.');
    await dialog.getByRole('button', { name: 'Mark as done' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Marked as done' });
    await notice.getByText(`“${THANKS}” is done, and what came of it is kept on Adaeze Okafor’s timeline.`).waitFor();
    expect(await notice.getByRole('link', { name: 'See Adaeze Okafor’s timeline' }).getAttribute('href')).toBe(
      `/customers/${world.okaforId}`,
    );
    await cardIn(page, THANKS).waitFor({ state: 'detached' });
    await cardIn(page, WAITING).waitFor();

    const timeline = await apiOk<{ items: { type: string; action?: string; summary?: string }[] }>(
      'timeline',
      await page.request.get(`/api/customers/${world.okaforId}/timeline`),
    );
    expect(timeline.items.some((i) => i.type === 'change' && i.action === 'follow-up.done')).toBe(true);
  });

  it('cancels a follow-up no longer needed only with the reason, and it leaves the list', async () => {
    const { page } = shared;
    await cardIn(page, CARE_GUIDE)
      .getByRole('button', { name: /^Not needed…/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'No longer needed' });
    await dialog.getByText(CARE_GUIDE).waitFor();
    await dialog.getByRole('button', { name: 'Cancel the follow-up' }).click();
    await dialog.getByText('Say why, even in a few words.').waitFor();
    await expectAccessible(page, 'cancel a follow-up (tablet)');
    await dialog.getByLabel(field('Why is it no longer needed?')).fill('She came in and we showed her how to care for them.');
    await dialog.getByRole('button', { name: 'Cancel the follow-up' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Cancelled' });
    await notice.getByText(`“${CARE_GUIDE}” is cancelled, and why is kept on Wilhelmina Foxcroft’s timeline.`).waitFor();
    await cardIn(page, CARE_GUIDE).waitFor({ state: 'detached' });
    const profile = await notice.getByRole('link', { name: 'See Wilhelmina Foxcroft’s timeline' }).getAttribute('href');
    const timeline = await apiOk<{ items: { type: string; action?: string; summary?: string }[] }>(
      'timeline',
      await page.request.get(`/api${profile}/timeline`),
    );
    expect(timeline.items.find((i) => i.action === 'follow-up.cancelled')?.summary).toBe(
      `Follow-up cancelled: ${CARE_GUIDE} — She came in and we showed her how to care for them.`,
    );
  });

  it('reads and passes on a phone', async () => {
    const { page } = shared;
    await page.setViewportSize(PHONE);
    await page.reload();
    await cardIn(page, WAITING).waitFor();
    await expectAccessible(page, 'follow-ups (phone)');
    await page.getByRole('button', { name: new RegExp(`^Done… ${WAITING}`) }).click();
    await page.getByRole('dialog', { name: 'Mark as done' }).getByLabel(field('What came of it?')).waitFor();
    await expectAccessible(page, 'mark a follow-up done (phone)');
    await page.getByRole('dialog', { name: 'Mark as done' }).getByRole('button', { name: 'Cancel' }).click();
  });
});

describe('special orders and the whole store’s follow-ups, as the manager', () => {
  const shared = sharedPage(() => signedInContext(world.browser, world.server, 'manager@bloom.example'));

  const delivery = () => cardIn(shared.page, 'Delivery for Temperance Whitfield');

  it('shows the orders by day with what is still to pay', async () => {
    const { page } = shared;
    await page.goto('/customers');
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await openFromNavigation(page, 'Special orders');
    if (!(await page.getByRole('combobox', { name: 'Store', exact: true }).inputValue()).includes('Riverside')) {
      await page.getByRole('combobox', { name: 'Store', exact: true }).click();
      await page.getByRole('option', { name: 'Riverside' }).click();
    }
    const card = cardIn(page, 'Delivery for Temperance Whitfield', section(page, /^Tomorrow \(\d+\)$/));
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Due tomorrow');
    expect(text).toContain('4 Mill Lane');
    expect(text).toContain('SE1 9AA');
    expect(text).toContain('Happy anniversary, with all our love');
    expect(text).toMatch(/5 ×\s*Anemone/);
    expect(await card.getByRole('term').allTextContents()).toEqual(
      expect.arrayContaining(['Ordered by', 'Deliver to', 'Card message', 'Total', 'Deposit paid', 'Balance to pay']),
    );
    expect(text).toContain('£11.00');
    expect(text).toContain('£5.00');
    expect(text).toContain('£6.00');
    expect(await card.getByRole('link', { name: 'Adaeze Okafor' }).getAttribute('href')).toBe(`/customers/${world.okaforId}`);
    expect(await card.getByRole('link', { name: /^Open the visit/ }).getAttribute('href')).toBe(`/visits/${orders.delivery.encounterId}`);
    await cardIn(page, 'Collection for Octavia Pemberton-Smythe', section(page, /^Later \(\d+\)$/)).waitFor();
    await expectAccessible(page, 'special orders (tablet)');
  });

  it('says the balance before handing over, and links to the sale it became', async () => {
    const { page } = shared;
    await delivery()
      .getByRole('button', { name: /^Hand over…/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Hand over: Delivery for Temperance Whitfield' });
    await dialog.getByText('Take the balance of', { exact: false }).waitFor();
    expect(await dialog.textContent()).toContain('£6.00');
    await expectAccessible(page, 'hand over (tablet)');
    await dialog.getByRole('button', { name: 'Hand over', exact: true }).click();

    const notice = page.getByRole('status').filter({ hasText: 'Handed over' });
    const link = notice.getByRole('link', { name: 'See the sale' });
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/sales\/.+/);
    await delivery().waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: 'Handed over' }).click();
    const done = delivery();
    expect(await done.getByRole('link', { name: /^See the sale/ }).getAttribute('href')).toBe(href);
    expect(await done.textContent()).not.toContain('Balance to pay');

    await link.click();
    await page.getByRole('heading', { name: 'Sale', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Items' }).getByText('5 units × £2.20').waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Special orders', level: 1 }).waitFor();
    expect(await page.getByRole('tab', { name: 'Handed over' }).getAttribute('aria-selected')).toBe('true');
  });

  it('says clearly when an order was handed over elsewhere meanwhile', async () => {
    const { page } = shared;
    await page.getByRole('tab', { name: 'To hand over' }).click();
    const card = cardIn(page, 'Collection for Hortense Abernathy');
    await card.getByRole('button', { name: /^Hand over…/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Hand over: Collection for Hortense Abernathy' });
    await dialog.getByText('Nothing is left to pay', { exact: false }).waitFor();
    // Another tablet hands it over first.
    await apiOk('fulfil elsewhere', await page.request.post(`/api/special-orders/${orders.conflict.id}/fulfil`));
    await dialog.getByRole('button', { name: 'Hand over', exact: true }).click();
    await dialog.getByRole('alert').getByText('The list has been brought up to date.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await card.waitFor({ state: 'detached' });
  });

  it('cancels an order the customer no longer wants, with the reason and the deposit to refund', async () => {
    const { page } = shared;
    const card = () => cardIn(page, 'Collection for Barnaby Featherstonehaugh');
    await card()
      .getByRole('button', { name: /^Cancel order…/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Cancel the order' });
    await dialog.getByText('The deposit of £3.00 is to be refunded at the till.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel the order' }).click();
    await dialog.getByText('Say why, even in a few words.').waitFor();
    await expectAccessible(page, 'cancel an order (tablet)');
    await dialog.getByLabel(field('Why is it cancelled?')).fill('The party is off.');
    await dialog.getByRole('button', { name: 'Cancel the order' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Order cancelled' });
    await notice.getByText('Refund the deposit of £3.00 at the till.', { exact: false }).waitFor();
    await card().waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Cancelled' }).click();
    await card().getByText('The party is off.').waitFor();
    expect(await card().getByRole('button').count()).toBe(0);
    // The visit's record says why, too.
    await card()
      .getByRole('link', { name: /^Open the visit/ })
      .click();
    await page.getByText('Why cancelled: The party is off.').waitFor();
    await expectAccessible(page, 'visit with a cancelled order (tablet)');
    await page.goBack();
    await page.getByRole('tab', { name: 'To hand over' }).click();
  });

  it('reads and passes on a phone', async () => {
    const { page } = shared;
    await page.setViewportSize(PHONE);
    await page.reload();
    await cardIn(page, 'Collection for Octavia Pemberton-Smythe').waitFor();
    await expectAccessible(page, 'special orders (phone)');
    await cardIn(page, 'Collection for Octavia Pemberton-Smythe')
      .getByRole('button', { name: /^Hand over…/ })
      .click();
    await page.getByRole('dialog').getByText('Take the balance of', { exact: false }).waitFor();
    await expectAccessible(page, 'hand over (phone)');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.setViewportSize({ width: 768, height: 1024 });
  });

  it('shows the whole store’s follow-ups with whom each is for', async () => {
    const { page } = shared;
    await openFromNavigation(page, 'Follow-ups');
    await page.getByRole('tab', { name: 'Whole store' }).click();
    if (!(await page.getByRole('combobox', { name: 'Store', exact: true }).inputValue()).includes('Riverside')) {
      await page.getByRole('combobox', { name: 'Store', exact: true }).click();
      await page.getByRole('option', { name: 'Riverside' }).click();
    }
    const waiting = cardIn(page, WAITING, section(page, /^Waiting for stock \(\d+\)$/));
    await waiting.getByText('Assigned to Priya Natarajan').waitFor();
    await expectAccessible(page, 'store follow-ups (tablet)');
    await page.getByRole('tab', { name: 'Mine' }).click();
    // The manager's own: whatever the demo gave them, not the associate's call.
    await page.getByRole('combobox', { name: 'Store', exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 2 }).or(page.getByText('Nothing to follow up')).first().waitFor();
    expect(await cardIn(page, WAITING).count()).toBe(0);
  });
});
