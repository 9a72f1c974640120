-- Historical reviews come in as import runs of their own kind, with the same reports as the others.
alter table imports drop constraint imports_kind_check;
alter table imports add constraint imports_kind_check check (kind in ('customers', 'products', 'stock', 'sales', 'reviews'));
