import { CompiledQuery, sql } from 'kysely';
import { type Answers, COMMENT_MAX, EXPECTATIONS, type Expectations, poorSigns } from '../../../shared/domain/feedback.ts';
import { newId } from '../../../shared/ids.ts';
import { preparedStatement } from '../../db/client.ts';
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
  /** The answers given so far, read with the link. */
  answered: { answers: Answers; poor: boolean } | null;
}

export type LinkState = { state: 'open'; link: OpenLink } | { state: 'invalid' } | { state: 'expired'; retailerName: string | null };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** `feedback_link` in migrations/0021: the link and its answers, and an answer saved at once when it can be. */
const LINK_SQL = preparedStatement('feedback_link', 'select feedback_link($1, $2, $3, $4) as l');

interface LinkRow extends Omit<OpenLink, 'expiresAt' | 'firstOpenedAt'> {
  revoked: boolean;
  erased: boolean;
  expiresAt: string;
  firstOpenedAt: string | null;
  saved: boolean;
}

/** What `feedback_link` saves at once; see migrations/0021 for when it does. */
interface QuickSave {
  id: string;
  auditId: string;
  requestId: string | null;
  ip: string | null;
  answers: Partial<Answers>;
  /** The watch words the answers were judged with. */
  watchWords: string[];
}

/**
 * Checks a token against the retailer named in the link: it works while its link is not revoked,
 * its request has not expired and its customer is not erased. Anything else — a guess, a typo, a
 * token of another retailer, a replaced QR code — is the same "invalid", so nothing is told about it.
 */
async function openLink(
  deps: Deps,
  slug: string,
  token: string,
  now: Date,
  save: QuickSave | null,
): Promise<{ state: LinkState; saved: boolean }> {
  if (!TOKEN_SHAPE.test(token)) return { state: { state: 'invalid' }, saved: false };
  const { rows } = await deps.db.executeQuery<{ l: LinkRow | null }>(
    CompiledQuery.raw(LINK_SQL, [hashToken(token), slug, now, save && JSON.stringify(save)]),
  );
  const row = rows[0]?.l;
  if (!row || row.revoked || row.erased) return { state: { state: 'invalid' }, saved: false };
  const expiresAt = new Date(row.expiresAt);
  if (expiresAt <= now) return { state: { state: 'expired', retailerName: row.retailerName }, saved: false };
  const { revoked: _r, erased: _e, saved, ...link } = row;
  return {
    state: {
      state: 'open',
      link: { ...link, expiresAt, firstOpenedAt: row.firstOpenedAt === null ? null : new Date(row.firstOpenedAt) },
    },
    saved,
  };
}

/** The link of a token, as the page opens it. */
export async function resolveLink(deps: Deps, slug: string, token: string): Promise<LinkState> {
  return (await openLink(deps, slug, token, deps.now(), null)).state;
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
 * Saves answers as they are given, through the customer's link: one response per request, created
 * by the first answer and amended by each later one (a repeat is the same upsert). Answers that show
 * no sign of one to follow up, on a response that shows none, are saved in the same call that opens
 * the link; a comment is judged with the retailer's watch words, so a comment on a retailer that has
 * some takes a second call. Anything else takes the careful way: a poor answer opens one follow-up for
 * a manager of the store (the owner when it has none), shown on the customer's timeline.
 */
export async function giveAnswers(
  deps: Deps,
  slug: string,
  token: string,
  change: Partial<Answers>,
  meta: { requestId: string | null; ip: string | null },
): Promise<{ state: LinkState; answers: Answers | null }> {
  const now = deps.now();
  const named = definedOf(change);
  const quick = (watchWords: string[]): QuickSave | null =>
    poorSigns({ ...EMPTY, ...named }, watchWords).length > 0
      ? null
      : { id: newId('feedbackResponse', now.getTime()), auditId: newId('audit'), ...meta, answers: named, watchWords };
  // Judged without watch words until the retailer's are known.
  const first = quick([]);
  let opened = await openLink(deps, slug, token, now, first);
  if (first && !opened.saved && opened.state.state === 'open' && named.comment) {
    const words = opened.state.link.watchWords;
    const again = words.length > 0 ? quick(words) : null;
    if (again) opened = await openLink(deps, slug, token, now, again);
  }
  const { state, saved } = opened;
  if (state.state !== 'open') return { state, answers: null };
  if (saved) return { state, answers: answersOf(state.link) };
  return { state, answers: await saveCarefully(deps, state.link, named, now, meta) };
}

/** Saves answers in a transaction, bringing the response's follow-up up to date. */
async function saveCarefully(
  deps: Deps,
  link: OpenLink,
  named: Partial<Answers>,
  now: Date,
  meta: { requestId: string | null; ip: string | null },
): Promise<Answers> {
  // The answer's columns this change names: only those are written, so a partial answer changes only them.
  const given = Object.fromEntries(Object.entries(named).map(([f, v]) => [COLUMN[f as keyof Answers], v]));
  const audit: AuditContext = {
    retailerId: link.retailerId,
    actorType: 'customer',
    actorId: link.customerId,
    requestId: meta.requestId,
    ip: meta.ip,
  };
  return deps.db.transaction().execute(async (trx) => {
    const saved = await trx
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
      .onConflict((oc) =>
        oc.columns(['retailer_id', 'request_id']).doUpdateSet((eb) => ({
          ...Object.fromEntries(Object.keys(given).map((c) => [c, eb.ref(`excluded.${c}` as 'excluded.comment')])),
          updated_at: now,
        })),
      )
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
