-- The customers whose segment and stage the value recomputation (ValueTiers) still has to refresh.
-- Its bulk pass queues them here instead of returning their ids to the service: at a million
-- customers, all of them touched after a bulk import, that list filled the 128 MB heap and ended
-- the service with an OutOfMemoryError (2026-12-06). The per-customer pass takes them off in
-- batches; rows a run left behind when it died are refreshed by the next run.
create table value_refresh_pending (
    customer_id  uuid primary key,
    tier_changed boolean not null default false
);
