import { type QueryCreator, type RawBuilder, sql } from 'kysely';
import { type Answers, COMMENT_MAX, EXPECTATIONS, type Expectations, poorSigns } from '../../../shared/domain/feedback.ts';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { invalidField } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import { hashToken } from './requests.service.ts';

const EMPTY: Answers = {
  satisfaction: null,
  expectations: null,
  listened: null,
  feltRushed: null,
  inStock: null,
  comment: null,
  mayContact: null,
};

/** What a link opens, once its token has been checked. */
export interface OpenLink {
  retailerId: string;
  retailerName: string;
  retailerSlug: string;
  locale: string;
  brandColour: string;
  watchWords: string[];
  requestId: string;
  encounterId: string;
  storeId: string;
  storeName: string;
  customerId: string | null;
  staffIds: string[];
  expiresAt: Date;
  firstOpenedAt: Date | null;
  /** The answers given so far, read with the link; `seen` is when they last changed, to the microsecond. */
  answered: { answers: Answers; poor: boolean; seen: string } | null;
}

export type LinkState = { state: 'open'; link: OpenLink } | { state: 'invalid' } | { state: 'expired'; retailerName: string | null };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Checks a token against the retailer named in the link: it works while its link is not revoked,
 * its request has not expired and its customer is not erased. Anything else — a guess, a typo, a
 * token of another retailer, a replaced QR code — is the same "invalid", so nothing is told about it.
 */
export async function resolveLink(deps: Deps, slug: string, token: string): Promise<LinkState> {
  if (!TOKEN_SHAPE.test(token)) return { state: 'invalid' };
  const row = await deps.db
    .selectFrom('feedback_links as l')
    .innerJoin('retailers as r', 'r.id', 'l.retailer_id')
    .innerJoin('feedback_requests as q', (j) => j.onRef('q.retailer_id', '=', 'l.retailer_id').onRef('q.id', '=', 'l.request_id'))
    .innerJoin('stores as st', (j) => j.onRef('st.retailer_id', '=', 'q.retailer_id').onRef('st.id', '=', 'q.store_id'))
    .leftJoin('customers as c', (j) => j.onRef('c.retailer_id', '=', 'q.retailer_id').onRef('c.id', '=', 'q.customer_id'))
    .select(['l.revoked_at', 'r.id as retailer_id', 'r.name as retailer_name', 'r.slug', 'r.locale', 'r.brand_colour'])
    .select(['r.feedback_watch_words', 'q.id as request_id', 'q.encounter_id', 'q.store_id', 'st.name as store_name'])
    .select(['q.customer_id', 'q.staff_ids', 'q.expires_at', 'q.first_opened_at', 'c.erased_at'])
    .leftJoin('feedback_responses as fr', (j) => j.onRef('fr.retailer_id', '=', 'q.retailer_id').onRef('fr.request_id', '=', 'q.id'))
    .select([
      'fr.satisfaction',
      'fr.expectations',
      'fr.listened',
      'fr.felt_rushed',
      'fr.in_stock',
      'fr.comment',
      'fr.may_contact',
      'fr.poor',
    ])
    .select(sql<string | null>`fr.updated_at::text`.as('answered_seen'))
    .where('l.token_hash', '=', hashToken(token))
    .where('r.slug', '=', slug)
    .executeTakeFirst();
  if (!row || row.revoked_at || row.erased_at) return { state: 'invalid' };
  if (row.expires_at <= deps.now()) return { state: 'expired', retailerName: row.retailer_name };
  return {
    state: 'open',
    link: {
      retailerId: row.retailer_id,
      retailerName: row.retailer_name,
      retailerSlug: row.slug,
      locale: row.locale,
      brandColour: row.brand_colour,
      watchWords: row.feedback_watch_words,
      requestId: row.request_id,
      encounterId: row.encounter_id,
      storeId: row.store_id,
      storeName: row.store_name,
      customerId: row.customer_id,
      staffIds: row.staff_ids,
      expiresAt: row.expires_at,
      firstOpenedAt: row.first_opened_at,
      answered:
        row.answered_seen === null
          ? null
          : {
              answers: {
                satisfaction: row.satisfaction,
                expectations: row.expectations,
                listened: row.listened,
                feltRushed: row.felt_rushed,
                inStock: row.in_stock,
                comment: row.comment,
                mayContact: row.may_contact,
              },
              poor: row.poor ?? false,
              seen: row.answered_seen,
            },
    },
  };
}

/** The page was opened: the first time is kept. */
export async function markOpened(deps: Deps, link: OpenLink): Promise<void> {
  if (link.firstOpenedAt) return;
  await deps.db
    .updateTable('feedback_requests')
    .set({ first_opened_at: deps.now() })
    .where('retailer_id', '=', link.retailerId)
    .where('id', '=', link.requestId)
    .where('first_opened_at', 'is', null)
    .execute();
}

/** The answers given so far on a request (all null before the first). */
export function answersOf(link: OpenLink): Answers {
  return link.answered ? { ...link.answered.answers } : { ...EMPTY };
}

/**
 * Checks answers as sent (JSON, or a form's strings when `fromForm`): only the fields present are
 * returned, so a partial answer changes only what it names. Each wrong value is refused naming its field.
 */
export function checkAnswers(body: unknown, fromForm = false): Partial<Answers> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidField('body', 'Send the answers as an object.');
  const input = body as Record<string, unknown>;
  const out: Partial<Answers> = {};
  const bool = (field: string, v: unknown): boolean | null => {
    if (v === null || v === '') return null;
    if (typeof v === 'boolean') return v;
    if (fromForm && (v === 'yes' || v === 'no')) return v === 'yes';
    throw invalidField(field, `${field} must be yes or no.`);
  };
  for (const key of Object.keys(input)) {
    const v = input[key];
    switch (key) {
      case 'satisfaction': {
        const n = fromForm && typeof v === 'string' && v !== '' ? Number(v) : v === '' ? null : v;
        if (n !== null && !(typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5))
          throw invalidField('satisfaction', 'satisfaction must be a whole number from 1 to 5.');
        out.satisfaction = n as number | null;
        break;
      }
      case 'expectations':
        if (v !== null && v !== '' && !EXPECTATIONS.includes(v as Expectations))
          throw invalidField('expectations', 'expectations must be not-met, met or exceeded.');
        out.expectations = v === '' ? null : (v as Expectations | null);
        break;
      case 'listened':
      case 'feltRushed':
      case 'inStock':
      case 'mayContact':
        out[key] = bool(key, v);
        break;
      case 'comment': {
        if (v !== null && typeof v !== 'string') throw invalidField('comment', 'comment must be text.');
        if (typeof v === 'string' && [...v].length > COMMENT_MAX)
          throw invalidField('comment', `comment is too long: at most ${COMMENT_MAX.toLocaleString('en')} characters.`);
        // Kept as typed (emoji, right-to-left text, markup as plain text); only blank becomes no answer.
        out.comment = typeof v === 'string' && v.trim() ? v : null;
        break;
      }
      default:
        if (!fromForm) throw invalidField(key, `${key} is not a known field.`);
    }
  }
  return out;
}

/** The fields a change names (an explicit null takes an answer back). */
function definedOf(change: Partial<Answers>): Partial<Answers> {
  return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as Partial<Answers>;
}

const COLUMN: Record<keyof Answers, string> = {
  satisfaction: 'satisfaction',
  expectations: 'expectations',
  listened: 'listened',
  feltRushed: 'felt_rushed',
  inStock: 'in_stock',
  comment: 'comment',
  mayContact: 'may_contact',
};

/**
 * Saves answers as they are given: one response per request, created by the first answer and
 * amended by each later one (a repeat is the same upsert). A poor answer opens one follow-up for a
 * manager of the store (the owner when it has none), shown on the customer's timeline.
 */
export async function saveAnswers(
  deps: Deps,
  link: OpenLink,
  change: Partial<Answers>,
  meta: { requestId: string | null; ip: string | null },
): Promise<Answers> {
  const now = deps.now();
  const named = definedOf(change);
  // The answer's columns this change names: only those are written, so a partial answer changes only them.
  const given = Object.fromEntries(Object.entries(named).map(([f, v]) => [COLUMN[f as keyof Answers], v]));
  /** The answer's row, inserted by the first answer and amended by each later one; `onlyIf` guards the amendment. */
  const upsert = (db: QueryCreator<DB>, onlyIf?: RawBuilder<boolean>) =>
    db
      .insertInto('feedback_responses')
      .values({
        retailer_id: link.retailerId,
        id: newId('feedbackResponse', now.getTime()),
        kind: 'visit',
        request_id: link.requestId,
        encounter_id: link.encounterId,
        store_id: link.storeId,
        customer_id: link.customerId,
        staff_ids: link.staffIds,
        ...given,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => {
        const amend = oc.columns(['retailer_id', 'request_id']).doUpdateSet((eb) => ({
          ...Object.fromEntries(Object.keys(given).map((c) => [c, eb.ref(`excluded.${c}` as 'excluded.comment')])),
          updated_at: now,
        }));
        return onlyIf ? amend.where(onlyIf) : amend;
      });
  const audit: AuditContext = {
    retailerId: link.retailerId,
    actorType: 'customer',
    actorId: link.customerId,
    requestId: meta.requestId,
    ip: meta.ip,
  };
  // The usual answer — not one to follow up, and the answers before it were not — is written in one
  // statement with, on the first, its audit entry, provided nothing changed the answers since they
  // were read with the link; anything else takes the careful way below.
  const merged: Answers = { ...answersOf(link), ...named };
  if (!link.answered?.poor && poorSigns(merged, link.watchWords).length === 0) {
    const seen = link.answered?.seen ?? null;
    const written = await deps.db
      .with('saved', (db) =>
        upsert(db, seen === null ? sql<boolean>`false` : sql<boolean>`feedback_responses.updated_at = ${seen}::timestamptz`).returning([
          'id',
          sql<boolean>`(xmax = 0)`.as('inserted'),
        ]),
      )
      .with('logged', (db) =>
        db
          .insertInto('audit_log')
          .columns([
            'retailer_id',
            'id',
            'actor_type',
            'actor_id',
            'action',
            'subject_type',
            'subject_id',
            'store_id',
            'request_id',
            'ip',
            'details',
          ])
          .expression(
            db
              .selectFrom('saved')
              .select([
                sql<string>`${link.retailerId}::text`.as('retailer_id'),
                sql<string>`${newId('audit')}::text`.as('id'),
                sql<'customer'>`'customer'`.as('actor_type'),
                sql<string | null>`${link.customerId}::text`.as('actor_id'),
                sql<string>`'feedback.received'`.as('action'),
                sql<string>`${link.customerId ? 'customer' : 'feedback_response'}::text`.as('subject_type'),
                sql<string>`coalesce(${link.customerId}::text, saved.id)`.as('subject_id'),
                sql<string>`${link.storeId}::text`.as('store_id'),
                sql<string | null>`${meta.requestId}::text`.as('request_id'),
                sql<string | null>`${meta.ip}::text`.as('ip'),
                sql<string>`jsonb_build_object('responseId', saved.id, 'encounterId', ${link.encounterId}::text, 'requestId', ${link.requestId}::text)`.as(
                  'details',
                ),
              ])
              .where('saved.inserted', '=', true),
          ),
      )
      .selectFrom('saved')
      .select('id')
      .execute();
    if (written.length > 0) return merged;
  }
  return deps.db.transaction().execute(async (trx) => {
    const saved = await upsert(trx)
      // `poor` as it was before this change (the upsert leaves it alone).
      .returning(['id', 'satisfaction', 'expectations', 'listened', 'felt_rushed', 'in_stock', 'comment', 'may_contact', 'poor'])
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .executeTakeFirstOrThrow();
    const answers: Answers = {
      satisfaction: saved.satisfaction,
      expectations: saved.expectations,
      listened: saved.listened,
      feltRushed: saved.felt_rushed,
      inStock: saved.in_stock,
      comment: saved.comment,
      mayContact: saved.may_contact,
    };
    const subject = link.customerId
      ? { subjectType: 'customer', subjectId: link.customerId }
      : { subjectType: 'feedback_response', subjectId: saved.id };
    if (saved.inserted)
      await recordAudit(trx, audit, {
        action: 'feedback.received',
        ...subject,
        storeId: link.storeId,
        details: { responseId: saved.id, encounterId: link.encounterId, requestId: link.requestId },
      });
    const signs = poorSigns(answers, link.watchWords);
    const poor = signs.length > 0;
    // Kept with the answer as it stands, so the staff's feed can list the answers to follow up.
    if (poor !== saved.poor)
      await trx
        .updateTable('feedback_responses')
        .set({ poor })
        .where('retailer_id', '=', link.retailerId)
        .where('id', '=', saved.id)
        .execute();
    if (!poor) return answers;
    const [first, ...rest] = signs;
    const title = `Feedback: ${first}${rest.length ? ` — ${rest.join(', ')}` : ''}`;
    const channel = answers.mayContact ? 'phone' : 'in-person';
    const clientId = `feedback:${saved.id}`;
    if (saved.poor) {
      // Already open (or done): while open, its title and channel follow the answer as the customer adds to it.
      await trx
        .updateTable('follow_ups')
        .set({ title, channel })
        .where('retailer_id', '=', link.retailerId)
        .where('client_id', '=', clientId)
        .where('status', '=', 'open')
        .where((eb) => eb.or([eb('title', '<>', title), eb('channel', '<>', channel)]))
        .execute();
      return answers;
    }
    const assignee = await managerOf(trx, link.retailerId, link.storeId);
    const opened = await trx
      .insertInto('follow_ups')
      .values({
        retailer_id: link.retailerId,
        id: newId('followUp'),
        client_id: clientId,
        store_id: link.storeId,
        encounter_id: link.encounterId,
        customer_id: link.customerId,
        kind: 'feedback',
        channel,
        title,
        assignee_id: assignee,
        due_at: now,
        feedback_response_id: saved.id,
        created_at: now,
      })
      // An answer that was poor, then not, then poor again keeps its one follow-up, brought up to date while open.
      .onConflict((oc) => oc.columns(['retailer_id', 'client_id']).doUpdateSet({ title, channel }).where('follow_ups.status', '=', 'open'))
      .returning(['id', sql<boolean>`(xmax = 0)`.as('inserted')])
      .executeTakeFirst();
    if (opened?.inserted)
      await recordAudit(trx, audit, {
        action: 'feedback.follow_up_opened',
        ...subject,
        storeId: link.storeId,
        details: { responseId: saved.id, followUpId: opened.id, encounterId: link.encounterId, title, assigneeId: assignee },
      });
    return answers;
  });
}

/** Who follows up a store's feedback: an active manager of the store, else the owner. */
async function managerOf(db: Deps['db'], retailerId: string, storeId: string): Promise<string | null> {
  const manager = await db
    .selectFrom('staff as s')
    .innerJoin('staff_stores as ss', (j) => j.onRef('ss.retailer_id', '=', 's.retailer_id').onRef('ss.staff_id', '=', 's.id'))
    .select('s.id')
    .where('s.retailer_id', '=', retailerId)
    .where('ss.store_id', '=', storeId)
    .where('s.role', '=', 'manager')
    .where('s.active', '=', true)
    .orderBy('s.created_at')
    .orderBy('s.id')
    .limit(1)
    .executeTakeFirst();
  if (manager) return manager.id;
  const owner = await db
    .selectFrom('staff')
    .select('id')
    .where('retailer_id', '=', retailerId)
    .where('role', '=', 'owner')
    .where('active', '=', true)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return owner?.id ?? null;
}
