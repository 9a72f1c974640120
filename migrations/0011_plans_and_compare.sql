-- Substitutes, plans and compare: a plan chosen in a guidance session puts its lines in the visit's
-- basket and can hold the units for the customer; a hold knows the session and basket line it was
-- placed for, so taking the line out of the basket releases it. Compare lists are kept beside
-- recommendation lists.

alter table stock_holds add column session_id text;
alter table stock_holds add column basket_line_id text;
create index stock_holds_session_idx on stock_holds (retailer_id, session_id) where session_id is not null;

-- 'recommend' (the ranked list with its stretch group) or 'compare' (options side by side).
alter table guidance_lists add column kind text not null default 'recommend' check (kind in ('recommend', 'compare'));

-- Substitutes of the same kind: a category's best-sellers, read in order.
create index products_category_selling_idx on products (retailer_id, category_id, units_sold desc, id) where status <> 'retired';
