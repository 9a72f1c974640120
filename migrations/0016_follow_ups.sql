-- Follow-ups: tasks a visit leaves — a thank-you, a check after delivery, a call when an item is
-- back in stock (due once its delivery arrives), a reminder before a date the customer keeps.
create table follow_ups (
  retailer_id  text not null references retailers (id) on delete cascade,
  id           text not null,
  client_id    text not null,
  store_id     text not null,
  encounter_id text,
  customer_id  text,
  kind         text not null check (kind in ('thank-you', 'after-delivery', 'back-in-stock', 'anniversary', 'other')),
  channel      text not null check (channel in ('email', 'phone', 'in-person')),
  title        text not null,
  assignee_id  text,
  -- When it is due; null for a back-in-stock call until the item's delivery arrives.
  due_at       timestamptz,
  variant_id   text,
  -- An e-mail follow-up's message in the outbox, sent when it is due.
  message_id   text,
  status       text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  outcome      text,
  created_by   text,
  created_at   timestamptz not null default now(),
  done_at      timestamptz,
  done_by      text,
  primary key (retailer_id, id),
  unique (retailer_id, client_id),
  foreign key (retailer_id, store_id) references stores (retailer_id, id),
  foreign key (retailer_id, customer_id) references customers (retailer_id, id)
);
create index follow_ups_assignee_idx on follow_ups (retailer_id, assignee_id, due_at) where status = 'open';
create index follow_ups_waiting_idx on follow_ups (retailer_id, store_id, variant_id) where status = 'open' and due_at is null;
