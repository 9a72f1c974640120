import type { Kysely } from 'kysely';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { currentConsents } from '../customers/customers.repo.ts';
import { enqueueJob, type JobHandlers, PermanentJobError } from '../jobs/jobs.ts';
import { isPermanentSmtpError, type Mailer } from './mailer.ts';

export const SEND_JOB = 'outbox.send';

export interface MessageInput {
  retailerId: string;
  /** The caller's key for it ("follow-up:fu_…"): queueing the same message twice queues it once. */
  key: string;
  channel: 'email';
  /** Service messages (a receipt, an order's progress) or marketing (news, offers, a check-in). */
  purpose: 'service' | 'marketing';
  /** The customer it is for; their address is used unless `to` is given. */
  customerId: string;
  to?: string | undefined;
  subject: string;
  text: string;
  /** Send it no earlier than this (a follow-up due tomorrow). */
  sendAt?: Date | undefined;
}

export interface Queued {
  id: string;
  status: 'queued' | 'sent' | 'suppressed' | 'failed';
  reason: string | null;
}

const goneFromFile = (customer: { erased_at: Date | null } | undefined) =>
  !customer || customer.erased_at ? 'The customer is no longer on file.' : null;

/** Why the customer's consent does not let a message go on this channel for this purpose now, or null when it does. */
async function consentMissing(
  db: Kysely<DB>,
  retailerId: string,
  customerId: string,
  channel: MessageInput['channel'],
  purpose: MessageInput['purpose'],
): Promise<string | null> {
  const consent = (await currentConsents(db, retailerId, customerId)).find((c) => c.channel === channel && c.purpose === purpose);
  return consent?.granted ? null : `No consent in force for ${purpose} messages by e-mail.`;
}

/**
 * Writes a message to the outbox inside the caller's transaction, so it exists only if what
 * caused it commits, and decides there whether it may go: only with the customer's consent in
 * force for the channel and purpose, to an address they gave, and — for anything but service
 * messages — within the retailer's contact cap. A message that may not go is kept as suppressed
 * with the reason, so the record says why nothing was sent.
 */
export async function queueMessage(db: Kysely<DB>, now: Date, input: MessageInput): Promise<Queued> {
  const existing = await db
    .selectFrom('outbox_messages')
    .select(['id', 'status', 'reason'])
    .where('retailer_id', '=', input.retailerId)
    .where('message_key', '=', input.key)
    .executeTakeFirst();
  if (existing) return existing;
  const customer = await db
    .selectFrom('customers')
    .select(['emails', 'erased_at'])
    .where('retailer_id', '=', input.retailerId)
    .where('id', '=', input.customerId)
    .executeTakeFirst();
  const retailer = await db
    .selectFrom('retailers')
    .select(['contact_cap_messages', 'contact_cap_days'])
    .where('id', '=', input.retailerId)
    .executeTakeFirstOrThrow();
  const to = input.to ?? customer?.emails[0]?.address ?? '';
  let reason =
    goneFromFile(customer) ??
    (to
      ? await consentMissing(db, input.retailerId, input.customerId, input.channel, input.purpose)
      : 'The customer has given no e-mail address.');
  if (!reason && input.purpose !== 'service') {
    const since = new Date(now.getTime() - retailer.contact_cap_days * 86_400_000);
    const recent = await db
      .selectFrom('outbox_messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('retailer_id', '=', input.retailerId)
      .where('customer_id', '=', input.customerId)
      .where('purpose', '<>', 'service')
      .where('status', 'in', ['queued', 'sent'])
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= retailer.contact_cap_messages)
      reason = `Already contacted ${recent.n} ${Number(recent.n) === 1 ? 'time' : 'times'} in the last ${retailer.contact_cap_days} days (the limit is ${retailer.contact_cap_messages}).`;
  }
  const id = newId('message');
  const jobId = reason
    ? null
    : await enqueueJob(db, {
        retailerId: input.retailerId,
        kind: SEND_JOB,
        payload: { messageId: id },
        maxAttempts: 10,
        runAt: input.sendAt,
      });
  await db
    .insertInto('outbox_messages')
    .values({
      retailer_id: input.retailerId,
      id,
      message_key: input.key,
      channel: input.channel,
      purpose: input.purpose,
      customer_id: input.customerId,
      to_address: to,
      subject: input.subject,
      body_text: input.text,
      status: reason ? 'suppressed' : 'queued',
      reason,
      job_id: jobId,
      created_at: now,
    })
    .execute();
  return { id, status: reason ? 'suppressed' : 'queued', reason };
}

/**
 * Why a queued message may no longer go when its time comes, or null: the customer was erased,
 * withdrew consent for its channel and purpose, or the follow-up it belongs to was closed first.
 */
async function refusalAtSend(
  db: Kysely<DB>,
  retailerId: string,
  m: { id: string; customer_id: string | null; channel: MessageInput['channel']; purpose: MessageInput['purpose'] },
): Promise<string | null> {
  const customer = m.customer_id
    ? await db
        .selectFrom('customers')
        .select('erased_at')
        .where('retailer_id', '=', retailerId)
        .where('id', '=', m.customer_id)
        .executeTakeFirst()
    : undefined;
  const gone = goneFromFile(customer);
  if (gone || !m.customer_id) return gone;
  const consent = await consentMissing(db, retailerId, m.customer_id, m.channel, m.purpose);
  if (consent) return consent;
  const followUp = await db
    .selectFrom('follow_ups')
    .select('status')
    .where('retailer_id', '=', retailerId)
    .where('message_id', '=', m.id)
    .executeTakeFirst();
  if (followUp && followUp.status !== 'open')
    return `The follow-up was ${followUp.status === 'done' ? 'done' : 'cancelled'} before this message was due.`;
  return null;
}

/**
 * The job that sends one queued message. Consent, erasure and the follow-up it belongs to are
 * checked again as the message is claimed, in the same transaction, so one withdrawn or closed
 * since it was queued is suppressed with the reason. A message already sent is not sent again; without an
 * SMTP server configured, or while it is down, the job waits and tries again; a final refusal
 * (5xx) fails the message with the server's words. The message id travels as the Message-ID, so
 * should the process stop between the server accepting the mail and the outbox recording it, the
 * repeat carries the same id.
 */
export function outboxHandlers(mailer: Mailer | null, from: string): JobHandlers {
  return {
    [SEND_JOB]: async (deps: Deps, job) => {
      const messageId = String(job.payload.messageId);
      const m = await deps.db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('outbox_messages as m')
          .innerJoin('retailers as r', 'r.id', 'm.retailer_id')
          .select(['m.id', 'm.status', 'm.customer_id', 'm.channel', 'm.purpose', 'm.to_address', 'm.subject', 'm.body_text'])
          .select('r.name as retailer_name')
          .where('m.retailer_id', '=', job.retailerId)
          .where('m.id', '=', messageId)
          .forUpdate(['m'])
          .executeTakeFirst();
        if (row?.status !== 'queued') return null;
        const reason = await refusalAtSend(trx, job.retailerId, row);
        if (!reason) return row;
        await trx
          .updateTable('outbox_messages')
          .set({ status: 'suppressed', reason, attempts: job.attempt })
          .where('retailer_id', '=', job.retailerId)
          .where('id', '=', messageId)
          .execute();
        return null;
      });
      if (!m) return;
      const mark = (values: { status?: 'sent' | 'failed'; sent_at?: Date; last_error?: string | null }) =>
        deps.db
          .updateTable('outbox_messages')
          .set({ ...values, attempts: job.attempt })
          .where('retailer_id', '=', job.retailerId)
          .where('id', '=', messageId)
          .execute();
      try {
        if (!mailer) throw new Error('No SMTP server is configured: set SMTP_URL.');
        await mailer.send({
          from: `"${m.retailer_name.replace(/["\\]/g, '')}" <${from}>`,
          to: m.to_address,
          subject: m.subject,
          text: m.body_text,
          messageId: `<${m.id}@${from.split('@')[1] ?? 'ones.local'}>`,
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (isPermanentSmtpError(err) || job.lastTry) {
          await mark({ status: 'failed', last_error: message });
          throw new PermanentJobError(message);
        }
        await mark({ last_error: message });
        throw err;
      }
      await mark({ status: 'sent', sent_at: deps.now(), last_error: null });
    },
  };
}
