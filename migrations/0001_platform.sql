-- Platform: retailers (tenants), stores, staff, sessions, devices, tokens, audit log.
-- Every tenant table carries retailer_id, leads its primary key with it and references parents
-- through it, so the schema can be distributed by retailer_id (Citus) without change.

create table retailers (
  id            text primary key,
  name          text not null,
  slug          text not null unique,
  country       char(2) not null,
  currency      char(3) not null,
  locale        text not null,
  phone_region  char(2) not null,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);

create table stores (
  retailer_id   text not null references retailers (id) on delete cascade,
  id            text not null,
  name          text not null,
  address_line1 text,
  address_line2 text,
  city          text,
  postcode      text,
  country       char(2),
  latitude      numeric(9, 6),
  longitude     numeric(9, 6),
  time_zone     text not null,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (retailer_id, id),
  unique (retailer_id, name)
);

create table staff (
  retailer_id    text not null references retailers (id) on delete cascade,
  id             text not null,
  name           text not null,
  email          text not null,
  role           text not null check (role in ('owner', 'manager', 'associate', 'ambassador')),
  title          text,
  password_hash  text,
  pin_hash       text,
  active         boolean not null default true,
  deactivated_at timestamptz,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  version        integer not null default 1,
  primary key (retailer_id, id),
  unique (retailer_id, email)
);
-- Sign-in looks a person up by e-mail before the retailer is known: the one cross-tenant read.
create index staff_email_idx on staff (email);

create table staff_stores (
  retailer_id text not null,
  staff_id    text not null,
  store_id    text not null,
  primary key (retailer_id, staff_id, store_id),
  foreign key (retailer_id, staff_id) references staff (retailer_id, id) on delete cascade,
  foreign key (retailer_id, store_id) references stores (retailer_id, id) on delete cascade
);

-- A browser registered as a shared store tablet; staff switch to themselves on it with a PIN.
create table devices (
  retailer_id  text not null references retailers (id) on delete cascade,
  id           text not null,
  store_id     text not null,
  name         text not null,
  secret_hash  text not null,
  created_by   text not null,
  created_at   timestamptz not null default now(),
  revoked_at   timestamptz,
  primary key (retailer_id, id),
  foreign key (retailer_id, store_id) references stores (retailer_id, id) on delete cascade
);

create table sessions (
  retailer_id      text not null references retailers (id) on delete cascade,
  id               text not null,
  secret_hash      text not null,
  staff_id         text not null,
  device_id        text,
  current_store_id text,
  -- other retailers' staff records of the same person, proven by the same password at sign-in
  linked           jsonb not null default '[]',
  created_at       timestamptz not null default now(),
  expires_at       timestamptz not null,
  ended_at         timestamptz,
  ip               text,
  user_agent       text,
  primary key (retailer_id, id),
  foreign key (retailer_id, staff_id) references staff (retailer_id, id) on delete cascade
);
create index sessions_staff_idx on sessions (retailer_id, staff_id) where ended_at is null;

create table password_resets (
  retailer_id text not null references retailers (id) on delete cascade,
  id          text not null,
  staff_id    text not null,
  secret_hash text not null,
  created_by  text not null,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null,
  used_at     timestamptz,
  primary key (retailer_id, id),
  foreign key (retailer_id, staff_id) references staff (retailer_id, id) on delete cascade
);

create table api_tokens (
  retailer_id  text not null references retailers (id) on delete cascade,
  id           text not null,
  name         text not null,
  role         text not null check (role in ('owner', 'manager', 'associate', 'ambassador')),
  store_ids    text[] not null default '{}',
  all_stores   boolean not null default false,
  secret_hash  text not null,
  created_by   text not null,
  created_at   timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at   timestamptz,
  primary key (retailer_id, id)
);

create table audit_log (
  retailer_id  text not null references retailers (id) on delete cascade,
  id           text not null,
  at           timestamptz not null default now(),
  actor_type   text not null check (actor_type in ('staff', 'token', 'customer', 'system')),
  actor_id     text,
  action       text not null,
  subject_type text not null,
  subject_id   text,
  store_id     text,
  request_id   text,
  ip           text,
  details      jsonb not null default '{}',
  primary key (retailer_id, id)
);
create index audit_log_subject_idx on audit_log (retailer_id, subject_type, subject_id, at desc);
create index audit_log_at_idx on audit_log (retailer_id, at desc);

-- Failed sign-in and PIN attempts, per account and per address, shared by every server.
-- Keyed before any retailer is known, so it is global (a Citus reference table).
create table auth_throttle (
  key           text primary key,
  failures      integer not null default 0,
  window_start  timestamptz not null default now(),
  blocked_until timestamptz
);

-- Everything a request needs about its signed-in person in one call: session, staff, retailer,
-- device and the stores they work in (all stores for owners), as one JSON value. PL/pgSQL so each
-- connection plans the five-table query once, not on every request; one JSON column keeps the
-- wire protocol's per-row work small. Under Citus it is distributed by p_retailer_id.
create function session_principal(p_retailer_id text, p_session_id text)
returns json
language plpgsql stable as $$
declare
  result json;
begin
  select json_build_object(
           'session_id', s.id, 'secret_hash', s.secret_hash, 'current_store_id', s.current_store_id, 'linked', s.linked,
           'staff_id', st.id, 'name', st.name, 'email', st.email, 'role', st.role, 'title', st.title,
           'has_pin', st.pin_hash is not null,
           'retailer_id', r.id, 'retailer_name', r.name, 'slug', r.slug, 'country', r.country, 'currency', r.currency,
           'locale', r.locale, 'phone_region', r.phone_region,
           'device_id', d.id, 'device_name', d.name, 'device_store_id', d.store_id,
           'stores', coalesce((
             select json_agg(json_build_object('id', so.id, 'name', so.name, 'timeZone', so.time_zone) order by so.name)
             from stores so
             where so.retailer_id = s.retailer_id
               and (st.role = 'owner' or exists (
                 select 1 from staff_stores ss
                 where ss.retailer_id = so.retailer_id and ss.staff_id = st.id and ss.store_id = so.id))
           ), '[]'::json))
    into result
    from sessions s
    join staff st on st.retailer_id = s.retailer_id and st.id = s.staff_id
    join retailers r on r.id = s.retailer_id
    left join devices d on d.retailer_id = s.retailer_id and d.id = s.device_id and d.revoked_at is null
    where s.retailer_id = p_retailer_id and s.id = p_session_id
      and s.ended_at is null and s.expires_at > now() and st.active;
  return result;
end $$;
