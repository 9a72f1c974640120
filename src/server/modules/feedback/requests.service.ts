import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { renderSVG } from 'uqr';
import { dayIn } from '../../../shared/dates.ts';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Principal } from '../auth/principal.ts';
import { queueMessage } from '../outbox/outbox.service.ts';
import { saleReceipt } from '../sales/receipt.ts';

const DAY = 86_400_000;

/** A new link token: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of a token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The customer's page for a token. */
export function feedbackUrl(deps: Deps, retailerSlug: string, token: string): string {
  return `${deps.config.publicUrl}/f/${encodeURIComponent(retailerSlug)}/${token}`;
}

export interface RequestFeedbackInput {
  retailerId: string;
  encounterId: string;
  storeId: string;
  customerId: string | null;
  leadStaffId: string | null;
  /** The visit's sale, when the customer asked for its receipt by e-mail. */
  receiptSaleId?: string | null;
}

/**
 * Asks for feedback on a closed visit, inside the closing transaction: a request tied to the visit,
 * its store and who served (the lead, then the assists), working for the retailer's link days.
 * A customer asked within the retailer's limit days, or erased, is not asked again. A receipt the
 * customer asked for goes by e-mail at once, as a service message, carrying the feedback link; else
 * a known customer is sent an e-mail asking for feedback through the outbox, after the retailer's
 * delay, under its consent and contact rules. A link is made to work only in a message really going.
 */
export async function requestFeedback(trx: Kysely<DB>, deps: Deps, input: RequestFeedbackInput): Promise<{ requestId: string } | null> {
  const now = deps.now();
  const retailer = await trx
    .selectFrom('retailers')
    .select(['name', 'slug', 'feedback_delay_minutes', 'feedback_limit_days', 'feedback_link_days'])
    .where('id', '=', input.retailerId)
    .executeTakeFirstOrThrow();
  const customer = input.customerId
    ? await trx
        .selectFrom('customers')
        .select(['id', 'first_name', 'preferred_name', 'emails', 'erased_at'])
        .where('retailer_id', '=', input.retailerId)
        .where('id', '=', input.customerId)
        .executeTakeFirst()
    : undefined;
  if (customer?.erased_at) return null;
  const askedLately =
    customer && retailer.feedback_limit_days > 0
      ? await trx
          .selectFrom('feedback_requests')
          .select('id')
          .where('retailer_id', '=', input.retailerId)
          .where('customer_id', '=', customer.id)
          .where('created_at', '>', new Date(now.getTime() - retailer.feedback_limit_days * DAY))
          .limit(1)
          .executeTakeFirst()
      : undefined;
  const request = askedLately
    ? null
    : await newRequest(trx, now, { ...input, customerId: customer?.id ?? null }, retailer.feedback_link_days);
  const linkIn = async (message: { id: string; status: string }, channel: 'email' | 'receipt', token: string) => {
    // A suppressed message never reaches anyone, so its token is never made to work.
    if (!request || message.status !== 'queued') return false;
    await trx
      .insertInto('feedback_links')
      .values({
        token_hash: hashToken(token),
        retailer_id: input.retailerId,
        request_id: request.id,
        channel,
        created_at: now,
        message_id: message.id,
      })
      .execute();
    return true;
  };
  if (!customer) return request && { requestId: request.id };
  const name = customer.preferred_name ?? customer.first_name;
  const token = newToken();
  const until = request?.expiresAt.toISOString().slice(0, 10);
  if (input.receiptSaleId) {
    const receipt = await saleReceipt(trx, input.retailerId, input.receiptSaleId);
    const message = await queueMessage(trx, now, {
      retailerId: input.retailerId,
      key: `receipt:${input.receiptSaleId}`,
      channel: 'email',
      purpose: 'service',
      customerId: customer.id,
      subject: `Your receipt from ${retailer.name}`,
      text: [
        `Dear ${name},`,
        '',
        `Thank you for your visit. Here is your receipt.`,
        '',
        ...receipt,
        ...(request
          ? [
              '',
              `How was your visit? Tell us in twenty seconds — every question is optional, and you can change your answers until ${until}:`,
              feedbackUrl(deps, retailer.slug, token),
            ]
          : []),
        '',
        retailer.name,
      ].join('\n'),
    });
    if (await linkIn(message, 'receipt', token)) return request && { requestId: request.id };
  }
  if (!request) return null;
  const message = await queueMessage(trx, now, {
    retailerId: input.retailerId,
    key: `feedback:${request.id}`,
    channel: 'email',
    purpose: 'marketing',
    customerId: customer.id,
    subject: `How was your visit to ${retailer.name}?`,
    text: [
      `Dear ${name},`,
      '',
      `Thank you for visiting ${retailer.name}. Would you tell us how it went? It takes twenty seconds, every question is optional, and you can come back to change your answers until ${until}.`,
      '',
      feedbackUrl(deps, retailer.slug, token),
      '',
      `${retailer.name}`,
    ].join('\n'),
    sendAt: new Date(now.getTime() + retailer.feedback_delay_minutes * 60_000),
  });
  await linkIn(message, 'email', token);
  return { requestId: request.id };
}

/** The request itself: the visit, its store and who served it (the lead, then the assists). */
async function newRequest(trx: Kysely<DB>, now: Date, input: RequestFeedbackInput, linkDays: number) {
  const helpers = await trx
    .selectFrom('encounter_staff')
    .select(['staff_id', 'role'])
    .where('retailer_id', '=', input.retailerId)
    .where('encounter_id', '=', input.encounterId)
    .orderBy('joined_at')
    .orderBy('id')
    .execute();
  const lead = input.leadStaffId ?? helpers.find((h) => h.role === 'lead')?.staff_id ?? null;
  const staffIds = [...new Set([...(lead ? [lead] : []), ...helpers.filter((h) => h.role === 'assist').map((h) => h.staff_id)])];
  const id = newId('feedbackRequest', now.getTime());
  const expiresAt = new Date(now.getTime() + linkDays * DAY);
  await trx
    .insertInto('feedback_requests')
    .values({
      retailer_id: input.retailerId,
      id,
      encounter_id: input.encounterId,
      store_id: input.storeId,
      customer_id: input.customerId,
      staff_ids: staffIds,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { id, expiresAt };
}

/** Why a closed visit has no request, in words for the associate. */
async function whyNoRequest(deps: Deps, retailerId: string, customerId: string | null, timeZone: string): Promise<string> {
  if (!customerId) return 'No feedback was requested for this visit.';
  const [customer, latest, retailer] = await Promise.all([
    deps.db
      .selectFrom('customers')
      .select('erased_at')
      .where('retailer_id', '=', retailerId)
      .where('id', '=', customerId)
      .executeTakeFirst(),
    deps.db
      .selectFrom('feedback_requests')
      .select('created_at')
      .where('retailer_id', '=', retailerId)
      .where('customer_id', '=', customerId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    deps.db.selectFrom('retailers').select('feedback_limit_days').where('id', '=', retailerId).executeTakeFirstOrThrow(),
  ]);
  if (!customer || customer.erased_at) return 'The customer’s details were erased: they are not asked for feedback.';
  if (latest) {
    const next = new Date(latest.created_at.getTime() + retailer.feedback_limit_days * DAY);
    return `Asked for feedback on ${dayIn(latest.created_at, timeZone)} already: the next request can go after ${dayIn(next, timeZone)}.`;
  }
  return 'No feedback was requested for this visit.';
}

/**
 * A QR code for the customer to scan before leaving: a new link to the closed visit's request,
 * replacing any QR link shown before (so a code left on a tablet stops working).
 */
export async function issueQrLink(deps: Deps, actor: Principal, encounterId: string) {
  const visit = await deps.db
    .selectFrom('encounters as e')
    .innerJoin('stores as st', (j) => j.onRef('st.retailer_id', '=', 'e.retailer_id').onRef('st.id', '=', 'e.store_id'))
    .innerJoin('retailers as r', 'r.id', 'e.retailer_id')
    .leftJoin('feedback_requests as q', (j) => j.onRef('q.retailer_id', '=', 'e.retailer_id').onRef('q.encounter_id', '=', 'e.id'))
    .select(['e.id', 'e.store_id', 'e.customer_id', 'e.status', 'st.time_zone', 'r.slug', 'q.id as request_id', 'q.expires_at'])
    .where('e.retailer_id', '=', actor.retailerId)
    .where('e.id', '=', encounterId)
    .executeTakeFirst();
  if (!visit || !(actor.allStores || actor.storeIds.includes(visit.store_id))) throw notFound('Encounter');
  if (visit.status !== 'closed') throw new AppError('conflict', 'Close the visit first: feedback is asked for a visit that has ended.');
  if (!visit.request_id || !visit.expires_at)
    throw new AppError('not_found', await whyNoRequest(deps, actor.retailerId, visit.customer_id, visit.time_zone));
  const now = deps.now();
  if (visit.expires_at <= now) throw new AppError('conflict', 'The time to give feedback on this visit has passed.');
  const token = newToken();
  const requestId = visit.request_id;
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('feedback_links')
      .set({ revoked_at: now })
      .where('retailer_id', '=', actor.retailerId)
      .where('request_id', '=', requestId)
      .where('channel', '=', 'qr')
      .where('revoked_at', 'is', null)
      .execute();
    await trx
      .insertInto('feedback_links')
      .values({ token_hash: hashToken(token), retailer_id: actor.retailerId, request_id: requestId, channel: 'qr', created_at: now })
      .execute();
  });
  const url = feedbackUrl(deps, visit.slug, token);
  return { url, expiresAt: visit.expires_at.toISOString(), svg: renderSVG(url, { border: 2 }) };
}
