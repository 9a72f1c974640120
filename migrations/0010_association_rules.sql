-- "Goes well with": association rules learned from baskets, per selection of sales (a country,
-- a store, or the whole retailer), recomputed by `ones rules`.

-- Where the sale was made (ISO 3166 code): the invoice's country in an imported history, the
-- store's country for a sale recorded at a till. Null when not known.
alter table sales add column country char(2);
create index sales_country_idx on sales (retailer_id, country, id) where kind = 'sale';

-- One computation of rules over a selection. The current run of a selection is the last one that
-- succeeded; a failed or running run never replaces it.
create table rule_runs (
  retailer_id    text not null references retailers (id) on delete cascade,
  id             text not null,
  -- 'all', 'country:FR', 'store:sto_…', 'country:FR store:sto_…'
  selection      text not null,
  country        char(2),
  store_id       text,
  min_support    double precision not null check (min_support > 0 and min_support <= 1),
  min_confidence double precision not null check (min_confidence >= 0 and min_confidence <= 1),
  min_lift       double precision not null check (min_lift >= 0),
  status         text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
  is_current     boolean not null default false,
  sales_total    integer not null default 0,
  baskets        integer not null default 0,
  items          integer not null default 0,
  itemsets       integer not null default 0,
  rules          integer not null default 0,
  started_by     text,
  started_at     timestamptz not null default now(),
  finished_at    timestamptz,
  error          text,
  primary key (retailer_id, id),
  foreign key (retailer_id, store_id) references stores (retailer_id, id) on delete cascade,
  check (not is_current or status = 'succeeded')
);
create unique index rule_runs_current_idx on rule_runs (retailer_id, selection) where is_current;
create index rule_runs_started_idx on rule_runs (retailer_id, started_at desc);

-- The rules of a run, antecedent → consequent as product ids, in the run's order (lift first).
create table association_rules (
  retailer_id      text not null,
  run_id           text not null,
  position         integer not null,
  antecedent       text[] not null,
  consequent       text[] not null,
  support          double precision not null,
  confidence       double precision not null,
  lift             double precision not null,
  -- baskets holding both sides, the antecedent, the consequent
  basket_count     integer not null,
  antecedent_count integer not null,
  consequent_count integer not null,
  primary key (retailer_id, run_id, position),
  foreign key (retailer_id, run_id) references rule_runs (retailer_id, id) on delete cascade
);
-- "Goes well with" one product: the rules whose antecedent is that product alone, best first.
create index association_rules_single_idx on association_rules (retailer_id, run_id, (antecedent[1]), position)
  where cardinality(antecedent) = 1;
