import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../../test/helpers/app.ts';
import { newId } from '../../../shared/ids.ts';
import { buildRetailer } from '../../demo/factories.ts';
import { enqueueJob, PermanentJobError, retryDelayMs, runDueJobs } from '../jobs/jobs.ts';
import { smtpMailer } from './mailer.ts';
import { outboxHandlers, queueMessage } from './outbox.service.ts';

/** The outbox and the jobs behind it, against a real SMTP server started by the test. */
const ctx = setupTestApp();

interface Received {
  to: string[];
  raw: string;
}
let received: Received[] = [];
let smtp: SMTPServer;
let port: number;
let retailerId: string;

/** A local SMTP server that keeps what it is sent; `refuse` makes it answer 550 to every recipient. */
function startSmtp(opts: { refuse?: boolean } = {}) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (opts.refuse) return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  return new Promise<SMTPServer>((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const header = (raw: string, name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1]?.trim();

async function customer(opts: { email?: string; consent?: { purpose: 'service' | 'marketing'; granted: boolean }[] } = {}) {
  const id = newId('customer');
  await ctx.deps.db
    .insertInto('customers')
    .values({
      retailer_id: retailerId,
      id,
      first_name: 'Adaeze',
      last_name: 'Okafor',
      phones: JSON.stringify([]),
      emails: JSON.stringify(opts.email === undefined ? [{ label: 'home', address: `${id}@example.com` }] : []),
      household: JSON.stringify([]),
      dates: JSON.stringify([]),
    })
    .execute();
  for (const c of opts.consent ?? [])
    await ctx.deps.db
      .insertInto('customer_consents')
      .values({
        retailer_id: retailerId,
        id: newId('consent'),
        customer_id: id,
        channel: 'email',
        purpose: c.purpose,
        granted: c.granted,
        source: 'in store',
      })
      .execute();
  return id;
}

const handlers = () => outboxHandlers(smtpMailer(`smtp://127.0.0.1:${port}`), 'hello@bloom.example');
const queue = (customerId: string, key: string, purpose: 'service' | 'marketing' = 'marketing') =>
  queueMessage(ctx.deps.db, ctx.deps.now(), {
    retailerId,
    key,
    channel: 'email',
    purpose,
    customerId,
    subject: 'Thank you for coming in',
    text: 'The ranunculus will keep opening for days.',
  });
const message = (id: string) =>
  ctx.deps.db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('retailer_id', '=', retailerId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  smtp = await startSmtp();
  port = (smtp.server.address() as AddressInfo).port;
  retailerId = (await buildRetailer(ctx.deps.db, { name: 'Bloom & Stem' })).id;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

beforeEach(async () => {
  received = [];
  ctx.deps.now = () => new Date();
  // Each test starts with no jobs waiting.
  await ctx.deps.db.deleteFrom('jobs').execute();
});

describe('the outbox', () => {
  it('sends a consented message once, from the retailer, with its own Message-ID', async () => {
    const c = await customer({ consent: [{ purpose: 'marketing', granted: true }] });
    const q = await ctx.deps.db.transaction().execute((trx) =>
      queueMessage(trx, ctx.deps.now(), {
        retailerId,
        key: `thanks:${c}`,
        channel: 'email',
        purpose: 'marketing',
        customerId: c,
        subject: 'Thank you for coming in',
        text: 'The ranunculus will keep opening for days.',
      }),
    );
    expect(q).toMatchObject({ status: 'queued', reason: null });
    expect(await runDueJobs(ctx.deps, handlers())).toMatchObject({ claimed: 1, done: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual([`${c}@example.com`]);
    expect(header(received[0]?.raw ?? '', 'Subject')).toBe('Thank you for coming in');
    expect(header(received[0]?.raw ?? '', 'From')).toBe('"Bloom & Stem" <hello@bloom.example>');
    expect(header(received[0]?.raw ?? '', 'Message-ID')).toBe(`<${q.id}@bloom.example>`);
    expect(await message(q.id)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    // Nothing is sent twice: running again finds nothing due, and queueing the same key again is the same message.
    expect(await runDueJobs(ctx.deps, handlers())).toMatchObject({ claimed: 0 });
    expect((await queue(c, `thanks:${c}`)).id).toBe(q.id);
    expect(received).toHaveLength(1);
  });

  it('keeps a message without consent as suppressed, says why, and sends nothing', async () => {
    const none = await customer();
    const refused = await customer({ consent: [{ purpose: 'marketing', granted: false }] });
    const serviceOnly = await customer({ consent: [{ purpose: 'service', granted: true }] });
    const noAddress = await customer({ email: '', consent: [{ purpose: 'marketing', granted: true }] });
    for (const c of [none, refused, serviceOnly])
      expect(await queue(c, `offer:${c}`)).toMatchObject({
        status: 'suppressed',
        reason: 'No consent in force for marketing messages by e-mail.',
      });
    expect(await queue(noAddress, `offer:${noAddress}`)).toMatchObject({
      status: 'suppressed',
      reason: 'The customer has given no e-mail address.',
    });
    expect(await queue(serviceOnly, `receipt:${serviceOnly}`, 'service')).toMatchObject({ status: 'queued' });
    await runDueJobs(ctx.deps, handlers());
    expect(received.map((r) => r.to[0])).toEqual([`${serviceOnly}@example.com`]);
  });

  it('caps how often one customer is contacted, but not service messages', async () => {
    const c = await customer({
      consent: [
        { purpose: 'marketing', granted: true },
        { purpose: 'service', granted: true },
      ],
    });
    expect((await queue(c, `a:${c}`)).status).toBe('queued');
    expect((await queue(c, `b:${c}`)).status).toBe('queued');
    expect(await queue(c, `c:${c}`)).toMatchObject({
      status: 'suppressed',
      reason: 'Already contacted 2 times in the last 7 days (the limit is 2).',
    });
    expect((await queue(c, `receipt:${c}`, 'service')).status).toBe('queued');
    // A week later the customer may be contacted again.
    ctx.deps.now = () => new Date(Date.now() + 8 * 86_400_000);
    expect((await queue(c, `d:${c}`)).status).toBe('queued');
  });

  it('while the SMTP server is down, waits and tries again; nothing is lost or sent twice', async () => {
    const c = await customer({ consent: [{ purpose: 'service', granted: true }] });
    const q = await queue(c, `order:${c}`, 'service');
    const down = outboxHandlers(smtpMailer('smtp://127.0.0.1:1'), 'hello@bloom.example');
    expect(await runDueJobs(ctx.deps, down)).toMatchObject({ claimed: 1, retried: 1 });
    const waiting = await message(q.id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
    expect(waiting.last_error).toMatch(/ECONNREFUSED|connect/i);
    // Not due again yet.
    expect(await runDueJobs(ctx.deps, handlers())).toMatchObject({ claimed: 0 });
    ctx.deps.now = () => new Date(Date.now() + 10 * 60_000);
    expect(await runDueJobs(ctx.deps, handlers())).toMatchObject({ claimed: 1, done: 1 });
    expect(await runDueJobs(ctx.deps, handlers())).toMatchObject({ claimed: 0 });
    expect(received.filter((r) => r.to[0] === `${c}@example.com`)).toHaveLength(1);
    expect(await message(q.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('fails a message the server refuses for good, with its words, and does not retry it', async () => {
    const refusing = await startSmtp({ refuse: true });
    try {
      const c = await customer({ consent: [{ purpose: 'service', granted: true }] });
      const q = await queue(c, `order:${c}`, 'service');
      const port = (refusing.server.address() as AddressInfo).port;
      const result = await runDueJobs(ctx.deps, outboxHandlers(smtpMailer(`smtp://127.0.0.1:${port}`), 'hello@bloom.example'));
      expect(result).toMatchObject({ claimed: 1, failed: 1 });
      const failed = await message(q.id);
      expect(failed.status).toBe('failed');
      expect(failed.last_error).toMatch(/No such mailbox/);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});

describe('jobs', () => {
  it('runs each job once even when two runners claim at the same time', async () => {
    const seen: string[] = [];
    const count = { count: async (_deps: unknown, job: { id: string }) => void seen.push(job.id) };
    const ids = [];
    for (let i = 0; i < 30; i++) ids.push(await enqueueJob(ctx.deps.db, { retailerId, kind: 'count', payload: {} }));
    await Promise.all([runDueJobs(ctx.deps, count, { limit: 10 }), runDueJobs(ctx.deps, count, { limit: 10 })]);
    await runDueJobs(ctx.deps, count, { limit: 50 });
    expect(seen.sort()).toEqual(ids.sort());
  });

  it('retries with growing waits until the attempts are used up, fails at once on a permanent error, and leaves kinds it does not handle', async () => {
    const failing = {
      flaky: async () => {
        throw new Error('try later');
      },
      broken: async () => {
        throw new PermanentJobError('cannot ever work');
      },
    };
    const flaky = await enqueueJob(ctx.deps.db, { retailerId, kind: 'flaky', payload: {}, maxAttempts: 3 });
    const broken = await enqueueJob(ctx.deps.db, { retailerId, kind: 'broken', payload: {} });
    const unknown = await enqueueJob(ctx.deps.db, { retailerId, kind: 'nobody-handles-this', payload: {} });
    const job = (id: string) => ctx.deps.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(await runDueJobs(ctx.deps, failing)).toMatchObject({ claimed: 2, retried: 1, failed: 1 });
    expect(await job(broken)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'cannot ever work' });
    // A kind this runner has no handler for waits for one that has.
    expect(await job(unknown)).toMatchObject({ status: 'queued', attempts: 0 });
    for (let hours = 1; hours <= 3; hours++) {
      ctx.deps.now = () => new Date(Date.now() + hours * 3_600_000);
      await runDueJobs(ctx.deps, failing);
    }
    expect(await job(flaky)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'try later' });
  });

  it('takes up a job again when the runner that claimed it died', async () => {
    const seen: string[] = [];
    const id = await enqueueJob(ctx.deps.db, { retailerId, kind: 'count', payload: {} });
    await ctx.deps.db
      .updateTable('jobs')
      .set({ status: 'running', attempts: 1, locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    await runDueJobs(ctx.deps, { count: async (_d, j) => void seen.push(j.id) });
    expect(seen).toEqual([id]);
  });

  it('waits 30 seconds, then twice as long each time, at most an hour', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 8, 20].map((a) => retryDelayMs(a, mid))).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000]);
    expect(retryDelayMs(1, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, () => 1)).toBe(36_000);
  });
});
