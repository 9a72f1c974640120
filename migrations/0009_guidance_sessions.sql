-- Guidance sessions: one customer (or nobody in particular) being helped through a question set,
-- on the version of the set it started with. Every recommendation list shown is kept with what it
-- was computed from and the budget in force, so it can be shown later that advice stayed inside
-- the budget. The encounters that visits become attach to sessions by encounter_id.

-- Units sold, less those returned, per variant and per product: "best-sellers", the tie-break
-- between equal fits, and the order in which the recommendation shortlist walks the catalog. Kept
-- by a trigger on sale lines, so the sales service and the history import both count.
create table variant_sales_totals (
  retailer_id text not null,
  variant_id  text not null,
  units       integer not null default 0,
  primary key (retailer_id, variant_id),
  foreign key (retailer_id, variant_id) references variants (retailer_id, id) on delete cascade
);

insert into variant_sales_totals (retailer_id, variant_id, units)
select retailer_id, variant_id, sum(quantity)::int from sale_lines where variant_id is not null group by retailer_id, variant_id;

alter table products add column units_sold integer not null default 0;
update products p set units_sold = x.units
from (select v.retailer_id, v.product_id, sum(t.units)::int as units
      from variant_sales_totals t join variants v on v.retailer_id = t.retailer_id and v.id = t.variant_id
      group by v.retailer_id, v.product_id) x
where p.retailer_id = x.retailer_id and p.id = x.product_id;
create index products_best_selling_idx on products (retailer_id, units_sold desc, id) where status <> 'retired';

-- The lowest price of a product's variants on sale, kept by the catalog with its filter
-- attributes: a budget rules products out before their variants are read.
alter table products add column price_from numeric(12, 2);
update products p set price_from = x.price
from (select retailer_id, product_id, min(price) as price from variants where not retired group by retailer_id, product_id) x
where p.retailer_id = x.retailer_id and p.id = x.product_id;

create function sale_lines_count_units()
returns trigger
language plpgsql as $$
begin
  insert into variant_sales_totals (retailer_id, variant_id, units)
  select retailer_id, variant_id, sum(quantity)::int from new_lines where variant_id is not null group by retailer_id, variant_id
  on conflict (retailer_id, variant_id) do update set units = variant_sales_totals.units + excluded.units;
  update products p set units_sold = p.units_sold + x.units
  from (select v.retailer_id, v.product_id, sum(n.quantity)::int as units
        from new_lines n join variants v on v.retailer_id = n.retailer_id and v.id = n.variant_id
        group by v.retailer_id, v.product_id) x
  where p.retailer_id = x.retailer_id and p.id = x.product_id;
  return null;
end $$;

create trigger sale_lines_count_units after insert on sale_lines
  referencing new table as new_lines
  for each statement execute function sale_lines_count_units();

create table guidance_sessions (
  retailer_id  text not null references retailers (id) on delete cascade,
  id           text not null,
  -- the device's own id for the session: starting it twice starts it once
  client_id    text,
  set_id       text not null,
  set_version  integer not null,
  store_id     text not null,
  staff_id     text,
  customer_id  text,
  -- narrows the set's categories to one (and its sub-categories): "cushions"
  category_id  text,
  encounter_id text,
  -- question key → Answer (src/shared/domain/question-sets.ts)
  answers      jsonb not null default '{}',
  -- question keys passed over
  skipped      jsonb not null default '[]',
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  primary key (retailer_id, id),
  foreign key (retailer_id, set_id, set_version) references question_set_versions (retailer_id, set_id, version),
  foreign key (retailer_id, store_id) references stores (retailer_id, id),
  foreign key (retailer_id, customer_id) references customers (retailer_id, id) on delete set null (customer_id),
  foreign key (retailer_id, category_id) references categories (retailer_id, id) on delete set null (category_id)
);
create unique index guidance_sessions_client_idx on guidance_sessions (retailer_id, client_id) where client_id is not null;
create index guidance_sessions_customer_idx on guidance_sessions (retailer_id, customer_id, created_at desc) where customer_id is not null;

create table guidance_lists (
  retailer_id text not null,
  id          text not null,
  session_id  text not null,
  staff_id    text,
  set_version integer not null,
  -- what the engine was given: answers, wishes, rules, quantity, how many candidates
  inputs      jsonb not null,
  -- the budget in force ({ max, firm }), none without one
  budget      jsonb,
  quantity    integer not null,
  -- what was shown: main, stretch and excluded items with totals, fit and reasons
  result      jsonb not null,
  -- the dearest total in the main list, beside the budget, to check advice stayed inside it
  main_max_total numeric(14, 2),
  shown_at    timestamptz not null default now(),
  primary key (retailer_id, id),
  foreign key (retailer_id, session_id) references guidance_sessions (retailer_id, id) on delete cascade
);
create index guidance_lists_session_idx on guidance_lists (retailer_id, session_id, shown_at);

create table guidance_basket_lines (
  retailer_id text not null,
  id          text not null,
  session_id  text not null,
  client_id   text not null,
  variant_id  text not null,
  quantity    integer not null check (quantity > 0),
  unit_price  numeric(12, 2) not null,
  -- the recommendation list it was chosen from, if any
  list_id     text,
  added_by    text,
  added_at    timestamptz not null default now(),
  removed_at  timestamptz,
  removed_by  text,
  primary key (retailer_id, id),
  unique (retailer_id, client_id),
  foreign key (retailer_id, session_id) references guidance_sessions (retailer_id, id) on delete cascade,
  foreign key (retailer_id, variant_id) references variants (retailer_id, id)
);
create index guidance_basket_session_idx on guidance_basket_lines (retailer_id, session_id) where removed_at is null;

-- The guidance session a preference was saved from (answers kept with the customer's agreement).
alter table customer_preferences add column session_id text;
