-- Every event the overview was built from, in arrival order: the source for ?asOf= and for rebuilds.
create table overview_event (
    seq          bigint generated always as identity primary key,
    event_id     text        not null unique,
    customer_id  text        not null,
    event_type   text        not null,
    event_time   timestamptz not null,
    payload      jsonb       not null
);
create index overview_event_customer on overview_event (customer_id, event_time, seq);

-- The customer-360 read model: one row per customer, one JSON document per section.
create table customer_overview (
    customer_id    text        primary key,
    version        bigint      not null,
    document       jsonb       not null,
    updated_at     timestamptz not null
);
