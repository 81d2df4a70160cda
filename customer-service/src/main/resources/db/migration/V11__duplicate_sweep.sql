-- Duplicate backfill (issue 21): where the background sweep that checks every live customer for
-- look-alikes has got to. Customers loaded behind the API's back (bulk loads, rows older than the
-- duplicate check) are only ever found this way. One row; after_id is the last customer checked in
-- the current pass (keyset on id), so a restart carries on from there instead of starting over.
-- pass_finished_at is set when a pass reached the end; the next pass waits a configured rest.
create table duplicate_sweep (
    id               smallint    primary key check (id = 1),
    after_id         uuid,
    pass_started_at  timestamptz,
    pass_finished_at timestamptz,
    checked_in_pass  bigint      not null default 0,
    updated_at       timestamptz
);
insert into duplicate_sweep (id) values (1);
