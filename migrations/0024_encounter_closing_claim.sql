-- A close with a sale records the sale (in the sales service's own transaction) before it marks the
-- visit closed; the visit is claimed for that time, so a close from another device meanwhile is
-- refused rather than leaving a sale behind a visit closed without one.
alter table encounters add column closing_since timestamptz;

-- The send job looks up the follow-up a queued message belongs to, to check it is still open.
create index follow_ups_message_idx on follow_ups (retailer_id, message_id) where message_id is not null;
