-- Question sets for guided selling, kept as data and versioned: every save is a new version, and a
-- guidance session keeps the version it started with, so editing a set never changes a visit
-- already under way.
create table question_sets (
  retailer_id     text not null references retailers (id) on delete cascade,
  id              text not null,
  name            text not null,
  active          boolean not null default true,
  current_version integer not null default 1,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (retailer_id, id)
);

create table question_set_versions (
  retailer_id text not null,
  set_id      text not null,
  version     integer not null,
  -- The set as QuestionSetDefinition in src/shared/domain/question-sets.ts: name, purpose, questions.
  definition  jsonb not null,
  created_by  text,
  created_at  timestamptz not null default now(),
  primary key (retailer_id, set_id, version),
  foreign key (retailer_id, set_id) references question_sets (retailer_id, id) on delete cascade
);
