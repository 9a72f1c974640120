import { type Kysely, sql } from 'kysely';
import type { CustomerInput } from '../../../shared/customers.ts';
import { customerTerms, deletions, TYPO_MIN_LENGTH } from '../../../shared/domain/search-terms.ts';
import { newId } from '../../../shared/ids.ts';
import { copyRows, textArray } from '../../db/copy.ts';
import type { DB } from '../../db/types.ts';

export interface BulkCustomer extends CustomerInput {
  id?: string;
  firstVisitAt?: Date | null;
  lastVisitAt?: Date | null;
  visits?: number;
  purchases?: number;
  spend?: number;
  importKey?: string | null;
  createdBy?: string | null;
  /** Its search terms when the caller has them already (`customerTerms`), to skip working them out again. */
  terms?: string[];
}

/**
 * Inserts a batch of new customers with their search terms and any new name tokens, in one
 * transaction (the caller's, if it has one), with COPY, so imports and the demo load at bulk
 * speed and PGlite's single connection is free again between batches.
 */
export async function bulkInsertCustomers(db: Kysely<DB>, retailerId: string, region: string, batch: BulkCustomer[]): Promise<string[]> {
  if (batch.length === 0) return [];
  const ids = batch.map((c) => c.id ?? newId('customer'));
  const terms: { term: string; id: string; store: string | null; visit: string | null }[] = [];
  const tokens = new Set<string>();
  batch.forEach((c, i) => {
    for (const term of c.terms ?? customerTerms(c, region)) {
      terms.push({ term, id: ids[i] as string, store: c.homeStoreId ?? null, visit: c.lastVisitAt?.toISOString() ?? null });
      if (term.startsWith('n:') && [...term].length - 2 >= TYPO_MIN_LENGTH - 1) tokens.add(term.slice(2));
    }
  });
  const write = async (trx: Kysely<DB>) => {
    await copyRows(
      trx,
      'customers',
      batch.map((c, i) => ({
        retailer_id: retailerId,
        id: ids[i],
        title: c.title,
        first_name: c.firstName,
        last_name: c.lastName,
        preferred_name: c.preferredName,
        phones: c.phones ?? [],
        emails: c.emails ?? [],
        address: c.address,
        household: c.household ?? [],
        dates: c.dates ?? [],
        tags: textArray(c.tags ?? []),
        assigned_staff_id: c.assignedStaffId,
        home_store_id: c.homeStoreId,
        first_visit_at: c.firstVisitAt,
        last_visit_at: c.lastVisitAt,
        visits: c.visits ?? 0,
        purchases: c.purchases ?? 0,
        spend: c.spend ?? 0,
        import_key: c.importKey,
        created_by: c.createdBy,
      })),
    );
    // In index order, so the B-tree is written page after page rather than all over.
    terms.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    await copyRows(
      trx,
      'customer_search_terms',
      terms.map((t) => ({ retailer_id: retailerId, term: t.term, customer_id: t.id, home_store_id: t.store, last_visit_at: t.visit })),
    );
    if (tokens.size) {
      const list = [...tokens];
      const { rows } = await sql<{ token: string }>`
        select token from name_variants where retailer_id = ${retailerId} and variant = any(${list}::text[]) and token = variant`.execute(
        trx,
      );
      const known = new Set(rows.map((r) => r.token));
      const fresh = list.filter((t) => !known.has(t));
      const variants = fresh.flatMap((token) => deletions(token).map((variant) => [variant, token] as const));
      if (variants.length) {
        await sql`
          insert into name_variants (retailer_id, variant, token)
          select ${retailerId}, * from unnest(${variants.map((v) => v[0])}::text[], ${variants.map((v) => v[1])}::text[])
          on conflict do nothing`.execute(trx);
      }
    }
  };
  // One transaction per batch, or the caller's when it already has one.
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
  return ids;
}

/**
 * After a bulk load: vacuums and analyses the customer tables, so lookups read the search index
 * alone (index-only scans need the visibility map VACUUM sets; PGlite has no autovacuum) and
 * the planner knows the new sizes. Only pages changed since the last vacuum are visited.
 */
export async function settleCustomerTables(db: Kysely<DB>): Promise<void> {
  await sql`vacuum (analyze) customer_search_terms, customers`.execute(db);
}
