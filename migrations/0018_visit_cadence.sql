-- Cadence kept for coaching: each time a customer was given space to decide in a visit, and when
-- each answer of guided selling was first given, so the time spent in discovery can be told.

create table encounter_space (
  retailer_id   text not null,
  encounter_id  text not null,
  -- The device's id for giving space: sending twice starts once.
  client_id     text not null,
  started_at    timestamptz not null,
  -- The device's id for coming back; null while the space lasts, or when closing the visit ended it.
  end_client_id text,
  ended_at      timestamptz,
  staff_id      text,
  primary key (retailer_id, client_id),
  unique (retailer_id, end_client_id),
  check (ended_at is null or ended_at >= started_at),
  foreign key (retailer_id, encounter_id) references encounters (retailer_id, id) on delete cascade
);
-- One space at a time in a visit: two tablets giving space at once give it once.
create unique index encounter_space_open_idx on encounter_space (retailer_id, encounter_id) where ended_at is null;
create index encounter_space_encounter_idx on encounter_space (retailer_id, encounter_id, started_at);

-- Question key → when it was first answered; the answers already given count from the session's last change.
alter table guidance_sessions add column answered_at jsonb not null default '{}';
update guidance_sessions g
set answered_at = coalesce((select jsonb_object_agg(k, g.updated_at) from jsonb_object_keys(g.answers) k), '{}'::jsonb)
where g.answers <> '{}'::jsonb;
