-- Partner webhooks: subscriptions, one delivery per (subscription, event), every attempt recorded.
create table webhook_subscription (
    id                    uuid        primary key,
    owner                 text        not null,
    partner               text        not null,
    url                   text        not null,
    event_types           text        not null,
    secret                text        not null,
    description           text,
    status                text        not null check (status in ('ACTIVE', 'DISABLED')),
    consecutive_failures  int         not null default 0,
    disabled_reason       text,
    created_at            timestamptz not null,
    disabled_at           timestamptz
);
create index webhook_subscription_owner on webhook_subscription (owner, created_at);

create table webhook_delivery (
    id               uuid        primary key,
    subscription_id  uuid        not null references webhook_subscription (id) on delete cascade,
    event_id         text        not null,
    event_type       text        not null,
    customer_id      text        not null,
    payload          text        not null,
    status           text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,
    lease_until      timestamptz,
    created_at       timestamptz not null,
    delivered_at     timestamptz,
    unique (subscription_id, event_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';

create table webhook_attempt (
    id            bigint generated always as identity primary key,
    delivery_id   uuid        not null references webhook_delivery (id) on delete cascade,
    attempted_at  timestamptz not null,
    status_code   int,
    error         text,
    duration_ms   int         not null
);
create index webhook_attempt_delivery on webhook_attempt (delivery_id, id);
