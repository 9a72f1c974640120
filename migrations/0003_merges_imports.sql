-- The customer book, continued: ranking columns carried in the search index, saved items,
-- duplicates and reversible merges, and imports.

-- Lookup ranks up to 200 candidates by home store and most recent visit. Carrying those two
-- columns in the index rows lets ranking read one index range instead of 200 customer rows.
-- Whatever changes a customer's home store or last visit updates them too.
alter table customer_search_terms add column home_store_id text, add column last_visit_at timestamptz;
update customer_search_terms t set home_store_id = c.home_store_id, last_visit_at = c.last_visit_at
from customers c where c.retailer_id = t.retailer_id and c.id = t.customer_id;

alter table customers
  -- set while this profile is merged into another (its notes, preferences … live there)
  add column merged_into_id text,
  -- a digest of the imported row, so re-running an import never adds the same customer twice
  add column import_key text;
create unique index customers_import_key_idx on customers (retailer_id, import_key) where import_key is not null;

-- Things the customer would like, saved for later (a wishlist). Products come with the catalog;
-- until then, and for things not in it, the title says what it is.
create table customer_saved_items (
  retailer_id text not null references retailers (id) on delete cascade,
  id          text not null,
  customer_id text not null,
  client_id   text not null,
  title       text not null,
  note        text,
  product_id  text,
  added_by    text,
  added_at    timestamptz not null default now(),
  primary key (retailer_id, id),
  unique (retailer_id, client_id),
  foreign key (retailer_id, customer_id) references customers (retailer_id, id) on delete cascade
);
create index customer_saved_items_customer_idx on customer_saved_items (retailer_id, customer_id, added_at desc);

-- Pairs a manager said are different people; they are no longer suggested. customer_a < customer_b.
create table customer_duplicate_dismissals (
  retailer_id  text not null references retailers (id) on delete cascade,
  customer_a   text not null,
  customer_b   text not null,
  dismissed_by text,
  dismissed_at timestamptz not null default now(),
  primary key (retailer_id, customer_a, customer_b),
  check (customer_a < customer_b)
);

-- One merge of `merged_id` into `survivor_id`, with what it needs to be undone: the survivor's
-- fields before and right after, the rows that moved, and the figures that were added.
create table customer_merges (
  retailer_id     text not null references retailers (id) on delete cascade,
  id              text not null,
  survivor_id     text not null,
  merged_id       text not null,
  merged_by       text,
  merged_at       timestamptz not null default now(),
  survivor_before jsonb not null,
  survivor_after  jsonb not null,
  moved           jsonb not null,
  unmerged_at     timestamptz,
  unmerged_by     text,
  primary key (retailer_id, id),
  foreign key (retailer_id, survivor_id) references customers (retailer_id, id) on delete cascade,
  foreign key (retailer_id, merged_id) references customers (retailer_id, id) on delete cascade
);
create index customer_merges_survivor_idx on customer_merges (retailer_id, survivor_id, merged_at desc);

-- One import run (CLI or upload) and its report.
create table customer_imports (
  retailer_id text not null references retailers (id) on delete cascade,
  id          text not null,
  file_name   text not null,
  format      text not null check (format in ('shopify', 'csv', 'vcard')),
  status      text not null check (status in ('running', 'completed', 'failed')),
  started_by  text,
  started_at  timestamptz not null default now(),
  finished_at timestamptz,
  bytes_read  bigint not null default 0,
  bytes_total bigint,
  rows        integer not null default 0,
  created     integer not null default 0,
  matched     integer not null default 0,
  empty       integer not null default 0,
  failed      integer not null default 0,
  errors      jsonb not null default '[]',
  message     text,
  primary key (retailer_id, id)
);
create index customer_imports_started_idx on customer_imports (retailer_id, started_at desc);
