-- Background work and every message Ones sends.

-- Jobs: claimed with FOR UPDATE SKIP LOCKED, so several servers (or runners) share the work and
-- none is done twice at once; a claim is a lease, so a job whose runner died is taken up again
-- once the lease runs out; a failure is retried later, each wait longer than the last.
create table jobs (
  retailer_id  text not null references retailers (id) on delete cascade,
  id           text not null,
  kind         text not null,
  payload      jsonb not null default '{}',
  status       text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  attempts     integer not null default 0,
  max_attempts integer not null default 8 check (max_attempts > 0),
  run_at       timestamptz not null default now(),
  locked_until timestamptz,
  last_error   text,
  created_at   timestamptz not null default now(),
  finished_at  timestamptz,
  primary key (retailer_id, id)
);
create index jobs_due_idx on jobs (run_at) where status in ('queued', 'running');

-- The outbox: a message is written in the same transaction as what caused it, with the decision
-- taken then (queued, or suppressed for want of consent or by the contact cap), and sent by a job.
create table outbox_messages (
  retailer_id   text not null references retailers (id) on delete cascade,
  id            text not null,
  -- The caller's key for it ("follow-up:fu_…"): queueing the same message twice queues it once.
  message_key   text not null,
  channel       text not null check (channel in ('email')),
  purpose       text not null check (purpose in ('service', 'marketing')),
  customer_id   text,
  to_address    text not null,
  subject       text not null,
  body_text     text not null,
  status        text not null default 'queued' check (status in ('queued', 'sent', 'suppressed', 'failed')),
  reason        text,
  job_id        text,
  attempts      integer not null default 0,
  last_error    text,
  created_at    timestamptz not null default now(),
  sent_at       timestamptz,
  primary key (retailer_id, id),
  unique (retailer_id, message_key),
  foreign key (retailer_id, customer_id) references customers (retailer_id, id) on delete set null (customer_id)
);
create index outbox_messages_customer_idx on outbox_messages (retailer_id, customer_id, created_at) where customer_id is not null;

-- How often one customer may be contacted (messages other than service ones): at most
-- contact_cap_messages in any contact_cap_days days.
alter table retailers add column contact_cap_messages integer not null default 2 check (contact_cap_messages >= 0);
alter table retailers add column contact_cap_days integer not null default 7 check (contact_cap_days > 0);
