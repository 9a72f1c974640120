-- The search index is derived from the customers table and written only by the code that writes
-- customers (bulkInsertCustomers, writeSearchTerms, erasure, merges). Its foreign keys cost a
-- lookup per term row — more than half of a bulk import's time — and guard nothing that code
-- does not already keep, so they go. Deleting a retailer deletes its terms first (demo reset).
alter table customer_search_terms
  drop constraint customer_search_terms_retailer_id_fkey,
  drop constraint customer_search_terms_retailer_id_customer_id_fkey;

-- Lookup reads up to 200 index entries per query with the ranking columns; carried in the
-- primary key's index, they are read by an index-only scan — a few pages instead of 200 table
-- rows — once the table is vacuumed (imports and the demo load vacuum it when they finish).
alter table customer_search_terms
  drop constraint customer_search_terms_pkey,
  add primary key (retailer_id, term, customer_id) include (home_store_id, last_visit_at);
