import { type Kysely, type Selectable, sql } from 'kysely';
import { deletions, oneEditApart, type QueryPlan, reverse, TYPO_MIN_LENGTH } from '../../../shared/domain/search-terms.ts';
import type { DB } from '../../db/types.ts';

export type CustomerRow = Selectable<DB['customers']>;

/** Candidates a search considers at most, as the indexes return them. */
export const CANDIDATE_LIMIT = 200;

export async function findCustomer(db: Kysely<DB>, retailerId: string, id: string): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('retailer_id', '=', retailerId).where('id', '=', id).executeTakeFirst();
}

/** What lookup ranks by, carried in every search term row of the customer. */
export interface RankingColumns {
  home_store_id: string | null;
  last_visit_at: Date | null;
}

/** Replaces a customer's search terms and adds any new name tokens to the typo dictionary. */
export async function writeSearchTerms(db: Kysely<DB>, retailerId: string, customerId: string, terms: string[], ranking: RankingColumns) {
  await db.deleteFrom('customer_search_terms').where('retailer_id', '=', retailerId).where('customer_id', '=', customerId).execute();
  if (terms.length === 0) return;
  await db
    .insertInto('customer_search_terms')
    .values(terms.map((term) => ({ retailer_id: retailerId, term, customer_id: customerId, ...ranking })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  await addNameTokens(
    db,
    retailerId,
    terms.filter((t) => t.startsWith('n:')).map((t) => t.slice(2)),
  );
}

/** Adds name tokens (3+ letters) and their one-letter deletions to the dictionary, skipping known ones. */
export async function addNameTokens(db: Kysely<DB>, retailerId: string, tokens: string[]) {
  const candidates = [...new Set(tokens.filter((t) => [...t].length >= TYPO_MIN_LENGTH - 1))];
  if (candidates.length === 0) return;
  const known = await db
    .selectFrom('name_variants')
    .select('token')
    .where('retailer_id', '=', retailerId)
    .where('variant', 'in', candidates)
    .whereRef('token', '=', 'variant')
    .execute();
  const knownSet = new Set(known.map((k) => k.token));
  const rows = candidates
    .filter((t) => !knownSet.has(t))
    .flatMap((token) => deletions(token).map((variant) => ({ retailer_id: retailerId, variant, token })));
  if (rows.length === 0) return;
  await db
    .insertInto('name_variants')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export type MatchKind = 'exact' | 'prefix' | 'typo';
export interface RankingRow extends RankingColumns {
  id: string;
}

export interface Candidate {
  row: RankingRow;
  match: MatchKind;
  /** Found by a phone or e-mail rather than by name words. */
  byContact: boolean;
}

type TermHit = RankingRow & { term: string };

// Ranking reads only the search-term rows: one index range, no customer rows.
const HIT_COLUMNS = ['term', 'customer_id as id', 'home_store_id', 'last_visit_at'] as const;

const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function termRange(db: Kysely<DB>, retailerId: string, prefix: string, limit: number): Promise<TermHit[]> {
  if (limit <= 0) return [];
  return db
    .selectFrom('customer_search_terms')
    .select(HIT_COLUMNS)
    .where('retailer_id', '=', retailerId)
    .where('term', 'like', likePrefix(prefix))
    .orderBy('term')
    .limit(limit)
    .execute();
}

/** Name tokens in the dictionary exactly one edit from `token`. */
async function typoTokens(db: Kysely<DB>, retailerId: string, token: string): Promise<string[]> {
  if ([...token].length < TYPO_MIN_LENGTH) return [];
  const rows = await db
    .selectFrom('name_variants')
    .select('token')
    .distinct()
    .where('retailer_id', '=', retailerId)
    .where('variant', 'in', deletions(token))
    .execute();
  return rows.map((r) => r.token).filter((t) => oneEditApart(t, token));
}

/**
 * Up to CANDIDATE_LIMIT customers a query can mean, each with how it matched. Names are looked
 * up by their longest word (the most selective); the service checks the other words.
 */
export async function searchCandidates(db: Kysely<DB>, retailerId: string, plan: QueryPlan): Promise<Candidate[]> {
  const found = new Map<string, Candidate>();
  const add = (rows: TermHit[], exactTerm: string | null, kind: MatchKind) => {
    for (const { term, ...row } of rows) {
      const before = found.get(row.id);
      if (!before && found.size >= CANDIDATE_LIMIT) return;
      const match: MatchKind = term === exactTerm ? 'exact' : kind;
      if (!before || rank(match) < rank(before.match)) found.set(row.id, { row, match, byContact: !term.startsWith('n:') });
    }
  };
  if (plan.kind === 'email') {
    add(await termRange(db, retailerId, `e:${plan.text}`, CANDIDATE_LIMIT), `e:${plan.text}`, 'prefix');
  } else if (plan.kind === 'phone') {
    if (plan.e164) add(await termRange(db, retailerId, `p:${plan.e164}`, CANDIDATE_LIMIT), `p:${plan.e164}`, 'prefix');
    add(await termRange(db, retailerId, `r:${reverse(plan.digits)}`, CANDIDATE_LIMIT - found.size), null, 'prefix');
    add(await termRange(db, retailerId, `p:${plan.digits}`, CANDIDATE_LIMIT - found.size), `p:${plan.digits}`, 'prefix');
  } else if (plan.kind === 'name') {
    const token = [...plan.tokens].sort((a, b) => b.length - a.length)[0] as string;
    if (plan.emailPrefix) {
      // A word that may also start an e-mail: both ranges in one round trip, names first.
      const { rows } = await sql<TermHit>`
        (select term, customer_id as id, home_store_id, last_visit_at from customer_search_terms
         where retailer_id = ${retailerId} and term like ${likePrefix(`n:${token}`)} order by term limit ${CANDIDATE_LIMIT})
        union all
        (select term, customer_id as id, home_store_id, last_visit_at from customer_search_terms
         where retailer_id = ${retailerId} and term like ${likePrefix(`e:${plan.emailPrefix}`)} order by term limit ${CANDIDATE_LIMIT})`.execute(
        db,
      );
      add(
        rows.filter((r) => r.term.startsWith('n:')),
        `n:${token}`,
        'prefix',
      );
      add(
        rows.filter((r) => r.term.startsWith('e:')),
        `e:${plan.emailPrefix}`,
        'prefix',
      );
    } else add(await termRange(db, retailerId, `n:${token}`, CANDIDATE_LIMIT), `n:${token}`, 'prefix');
    const typos = found.size < CANDIDATE_LIMIT ? await typoTokens(db, retailerId, token) : [];
    if (typos.length > 0) {
      const rows = await db
        .selectFrom('customer_search_terms')
        .select(HIT_COLUMNS)
        .where('retailer_id', '=', retailerId)
        .where(
          'term',
          'in',
          typos.map((t) => `n:${t}`),
        )
        .limit(CANDIDATE_LIMIT - found.size)
        .execute();
      add(rows, null, 'typo');
    }
  }
  return [...found.values()];
}

/** The names of some customers, to check multi-word queries against every word. */
export async function customerNames(db: Kysely<DB>, retailerId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('customers')
    .select(['id', 'first_name', 'last_name', 'preferred_name'])
    .where('retailer_id', '=', retailerId)
    .where('id', 'in', ids)
    .execute();
}

export const rank = (m: MatchKind) => (m === 'exact' ? 0 : m === 'prefix' ? 1 : 2);

export interface CandidateRow {
  id: string;
  title: string | null;
  first_name: string;
  last_name: string | null;
  preferred_name: string | null;
  phones: { label: string; number: string }[];
  emails: { label: string; address: string }[];
  home_store_id: string | null;
  last_visit_at: Date | null;
  visits: number;
  address: Record<string, string | null> | null;
}

/** Display details of the few results shown. */
export async function loadCandidates(db: Kysely<DB>, retailerId: string, ids: string[]): Promise<CandidateRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('customers')
    .select([
      'id',
      'title',
      'first_name',
      'last_name',
      'preferred_name',
      'phones',
      'emails',
      'home_store_id',
      'last_visit_at',
      'visits',
      'address',
    ])
    .where('retailer_id', '=', retailerId)
    .where('id', 'in', ids)
    .execute();
}

export async function activePreferences(db: Kysely<DB>, retailerId: string, customerId: string) {
  return db
    .selectFrom('customer_preferences as p')
    .leftJoin('staff as s', (j) => j.onRef('s.retailer_id', '=', 'p.retailer_id').onRef('s.id', '=', 'p.recorded_by'))
    .select(['p.id', 'p.key', 'p.value', 'p.recorded_by', 's.name as recorded_by_name', 'p.recorded_at', 'p.encounter_id'])
    .where('p.retailer_id', '=', retailerId)
    .where('p.customer_id', '=', customerId)
    .where('p.removed_at', 'is', null)
    .orderBy('p.recorded_at')
    .execute();
}

export async function savedItems(db: Kysely<DB>, retailerId: string, customerId: string) {
  return db
    .selectFrom('customer_saved_items as i')
    .leftJoin('staff as s', (j) => j.onRef('s.retailer_id', '=', 'i.retailer_id').onRef('s.id', '=', 'i.added_by'))
    .select(['i.id', 'i.client_id', 'i.title', 'i.note', 'i.product_id', 'i.added_by', 's.name as added_by_name', 'i.added_at'])
    .where('i.retailer_id', '=', retailerId)
    .where('i.customer_id', '=', customerId)
    .orderBy('i.added_at', 'desc')
    .orderBy('i.id', 'desc')
    .execute();
}

export type SavedItemRow = Awaited<ReturnType<typeof savedItems>>[number];

/** What a profile shows besides its own fields. */
export async function profileExtras(db: Kysely<DB>, retailerId: string, customerId: string) {
  const [preferences, consents, saved] = await Promise.all([
    activePreferences(db, retailerId, customerId),
    currentConsents(db, retailerId, customerId),
    savedItems(db, retailerId, customerId),
  ]);
  return { preferences, consents, savedItems: saved };
}

export type ProfileExtras = Awaited<ReturnType<typeof profileExtras>>;

/** The consent in force per channel and purpose: the newest record of each. */
export async function currentConsents(db: Kysely<DB>, retailerId: string, customerId: string) {
  const { rows } = await sql<{
    channel: 'email' | 'sms' | 'phone' | 'post';
    purpose: 'service' | 'marketing';
    granted: boolean;
    source: string;
    captured_by: string | null;
    captured_by_name: string | null;
    captured_at: Date;
  }>`
    select distinct on (c.channel, c.purpose) c.channel, c.purpose, c.granted, c.source, c.captured_by, s.name as captured_by_name, c.captured_at
    from customer_consents c
    left join staff s on s.retailer_id = c.retailer_id and s.id = c.captured_by
    where c.retailer_id = ${retailerId} and c.customer_id = ${customerId}
    order by c.channel, c.purpose, c.captured_at desc, c.id desc`.execute(db);
  return rows;
}

export interface TimelineCursor {
  at: Date;
  id: string;
}

/** Notes and recorded changes of a customer, newest first, before `cursor`. Views are not listed. */
export async function timelinePage(db: Kysely<DB>, retailerId: string, customerId: string, limit: number, cursor: TimelineCursor | null) {
  let notes = db
    .selectFrom('customer_notes as n')
    .leftJoin('staff as s', (j) => j.onRef('s.retailer_id', '=', 'n.retailer_id').onRef('s.id', '=', 'n.author_id'))
    .select(['n.id', 'n.client_id', 'n.body', 'n.author_id', 's.name as author_name', 'n.created_at', 'n.edited_at', 'n.sensitive'])
    .where('n.retailer_id', '=', retailerId)
    .where('n.customer_id', '=', customerId);
  let changes = db
    .selectFrom('audit_log as a')
    .leftJoin('staff as s', (j) => j.onRef('s.retailer_id', '=', 'a.retailer_id').onRef('s.id', '=', 'a.actor_id'))
    .select(['a.id', 'a.at', 'a.action', 'a.actor_id', 's.name as actor_name', 'a.details'])
    .where('a.retailer_id', '=', retailerId)
    .where('a.subject_type', '=', 'customer')
    .where('a.subject_id', '=', customerId)
    .where('a.action', 'not in', ['customer.viewed', 'note.added', 'note.added_despite_warning']);
  if (cursor) {
    notes = notes.where((eb) =>
      eb.or([eb('n.created_at', '<', cursor.at), eb.and([eb('n.created_at', '=', cursor.at), eb('n.id', '<', cursor.id)])]),
    );
    changes = changes.where((eb) => eb.or([eb('a.at', '<', cursor.at), eb.and([eb('a.at', '=', cursor.at), eb('a.id', '<', cursor.id)])]));
  }
  let sales = db
    .selectFrom('sales as s')
    .innerJoin('stores as st', (j) => j.onRef('st.retailer_id', '=', 's.retailer_id').onRef('st.id', '=', 's.store_id'))
    .leftJoin('staff as f', (j) => j.onRef('f.retailer_id', '=', 's.retailer_id').onRef('f.id', '=', 's.staff_id'))
    .select([
      's.id',
      's.kind',
      's.sold_at',
      's.total',
      's.currency',
      's.staff_id',
      'f.name as staff_name',
      'st.name as store_name',
      sql<
        { description: string; quantity: number }[]
      >`(select coalesce(json_agg(json_build_object('description', l.description, 'quantity', l.quantity) order by l.line_no), '[]')
        from sale_lines l where l.retailer_id = s.retailer_id and l.sale_id = s.id)`.as('lines'),
    ])
    .where('s.retailer_id', '=', retailerId)
    .where('s.customer_id', '=', customerId);
  if (cursor)
    sales = sales.where((eb) =>
      eb.or([eb('s.sold_at', '<', cursor.at), eb.and([eb('s.sold_at', '=', cursor.at), eb('s.id', '<', cursor.id)])]),
    );
  const [noteRows, changeRows, saleRows] = await Promise.all([
    notes
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(limit + 1)
      .execute(),
    changes
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit + 1)
      .execute(),
    sales
      .orderBy('s.sold_at', 'desc')
      .orderBy('s.id', 'desc')
      .limit(limit + 1)
      .execute(),
  ]);
  return { noteRows, changeRows, saleRows };
}

/**
 * Moves a customer's lifetime figures by a sale or a return (the sales service calls it in the
 * sale's transaction): spend, purchases and visits, first and last visit, and a home store when
 * they had none. Lookup ranks by last visit and home store, so their search terms follow.
 */
export async function applyPurchase(
  db: Kysely<DB>,
  retailerId: string,
  customerId: string,
  sale: { at: Date; amount: number; purchases: number; visits: number; storeId: string },
) {
  const row = await db
    .updateTable('customers')
    .set({
      spend: sql`spend + ${sale.amount}`,
      purchases: sql`purchases + ${sale.purchases}`,
      visits: sql`visits + ${sale.visits}`,
      first_visit_at: sql`least(coalesce(first_visit_at, ${sale.at}::timestamptz), ${sale.at}::timestamptz)`,
      last_visit_at: sql`greatest(coalesce(last_visit_at, ${sale.at}::timestamptz), ${sale.at}::timestamptz)`,
      home_store_id: sql`coalesce(home_store_id, ${sale.storeId})`,
    })
    .where('retailer_id', '=', retailerId)
    .where('id', '=', customerId)
    .returning(['last_visit_at', 'home_store_id'])
    .executeTakeFirstOrThrow();
  await db
    .updateTable('customer_search_terms')
    .set({ last_visit_at: row.last_visit_at, home_store_id: row.home_store_id })
    .where('retailer_id', '=', retailerId)
    .where('customer_id', '=', customerId)
    .where((eb) =>
      eb.or([eb('last_visit_at', 'is distinct from', row.last_visit_at), eb('home_store_id', 'is distinct from', row.home_store_id)]),
    )
    .execute();
}
