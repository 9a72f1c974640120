-- Catalog search at 100,000 products × 50 stores. "In stock at this store" becomes a column of
-- the product, so one GIN index answers attribute filters and the store together and only the
-- matching rows are read; a title index lets pages with loose filters walk titles in order and
-- stop after one page instead of sorting every match.

-- Stores where at least one of the product's variants (retired or not) has units on hand, sorted.
-- Kept by the triggers below on every write to stock_levels, whichever code path makes it.
alter table products add column in_stock_store_ids text[] not null default '{}';

update products p set in_stock_store_ids = x.store_ids
from (
  select v.retailer_id, v.product_id, array_agg(distinct s.store_id order by s.store_id) as store_ids
  from variants v
  join stock_levels s on s.retailer_id = v.retailer_id and s.variant_id = v.id
  where s.on_hand > 0
  group by v.retailer_id, v.product_id
) x
where p.retailer_id = x.retailer_id and p.id = x.product_id;

-- Replaces products_filter_idx: a query on filter_attributes alone uses this one as well.
create index products_filter_stock_idx on products using gin (filter_attributes jsonb_path_ops, in_stock_store_ids);
drop index products_filter_idx;
create index products_title_idx on products (retailer_id, title, id);

-- Recomputes in_stock_store_ids of the given products (pairs of retailer and product ids). The
-- products are locked first, in a fixed order, and stock is read by the next statement: its fresh
-- snapshot sees what a concurrent transaction changed in the same products' stock and committed
-- while this one waited, so two tills emptying and filling two variants of one product cannot
-- leave a stale list behind.
create function refresh_products_in_stock(p_retailer_ids text[], p_product_ids text[])
returns void
language plpgsql volatile as $$
begin
  perform 1
  from products p
  join unnest(p_retailer_ids, p_product_ids) as k(retailer_id, product_id)
    on p.retailer_id = k.retailer_id and p.id = k.product_id
  order by p.retailer_id, p.id
  for no key update of p;
  update products p
  set in_stock_store_ids = x.store_ids
  from (
    select k.retailer_id, k.product_id, coalesce((
      select array_agg(distinct s.store_id order by s.store_id)
      from variants v
      join stock_levels s on s.retailer_id = v.retailer_id and s.variant_id = v.id
      where v.retailer_id = k.retailer_id and v.product_id = k.product_id and s.on_hand > 0), '{}') as store_ids
    from unnest(p_retailer_ids, p_product_ids) as k(retailer_id, product_id)
  ) x
  where p.retailer_id = x.retailer_id and p.id = x.product_id and p.in_stock_store_ids <> x.store_ids;
end $$;

-- After each statement on stock_levels: the products with a variant whose stock crossed zero
-- (in either direction) in some store. Most movements (5 → 4) cross nothing and cost one small
-- query over the statement's own rows.
create function stock_levels_refresh_in_stock()
returns trigger
language plpgsql as $$
declare
  retailer_ids text[];
  product_ids text[];
begin
  if tg_op = 'INSERT' then
    select array_agg(x.retailer_id), array_agg(x.product_id) into retailer_ids, product_ids
    from (
      select distinct v.retailer_id, v.product_id
      from new_rows n join variants v on v.retailer_id = n.retailer_id and v.id = n.variant_id
      where n.on_hand > 0
    ) x;
  elsif tg_op = 'DELETE' then
    select array_agg(x.retailer_id), array_agg(x.product_id) into retailer_ids, product_ids
    from (
      select distinct v.retailer_id, v.product_id
      from old_rows o join variants v on v.retailer_id = o.retailer_id and v.id = o.variant_id
      where o.on_hand > 0
    ) x;
  else
    select array_agg(x.retailer_id), array_agg(x.product_id) into retailer_ids, product_ids
    from (
      select distinct v.retailer_id, v.product_id
      from (
        (select retailer_id, variant_id, store_id from new_rows where on_hand > 0
         except select retailer_id, variant_id, store_id from old_rows where on_hand > 0)
        union
        (select retailer_id, variant_id, store_id from old_rows where on_hand > 0
         except select retailer_id, variant_id, store_id from new_rows where on_hand > 0)
      ) c
      join variants v on v.retailer_id = c.retailer_id and v.id = c.variant_id
    ) x;
  end if;
  if product_ids is not null then
    perform refresh_products_in_stock(retailer_ids, product_ids);
  end if;
  return null;
end $$;

-- A trigger with transition tables takes one event each.
create trigger stock_levels_in_stock_insert after insert on stock_levels
  referencing new table as new_rows
  for each statement execute function stock_levels_refresh_in_stock();
create trigger stock_levels_in_stock_update after update on stock_levels
  referencing old table as old_rows new table as new_rows
  for each statement execute function stock_levels_refresh_in_stock();
create trigger stock_levels_in_stock_delete after delete on stock_levels
  referencing old table as old_rows
  for each statement execute function stock_levels_refresh_in_stock();

-- A deleted variant takes its stock rows with it (on delete cascade) before this runs, when the
-- stock trigger could no longer tell whose they were; a variant moved to another product changes
-- both products' lists.
create function variants_refresh_in_stock()
returns trigger
language plpgsql as $$
declare
  retailer_ids text[];
  product_ids text[];
begin
  if tg_op = 'DELETE' then
    select array_agg(x.retailer_id), array_agg(x.product_id) into retailer_ids, product_ids
    from (select distinct retailer_id, product_id from old_rows) x;
  else
    select array_agg(x.retailer_id), array_agg(x.product_id) into retailer_ids, product_ids
    from (
      select o.retailer_id, o.product_id from old_rows o join new_rows n on n.retailer_id = o.retailer_id and n.id = o.id
      where n.product_id <> o.product_id
      union
      select n.retailer_id, n.product_id from old_rows o join new_rows n on n.retailer_id = o.retailer_id and n.id = o.id
      where n.product_id <> o.product_id
    ) x;
  end if;
  if product_ids is not null then
    perform refresh_products_in_stock(retailer_ids, product_ids);
  end if;
  return null;
end $$;

create trigger variants_in_stock_update after update on variants
  referencing old table as old_rows new table as new_rows
  for each statement execute function variants_refresh_in_stock();
create trigger variants_in_stock_delete after delete on variants
  referencing old table as old_rows
  for each statement execute function variants_refresh_in_stock();
