-- The retailer's own product attributes, declared by the owner: a help text for whoever fills
-- them in, and a fourth kind of value, a list of keys from one part of the selling vocabulary.
alter table product_attribute_keys add column help text not null default '';
alter table product_attribute_keys add column vocabulary_kind text
  check (vocabulary_kind in ('colour', 'style', 'room', 'material', 'occasion', 'size'));
alter table product_attribute_keys add column created_at timestamptz not null default now();
alter table product_attribute_keys drop constraint product_attribute_keys_value_type_check;
alter table product_attribute_keys add constraint product_attribute_keys_value_type_check
  check (value_type in ('text', 'number', 'boolean', 'vocabulary'));
alter table product_attribute_keys add constraint product_attribute_keys_kind_for_vocabulary
  check ((value_type = 'vocabulary') = (vocabulary_kind is not null));
