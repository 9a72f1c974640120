-- Consents and notes belong to a customer through (retailer_id, customer_id), whose foreign key
-- already proves the retailer exists and cascades when it is deleted; their own key to retailers
-- only costs a lookup per row, a tenth of a customer import's time, so it goes.
alter table customer_consents drop constraint customer_consents_retailer_id_fkey;
alter table customer_notes drop constraint customer_notes_retailer_id_fkey;
