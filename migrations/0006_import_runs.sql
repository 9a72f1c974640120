-- Every kind of import (customers, products, stock counts, sales histories) keeps its runs and
-- reports in one table, so one screen lists them and one API reads them.
alter table customer_imports rename to imports;
alter index customer_imports_started_idx rename to imports_started_idx;
alter table imports rename constraint customer_imports_pkey to imports_pkey;
alter table imports drop constraint customer_imports_format_check;

alter table imports
  add column kind text not null default 'customers' check (kind in ('customers', 'products', 'stock', 'sales')),
  add column store_id text,
  -- Figures particular to a kind: variants for products, invoices, new products and new customers for sales.
  add column details jsonb not null default '{}',
  -- Rows kept with a remark (an image URL refused, say), up to 1,000.
  add column warnings jsonb not null default '[]',
  add constraint imports_format_check check (format in ('shopify', 'csv', 'vcard', 'online-retail')),
  add constraint imports_store_fk foreign key (retailer_id, store_id) references stores (retailer_id, id) on delete cascade;
alter table imports alter column kind drop default;

drop index imports_started_idx;
create index imports_started_idx on imports (retailer_id, kind, started_at desc);
