-- The catalog (products and variants described for selling), stock per store as a ledger of
-- movements, holds and expected deliveries, and sales — the one place a purchase is recorded.

-- Whether a sale may take stock below zero (the shop sells what has not been counted in yet).
alter table retailers add column allow_negative_stock boolean not null default false;

create table categories (
  retailer_id         text not null references retailers (id) on delete cascade,
  id                  text not null,
  parent_id           text,
  name                text not null,
  -- available quantity at or under which a product of this category is "low"
  low_stock_threshold integer check (low_stock_threshold >= 0),
  position            integer not null default 0,
  primary key (retailer_id, id),
  foreign key (retailer_id, parent_id) references categories (retailer_id, id)
);
create unique index categories_name_idx on categories (retailer_id, coalesce(parent_id, ''), lower(name));

-- Product attributes a retailer adds beyond the built-in ones (no migration needed).
create table product_attribute_keys (
  retailer_id text not null references retailers (id) on delete cascade,
  key         text not null check (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  label       text not null,
  value_type  text not null check (value_type in ('text', 'number', 'boolean')),
  primary key (retailer_id, key)
);

create table products (
  retailer_id         text not null references retailers (id) on delete cascade,
  id                  text not null,
  handle              text not null,
  title               text not null,
  description         text not null default '',
  category_id         text,
  status              text not null default 'active' check (status in ('active', 'seasonal', 'retired')),
  -- SellingAttributes (src/shared/catalog.ts): vocabulary keys and facts for selling
  attributes          jsonb not null default '{}',
  -- every variant's effective attributes folded together, for attribute filters (GIN)
  filter_attributes   jsonb not null default '{}',
  images              jsonb not null default '[]',
  low_stock_threshold integer check (low_stock_threshold >= 0),
  search              tsvector not null default ''::tsvector,
  import_key          text,
  version             integer not null default 1,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  primary key (retailer_id, id),
  unique (retailer_id, handle),
  foreign key (retailer_id, category_id) references categories (retailer_id, id)
);
create index products_filter_idx on products using gin (filter_attributes jsonb_path_ops);
create index products_search_idx on products using gin (search);
create index products_category_idx on products (retailer_id, category_id);

create table variants (
  retailer_id text not null references retailers (id) on delete cascade,
  id          text not null,
  product_id  text not null,
  title       text not null,
  options     jsonb not null default '{}',
  sku         text,
  barcode     text,
  price       numeric(12, 2) not null check (price >= 0),
  unit_cost   numeric(12, 2) check (unit_cost >= 0),
  -- what differs from the product (a colourway's colours)
  attributes  jsonb not null default '{}',
  position    integer not null default 0,
  retired     boolean not null default false,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  primary key (retailer_id, id),
  foreign key (retailer_id, product_id) references products (retailer_id, id) on delete cascade
);
create index variants_product_idx on variants (retailer_id, product_id, position);
create unique index variants_sku_idx on variants (retailer_id, sku) where sku is not null;
create index variants_barcode_idx on variants (retailer_id, barcode) where barcode is not null;

-- A bundle or arrangement variant is made of other variants; its stock follows from theirs.
create table bundle_components (
  retailer_id  text not null references retailers (id) on delete cascade,
  bundle_id    text not null,
  component_id text not null,
  quantity     integer not null check (quantity > 0),
  primary key (retailer_id, bundle_id, component_id),
  foreign key (retailer_id, bundle_id) references variants (retailer_id, id) on delete cascade,
  foreign key (retailer_id, component_id) references variants (retailer_id, id),
  check (bundle_id <> component_id)
);
create index bundle_components_component_idx on bundle_components (retailer_id, component_id);

-- "Pairs well with", as the catalog says (baskets add learned pairings later).
create table product_pairings (
  retailer_id text not null references retailers (id) on delete cascade,
  product_id  text not null,
  paired_id   text not null,
  primary key (retailer_id, product_id, paired_id),
  foreign key (retailer_id, product_id) references products (retailer_id, id) on delete cascade,
  foreign key (retailer_id, paired_id) references products (retailer_id, id) on delete cascade,
  check (product_id <> paired_id)
);

-- On hand per store and variant: the running sum of stock_movements, kept in the same
-- transaction as each movement. Its row lock is what serialises two tills selling the last one.
create table stock_levels (
  retailer_id text not null references retailers (id) on delete cascade,
  store_id    text not null,
  variant_id  text not null,
  on_hand     integer not null default 0,
  updated_at  timestamptz not null default now(),
  primary key (retailer_id, variant_id, store_id),
  foreign key (retailer_id, store_id) references stores (retailer_id, id),
  foreign key (retailer_id, variant_id) references variants (retailer_id, id) on delete cascade
);

create table stock_movements (
  retailer_id  text not null references retailers (id) on delete cascade,
  id           text not null,
  store_id     text not null,
  variant_id   text not null,
  quantity     integer not null check (quantity <> 0),
  reason       text not null check (reason in ('sale', 'return', 'delivery', 'count', 'damage', 'transfer', 'correction')),
  sale_id      text,
  delivery_id  text,
  transfer_id  text,
  note         text,
  staff_id     text,
  created_at   timestamptz not null default now(),
  primary key (retailer_id, id),
  foreign key (retailer_id, store_id) references stores (retailer_id, id),
  foreign key (retailer_id, variant_id) references variants (retailer_id, id) on delete cascade
);
create index stock_movements_variant_idx on stock_movements (retailer_id, variant_id, store_id, created_at desc);

-- Stock set aside for a customer until it expires; available = on hand − active holds.
create table stock_holds (
  retailer_id text not null references retailers (id) on delete cascade,
  id          text not null,
  store_id    text not null,
  variant_id  text not null,
  customer_id text,
  quantity    integer not null check (quantity > 0),
  expires_at  timestamptz not null,
  status      text not null default 'active' check (status in ('active', 'released', 'sold')),
  note        text,
  created_by  text,
  created_at  timestamptz not null default now(),
  closed_at   timestamptz,
  primary key (retailer_id, id),
  foreign key (retailer_id, store_id) references stores (retailer_id, id),
  foreign key (retailer_id, variant_id) references variants (retailer_id, id) on delete cascade,
  foreign key (retailer_id, customer_id) references customers (retailer_id, id)
);
create index stock_holds_active_idx on stock_holds (retailer_id, variant_id, store_id, expires_at) where status = 'active';
create index stock_holds_customer_idx on stock_holds (retailer_id, customer_id) where customer_id is not null;

-- Deliveries on their way, with the day they are expected; received ones become movements.
create table stock_deliveries (
  retailer_id text not null references retailers (id) on delete cascade,
  id          text not null,
  store_id    text not null,
  variant_id  text not null,
  quantity    integer not null check (quantity > 0),
  expected_at timestamptz not null,
  status      text not null default 'expected' check (status in ('expected', 'received', 'cancelled')),
  received_at timestamptz,
  created_by  text,
  created_at  timestamptz not null default now(),
  primary key (retailer_id, id),
  foreign key (retailer_id, store_id) references stores (retailer_id, id),
  foreign key (retailer_id, variant_id) references variants (retailer_id, id) on delete cascade
);
create index stock_deliveries_expected_idx on stock_deliveries (retailer_id, variant_id, store_id, expected_at) where status = 'expected';

create table sales (
  retailer_id      text not null references retailers (id) on delete cascade,
  id               text not null,
  kind             text not null check (kind in ('sale', 'return')),
  store_id         text not null,
  staff_id         text,
  customer_id      text,
  -- the visit (encounter) it closed, once encounters exist
  visit_id         text,
  -- the sender's own id for it (a POS's, or the app's): posting it twice records it once
  external_id      text,
  -- for a return: the sale it gives back from
  original_sale_id text,
  sold_at          timestamptz not null,
  currency         char(3) not null,
  total            numeric(14, 2) not null,
  discount_total   numeric(14, 2) not null default 0,
  note             text,
  created_by       text,
  created_at       timestamptz not null default now(),
  primary key (retailer_id, id),
  foreign key (retailer_id, store_id) references stores (retailer_id, id),
  foreign key (retailer_id, customer_id) references customers (retailer_id, id),
  foreign key (retailer_id, original_sale_id) references sales (retailer_id, id)
);
create unique index sales_external_idx on sales (retailer_id, external_id) where external_id is not null;
create index sales_sold_idx on sales (retailer_id, sold_at desc, id desc);
create index sales_store_idx on sales (retailer_id, store_id, sold_at desc);
create index sales_customer_idx on sales (retailer_id, customer_id, sold_at desc) where customer_id is not null;
create index sales_original_idx on sales (retailer_id, original_sale_id) where original_sale_id is not null;

create table sale_lines (
  retailer_id  text not null references retailers (id) on delete cascade,
  sale_id      text not null,
  line_no      integer not null,
  variant_id   text,
  description  text not null,
  sku          text,
  -- negative on a return
  quantity     integer not null check (quantity <> 0),
  unit_price   numeric(12, 2) not null,
  discount     numeric(12, 2) not null default 0,
  total        numeric(14, 2) not null,
  -- on a return: the line of the original sale given back
  returns_line integer,
  -- units sold that stock did not cover, to be supplied later
  backordered  integer not null default 0 check (backordered >= 0),
  restocked    boolean not null default true,
  primary key (retailer_id, sale_id, line_no),
  foreign key (retailer_id, sale_id) references sales (retailer_id, id) on delete cascade,
  foreign key (retailer_id, variant_id) references variants (retailer_id, id)
);
create index sale_lines_variant_idx on sale_lines (retailer_id, variant_id) where variant_id is not null;
