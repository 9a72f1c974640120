-- Which colour families go together is the shop's to say (pink with green, say): the chromatic
-- pairs it chose, or null for Ones' default.
alter table retailers add column colour_harmony jsonb;
