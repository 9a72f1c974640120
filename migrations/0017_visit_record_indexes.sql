-- What a visit’s record and the back office read: each part of a visit by its visit, and a
-- store's open follow-ups by due date.
create index gestures_encounter_idx on gestures (retailer_id, encounter_id);
create index lost_demand_encounter_idx on lost_demand (retailer_id, encounter_id) where encounter_id is not null;
create index special_orders_encounter_idx on special_orders (retailer_id, encounter_id);
create index follow_ups_encounter_idx on follow_ups (retailer_id, encounter_id) where encounter_id is not null;
create index follow_ups_store_idx on follow_ups (retailer_id, store_id, due_at) where status = 'open';

