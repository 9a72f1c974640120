-- A special order the customer no longer wants is cancelled, with the reason, by whom and when.
alter table special_orders
  add column cancelled_at  timestamptz,
  add column cancelled_by  text,
  add column cancel_reason text;
