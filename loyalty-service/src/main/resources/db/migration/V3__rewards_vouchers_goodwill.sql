create table reward (
    id          uuid        primary key,
    version     bigint      not null,
    name        text        not null,
    description text,
    points_cost bigint      not null check (points_cost > 0),
    -- null = unlimited; the check is the last line of defence against overselling.
    stock       int         check (stock >= 0),
    active      boolean     not null,
    created_at  timestamptz not null
);
create index reward_listing on reward (created_at, id);

create table redemption (
    id              uuid          primary key,
    customer_id     uuid          not null references loyalty_account (customer_id),
    kind            text          not null check (kind in ('REWARD', 'DISCOUNT')),
    reward_id       uuid          references reward (id),
    quantity        int           not null check (quantity > 0),
    points          bigint        not null check (points > 0),
    discount_amount numeric(14,2),
    currency        text,
    entry_id        uuid          not null references ledger_entry (id),
    created_at      timestamptz   not null
);
create index redemption_customer on redemption (customer_id, created_at);

create table voucher (
    id           uuid          primary key,
    version      bigint        not null,
    code         text          not null unique,
    customer_id  uuid,
    batch_id     uuid,
    kind         text          not null check (kind in ('VALUE', 'PERCENTAGE')),
    value        numeric(14,2) not null check (value > 0),
    currency     text,
    valid_from   timestamptz   not null,
    valid_until  timestamptz   not null,
    status       text          not null check (status in ('ISSUED', 'REDEEMED', 'CANCELLED')),
    redeemed_at  timestamptz,
    redeemed_by  uuid,
    order_ref    text,
    cancelled_at timestamptz,
    cancel_reason text,
    created_at   timestamptz   not null
);
create index voucher_customer on voucher (customer_id, created_at) where customer_id is not null;
create index voucher_batch on voucher (batch_id) where batch_id is not null;

-- Compensation requested by resolved complaints: granted or refused, always with the outcome kept.
create table goodwill_request (
    complaint_id     text        primary key,
    customer_id      uuid        not null,
    requested_points bigint      not null,
    granted_points   bigint      not null,
    status           text        not null check (status in ('GRANTED', 'REFUSED')),
    reason           text,
    entry_id         uuid,
    requested_at     timestamptz not null
);
create index goodwill_request_month on goodwill_request (customer_id, requested_at);
