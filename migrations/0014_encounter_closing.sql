-- How a visit ends: a sale through the sales service, a special order that becomes a sale when it
-- is fulfilled, or no sale with the reason.

alter table encounters add column outcome text check (outcome in ('sale', 'special-order', 'no-sale'));
alter table encounters add column no_sale_reason text
  check (no_sale_reason in ('browsing', 'price', 'not-in-stock', 'will-come-back', 'gift-idea', 'other'));
alter table encounters add column sale_id text;
alter table encounters add column closed_by text;

create table special_orders (
  retailer_id   text not null references retailers (id) on delete cascade,
  id            text not null,
  encounter_id  text not null,
  store_id      text not null,
  customer_id   text,
  -- 'delivery' to an address, or 'collection' from the store
  fulfilment    text not null check (fulfilment in ('delivery', 'collection')),
  due_on        date not null,
  recipient     text,
  address       jsonb,
  card_message  text,
  deposit       numeric(14, 2) not null default 0 check (deposit >= 0),
  -- [{ variantId, quantity, unitPrice }] at the prices agreed
  lines         jsonb not null,
  status        text not null default 'open' check (status in ('open', 'fulfilled', 'cancelled')),
  sale_id       text,
  created_by    text,
  created_at    timestamptz not null default now(),
  fulfilled_at  timestamptz,
  primary key (retailer_id, id),
  foreign key (retailer_id, encounter_id) references encounters (retailer_id, id),
  foreign key (retailer_id, store_id) references stores (retailer_id, id),
  foreign key (retailer_id, customer_id) references customers (retailer_id, id)
);
create index special_orders_store_idx on special_orders (retailer_id, store_id, due_on) where status = 'open';
