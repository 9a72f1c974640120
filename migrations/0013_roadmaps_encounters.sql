-- Visits: the retailer's roadmap for them (versioned like question sets: a visit keeps the version
-- it started with) and the encounters themselves — steps as they happen, who helped, notes.

create table roadmaps (
  retailer_id     text not null references retailers (id) on delete cascade,
  id              text not null,
  name            text not null,
  current_version integer not null default 1,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (retailer_id, id),
  -- One roadmap per retailer.
  unique (retailer_id)
);

create table roadmap_versions (
  retailer_id text not null,
  roadmap_id  text not null,
  version     integer not null,
  -- RoadmapDefinition in src/shared/domain/roadmap.ts: name and steps.
  definition  jsonb not null,
  created_by  text,
  created_at  timestamptz not null default now(),
  primary key (retailer_id, roadmap_id, version),
  foreign key (retailer_id, roadmap_id) references roadmaps (retailer_id, id) on delete cascade
);

create table encounters (
  retailer_id     text not null references retailers (id) on delete cascade,
  id              text not null,
  -- The device's id for it: starting twice starts once.
  client_id       text not null,
  store_id        text not null,
  customer_id     text,
  roadmap_id      text not null,
  roadmap_version integer not null,
  lead_staff_id   text,
  -- When the customer came in, if the associate noted it: time to greet is counted from it.
  arrived_at      timestamptz,
  started_at      timestamptz not null default now(),
  status          text not null default 'open' check (status in ('open', 'closed')),
  closed_at       timestamptz,
  -- Field edits (the customer linked later, the arrival time) carry it: a stale one is refused.
  version         integer not null default 1,
  updated_at      timestamptz not null default now(),
  primary key (retailer_id, id),
  unique (retailer_id, client_id),
  foreign key (retailer_id, store_id) references stores (retailer_id, id),
  foreign key (retailer_id, customer_id) references customers (retailer_id, id),
  foreign key (retailer_id, roadmap_id, roadmap_version) references roadmap_versions (retailer_id, roadmap_id, version)
);
create index encounters_store_idx on encounters (retailer_id, store_id, started_at desc);
create index encounters_customer_idx on encounters (retailer_id, customer_id, started_at desc) where customer_id is not null;

-- Everyone who helped: the lead, and each assist (a colleague joining, or taking over as lead).
create table encounter_staff (
  retailer_id  text not null,
  id           text not null,
  encounter_id text not null,
  client_id    text not null,
  staff_id     text not null,
  role         text not null check (role in ('lead', 'assist')),
  joined_at    timestamptz not null default now(),
  primary key (retailer_id, id),
  unique (retailer_id, client_id),
  foreign key (retailer_id, encounter_id) references encounters (retailer_id, id) on delete cascade,
  foreign key (retailer_id, staff_id) references staff (retailer_id, id)
);
create index encounter_staff_encounter_idx on encounter_staff (retailer_id, encounter_id, joined_at);

-- Steps as they happen; add-only, once per step.
create table encounter_steps (
  retailer_id  text not null,
  id           text not null,
  encounter_id text not null,
  client_id    text not null,
  step_key     text not null,
  status       text not null check (status in ('done', 'skipped')),
  at           timestamptz not null,
  staff_id     text,
  primary key (retailer_id, id),
  unique (retailer_id, client_id),
  unique (retailer_id, encounter_id, step_key),
  foreign key (retailer_id, encounter_id) references encounters (retailer_id, id) on delete cascade
);

create table encounter_notes (
  retailer_id  text not null,
  id           text not null,
  encounter_id text not null,
  client_id    text not null,
  staff_id     text,
  text         text not null,
  at           timestamptz not null default now(),
  primary key (retailer_id, id),
  unique (retailer_id, client_id),
  foreign key (retailer_id, encounter_id) references encounters (retailer_id, id) on delete cascade
);
create index encounter_notes_encounter_idx on encounter_notes (retailer_id, encounter_id, at);

create index guidance_sessions_encounter_idx on guidance_sessions (retailer_id, encounter_id) where encounter_id is not null;
