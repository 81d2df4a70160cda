-- Tables every service gets from the platform module (Flyway location classpath:db/platform).

-- Transactional outbox: written in the same transaction as the state change, published by the relay.
create table outbox_event (
    seq          bigint generated always as identity primary key,
    id           uuid        not null unique,
    topic        text        not null,
    event_key    text        not null,
    event_type   text        not null,
    payload      jsonb       not null,
    created_at   timestamptz not null,
    published_at timestamptz
);
-- The relay only ever looks for unpublished rows in seq order; keep that index tiny.
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;
create index outbox_event_published_at on outbox_event (published_at) where published_at is not null;

-- Idempotent consumer: one row per (subscriber, event) applied, written with the effect.
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    event_type   text        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);

-- Idempotency-Key: the first response of a create, replayed for retries.
create table idempotency_record (
    scope        text        not null,
    idem_key     text        not null,
    request_hash text        not null,
    status       int,
    location     text,
    body         text,
    created_at   timestamptz not null,
    primary key (scope, idem_key)
);
create index idempotency_record_created_at on idempotency_record (created_at);
