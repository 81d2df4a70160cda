-- Purchases: the source of value, segment and stage. External order ids are unique per customer,
-- so a retried recording finds the first one instead of counting twice.
create table purchase (
    id                uuid primary key,
    customer_id       uuid           not null references customer (id),
    external_order_id text           not null,
    amount            numeric(14, 2) not null check (amount > 0),
    refunded_amount   numeric(14, 2) not null default 0 check (refunded_amount >= 0 and refunded_amount <= amount),
    currency          text           not null,
    purchased_at      timestamptz    not null,
    discounted        boolean        not null,
    items             jsonb          not null default '[]',
    recorded_at       timestamptz    not null,
    unique (customer_id, external_order_id)
);
create index purchase_customer_time on purchase (customer_id, purchased_at desc, id desc);
create index purchase_time on purchase (purchased_at);

create table refund (
    id          uuid primary key,
    purchase_id uuid           not null references purchase (id),
    customer_id uuid           not null references customer (id),
    amount      numeric(14, 2) not null check (amount > 0),
    reason      text,
    refunded_at timestamptz    not null
);
create index refund_purchase on refund (purchase_id);
create index refund_customer on refund (customer_id, refunded_at desc);

-- Who referred whom: a customer is referred at most once.
create table referral (
    id          uuid primary key,
    referrer_id uuid        not null references customer (id),
    referred_id uuid        not null unique references customer (id),
    note        text,
    recorded_at timestamptz not null,
    check (referrer_id <> referred_id)
);
create index referral_referrer on referral (referrer_id, recorded_at desc);

create table touchpoint (
    id          uuid primary key,
    customer_id uuid        not null references customer (id),
    channel     text        not null,
    direction   text        not null,
    phase       text        not null,
    staff       text,
    occurred_at timestamptz not null,
    summary     text
);
create index touchpoint_customer on touchpoint (customer_id, occurred_at desc, id desc);

-- The customer's story, newest first: written with each touchpoint, purchase, refund and stage
-- change, and from other services' events (complaints, survey answers, loyalty milestones).
create table timeline_entry (
    id          uuid primary key,
    customer_id uuid        not null,
    occurred_at timestamptz not null,
    kind        text        not null,
    ref_id      text,
    summary     text,
    data        jsonb       not null default '{}'
);
create index timeline_customer on timeline_entry (customer_id, occurred_at desc, id desc);

-- Every time a customer was marked LOST, so reasons can be counted over any period.
create table customer_loss (
    id          uuid primary key,
    customer_id uuid        not null references customer (id),
    reason_code text        not null check (reason_code in ('PRICE', 'QUALITY', 'SERVICE', 'COMPETITOR', 'MOVED', 'OTHER')),
    reason_text text        not null,
    lost_at     timestamptz not null,
    actor       text        not null
);
create index customer_loss_time on customer_loss (lost_at);

create table follow_up (
    id           uuid primary key,
    customer_id  uuid        not null references customer (id),
    owner        text        not null,
    due_at       timestamptz not null,
    reason       text        not null,
    rule         text        not null,
    urgent       boolean     not null default false,
    status       text        not null check (status in ('OPEN', 'DONE', 'CANCELLED')),
    outcome      text,
    completed_at timestamptz,
    completed_by text,
    -- what generated it (purchase, sample day, survey response): a rule never creates the same task twice
    source_ref   text unique,
    created_at   timestamptz not null
);
create index follow_up_owner_due on follow_up (owner, due_at) where status = 'OPEN';
create index follow_up_customer on follow_up (customer_id, due_at desc, id desc);
create index follow_up_due on follow_up (due_at, id);
