-- The customer book: the retailer's selling vocabulary, customer profiles, what they tell us
-- (preferences, notes), consent, and the search index behind lookup-as-you-type.

create table vocabulary_terms (
  retailer_id text not null references retailers (id) on delete cascade,
  kind        text not null check (kind in ('colour', 'style', 'room', 'material', 'occasion', 'size')),
  key         text not null check (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  label       text not null,
  family      text,
  hex         text check (hex ~ '^#[0-9a-f]{6}$'),
  position    integer not null default 0,
  archived    boolean not null default false,
  updated_at  timestamptz not null default now(),
  primary key (retailer_id, kind, key)
);

-- Preference keys a retailer adds beyond the built-in ones (room, colour-liked, budget, …).
create table preference_keys (
  retailer_id text not null references retailers (id) on delete cascade,
  key         text not null check (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  label       text not null,
  value_type  text not null check (value_type in ('text', 'number', 'boolean')),
  primary key (retailer_id, key)
);

create table customers (
  retailer_id       text not null references retailers (id) on delete cascade,
  id                text not null,
  title             text,
  first_name        text not null,
  last_name         text,
  preferred_name    text,
  phones            jsonb not null default '[]',
  emails            jsonb not null default '[]',
  address           jsonb,
  household         jsonb not null default '[]',
  dates             jsonb not null default '[]',
  tags              text[] not null default '{}',
  assigned_staff_id text,
  home_store_id     text,
  first_visit_at    timestamptz,
  last_visit_at     timestamptz,
  visits            integer not null default 0,
  purchases         integer not null default 0,
  spend             numeric(14, 2) not null default 0,
  created_at        timestamptz not null default now(),
  created_by        text,
  updated_at        timestamptz not null default now(),
  version           integer not null default 1,
  -- set when the customer asked to be forgotten: personal data removed, figures kept
  erased_at         timestamptz,
  primary key (retailer_id, id),
  foreign key (retailer_id, assigned_staff_id) references staff (retailer_id, id),
  foreign key (retailer_id, home_store_id) references stores (retailer_id, id)
);

-- One row per search term of a customer (see src/shared/domain/search-terms.ts). The primary
-- key's ordered index answers prefix queries by range scan; "C" collation keeps byte order.
create table customer_search_terms (
  retailer_id text not null references retailers (id) on delete cascade,
  term        text collate "C" not null,
  customer_id text not null,
  primary key (retailer_id, term, customer_id),
  foreign key (retailer_id, customer_id) references customers (retailer_id, id) on delete cascade
);
create index customer_search_terms_customer_idx on customer_search_terms (retailer_id, customer_id);

-- Each distinct name token with its one-letter deletions: typo lookups go through here.
create table name_variants (
  retailer_id text not null references retailers (id) on delete cascade,
  variant     text collate "C" not null,
  token       text collate "C" not null,
  primary key (retailer_id, variant, token)
);

create table customer_notes (
  retailer_id   text not null references retailers (id) on delete cascade,
  id            text not null,
  customer_id   text not null,
  client_id     text not null,
  body          text not null,
  author_id     text not null,
  store_id      text,
  encounter_id  text,
  sensitive     jsonb,
  created_at    timestamptz not null default now(),
  edited_at     timestamptz,
  primary key (retailer_id, id),
  unique (retailer_id, client_id),
  foreign key (retailer_id, customer_id) references customers (retailer_id, id) on delete cascade,
  foreign key (retailer_id, author_id) references staff (retailer_id, id)
);
create index customer_notes_customer_idx on customer_notes (retailer_id, customer_id, created_at desc);

-- Earlier wordings of edited notes.
create table customer_note_revisions (
  retailer_id text not null references retailers (id) on delete cascade,
  note_id     text not null,
  revision    integer not null,
  body        text not null,
  edited_by   text not null,
  replaced_at timestamptz not null default now(),
  primary key (retailer_id, note_id, revision),
  foreign key (retailer_id, note_id) references customer_notes (retailer_id, id) on delete cascade
);

create table customer_preferences (
  retailer_id  text not null references retailers (id) on delete cascade,
  id           text not null,
  customer_id  text not null,
  client_id    text not null,
  key          text not null,
  value        jsonb not null,
  recorded_by  text not null,
  recorded_at  timestamptz not null default now(),
  encounter_id text,
  removed_at   timestamptz,
  removed_by   text,
  primary key (retailer_id, id),
  unique (retailer_id, client_id),
  foreign key (retailer_id, customer_id) references customers (retailer_id, id) on delete cascade
);
create index customer_preferences_customer_idx on customer_preferences (retailer_id, customer_id) where removed_at is null;

-- Consent history: the newest row per channel and purpose is in force.
create table customer_consents (
  retailer_id text not null references retailers (id) on delete cascade,
  id          text not null,
  customer_id text not null,
  channel     text not null check (channel in ('email', 'sms', 'phone', 'post')),
  purpose     text not null check (purpose in ('service', 'marketing')),
  granted     boolean not null,
  source      text not null,
  captured_by text,
  captured_at timestamptz not null default now(),
  primary key (retailer_id, id),
  foreign key (retailer_id, customer_id) references customers (retailer_id, id) on delete cascade
);
create index customer_consents_customer_idx on customer_consents (retailer_id, customer_id, channel, purpose, captured_at desc);
