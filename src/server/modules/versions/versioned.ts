import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import { AppError, notFound } from '../../http/errors.ts';

/**
 * Documents kept as numbered versions — question sets, roadmaps: a head row holding the current
 * version number and one row per version holding the definition. Every save is a new version made
 * from the one the editor opened (a save from an older one is refused, never merged), and what
 * started on a version (a guidance session, a visit) keeps reading that version.
 */
export interface Versioned {
  head: 'question_sets' | 'roadmaps';
  versions: 'question_set_versions' | 'roadmap_versions';
  /** The versions table's column naming the head row. */
  key: 'set_id' | 'roadmap_id';
  /** In messages: "question set", "roadmap". */
  what: string;
}

export const QUESTION_SETS: Versioned = { head: 'question_sets', versions: 'question_set_versions', key: 'set_id', what: 'question set' };
export const ROADMAPS: Versioned = { head: 'roadmaps', versions: 'roadmap_versions', key: 'roadmap_id', what: 'roadmap' };

const capital = (s: string) => s[0]?.toUpperCase() + s.slice(1);

/** Writes version 1 of a new document whose head row the caller has inserted. */
export async function insertFirstVersion(
  db: Kysely<DB>,
  t: Versioned,
  retailerId: string,
  id: string,
  definition: unknown,
  by: string | null,
) {
  await sql`insert into ${sql.table(t.versions)} (retailer_id, ${sql.ref(t.key)}, version, definition, created_by)
            values (${retailerId}, ${id}, 1, ${JSON.stringify(definition)}::jsonb, ${by})`.execute(db);
}

/**
 * Saves the next version of a document edited from `version`, with the head's other columns
 * changed as given (its name, whether it is active); 409 when someone saved since, 404 when there
 * is no such document. Call inside a transaction.
 */
export async function saveNextVersion(
  trx: Kysely<DB>,
  t: Versioned,
  input: {
    retailerId: string;
    id: string;
    version: number;
    definition: unknown;
    by: string | null;
    now: Date;
    head: Record<string, unknown>;
  },
) {
  const sets = Object.entries(input.head).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  const { numAffectedRows } = await sql`
    update ${sql.table(t.head)}
    set current_version = ${input.version + 1}, updated_at = ${input.now} ${sets.length ? sql`, ${sql.join(sets)}` : sql``}
    where retailer_id = ${input.retailerId} and id = ${input.id} and current_version = ${input.version}`.execute(trx);
  if (Number(numAffectedRows ?? 0) === 0) {
    const { rows } = await sql`select 1 from ${sql.table(t.head)} where retailer_id = ${input.retailerId} and id = ${input.id}`.execute(
      trx,
    );
    if (rows.length === 0) throw notFound(capital(t.what));
    throw new AppError('stale_version', `Someone else changed this ${t.what} since you opened it. Reload to see their changes.`);
  }
  await sql`insert into ${sql.table(t.versions)} (retailer_id, ${sql.ref(t.key)}, version, definition, created_by)
            values (${input.retailerId}, ${input.id}, ${input.version + 1}, ${JSON.stringify(input.definition)}::jsonb, ${input.by})`.execute(
    trx,
  );
}

/** One version of a document (the current one by default), with its head row's columns. */
export async function readVersion<Head extends object, Definition>(
  db: Kysely<DB>,
  t: Versioned,
  retailerId: string,
  id: string,
  version?: number,
): Promise<Head & { current_version: number; version: number; definition: Definition }> {
  const { rows } = await sql<Head & { current_version: number; version: number; definition: Definition }>`
    select h.*, v.version, v.definition
    from ${sql.table(t.head)} h
    join ${sql.table(t.versions)} v on v.retailer_id = h.retailer_id and v.${sql.ref(t.key)} = h.id
    where h.retailer_id = ${retailerId} and h.id = ${id}
      and v.version = ${version === undefined ? sql`h.current_version` : sql`${version}`}`.execute(db);
  const row = rows[0];
  if (!row) throw notFound(version === undefined ? capital(t.what) : `Version ${version} of this ${t.what}`);
  return row;
}
