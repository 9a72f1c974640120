import { type Kysely, sql } from 'kysely';
import type { CustomerInput } from '../../../shared/customers.ts';
import { customerTerms, deletions, TYPO_MIN_LENGTH } from '../../../shared/domain/search-terms.ts';
import { newId } from '../../../shared/ids.ts';
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
 * Inserts a batch of customers with their search terms and any new name tokens, in one
 * transaction (the caller's, if it has one) and a handful of statements (arrays unnested server-side), so imports and the
 * demo load at bulk speed and PGlite's single connection is free again between batches.
 */
export async function bulkInsertCustomers(db: Kysely<DB>, retailerId: string, region: string, batch: BulkCustomer[]): Promise<string[]> {
  if (batch.length === 0) return [];
  const ids = batch.map((c) => c.id ?? newId('customer'));
  const col = <T>(f: (c: BulkCustomer) => T) => batch.map(f);
  const terms: { term: string; id: string; store: string | null; visit: string | null }[] = [];
  const tokens = new Set<string>();
  batch.forEach((c, i) => {
    for (const term of c.terms ?? customerTerms(c, region)) {
      terms.push({ term, id: ids[i] as string, store: c.homeStoreId ?? null, visit: c.lastVisitAt?.toISOString() ?? null });
      if (term.startsWith('n:') && [...term].length - 2 >= TYPO_MIN_LENGTH - 1) tokens.add(term.slice(2));
    }
  });
  const write = async (trx: Kysely<DB>) => {
    await sql`
      insert into customers (retailer_id, id, title, first_name, last_name, preferred_name, phones, emails, address, household, dates,
                             tags, assigned_staff_id, home_store_id, first_visit_at, last_visit_at, visits, purchases, spend, import_key, created_by)
      select ${retailerId}, t.id, t.title, t.first_name, t.last_name, t.preferred_name, t.phones, t.emails, t.address, t.household, t.dates,
             t.tags::text[], t.assigned_staff_id, t.home_store_id, t.first_visit_at, t.last_visit_at, t.visits, t.purchases, t.spend,
             t.import_key, t.created_by
      from unnest(
        ${ids}::text[], ${col((c) => c.title ?? null)}::text[], ${col((c) => c.firstName)}::text[], ${col((c) => c.lastName ?? null)}::text[],
        ${col((c) => c.preferredName ?? null)}::text[], ${col((c) => JSON.stringify(c.phones ?? []))}::jsonb[],
        ${col((c) => JSON.stringify(c.emails ?? []))}::jsonb[], ${col((c) => (c.address ? JSON.stringify(c.address) : null))}::jsonb[],
        ${col((c) => JSON.stringify(c.household ?? []))}::jsonb[], ${col((c) => JSON.stringify(c.dates ?? []))}::jsonb[],
        ${col((c) => `{${(c.tags ?? []).map((t) => `"${t.replace(/["\\]/g, '')}"`).join(',')}}`)}::text[],
        ${col((c) => c.assignedStaffId ?? null)}::text[], ${col((c) => c.homeStoreId ?? null)}::text[],
        ${col((c) => c.firstVisitAt?.toISOString() ?? null)}::timestamptz[], ${col((c) => c.lastVisitAt?.toISOString() ?? null)}::timestamptz[],
        ${col((c) => c.visits ?? 0)}::int[], ${col((c) => c.purchases ?? 0)}::int[], ${col((c) => c.spend ?? 0)}::numeric[],
        ${col((c) => c.importKey ?? null)}::text[], ${col((c) => c.createdBy ?? null)}::text[]
      ) as t(id, title, first_name, last_name, preferred_name, phones, emails, address, household, dates, tags,
             assigned_staff_id, home_store_id, first_visit_at, last_visit_at, visits, purchases, spend, import_key, created_by)`.execute(
      trx,
    );
    if (terms.length) {
      // In index order, so the B-tree is written page after page rather than all over.
      terms.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
      await sql`
        insert into customer_search_terms (retailer_id, term, customer_id, home_store_id, last_visit_at)
        select ${retailerId}, * from unnest(${terms.map((t) => t.term)}::text[], ${terms.map((t) => t.id)}::text[],
                                            ${terms.map((t) => t.store)}::text[], ${terms.map((t) => t.visit)}::timestamptz[])
        on conflict do nothing`.execute(trx);
    }
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
