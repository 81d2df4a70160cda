-- Name fragments at a million customers (issue 19). A fragment (rank 3) is listed newest first, and
-- the newest-first walk of V15 reads about 1 / (how common the fragment is) names per match: a
-- fragment one visible customer in 450 shares ("ukas mue" in the bench) walked some 9,500 names
-- (2-2.5 ms of PostgreSQL) for a page of 20, on every search; a rarer one walked all 10,000 and then
-- read every match through the trigram index.
--
-- This table holds every live customer's lower-case name from each of its characters but the first
-- (rank 1 lists the names that start with q), at least 3 characters long (q's shortest fragment) and
-- cut at 16, so a fragment's matches are one range of its index: every name with "ukas mue" inside
-- has a suffix in ["ukas mue", "ukas muf"). The search sorts that range's customers newest first and
-- checks them on the customer row until the page is full (SearchRanks.candidates): about 1 ms for
-- 2,500 candidates. A fragment with more than SearchRanks.FRAGMENT_CANDIDATES candidates still fills
-- its page from the newest-first walk, which such a common fragment fills within a few thousand names.
--
-- At a million customers: 8 million rows, 554 MB, and 482 MB for its range index. This migration
-- built them in 63 s while the other services started beside it (in psql alone: 4 s for the rows,
-- 5 s for the index); it holds a lock on customer that blocks writes, not reads, meanwhile.
-- consent_partner_sharing is copied so a partner's range skips what it may not see (the customer row
-- is checked again with every other condition of the search, so a copy that lags cannot show more).
create table customer_name_suffix (
    suffix                  text collate "C" not null,
    created_at              timestamptz not null,
    customer_id             uuid not null,
    consent_partner_sharing boolean not null
);
-- No foreign key: customers are never deleted, the triggers below are the only writers, and a key
-- check on each of a customer's dozen rows would cost every registration for nothing.
create index customer_name_suffix_range on customer_name_suffix (suffix) include (created_at, customer_id, consent_partner_sharing);
create index customer_name_suffix_customer on customer_name_suffix (customer_id);

-- Kept by triggers rather than by the service: every path that writes a customer row (registration,
-- profile updates, consent changes, merges, erasure, bulk loads) keeps the suffixes right, and an
-- erased customer's name leaves this table in the same transaction as it leaves the customer row.
create function customer_name_suffixes_write() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        delete from customer_name_suffix where customer_id = old.id;
    end if;
    if new.merged_into is null and new.erased_at is null and length(new.name_lower) > 3 then
        insert into customer_name_suffix (suffix, created_at, customer_id, consent_partner_sharing)
        select left(substr(new.name_lower, i), 16), new.created_at, new.id, new.consent_partner_sharing
        from generate_series(2, length(new.name_lower) - 2) i;
    end if;
    return null;
end $$;

create trigger customer_name_suffixes_insert after insert on customer
    for each row execute function customer_name_suffixes_write();
-- Purchases and lifecycle changes rewrite customer rows without touching these columns: no work then.
create trigger customer_name_suffixes_update after update on customer
    for each row when (old.name_lower is distinct from new.name_lower
                       or old.created_at is distinct from new.created_at
                       or old.consent_partner_sharing is distinct from new.consent_partner_sharing
                       or old.merged_into is distinct from new.merged_into
                       or old.erased_at is distinct from new.erased_at)
    execute function customer_name_suffixes_write();

-- Always, also under session_replication_role = replica, which bulk loads set to skip the foreign-key
-- triggers (bench/scale does): a customer row written without its suffixes would be missing from
-- every fragment search. (pg_dump creates triggers after the data, so a restore does not add the
-- suffixes twice; backups are physical anyway, k8s/.)
alter table customer enable always trigger customer_name_suffixes_insert;
alter table customer enable always trigger customer_name_suffixes_update;

insert into customer_name_suffix (suffix, created_at, customer_id, consent_partner_sharing)
select left(substr(c.name_lower, i), 16), c.created_at, c.id, c.consent_partner_sharing
from customer c, generate_series(2, length(c.name_lower) - 2) i
where c.merged_into is null and c.erased_at is null and length(c.name_lower) > 3;

-- New rows are all-visible only after a vacuum: until then an index-only range reads the heap too.
alter table customer_name_suffix set (
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_insert_scale_factor = 0.01,
    autovacuum_vacuum_insert_threshold = 1000);
analyze customer_name_suffix;
