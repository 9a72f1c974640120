-- The server learns pairings when an owner asks: a run waits as 'queued' until the job runner takes
-- it up, and says how far it has got while it runs.
alter table rule_runs drop constraint rule_runs_status_check;
alter table rule_runs add constraint rule_runs_status_check check (status in ('queued', 'running', 'succeeded', 'failed'));
alter table rule_runs add column progress jsonb;
-- One run waits per selection: asking again while it waits gives the same run.
create unique index rule_runs_queued_idx on rule_runs (retailer_id, selection) where status = 'queued';
