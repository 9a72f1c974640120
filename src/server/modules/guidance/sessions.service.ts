import { type Kysely, sql } from 'kysely';
import { variantLabel } from '../../../shared/catalog.ts';
import { answersToPreferences, knownAnswers, preferenceWishes, type StoredPreference } from '../../../shared/domain/guidance.ts';
import { type Answer, checkAnswer, type QuestionSetDefinition, questionsToAsk, readAnswers } from '../../../shared/domain/question-sets.ts';
import { DEFAULT_HARMONY_PAIRS, harmonyFrom, type MatchAttribute, recommend } from '../../../shared/domain/recommend.ts';
import { roleCan } from '../../../shared/domain/roles.ts';
import { newId } from '../../../shared/ids.ts';
import type { DB } from '../../db/types.ts';
import type { Deps } from '../../deps.ts';
import { AppError, invalidField, notFound } from '../../http/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.repo.ts';
import type { Principal } from '../auth/principal.ts';

import { categoryPaths } from '../catalog/catalog.service.ts';
import { activePreferences } from '../customers/customers.repo.ts';
import { addPreference, customerForSelling } from '../customers/customers.service.ts';
import { encounterForSession, refuseIfClosed } from '../encounters/encounters.service.ts';
import { storeIn } from '../stock/stock.service.ts';
import { existingKeys } from '../vocabulary/vocabulary.repo.ts';
import { type CandidateQuery, fetchCandidates, purchaseHistory } from './candidates.ts';
import { getQuestionSet } from './question-sets.service.ts';

/** Words of the retailer's vocabulary for reasons ("dove grey"), and each colour's palette family. */
async function vocabularyWords(db: Kysely<DB>, retailerId: string) {
  const labels: Record<string, string> = {};
  const families: Record<string, string> = {};
  const terms = await db
    .selectFrom('vocabulary_terms')
    .select(['kind', 'key', 'label', 'family'])
    .where('retailer_id', '=', retailerId)
    .execute();
  for (const t of terms) {
    // Mid-sentence words start in lower case, unless the label is a name ("Art Deco" stays).
    labels[t.key] = /^\p{Lu}\p{Ll}/u.test(t.label) && !/\s\p{Lu}/u.test(t.label) ? t.label[0]?.toLowerCase() + t.label.slice(1) : t.label;
    if (t.kind === 'colour' && t.family) families[t.key] = t.family;
  }
  return { labels, families };
}

export async function sessionRow(db: Kysely<DB>, actor: Principal, id: string) {
  const row = await db
    .selectFrom('guidance_sessions')
    .selectAll()
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Guidance session');
  if (!(actor.allStores || actor.storeIds.includes(row.store_id))) throw notFound('Guidance session');
  return row;
}

async function setOf(db: Kysely<DB>, retailerId: string, setId: string, version: number): Promise<QuestionSetDefinition> {
  return (await getQuestionSet(db, retailerId, setId, version)).definition;
}

async function preferencesOf(db: Kysely<DB>, retailerId: string, customerId: string | null): Promise<StoredPreference[]> {
  if (!customerId) return [];
  return (await activePreferences(db, retailerId, customerId)).map((p) => ({
    id: p.id,
    key: p.key,
    value: p.value as Record<string, unknown>,
    recordedAt: p.recorded_at.toISOString(),
    recordedByName: p.recorded_by_name,
  }));
}

export interface StartSession {
  setId: string;
  storeId: string;
  customerId?: string | null | undefined;
  categoryId?: string | null | undefined;
  clientId?: string | undefined;
  /** The visit it is part of; the session takes the visit's customer when none is given. */
  encounterId?: string | null | undefined;
}

/**
 * The categories a session can draw from — the set's (with their sub-categories), or every one
 * when the set names none — and the ids to search: the chosen one and its sub-categories, else all
 * of those (null: the whole catalog).
 */
async function categoryScope(db: Kysely<DB>, retailerId: string, set: QuestionSetDefinition, chosen: string | null) {
  const all = [...(await categoryPaths(db, retailerId)).values()].map((c) => ({ id: c.id, path: c.path.join('/') }));
  const under = (path: string, root: string) => path === root || path.startsWith(`${root}/`);
  const options = set.categories?.length ? all.filter((c) => set.categories?.some((root) => under(c.path, root))) : all;
  options.sort((a, b) => a.path.localeCompare(b.path));
  const pick = chosen ? all.find((c) => c.id === chosen) : undefined;
  const ids = pick
    ? all.filter((c) => under(c.path, pick.path)).map((c) => c.id)
    : set.categories?.length
      ? options.map((c) => c.id)
      : null;
  return { options, chosen: pick ?? null, ids };
}

async function checkCategory(db: Kysely<DB>, retailerId: string, categoryId: string) {
  const found = await db
    .selectFrom('categories')
    .select('id')
    .where('retailer_id', '=', retailerId)
    .where('id', '=', categoryId)
    .executeTakeFirst();
  if (!found) throw invalidField('categoryId', 'There is no such category.');
}

/** Starts helping a customer (or someone not yet known) with the current version of a set. */
export async function startSession(deps: Deps, actor: Principal, audit: AuditContext, input: StartSession): Promise<string> {
  if (input.clientId) {
    const existing = await deps.db
      .selectFrom('guidance_sessions')
      .select('id')
      .where('retailer_id', '=', actor.retailerId)
      .where('client_id', '=', input.clientId)
      .executeTakeFirst();
    if (existing) return existing.id;
  }
  await storeIn(deps.db, actor, input.storeId);
  const set = await deps.db
    .selectFrom('question_sets')
    .select(['id', 'active', 'current_version'])
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', input.setId)
    .executeTakeFirst();
  if (!set) throw invalidField('setId', 'There is no such question set.');
  if (!set.active) throw invalidField('setId', 'This question set is switched off; choose another or ask the owner to switch it on.');
  const encounter = input.encounterId ? await encounterForSession(deps.db, actor, input.encounterId, input.storeId) : null;
  const customerId = input.customerId ?? (encounter && roleCan(actor.role, 'customers.view') ? encounter.customer_id : null);
  if (input.customerId) await customerForSelling(deps, actor, input.customerId);
  if (input.categoryId) await checkCategory(deps.db, actor.retailerId, input.categoryId);
  const id = newId('guidance');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('guidance_sessions')
      .values({
        retailer_id: actor.retailerId,
        id,
        client_id: input.clientId ?? null,
        set_id: set.id,
        set_version: set.current_version,
        store_id: input.storeId,
        staff_id: audit.actorId,
        customer_id: customerId,
        category_id: input.categoryId ?? null,
        encounter_id: encounter?.id ?? null,
        created_at: deps.now(),
        updated_at: deps.now(),
      })
      .execute();
    await recordAudit(trx, audit, {
      action: 'guidance.started',
      subjectType: customerId ? 'customer' : 'guidance_session',
      subjectId: customerId ?? id,
      storeId: input.storeId,
      details: { sessionId: id, setId: set.id, version: set.current_version },
    });
  });
  return id;
}

/**
 * A session as the screens show it: the set at the session's version (and whether it has changed
 * since), today's answers and skips, what a returning customer said before, the questions still to
 * ask, the basket, and the latest recommendation list. Reading a customer's preferences is logged.
 */
export async function getSession(deps: Deps, actor: Principal, audit: AuditContext, id: string) {
  const row = await sessionRow(deps.db, actor, id);
  const set = await getQuestionSet(deps.db, actor.retailerId, row.set_id, row.set_version);
  const preferences =
    row.customer_id && roleCan(actor.role, 'customers.view') ? await preferencesOf(deps.db, actor.retailerId, row.customer_id) : [];
  const { labels } = await vocabularyWords(deps.db, actor.retailerId);
  const customer = row.customer_id
    ? await deps.db
        .selectFrom('customers')
        .select(['id', 'first_name', 'last_name', 'preferred_name'])
        .where('retailer_id', '=', actor.retailerId)
        .where('id', '=', row.customer_id)
        .executeTakeFirst()
    : undefined;
  if (row.customer_id && preferences.length)
    await recordAudit(deps.db, audit, {
      action: 'customer.preferences-read',
      subjectType: 'customer',
      subjectId: row.customer_id,
      details: { sessionId: id },
    });
  const basket = await basketOf(deps.db, actor.retailerId, id);
  const holds = await holdsOf(deps, actor, id);
  const scope = await categoryScope(deps.db, actor.retailerId, set.definition, row.category_id);
  const latest = await deps.db
    .selectFrom('guidance_lists')
    .select(['id', 'result', 'budget', 'quantity', 'shown_at'])
    .where('retailer_id', '=', actor.retailerId)
    .where('session_id', '=', id)
    .where('kind', '=', 'recommend')
    .orderBy('shown_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return {
    id: row.id,
    storeId: row.store_id,
    staffId: row.staff_id,
    encounterId: row.encounter_id,
    customer: customer
      ? {
          id: customer.id,
          name: [customer.first_name, customer.last_name].filter(Boolean).join(' '),
          preferredName: customer.preferred_name,
        }
      : null,
    set: { id: set.id, name: set.name, version: set.version, currentVersion: set.currentVersion, definition: set.definition },
    category: scope.chosen,
    categoryOptions: scope.options,
    answers: row.answers,
    skipped: row.skipped,
    known: knownAnswers(set.definition, preferences, row.answers, labels),
    toAsk: questionsToAsk(set.definition, row.answers).map((q) => q.key),
    basket,
    holds,
    latestList: latest
      ? {
          id: latest.id,
          shownAt: latest.shown_at.toISOString(),
          budget: latest.budget,
          quantity: latest.quantity,
          ...(latest.result as object),
        }
      : null,
    createdAt: row.created_at.toISOString(),
  };
}

/** JSON with the keys of every object in order: jsonb keeps its own order, so two equal answers compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** Changes only a question whose answer is still the one the device showed (`replaces`, null for none). */
const stillShown = (key: string, replaces: Answer | null) =>
  sql<boolean>`answers -> ${key}::text is not distinct from ${replaces && JSON.stringify(replaces)}::jsonb`;

/** Refuses a change made over an answer another device gave or took back after this one showed the question. */
function staleAnswer(prompt: string, current: Answer | null, notDone: string): AppError {
  return new AppError(
    'conflict',
    current
      ? `“${prompt}” was answered on another device after this screen showed it, so ${notDone}. Look at that answer, and answer again to change it.`
      : `The answer to “${prompt}” was taken back on another device after this screen showed it, so ${notDone}. Answer again to give it.`,
    { details: { current } },
  );
}

/**
 * Records an answer (replacing an earlier one to the same question), keeping when the question was
 * first answered; the session's version of the set decides what is valid. The same answer again
 * is a repeat and changes nothing; a new one is refused once the session's visit is closed (409).
 * With `replaces` (the answer the device showed, null for none), one given over an answer another
 * device changed meanwhile is refused too (409, with the answer standing), so neither is lost unseen.
 */
export async function answerQuestion(deps: Deps, actor: Principal, id: string, key: string, answer: Answer, replaces?: Answer | null) {
  const row = await sessionRow(deps.db, actor, id);
  if (key in row.answers && canonical(row.answers[key]) === canonical(answer)) return;
  await refuseIfClosed(deps.db, actor.retailerId, row.encounter_id, 'the answer was not recorded');
  const set = await setOf(deps.db, actor.retailerId, row.set_id, row.set_version);
  const q = set.questions.find((x) => x.key === key);
  if (!q) throw new AppError('not_found', `This session's question set (version ${row.set_version}) has no question "${key}".`);
  const problem = checkAnswer(q, answer);
  if (problem) throw invalidField('answer', problem);
  if (q.type === 'vocabulary' && q.vocabulary && 'values' in answer) {
    const known = await existingKeys(deps.db, actor.retailerId, q.vocabulary, answer.values);
    const unknown = answer.values.filter((v) => !known.has(v));
    if (unknown.length) throw invalidField('answer', `Not in your ${q.vocabulary} vocabulary: ${unknown.join(', ')}.`);
  }
  const { numUpdatedRows } = await deps.db
    .updateTable('guidance_sessions')
    .set((eb) => ({
      answers: eb.fn('jsonb_set', [eb.ref('answers'), eb.val(`{${key}}`), eb.cast(eb.val(JSON.stringify(answer)), 'jsonb')]) as never,
      skipped: eb.cast(eb.val(JSON.stringify(row.skipped.filter((k) => k !== key))), 'jsonb') as never,
      // The time in discovery counts from when each question was first answered, not from its last change.
      answered_at: sql`case when answered_at ? ${key} then answered_at
        else answered_at || jsonb_build_object(${key}::text, ${deps.now()}::timestamptz) end` as never,
      updated_at: deps.now(),
    }))
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', id)
    .$if(replaces !== undefined, (qb) => qb.where(stillShown(key, replaces ?? null)))
    .executeTakeFirst();
  if (numUpdatedRows === 0n) {
    const now = await sessionRow(deps.db, actor, id);
    if (canonical(now.answers[key] ?? null) !== canonical(answer))
      throw staleAnswer(q.prompt, now.answers[key] ?? null, 'this answer was not saved');
  }
}

/** Narrows the session to one category ("cushions"), or back to all of the set's. */
export async function setCategory(deps: Deps, actor: Principal, id: string, categoryId: string | null) {
  await sessionRow(deps.db, actor, id);
  if (categoryId) await checkCategory(deps.db, actor.retailerId, categoryId);
  await deps.db
    .updateTable('guidance_sessions')
    .set({ category_id: categoryId, updated_at: deps.now() })
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', id)
    .execute();
}

/**
 * Passes over a question, or takes back its answer: it no longer counts. Once the session's visit
 * is closed only a repeat is taken. With `replaces` (the answer the device showed, null for none),
 * an answer another device gave meanwhile is not taken back (409, with the answer standing).
 */
export async function skipQuestion(deps: Deps, actor: Principal, id: string, key: string, replaces?: Answer | null) {
  const row = await sessionRow(deps.db, actor, id);
  const set = await setOf(deps.db, actor.retailerId, row.set_id, row.set_version);
  const q = set.questions.find((x) => x.key === key);
  if (!q) throw new AppError('not_found', `This session's question set (version ${row.set_version}) has no question "${key}".`);
  if (!(key in row.answers) && row.skipped.includes(key)) return;
  await refuseIfClosed(deps.db, actor.retailerId, row.encounter_id, 'the question was not skipped');
  const { numUpdatedRows } = await deps.db
    .updateTable('guidance_sessions')
    .set((eb) => ({
      answers: sql`answers - ${key}::text` as never,
      skipped: eb.cast(eb.val(JSON.stringify([...new Set([...row.skipped, key])])), 'jsonb') as never,
      answered_at: sql`answered_at - ${key}::text` as never,
      updated_at: deps.now(),
    }))
    .where('retailer_id', '=', actor.retailerId)
    .where('id', '=', id)
    .$if(replaces !== undefined, (qb) => qb.where(stillShown(key, replaces ?? null)))
    .executeTakeFirst();
  if (numUpdatedRows === 0n) {
    const now = await sessionRow(deps.db, actor, id);
    if (key in now.answers) throw staleAnswer(q.prompt, now.answers[key] ?? null, 'the question was not skipped');
  }
}

/**
 * Everything a recommendation is computed from, before the catalog is read: the session's answers
 * read against its version of the set (a confirmed answer from last time keeps its words: "sage
 * and cream, like your living room"), the customer's stored preferences, and the candidate query.
 */
export async function recommendationInputs(deps: Deps, actor: Principal, id: string, opts: { categories?: boolean } = {}) {
  // Reads that do not depend on one another go together (a PostgreSQL pool runs them at once).
  const [row, retailer, { labels, families }] = await Promise.all([
    sessionRow(deps.db, actor, id),
    deps.db
      .selectFrom('retailers')
      .select(['currency', 'locale', 'colour_harmony'])
      .where('id', '=', actor.retailerId)
      .executeTakeFirstOrThrow(),
    vocabularyWords(deps.db, actor.retailerId),
  ]);
  // Which colour families go together, as the shop chose them.
  const harmonies = harmonyFrom(retailer.colour_harmony ?? DEFAULT_HARMONY_PAIRS);
  const customerId = row.customer_id !== null && roleCan(actor.role, 'customers.view') ? row.customer_id : null;
  const [set, preferences] = await Promise.all([
    setOf(deps.db, actor.retailerId, row.set_id, row.set_version),
    preferencesOf(deps.db, actor.retailerId, customerId),
  ]);
  const known = knownAnswers(set, preferences, row.answers, labels);
  const contexts: Record<string, string | null> = {};
  for (const [key, k] of Object.entries(known))
    if (JSON.stringify(row.answers[key]) === JSON.stringify(k.answer) && k.context) contexts[key] = k.context;
  const read = readAnswers(set, row.answers, contexts);
  const weights: Partial<Record<MatchAttribute, number>> = {};
  for (const q of set.questions) for (const m of q.maps ?? []) weights[m.attribute] = Math.max(weights[m.attribute] ?? 0, m.weight);
  const stored = preferenceWishes(preferences, weights, labels);
  const query: CandidateQuery = {
    retailerId: actor.retailerId,
    storeId: row.store_id,
    // Substitutes and comparisons name their items, so they need not read the category tree.
    categoryIds: opts.categories === false ? null : (await categoryScope(deps.db, actor.retailerId, set, row.category_id)).ids,
    wishes: [...read.wishes, ...stored.wishes],
    rules: [...read.rules, ...stored.rules],
    budget: read.budget,
    quantity: read.quantity,
    families,
  };
  return { row, retailer, labels, harmonies, customerId, read, query, set };
}

/**
 * Recommends from the session's answers, the customer's stored preferences and what they bought,
 * over the shortlist of the set's categories, and keeps the list shown with everything it came from.
 */
export async function recommendFor(deps: Deps, actor: Principal, id: string, opts: { limit?: number | undefined } = {}) {
  const { row, retailer, labels, harmonies, customerId, read, query } = await recommendationInputs(deps, actor, id);
  const { wishes, rules, families } = query;
  const [candidates, history] = await Promise.all([
    fetchCandidates(deps.db, query),
    customerId ? purchaseHistory(deps.db, actor.retailerId, customerId, families) : [],
  ]);
  const result = recommend({
    candidates,
    wishes,
    rules,
    history,
    weights: {},
    budget: read.budget,
    quantity: read.quantity,
    labels,
    families,
    harmonies,
    limit: opts.limit ?? 10,
    currency: retailer.currency,
    locale: retailer.locale,
  });
  const listId = await keepList(deps, actor, row, {
    kind: 'recommend',
    inputs: { answers: row.answers, wishes, rules, history: history.length, candidates: candidates.length },
    budget: read.budget,
    quantity: read.quantity,
    result,
    mainMaxTotal: result.main.reduce<number | null>((m, r) => (m === null || r.total > m ? r.total : m), null),
  });
  return { listId, budget: read.budget, quantity: read.quantity, problems: read.problems, currency: retailer.currency, ...result };
}

/**
 * Keeps a list shown in a session — a recommendation or a comparison — with its inputs and result,
 * so what was advised can always be seen again; returns its id.
 */
export async function keepList(
  deps: Deps,
  actor: Principal,
  session: { id: string; set_version: number },
  list: {
    kind: 'recommend' | 'compare';
    inputs: unknown;
    budget: unknown;
    quantity: number;
    result: unknown;
    mainMaxTotal: number | null;
  },
): Promise<string> {
  const id = newId('guidanceList');
  await deps.db
    .insertInto('guidance_lists')
    .values({
      retailer_id: actor.retailerId,
      id,
      session_id: session.id,
      staff_id: actor.kind === 'staff' ? actor.staffId : null,
      set_version: session.set_version,
      kind: list.kind,
      inputs: JSON.stringify(list.inputs),
      budget: list.budget ? JSON.stringify(list.budget) : null,
      quantity: list.quantity,
      result: JSON.stringify(list.result),
      main_max_total: list.mainMaxTotal,
      shown_at: deps.now(),
    })
    .execute();
  return id;
}

/**
 * Every recommendation list shown in a session, oldest first, with the budget in force and the
 * dearest item in its main list: the record that advice stayed inside the budget. (Comparisons are
 * kept beside them, as lists of kind 'compare'.)
 */
export async function listsOf(deps: Deps, actor: Principal, id: string) {
  await sessionRow(deps.db, actor, id);
  const rows = await deps.db
    .selectFrom('guidance_lists')
    .select(['id', 'shown_at', 'staff_id', 'set_version', 'budget', 'quantity', 'main_max_total', 'result'])
    .where('retailer_id', '=', actor.retailerId)
    .where('session_id', '=', id)
    .where('kind', '=', 'recommend')
    .orderBy('shown_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    const result = r.result as { main: unknown[]; stretch: unknown[]; excluded: unknown[] };
    const mainMaxTotal = r.main_max_total === null ? null : Number(r.main_max_total);
    return {
      id: r.id,
      shownAt: r.shown_at.toISOString(),
      staffId: r.staff_id,
      setVersion: r.set_version,
      budget: r.budget,
      quantity: r.quantity,
      mainMaxTotal,
      withinBudget: r.budget === null || mainMaxTotal === null || mainMaxTotal <= r.budget.max,
      shown: result.main.length,
      stretch: result.stretch.length,
      excluded: result.excluded.length,
    };
  });
}

export async function basketOf(db: Kysely<DB>, retailerId: string, sessionId: string) {
  const rows = await db
    .selectFrom('guidance_basket_lines as b')
    .innerJoin('variants as v', (j) => j.onRef('v.retailer_id', '=', 'b.retailer_id').onRef('v.id', '=', 'b.variant_id'))
    .innerJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'v.retailer_id').onRef('p.id', '=', 'v.product_id'))
    .select([
      'b.id',
      'b.client_id',
      'b.variant_id',
      'v.product_id',
      'p.title as product_title',
      'v.title as variant_title',
      'b.quantity',
      'b.unit_price',
      'b.list_id',
      'b.added_at',
    ])
    .where('b.retailer_id', '=', retailerId)
    .where('b.session_id', '=', sessionId)
    .where('b.removed_at', 'is', null)
    .orderBy('b.added_at')
    .orderBy('b.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    variantId: r.variant_id,
    productId: r.product_id,
    title: variantLabel(r.product_title, r.variant_title),
    quantity: r.quantity,
    unitPrice: Number(r.unit_price),
    total: Math.round(Number(r.unit_price) * r.quantity * 100) / 100,
    listId: r.list_id,
    addedAt: r.added_at.toISOString(),
  }));
}

/** Adds an item to the visit's basket at today's price, once per clientId; a retired item is refused, and so is any once the visit is closed (409). */
export async function addToBasket(
  deps: Deps,
  actor: Principal,
  id: string,
  input: { clientId: string; variantId: string; quantity: number; listId?: string | null | undefined },
) {
  const row = await sessionRow(deps.db, actor, id);
  const existing = await deps.db
    .selectFrom('guidance_basket_lines')
    .select(['session_id'])
    .where('retailer_id', '=', actor.retailerId)
    .where('client_id', '=', input.clientId)
    .executeTakeFirst();
  if (existing) {
    if (existing.session_id !== id) throw invalidField('clientId', 'This clientId was already used in another session.');
    return basketOf(deps.db, actor.retailerId, id);
  }
  await refuseIfClosed(deps.db, actor.retailerId, row.encounter_id, 'the item was not added to the basket');
  const variant = await deps.db
    .selectFrom('variants as v')
    .innerJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'v.retailer_id').onRef('p.id', '=', 'v.product_id'))
    .select(['v.id', 'v.price', 'v.retired', 'p.status', 'p.title'])
    .where('v.retailer_id', '=', actor.retailerId)
    .where('v.id', '=', input.variantId)
    .executeTakeFirst();
  if (!variant) throw invalidField('variantId', 'There is no such item.');
  if (variant.retired || variant.status === 'retired')
    throw invalidField(
      'variantId',
      `${variant.title} is no longer sold (it was retired). Ask for recommendations again to see what replaces it.`,
    );
  if (input.listId) {
    const list = await deps.db
      .selectFrom('guidance_lists')
      .select('id')
      .where('retailer_id', '=', actor.retailerId)
      .where('session_id', '=', id)
      .where('id', '=', input.listId)
      .executeTakeFirst();
    if (!list) throw invalidField('listId', 'There is no such recommendation list in this session.');
  }
  await deps.db
    .insertInto('guidance_basket_lines')
    .values({
      retailer_id: actor.retailerId,
      id: newId('basketLine'),
      session_id: id,
      client_id: input.clientId,
      variant_id: input.variantId,
      quantity: input.quantity,
      unit_price: Number(variant.price),
      list_id: input.listId ?? null,
      added_by: actor.kind === 'staff' ? actor.staffId : null,
    })
    .execute();
  return basketOf(deps.db, actor.retailerId, id);
}

/**
 * Takes an item out of the visit's basket, releasing what a chosen plan held for it; taking out a
 * line taken out already is a repeat. Refused once the visit is closed (409).
 */
export async function removeFromBasket(deps: Deps, actor: Principal, audit: AuditContext, id: string, lineId: string) {
  const row = await sessionRow(deps.db, actor, id);
  const line = await deps.db
    .selectFrom('guidance_basket_lines')
    .select('removed_at')
    .where('retailer_id', '=', actor.retailerId)
    .where('session_id', '=', id)
    .where('id', '=', lineId)
    .executeTakeFirst();
  if (!line) throw notFound('Basket line');
  if (line.removed_at) return basketOf(deps.db, actor.retailerId, id);
  await refuseIfClosed(deps.db, actor.retailerId, row.encounter_id, 'the item was not taken out of the basket');
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('guidance_basket_lines')
      .set({ removed_at: deps.now(), removed_by: actor.kind === 'staff' ? actor.staffId : null })
      .where('retailer_id', '=', actor.retailerId)
      .where('session_id', '=', id)
      .where('id', '=', lineId)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound('Basket line');
    const released = await trx
      .updateTable('stock_holds')
      .set({ status: 'released', closed_at: deps.now() })
      .where('retailer_id', '=', actor.retailerId)
      .where('basket_line_id', '=', lineId)
      .where('status', '=', 'active')
      .returning(['id', 'variant_id', 'store_id'])
      .execute();
    for (const h of released)
      await recordAudit(trx, audit, {
        action: 'stock.hold_released',
        subjectType: 'variant',
        subjectId: h.variant_id,
        storeId: h.store_id,
        details: { holdId: h.id, sessionId: id },
      });
  });
  return basketOf(deps.db, actor.retailerId, id);
}

/** The holds placed for a session's plans, with whether each is still in force. */
export async function holdsOf(deps: Deps, actor: Principal, id: string) {
  const rows = await deps.db
    .selectFrom('stock_holds as h')
    .innerJoin('stores as st', (j) => j.onRef('st.retailer_id', '=', 'h.retailer_id').onRef('st.id', '=', 'h.store_id'))
    .innerJoin('variants as v', (j) => j.onRef('v.retailer_id', '=', 'h.retailer_id').onRef('v.id', '=', 'h.variant_id'))
    .innerJoin('products as p', (j) => j.onRef('p.retailer_id', '=', 'v.retailer_id').onRef('p.id', '=', 'v.product_id'))
    .select(['h.id', 'h.variant_id', 'h.store_id', 'st.name as store_name', 'p.title', 'v.title as variant_title', 'h.quantity'])
    .select(['h.expires_at', 'h.status', 'h.basket_line_id'])
    // Judged by the database's clock, as the stock figures that count holds are.
    .select(sql<boolean>`h.status = 'active' and h.expires_at <= now()`.as('lapsed'))
    .where('h.retailer_id', '=', actor.retailerId)
    .where('h.session_id', '=', id)
    .orderBy('h.created_at')
    .orderBy('h.id')
    .execute();
  return rows.map((h) => ({
    id: h.id,
    variantId: h.variant_id,
    title: variantLabel(h.title, h.variant_title),
    storeId: h.store_id,
    storeName: h.store_name,
    quantity: h.quantity,
    expiresAt: h.expires_at.toISOString(),
    basketLineId: h.basket_line_id,
    status: h.lapsed ? ('expired' as const) : h.status,
  }));
}

/**
 * With the customer's agreement, keeps today's answers on their profile as preferences (who, when,
 * which session), through the customer book's one way of adding them; what it already holds is not
 * added twice, and saving twice saves once. The agreement must be said (`customerAgreed`) and is logged.
 */
export async function saveAnswersAsPreferences(deps: Deps, actor: Principal, audit: AuditContext, id: string, customerAgreed: boolean) {
  if (customerAgreed !== true)
    throw invalidField('customerAgreed', 'Answers are kept on a profile only when the customer has agreed: ask them first.');
  const row = await sessionRow(deps.db, actor, id);
  if (!row.customer_id) throw new AppError('conflict', 'This session is not for a known customer: choose or add the customer first.');
  const customerId = row.customer_id;
  await customerForSelling(deps, actor, customerId);
  const set = await setOf(deps.db, actor.retailerId, row.set_id, row.set_version);
  const existing = await preferencesOf(deps.db, actor.retailerId, customerId);
  const toSave = answersToPreferences(set, row.answers, existing);
  const saved = [];
  for (const p of toSave)
    saved.push(
      await addPreference(deps, actor, audit, customerId, {
        clientId: `${id}:${p.key}:${JSON.stringify(p.value)}`.slice(0, 200),
        key: p.key,
        value: p.value,
        sessionId: id,
        encounterId: row.encounter_id,
      }),
    );
  // The agreement itself is kept, whether or not anything new was added.
  await recordAudit(deps.db, audit, {
    action: 'guidance.answers-kept',
    subjectType: 'customer',
    subjectId: customerId,
    storeId: row.store_id,
    details: { sessionId: id, customerAgreed: true, preferenceIds: saved.map((p) => p.id) },
  });
  return saved.map((p) => ({ id: p.id, key: p.key, value: p.value as Record<string, unknown> }));
}
