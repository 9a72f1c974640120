import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { localSmtp } from '../../../../test/helpers/smtp.ts';
import { newId } from '../../../shared/ids.ts';
import { loadDemo } from '../../demo/demo.ts';
import { runDueJobs } from '../jobs/jobs.ts';
import { smtpMailer } from '../outbox/mailer.ts';
import { outboxHandlers } from '../outbox/outbox.service.ts';

/**
 * The request for feedback by e-mail, to a real SMTP server: it goes after the retailer's delay to
 * the customer who agreed to e-mail, never to one who did not, and its link opens their page.
 */
const ctx = setupTestApp();
const { received, url: smtpUrl } = localSmtp();
let associate: string;
let riverside: string;
let bloomId: string;

const send = (method: 'POST' | 'GET' | 'PUT', cookie: string | null, url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });

beforeAll(async () => {
  await loadDemo(ctx.deps.db);
  associate = await signIn(ctx.app, 'associate@bloom.example');
  const store = await ctx.deps.db
    .selectFrom('stores')
    .select(['id', 'retailer_id'])
    .where('name', '=', 'Riverside')
    .executeTakeFirstOrThrow();
  riverside = store.id;
  bloomId = store.retailer_id;
});

/** A visit with someone new who gives an e-mail address, closed with no sale; their customer id. */
async function visitOf(firstName: string, email: string): Promise<string> {
  const res = await send('POST', associate, '/api/encounters', {
    clientId: `mail-${firstName}`,
    storeId: riverside,
    newCustomer: { firstName, email },
  });
  expect(res.statusCode, res.body).toBe(201);
  const visit = res.json() as { id: string; customer: { id: string } };
  return visit.customer.id;
}

async function close(customerId: string) {
  const visit = await ctx.deps.db.selectFrom('encounters').select('id').where('customer_id', '=', customerId).executeTakeFirstOrThrow();
  const res = await send('POST', associate, `/api/encounters/${visit.id}/close`, { outcome: 'no-sale', reason: 'browsing' });
  expect(res.statusCode, res.body).toBe(200);
}

/** The customer's consent to e-mail for one purpose, as recorded in store. */
const consent = (customerId: string, purpose: 'service' | 'marketing') =>
  ctx.deps.db
    .insertInto('customer_consents')
    .values({
      retailer_id: bloomId,
      id: newId('consent'),
      customer_id: customerId,
      channel: 'email',
      purpose,
      granted: true,
      source: 'in store',
    })
    .execute();

describe('the feedback e-mail', () => {
  it('reaches only the customer who agreed to e-mail, after the delay, with a link that opens their page', async () => {
    const agreed = await visitOf('Amara', 'amara@example.com');
    const notAsked = await visitOf('Bruno', 'bruno@example.com');
    await consent(agreed, 'marketing');
    await close(agreed);
    await close(notAsked);

    const handlers = outboxHandlers(smtpMailer(smtpUrl()), 'hello@bloom.example');
    // Not before the retailer's delay (two hours by default)…
    await runDueJobs(ctx.deps, handlers);
    expect(received).toEqual([]);
    // …then to the customer who agreed only.
    ctx.deps.now = () => new Date(Date.now() + 3 * 3_600_000);
    try {
      await runDueJobs(ctx.deps, handlers);
    } finally {
      ctx.deps.now = () => new Date();
    }
    expect(received.map((r) => r.to)).toEqual(['amara@example.com']);
    const mail = received[0]?.raw.replace(/=\r?\n/g, '') ?? '';
    expect(mail).toMatch(/^Subject: How was your visit to Bloom & Stem\?/m);
    const url = /https?:\/\/\S+\/f\/bloom-and-stem\/[A-Za-z0-9_-]{43}/.exec(mail)?.[0];
    expect(url).toBeDefined();
    const path = new URL(url as string).pathname;

    const page = await send('GET', null, path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('How was your visit to Riverside?');
    const saved = await send('PUT', null, path, { satisfaction: 5, expectations: 'exceeded' });
    expect(saved.statusCode, saved.body).toBe(200);
    const response = await ctx.deps.db
      .selectFrom('feedback_responses')
      .select(['customer_id', 'satisfaction', 'expectations'])
      .where('customer_id', '=', agreed)
      .execute();
    expect(response).toEqual([{ customer_id: agreed, satisfaction: 5, expectations: 'exceeded' }]);

    // Bruno's message is kept as suppressed with the reason, and no link of his was made.
    const bruno = await ctx.deps.db
      .selectFrom('outbox_messages')
      .select(['status', 'reason'])
      .where('customer_id', '=', notAsked)
      .execute();
    expect(bruno).toEqual([{ status: 'suppressed', reason: 'No consent in force for marketing messages by e-mail.' }]);
    const links = await ctx.deps.db
      .selectFrom('feedback_links as l')
      .innerJoin('feedback_requests as q', (j) => j.onRef('q.retailer_id', '=', 'l.retailer_id').onRef('q.id', '=', 'l.request_id'))
      .select('l.channel')
      .where('q.customer_id', '=', notAsked)
      .execute();
    expect(links).toEqual([]);
  });
});

describe('the e-mailed receipt', () => {
  /** Closes the customer's visit with a sale of two of a Riverside variant in stock, asking for the receipt by e-mail. */
  async function sellWithReceipt(customerId: string | null, clientId?: string) {
    const visit = customerId
      ? await ctx.deps.db.selectFrom('encounters').select('id').where('customer_id', '=', customerId).executeTakeFirstOrThrow()
      : ((await send('POST', associate, '/api/encounters', { clientId, storeId: riverside })).json() as { id: string });
    const stocked = await ctx.deps.db
      .selectFrom('stock_levels')
      .select('variant_id')
      .where('store_id', '=', riverside)
      .where('on_hand', '>=', 10)
      .orderBy('variant_id')
      .executeTakeFirstOrThrow();
    return send('POST', associate, `/api/encounters/${visit.id}/close`, {
      outcome: 'sale',
      lines: [{ variantId: stocked.variant_id, quantity: 2, unitPrice: 12.5, discount: 5 }],
      emailReceipt: true,
    });
  }
  const mailTo = (address: string) => received.filter((r) => r.to === address).map((r) => r.text);

  it('goes at once to a customer who agreed to service e-mails, with the sale and the feedback link in place of the later request', async () => {
    const chidi = await visitOf('Chidi', 'chidi@example.com');
    await consent(chidi, 'service');
    await consent(chidi, 'marketing');
    const closed = await sellWithReceipt(chidi);
    expect(closed.statusCode, closed.body).toBe(200);
    await runDueJobs(ctx.deps, outboxHandlers(smtpMailer(smtpUrl()), 'hello@bloom.example'));
    const mails = mailTo('chidi@example.com');
    expect(mails).toHaveLength(1);
    const mail = mails[0] ?? '';
    expect(mail).toMatch(/^Subject: Your receipt from Bloom & Stem/m);
    expect(mail).toContain('Riverside, ');
    expect(mail).toMatch(/2 × .+: £20\.00 \(£5\.00 off\)/);
    expect(mail).toContain('Total: £20.00');
    const url = /https?:\/\/\S+\/f\/bloom-and-stem\/[A-Za-z0-9_-]{43}/.exec(mail)?.[0];
    expect(url).toBeDefined();
    const page = await send('GET', null, new URL(url as string).pathname);
    expect(page.statusCode).toBe(200);
    // The receipt asked already: no second message asks for feedback later.
    const messages = await ctx.deps.db
      .selectFrom('outbox_messages')
      .select(['message_key', 'purpose'])
      .where('customer_id', '=', chidi)
      .execute();
    expect(messages).toEqual([{ message_key: expect.stringMatching(/^receipt:/), purpose: 'service' }]);
    const links = await ctx.deps.db
      .selectFrom('feedback_links as l')
      .innerJoin('feedback_requests as q', (j) => j.onRef('q.retailer_id', '=', 'l.retailer_id').onRef('q.id', '=', 'l.request_id'))
      .select('l.channel')
      .where('q.customer_id', '=', chidi)
      .execute();
    expect(links).toEqual([{ channel: 'receipt' }]);
  });

  it('is kept as suppressed, with the reason, for a customer who has not agreed; the feedback request then follows its own rules', async () => {
    const dana = await visitOf('Dana', 'dana@example.com');
    const closed = await sellWithReceipt(dana);
    expect(closed.statusCode, closed.body).toBe(200);
    await runDueJobs(ctx.deps, outboxHandlers(smtpMailer(smtpUrl()), 'hello@bloom.example'));
    expect(mailTo('dana@example.com')).toEqual([]);
    const messages = await ctx.deps.db
      .selectFrom('outbox_messages')
      .select(['purpose', 'status', 'reason'])
      .where('customer_id', '=', dana)
      .orderBy('purpose', 'desc')
      .execute();
    expect(messages).toEqual([
      { purpose: 'service', status: 'suppressed', reason: 'No consent in force for service messages by e-mail.' },
      { purpose: 'marketing', status: 'suppressed', reason: 'No consent in force for marketing messages by e-mail.' },
    ]);
  });

  it('is refused for a visit without a customer, naming the field, and nothing is sold', async () => {
    const res = await sellWithReceipt(null, 'receipt-nobody');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'emailReceipt' })]);
  });
});
