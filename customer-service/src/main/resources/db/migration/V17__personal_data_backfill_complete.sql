-- PersonalDataBackfill records on crm.customers.personal what was written before the events stopped
-- carrying personal data. It ran every 5 minutes, and each run walked every live customer, touchpoint,
-- follow-up and lost reason looking for rows without a personal record: at a million customers 10 s of
-- PostgreSQL every 5 minutes that found nothing, in the middle of whatever else ran (bench 2026-12-04).
-- Every write since records its own personal data, so once one run has gone through every table
-- without meeting a row in its way nothing can lack a record: the run that completes says so here, and
-- later runs stop at this row. One row at most.
create table personal_data_backfill (
    completed boolean primary key default true check (completed),
    completed_at timestamptz not null,
    written integer not null check (written >= 0)
);
