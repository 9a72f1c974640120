import type { Kysely, Selectable } from 'kysely';
import type { VocabularyTerm } from '../../../shared/customers.ts';
import type { DB } from '../../db/types.ts';

export type VocabularyRow = Selectable<DB['vocabulary_terms']>;

export async function listVocabulary(db: Kysely<DB>, retailerId: string, includeArchived = false): Promise<VocabularyRow[]> {
  let q = db.selectFrom('vocabulary_terms').selectAll().where('retailer_id', '=', retailerId);
  if (!includeArchived) q = q.where('archived', '=', false);
  return q.orderBy('kind').orderBy('position').orderBy('label').execute();
}

/** The keys of one kind that exist and are not archived, to check references against. */
export async function existingKeys(db: Kysely<DB>, retailerId: string, kind: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('vocabulary_terms')
    .select('key')
    .where('retailer_id', '=', retailerId)
    .where('kind', '=', kind)
    .where('key', 'in', keys)
    .where('archived', '=', false)
    .execute();
  return new Set(rows.map((r) => r.key));
}

export async function upsertTerms(
  db: Kysely<DB>,
  retailerId: string,
  terms: (VocabularyTerm & { position?: number; archived?: boolean })[],
) {
  if (terms.length === 0) return;
  await db
    .insertInto('vocabulary_terms')
    .values(
      terms.map((t, i) => ({
        retailer_id: retailerId,
        kind: t.kind,
        key: t.key,
        label: t.label,
        family: t.family ?? null,
        hex: t.hex?.toLowerCase() ?? null,
        position: t.position ?? i,
        archived: t.archived ?? false,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['retailer_id', 'kind', 'key']).doUpdateSet((eb) => ({
        label: eb.ref('excluded.label'),
        family: eb.ref('excluded.family'),
        hex: eb.ref('excluded.hex'),
        position: eb.ref('excluded.position'),
        archived: eb.ref('excluded.archived'),
        updated_at: new Date(),
      })),
    )
    .execute();
}
