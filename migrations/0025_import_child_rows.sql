-- Consents belong to a customer through (retailer_id, customer_id), whose foreign key already
-- proves the retailer exists and cascades when it is deleted; their own key to retailers only
-- costs a lookup per row of a customer import, so it goes. (Notes keep theirs: deleting a retailer
-- must remove them before the staff who wrote them.)
alter table customer_consents drop constraint customer_consents_retailer_id_fkey;
