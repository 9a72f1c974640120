-- Surprise and delight, drawn against a monthly budget per store; and what customers asked for
-- that the store could not give, with what happened instead.

-- What a store may spend on gestures each calendar month (in the retailer's currency).
alter table stores add column gesture_budget numeric(14, 2) not null default 50 check (gesture_budget >= 0);

create table gestures (
  retailer_id  text not null references retailers (id) on delete cascade,
  id           text not null,
  client_id    text not null,
  encounter_id text not null,
  store_id     text not null,
  customer_id  text,
  kind         text not null check (kind in ('extra-blooms', 'free-sample', 'gift-wrap', 'other')),
  description  text not null,
  cost         numeric(14, 2) not null check (cost >= 0),
  given_by     text,
  given_at     timestamptz not null default now(),
  primary key (retailer_id, id),
  unique (retailer_id, client_id),
  foreign key (retailer_id, encounter_id) references encounters (retailer_id, id) on delete cascade,
  foreign key (retailer_id, store_id) references stores (retailer_id, id)
);
create index gestures_store_month_idx on gestures (retailer_id, store_id, given_at);

create table lost_demand (
  retailer_id   text not null references retailers (id) on delete cascade,
  id            text not null,
  client_id     text not null,
  store_id      text not null,
  encounter_id  text,
  session_id    text,
  customer_id   text,
  -- What was asked for: an item of the catalog, or words for something it does not have.
  variant_id    text,
  description   text not null,
  quantity      integer not null check (quantity > 0),
  -- What happened to those units instead.
  outcome       text not null check (outcome in ('substituted', 'other-store', 'ordered', 'lost')),
  substitute_variant_id text,
  note          text,
  recorded_by   text,
  recorded_at   timestamptz not null default now(),
  primary key (retailer_id, id),
  unique (retailer_id, client_id),
  foreign key (retailer_id, store_id) references stores (retailer_id, id)
);
create index lost_demand_store_idx on lost_demand (retailer_id, store_id, recorded_at);
