import { type Kysely, sql } from 'kysely';
import { dayIn } from '../../../shared/dates.ts';
import { type FollowUpKind, proposeFollowUps } from '../../../shared/domain/follow-ups.ts';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { queueMessage } from '../outbox/outbox.service.ts';

async function visitOf(deps: Deps, actor: Principal, id: string) {
  const row = await deps.db
    .selectFrom('encounters as e')
    .innerJoin('stores as st', (j) => j.onRef('st.retailer_id', '=', 'e.retailer_id').onRef('st.id', '=', 'e.store_id'))
    .leftJoin('customers as c', (j) => j.onRef('c.retailer_id', '=', 'e.retailer_id').onRef('c.id', '=', 'e.customer_id'))
    .select(['e.id', 'e.store_id', 'e.customer_id', 'e.status', 'e.outcome', 'st.time_zone', 'c.first_name', 'c.preferred_name', 'c.dates'])
    .where('e.retailer_id', '=', actor.retailerId)
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!row || !(actor.allStores || actor.storeIds.includes(row.store_id))) throw notFound('Encounter');
  return row;
}

/** What closing the visit proposes to follow up, for the associate to confirm, change or drop. */
export async function followUpProposals(deps: Deps, actor: Principal, encounterId: string) {
  const v = await visitOf(deps, actor, encounterId);
  if (v.status !== 'closed' || !v.outcome)
    throw new AppError('conflict', 'Close the visit first: what to follow up depends on how it ended.');
  const [order, waiting] = await Promise.all([
    deps.db
      .selectFrom('special_orders')
      .select(['fulfilment', sql<string>`due_on::text`.as('due_on')])
      .where('retailer_id', '=', actor.retailerId)
      .where('encounter_id', '=', encounterId)
      .executeTakeFirst(),
    deps.db
      .selectFrom('lost_demand')
      .select(['variant_id', 'description'])
      .where('retailer_id', '=', actor.retailerId)
      .where('encounter_id', '=', encounterId)
      .where('outcome', 'in', ['lost', 'ordered'])
      .where('variant_id', 'is not', null)
      .execute(),
  ]);
  const seen = new Set<string>();
  return proposeFollowUps({
    today: dayIn(deps.now(), v.time_zone),
    customerName: v.customer_id ? (v.preferred_name ?? v.first_name) : null,
    outcome: v.outcome,
    order: order ? { fulfilment: order.fulfilment, dueOn: order.due_on } : null,
    waitingFor: waiting.flatMap((w) => {
      if (!w.variant_id || seen.has(w.variant_id)) return [];
      seen.add(w.variant_id);
      return [{ variantId: w.variant_id, description: w.description }];
    }),
    dates: (v.dates ?? []) as never,
  });
}

export interface FollowUpInput {
  clientId: string;
  kind: FollowUpKind;
  title: string;
  channel: 'email' | 'phone' | 'in-person';
  /** The day it is due where the store is (`YYYY-MM-DD`), due at 10:00 there; null for a back-in-stock call. */
  dueOn: string | null;
  assigneeId?: string | null | undefined;
  variantId?: string | null | undefined;
  /** An e-mail follow-up's message, sent through the outbox when it is due (with consent). */
  message?: { subject: string; text: string } | null | undefined;
}

/**
 * Keeps a follow-up of a visit for a person (the one asking by default), due at 10:00 on its day
 * where the store is; an e-mail one goes into the outbox to be sent then, under the outbox's
 * consent and contact rules. Once per clientId.
 */
export async function addFollowUp(deps: Deps, actor: Principal, audit: AuditContext, encounterId: string, input: FollowUpInput) {
  const v = await visitOf(deps, actor, encounterId);
  const existing = await deps.db
    .selectFrom('follow_ups')
    .select(['id', 'encounter_id'])
    .where('retailer_id', '=', actor.retailerId)
    .where('client_id', '=', input.clientId)
    .executeTakeFirst();
  if (existing) {
    if (existing.encounter_id !== encounterId) throw invalidField('clientId', 'This clientId was already used in another visit.');
    return existing.id;
  }
  if (input.dueOn === null && input.kind !== 'back-in-stock') throw invalidField('dueOn', 'Say when it is due.');
  if (input.kind === 'back-in-stock' && !input.variantId) throw invalidField('variantId', 'Say which item it waits for.');
  if (input.channel === 'email' && !input.message) throw invalidField('message', 'An e-mail follow-up needs its message.');
  if (input.message && !v.customer_id) throw invalidField('message', 'Only a known customer can be sent a message.');
  const assignee = input.assigneeId ?? (actor.kind === 'staff' ? actor.staffId : null);
  if (assignee) {
    const s = await deps.db
      .selectFrom('staff')
      .select('id')
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', assignee)
      .executeTakeFirst();
    if (!s) throw invalidField('assigneeId', 'There is no such colleague.');
  }
  const dueAt = input.dueOn
    ? ((await sql<{ at: Date }>`select ((${input.dueOn}::date + time '10:00') at time zone ${v.time_zone}) as at`.execute(deps.db)).rows[0]
        ?.at ?? null)
    : null;
  const id = newId('followUp');
  await deps.db.transaction().execute(async (trx) => {
    const message =
      input.message && v.customer_id
        ? await queueMessage(trx, deps.now(), {
            retailerId: actor.retailerId,
            key: `follow-up:${id}`,
            channel: 'email',
            purpose: 'marketing',
            customerId: v.customer_id,
            subject: input.message.subject,
            text: input.message.text,
            sendAt: dueAt ?? undefined,
          })
        : null;
    await trx
      .insertInto('follow_ups')
      .values({
        retailer_id: actor.retailerId,
        id,
        client_id: input.clientId,
        store_id: v.store_id,
        encounter_id: encounterId,
        customer_id: v.customer_id,
        kind: input.kind,
        channel: input.channel,
        title: input.title.trim(),
        assignee_id: assignee,
        due_at: dueAt,
        variant_id: input.variantId ?? null,
        message_id: message?.id ?? null,
        created_by: audit.actorId,
        created_at: deps.now(),
      })
      .execute();
  });
  return id;
}

/** A delivery arrived: the back-in-stock calls waiting for its item in its store fall due now. */
export async function wakeBackInStock(db: Kysely<DB>, retailerId: string, storeId: string, variantId: string, now: Date) {
  await db
    .updateTable('follow_ups')
    .set({ due_at: now })
    .where('retailer_id', '=', retailerId)
    .where('store_id', '=', storeId)
    .where('variant_id', '=', variantId)
    .where('kind', '=', 'back-in-stock')
    .where('status', '=', 'open')
    .where('due_at', 'is', null)
    .execute();
}

/** Open follow-ups — the asker's own, or a store's — due soonest first, waiting ones last. */
export async function listFollowUps(deps: Deps, actor: Principal, query: { storeId?: string | undefined }) {
  const rows = await deps.db
    .selectFrom('follow_ups as f')
    .leftJoin('customers as c', (j) => j.onRef('c.retailer_id', '=', 'f.retailer_id').onRef('c.id', '=', 'f.customer_id'))
    .leftJoin('outbox_messages as m', (j) => j.onRef('m.retailer_id', '=', 'f.retailer_id').onRef('m.id', '=', 'f.message_id'))
    .leftJoin('staff as s', (j) => j.onRef('s.retailer_id', '=', 'f.retailer_id').onRef('s.id', '=', 'f.assignee_id'))
    .select(['f.id', 'f.kind', 'f.channel', 'f.title', 'f.due_at', 'f.encounter_id', 'f.customer_id', 'f.assignee_id', 'f.store_id'])
    .select(['c.first_name', 'c.last_name', 's.name as assignee_name', 'm.status as message_status', 'm.reason as message_reason'])
    .where('f.retailer_id', '=', actor.retailerId)
    .where('f.status', '=', 'open')
    .$if(!actor.allStores, (q) => q.where('f.store_id', 'in', actor.storeIds.length ? actor.storeIds : ['']))
    .$if(query.storeId !== undefined, (q) => q.where('f.store_id', '=', query.storeId as string))
    .$if(query.storeId === undefined, (q) => q.where('f.assignee_id', '=', actor.kind === 'staff' ? actor.staffId : ''))
    .orderBy(sql`f.due_at asc nulls last`)
    .orderBy('f.id')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    title: r.title,
    dueAt: r.due_at?.toISOString() ?? null,
    encounterId: r.encounter_id,
    customer: r.customer_id ? { id: r.customer_id, name: [r.first_name, r.last_name].filter(Boolean).join(' ') } : null,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    message: r.message_status ? { status: r.message_status, reason: r.message_reason } : null,
  }));
}

/** Done: what came of it is kept, and shows on the customer's timeline. */
export async function completeFollowUp(deps: Deps, actor: Principal, audit: AuditContext, id: string, outcome: string) {
  const text = outcome.trim();
  if (!text) throw invalidField('outcome', 'Say what came of it.');
  await closeFollowUp(deps, actor, audit, id, 'done', text);
}

/** Not needed any more (the customer came in, or asked not to be called): closed with the reason, and a queued e-mail is not sent. */
export async function cancelFollowUp(deps: Deps, actor: Principal, audit: AuditContext, id: string, reason: string) {
  const text = reason.trim();
  if (!text) throw invalidField('reason', 'Say why it is no longer needed.');
  await closeFollowUp(deps, actor, audit, id, 'cancelled', text);
}

/** Closes an open follow-up once, its row locked so two devices cannot both close it; the words go on the timeline. */
async function closeFollowUp(deps: Deps, actor: Principal, audit: AuditContext, id: string, how: 'done' | 'cancelled', text: string) {
  await deps.db.transaction().execute(async (trx) => {
    const f = await trx
      .selectFrom('follow_ups')
      .select(['id', 'store_id', 'customer_id', 'status', 'title', 'kind'])
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!f || !(actor.allStores || actor.storeIds.includes(f.store_id))) throw notFound('Follow-up');
    if (f.status !== 'open') throw new AppError('conflict', `This follow-up is ${f.status} already.`);
    await trx
      .updateTable('follow_ups')
      .set({ status: how, outcome: text, done_at: deps.now(), done_by: actor.kind === 'staff' ? actor.staffId : null })
      .where('retailer_id', '=', actor.retailerId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, audit, {
      action: `follow-up.${how}`,
      subjectType: f.customer_id ? 'customer' : 'follow_up',
      subjectId: f.customer_id ?? id,
      storeId: f.store_id,
      details: { followUpId: id, kind: f.kind, title: f.title, [how === 'done' ? 'outcome' : 'reason']: text },
    });
  });
}
