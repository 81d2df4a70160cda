-- Personal data travels on each service's compacted personal topic (platform PersonalData); on
-- erasure the service writes a tombstone (a record with no value) for every key it used, so the
-- outbox must hold value-less rows and the service must remember the keys it wrote.
-- "if exists": the gateway publishes nothing and dropped its outbox (its V9).
alter table if exists outbox_event alter column payload drop not null;

create table personal_record (
    record_key  text        primary key,
    topic       text        not null,
    customer_id uuid        not null,
    recorded_at timestamptz not null
);
create index personal_record_customer on personal_record (customer_id);
