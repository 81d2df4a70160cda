-- Every recomputation of value tiers (scheduled, answered at once, or in the background with
-- Prefer: respond-async), so a caller can follow one that outlives its request. heartbeat_at is
-- renewed while the run's instance works on it: a RUNNING row whose heartbeat stopped was interrupted.
create table value_tier_run (
    id           uuid primary key,
    trigger      text        not null check (trigger in ('SCHEDULE', 'REQUEST', 'BACKGROUND_REQUEST')),
    requested_by text,
    status       text        not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    created_at   timestamptz not null,
    started_at   timestamptz,
    heartbeat_at timestamptz not null,
    finished_at  timestamptz,
    result       jsonb,
    error        text
);
