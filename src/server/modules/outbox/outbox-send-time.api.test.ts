import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, signIn } from '../../../../test/helpers/app.ts';
import { localSmtp } from '../../../../test/helpers/smtp.ts';
import { loadDemo } from '../../demo/demo.ts';
import { runDueJobs } from '../jobs/jobs.ts';
import { smtpMailer } from './mailer.ts';
import { outboxHandlers } from './outbox.service.ts';

/**
 * A follow-up e-mail is queued days ahead; what happens before it is due decides whether it goes:
 * consent withdrawn, the customer erased, or the follow-up done early all keep it from being sent.
 */
const ctx = setupTestApp();
const smtp = localSmtp();

let associate: string;
let owner: string;
let riverside: string;

const send = (method: 'POST' | 'GET', cookie: string, url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

beforeAll(async () => {
  await loadDemo(ctx.deps.db);
  associate = await signIn(ctx.app, 'associate@bloom.example');
  owner = await signIn(ctx.app, 'owner@bloom.example');
  riverside = (await ctx.deps.db.selectFrom('stores').select('id').where('name', '=', 'Riverside').executeTakeFirstOrThrow()).id;
});

/** A customer who agreed to marketing e-mail, a visit closed with no sale, and a thank-you e-mail due the next day. */
async function thankYouQueued(name: string) {
  const customer = await send('POST', associate, '/api/customers', {
    firstName: name,
    emails: [{ label: 'home', address: `${name.toLowerCase()}@example.com` }],
  });
  expect(customer.statusCode, customer.body).toBe(201);
  const customerId: string = customer.json().id;
  const consent = await send('POST', associate, `/api/customers/${customerId}/consents`, {
    channel: 'email',
    purpose: 'marketing',
    granted: true,
    source: 'in store',
  });
  expect(consent.statusCode, consent.body).toBe(200);
  const visit = await send('POST', associate, '/api/encounters', { clientId: `enc-late-${name}`, storeId: riverside, customerId });
  expect(visit.statusCode, visit.body).toBe(201);
  const encounterId: string = visit.json().id;
  expect(
    (await send('POST', associate, `/api/encounters/${encounterId}/close`, { outcome: 'no-sale', reason: 'browsing' })).statusCode,
  ).toBe(200);
  const tomorrow = new Date(ctx.deps.now().getTime() + 86_400_000).toISOString().slice(0, 10);
  const added = await send('POST', associate, `/api/encounters/${encounterId}/follow-ups`, {
    clientId: `fu-late-${name}`,
    kind: 'thank-you',
    title: `Thank ${name}`,
    channel: 'email',
    dueOn: tomorrow,
    message: { subject: `Thank you, ${name}`, text: 'We hope to see you again soon.' },
  });
  expect(added.statusCode, added.body).toBe(201);
  const followUpId: string = added.json().id;
  const { message_id } = await ctx.deps.db
    .selectFrom('follow_ups')
    .select('message_id')
    .where('id', '=', followUpId)
    .executeTakeFirstOrThrow();
  const message = () =>
    ctx.deps.db
      .selectFrom('outbox_messages')
      .select(['status', 'reason'])
      .where('id', '=', message_id as string)
      .executeTakeFirstOrThrow();
  expect(await message()).toEqual({ status: 'queued', reason: null });
  return { customerId, followUpId, message };
}

/** Runs the jobs as they would run two days later, when the thank-you is due. */
async function runWhenDue() {
  const handlers = outboxHandlers(smtpMailer(smtp.url()), 'hello@bloom.example');
  const real = ctx.deps.now;
  ctx.deps.now = () => new Date(real().getTime() + 2 * 86_400_000);
  try {
    await runDueJobs(ctx.deps, handlers, { limit: 100 });
  } finally {
    ctx.deps.now = real;
  }
}

const thankYous = (name: string) => smtp.received.filter((m) => m.text.includes(`Subject: Thank you, ${name}`));

describe('a queued message is checked again when it is due', () => {
  it('is sent when nothing changed', async () => {
    const { message } = await thankYouQueued('Ifeoma');
    await runWhenDue();
    expect(thankYous('Ifeoma').map((m) => m.to)).toEqual(['ifeoma@example.com']);
    expect((await message()).status).toBe('sent');
  });

  it('is not sent once the customer withdrew consent, and says why', async () => {
    const { customerId, message } = await thankYouQueued('Wanjiru');
    const withdrawn = await send('POST', associate, `/api/customers/${customerId}/consents`, {
      channel: 'email',
      purpose: 'marketing',
      granted: false,
      source: 'phone call',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    await runWhenDue();
    expect(thankYous('Wanjiru')).toEqual([]);
    expect(await message()).toEqual({ status: 'suppressed', reason: 'No consent in force for marketing messages by e-mail.' });
    // Running again sends nothing either.
    await runWhenDue();
    expect(thankYous('Wanjiru')).toEqual([]);
  });

  it('is not sent once the customer was erased', async () => {
    const { customerId, message } = await thankYouQueued('Ebele');
    expect((await send('POST', owner, `/api/customers/${customerId}/erase`, {})).statusCode).toBe(204);
    await runWhenDue();
    expect(thankYous('Ebele')).toEqual([]);
    expect(smtp.received.filter((m) => m.to === 'ebele@example.com')).toEqual([]);
    expect(await message()).toEqual({ status: 'suppressed', reason: 'The customer is no longer on file.' });
  });

  it('is not sent once its follow-up was done early', async () => {
    const { followUpId, message } = await thankYouQueued('Chiamaka');
    const done = await send('POST', associate, `/api/follow-ups/${followUpId}/complete`, { outcome: 'Thanked her in person on Friday.' });
    expect(done.statusCode, done.body).toBe(204);
    await runWhenDue();
    expect(thankYous('Chiamaka')).toEqual([]);
    expect(await message()).toEqual({ status: 'suppressed', reason: 'The follow-up was done before this message was due.' });
  });
});
