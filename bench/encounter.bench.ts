import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/server/config.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { AuditContext } from '../src/server/modules/audit/audit.repo.ts';
import { systemPrincipal } from '../src/server/modules/auth/principal.ts';
import { closeEncounter } from '../src/server/modules/encounters/closing.service.ts';
import { getEncounter, markStep, startEncounter } from '../src/server/modules/encounters/encounters.service.ts';
import { runDueJobs } from '../src/server/modules/jobs/jobs.ts';
import { smtpMailer } from '../src/server/modules/outbox/mailer.ts';
import { outboxHandlers, queueMessage } from '../src/server/modules/outbox/outbox.service.ts';
import { newId } from '../src/shared/ids.ts';
import { timeIt } from './catalog-data.ts';
import { benchFlorist } from './florist-data.ts';
import { report, scratchDatabase } from './load.ts';

/**
 * BENCH encounter: p50/p95 of recording a roadmap step and of closing a visit with a 10-line sale
 * (stock, the customer's figures, the audit), and of reading a closed visit's whole record, beside a
 * primary-key read of a visit (`ceiling`) in the same run; and the outbox's messages per second
 * to a local SMTP server. Targets: step p95 ≤ 10 ms, close p95 ≤ 40 ms. PGlite always; PostgreSQL
 * too when DATABASE_URL is set.
 */
export async function run({ quick }: { quick: boolean }) {
  await measure('pglite', quick);
  const url = loadConfig().databaseUrl;
  if (url) await measure('postgres', quick, url);
}

async function measure(engine: string, quick: boolean, serverUrl?: string) {
  const { database, drop } = await scratchDatabase('encounter', serverUrl);
  const received = { count: 0 };
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received.count++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  try {
    const db = database.db;
    await migrate(db);
    const { retailer, store, variants, customerId } = await benchFlorist(db, {
      products: 10,
      stock: 100_000,
      customer: { emails: JSON.stringify([{ label: 'home', address: 'adaeze@example.com' }]) },
    });
    const rounds = quick ? 60 : 300;
    const warmUp = 20;
    await db
      .insertInto('customer_consents')
      .values({
        retailer_id: retailer.id,
        id: newId('consent'),
        customer_id: customerId,
        channel: 'email',
        purpose: 'service',
        granted: true,
        source: 'bench',
      })
      .execute();
    const actor = systemPrincipal(retailer.id);
    const deps = { db, config: loadConfig({}), now: () => new Date() };
    const audit: AuditContext = { retailerId: retailer.id, actorType: 'system', actorId: null, requestId: null, ip: null };
    const visits: string[] = [];
    for (let i = 0; i < rounds + warmUp; i++)
      visits.push(await startEncounter(deps, actor, audit, { clientId: `bench-visit-${i}`, storeId: store.id, customerId }));
    const at = (i: number) => visits[i >= 100_000 ? i - 100_000 : i + warmUp] as string;
    const ceiling = await timeIt(
      rounds,
      (i) =>
        db.selectFrom('encounters').selectAll().where('retailer_id', '=', retailer.id).where('id', '=', at(i)).executeTakeFirstOrThrow(),
      warmUp,
    );
    const step = await timeIt(
      rounds,
      (i) => markStep(deps, actor, at(i), { clientId: `bench-greet-${i}`, key: 'greet', status: 'done' }),
      warmUp,
    );
    const close = await timeIt(
      rounds,
      (i) =>
        closeEncounter(deps, actor, audit, at(i), {
          outcome: 'sale',
          lines: variants.map((variantId, n) => ({ variantId, quantity: 1 + (n % 3) })),
        }),
      warmUp,
    );
    // The whole record of a closed visit, as the visit screen and the back office read it.
    const record = await timeIt(rounds, (i) => getEncounter(deps, actor, at(i)), warmUp);
    // The outbox: queue messages, then send them all to the local SMTP server.
    const messages = quick ? 100 : 1000;
    for (let i = 0; i < messages; i++)
      await queueMessage(db, deps.now(), {
        retailerId: retailer.id,
        key: `bench-receipt-${i}`,
        channel: 'email',
        purpose: 'service',
        customerId,
        subject: 'Your receipt',
        text: 'Thank you for coming in.',
      });
    const mailer = smtpMailer(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?pool=true`);
    const handlers = outboxHandlers(mailer, 'receipts@bench.example');
    const started = performance.now();
    while ((await runDueJobs(deps, handlers, { limit: 50 })).claimed > 0);
    const seconds = (performance.now() - started) / 1000;
    mailer.close();
    if (received.count !== messages) throw new Error(`The SMTP server received ${received.count} of ${messages} messages.`);
    report('encounter', {
      engine,
      visits: rounds,
      step_p50_ms: step.p50,
      step_p95_ms: step.p95,
      close_p50_ms: close.p50,
      close_p95_ms: close.p95,
      record_p50_ms: record.p50,
      record_p95_ms: record.p95,
      sale_lines: variants.length,
      ceiling_p50_ms: ceiling.p50,
      ceiling_p95_ms: ceiling.p95,
      outbox_messages: messages,
      outbox_per_s: messages / seconds,
      target_step_p95_ms: 10,
      target_close_p95_ms: 40,
    });
  } finally {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await drop();
  }
}
