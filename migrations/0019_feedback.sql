-- Feedback: the customer decides whether the visit was good. Closing a visit creates a request;
-- each way it reaches the customer (the QR code on the tablet, the e-mail) is a link of its own
-- with an unguessable token, kept here only as its SHA-256; the answers are one response per
-- request, amended through any of its links until the request expires. Imported reviews are
-- responses of their own kind, without a request or a visit.

alter table retailers
  -- How long after the visit the e-mailed request goes, at most one request per customer in so
  -- many days, how long a link works, the colour of the customer's page, and the words in a comment
  -- that make the answer one for the manager to follow up.
  add column feedback_delay_minutes integer not null default 120 check (feedback_delay_minutes between 0 and 10080),
  add column feedback_limit_days integer not null default 30 check (feedback_limit_days between 0 and 365),
  add column feedback_link_days integer not null default 14 check (feedback_link_days between 1 and 90),
  add column brand_colour text not null default '#266845' check (brand_colour ~ '^#[0-9a-fA-F]{6}$'),
  add column feedback_watch_words text[] not null default '{}';

create table feedback_requests (
  retailer_id   text not null references retailers (id) on delete cascade,
  id            text not null,
  encounter_id  text not null,
  store_id      text not null,
  customer_id   text,
  -- Who served the customer when the visit closed: the lead first, then the assists.
  staff_ids     text[] not null default '{}',
  created_at    timestamptz not null default now(),
  expires_at    timestamptz not null,
  first_opened_at timestamptz,
  primary key (retailer_id, id),
  unique (retailer_id, encounter_id),
  foreign key (retailer_id, encounter_id) references encounters (retailer_id, id) on delete cascade,
  foreign key (retailer_id, store_id) references stores (retailer_id, id),
  foreign key (retailer_id, customer_id) references customers (retailer_id, id)
);
create index feedback_requests_customer_idx on feedback_requests (retailer_id, customer_id, created_at desc);
create index feedback_requests_store_idx on feedback_requests (retailer_id, store_id, created_at desc);

create table feedback_links (
  retailer_id   text not null,
  -- SHA-256 of the token, hex: the token itself is only ever in the link.
  token_hash    text not null unique,
  request_id    text not null,
  channel       text not null check (channel in ('qr', 'email')),
  created_at    timestamptz not null default now(),
  -- A QR code shown again replaces the one shown before.
  revoked_at    timestamptz,
  message_id    text,
  primary key (retailer_id, token_hash),
  foreign key (retailer_id, request_id) references feedback_requests (retailer_id, id) on delete cascade
);
create index feedback_links_request_idx on feedback_links (retailer_id, request_id);

create table feedback_responses (
  retailer_id   text not null references retailers (id) on delete cascade,
  id            text not null,
  kind          text not null check (kind in ('visit', 'imported')),
  request_id    text,
  encounter_id  text,
  store_id      text,
  customer_id   text,
  staff_ids     text[] not null default '{}',
  satisfaction  smallint check (satisfaction between 1 and 5),
  expectations  text check (expectations in ('not-met', 'met', 'exceeded')),
  listened      boolean,
  felt_rushed   boolean,
  in_stock      boolean,
  comment       text check (char_length(comment) <= 5000),
  may_contact   boolean,
  -- Whether the answer, as it stands, is one for the manager to follow up (src/shared/domain/feedback.ts).
  poor          boolean not null default false,
  -- Imported reviews: the product reviewed, the source's own id and rating scale, as imported.
  product_id    text,
  source        text,
  source_ref    text,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (retailer_id, id),
  unique (retailer_id, request_id),
  unique (retailer_id, source, source_ref),
  check ((kind = 'visit') = (request_id is not null)),
  foreign key (retailer_id, request_id) references feedback_requests (retailer_id, id) on delete cascade,
  foreign key (retailer_id, store_id) references stores (retailer_id, id),
  foreign key (retailer_id, customer_id) references customers (retailer_id, id)
);
create index feedback_responses_store_idx on feedback_responses (retailer_id, store_id, created_at desc);
create index feedback_responses_staff_idx on feedback_responses using gin (staff_ids);

-- A poor answer opens a follow-up for the store's manager, linked to the answer.
alter table follow_ups drop constraint follow_ups_kind_check;
alter table follow_ups add constraint follow_ups_kind_check
  check (kind in ('thank-you', 'after-delivery', 'back-in-stock', 'anniversary', 'feedback', 'other'));
alter table follow_ups add column feedback_response_id text;
create unique index follow_ups_feedback_idx on follow_ups (retailer_id, feedback_response_id) where feedback_response_id is not null;
