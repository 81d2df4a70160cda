-- Customer communication (issue 20, docs/campaigns.md): audiences, campaigns and their runs, one
-- row per customer of a run (delivered, excluded with its reason, or held out), and the contacts the
-- suite made, which the contact budget counts.

-- What audiences filter on that the customer row did not hold yet: the loyalty tier (from
-- crm.tier.changed.v1), the customer's own time zone (quiet hours) and the last purchase.
alter table customer
    add column loyalty_tier     text,
    add column time_zone        text,
    add column last_purchase_at timestamptz;
update customer c set last_purchase_at = (select max(p.purchased_at) from purchase p where p.customer_id = c.id);

-- A saved, named filter; evaluated when a campaign run is sent, never frozen.
create table audience (
    id          uuid primary key,
    version     bigint      not null,
    name        text        not null,
    description text,
    filter      jsonb       not null,
    created_by  text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    deleted_at  timestamptz
);
create unique index audience_name_unique on audience (lower(name)) where deleted_at is null;

create table campaign (
    id                uuid primary key,
    version           bigint      not null,
    name              text        not null,
    kind              text        not null check (kind in ('NEWSLETTER', 'LETTER', 'EVENT_INVITATION', 'OFFER')),
    status            text        not null check (status in ('DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED')),
    audience_id       uuid        not null references audience (id),
    subject           text        not null,
    template_key      text        not null,
    variables         jsonb       not null default '{}',
    -- EVENT_INVITATION only: what, where and when the event is.
    event             jsonb,
    -- The first (or only) send time; null while a draft has none.
    send_at           timestamptz,
    -- ISO-8601 period of a recurring campaign (a periodic newsletter), and when it stops recurring.
    recurrence        text,
    recur_until       timestamptz,
    holdout_share     numeric(5, 4) not null default 0 check (holdout_share >= 0 and holdout_share <= 0.5),
    holdout_seed      bigint      not null,
    measurement_days  integer     not null default 14 check (measurement_days between 1 and 365),
    -- The partner (API key id) whose mailer, printer or SMS gateway delivers; null: a system consuming crm.customers.
    delivery_partner  text,
    created_by        text        not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    cancelled_at      timestamptz,
    cancel_reason     text
);
create index campaign_list on campaign (created_at desc, id desc);
create index campaign_due on campaign (send_at) where status = 'SCHEDULED';

-- One sending of a campaign: the only one, or one occurrence of a recurring campaign.
create table campaign_run (
    id            uuid primary key,
    campaign_id   uuid        not null references campaign (id),
    run_number    integer     not null,
    scheduled_for timestamptz not null,
    started_at    timestamptz,
    finished_at   timestamptz,
    unique (campaign_id, run_number)
);

-- Every customer the audience held at send time, with what happened to them.
create table campaign_delivery (
    id               uuid primary key,
    campaign_id      uuid        not null references campaign (id),
    run_id           uuid        not null references campaign_run (id),
    customer_id      uuid        not null references customer (id),
    -- Segment and value tier when the run was sent: the report's per-segment figures do not move
    -- when a customer is re-segmented later.
    segment          text,
    value_tier       text,
    status           text        not null check (status in ('EXCLUDED', 'HOLDOUT', 'DEFERRED', 'REQUESTED',
                                                             'DELIVERED', 'BOUNCED')),
    exclusion_reason text check (exclusion_reason in ('NO_MARKETING_CONSENT', 'CONTACT_BUDGET_EXHAUSTED',
                                                      'NO_CONTACT_ADDRESS', 'ERASED')),
    -- When the delivery may be requested (after quiet hours in the customer's zone).
    due_at           timestamptz,
    requested_at     timestamptz,
    delivered_at     timestamptz,
    bounced_at       timestamptz,
    bounce_reason    text,
    opened_at        timestamptz,
    clicked_at       timestamptz,
    -- EVENT_INVITATION: the RSVP link's token is shown only in the delivery event; kept as a SHA-256.
    rsvp_token_hash  bytea unique,
    rsvp             text check (rsvp in ('ACCEPTED', 'DECLINED')),
    rsvp_at          timestamptz,
    attended_at      timestamptz,
    unique (run_id, customer_id),
    check ((status = 'EXCLUDED') = (exclusion_reason is not null))
);
create index campaign_delivery_run on campaign_delivery (run_id, status);
create index campaign_delivery_campaign on campaign_delivery (campaign_id, id);
create index campaign_delivery_customer on campaign_delivery (customer_id, requested_at desc);
create index campaign_delivery_due on campaign_delivery (due_at) where status = 'DEFERRED';

-- Each delivery report accepted once: a partner's retry of the same report changes nothing.
create table campaign_delivery_report (
    delivery_id uuid        not null references campaign_delivery (id),
    report      text        not null check (report in ('DELIVERED', 'BOUNCED', 'OPENED', 'CLICKED')),
    occurred_at timestamptz not null,
    reported_by text        not null,
    recorded_at timestamptz not null,
    primary key (delivery_id, report)
);

-- The contacts the contact budget counts, from every service: this service's campaign deliveries
-- and survey-service's invitations (from crm.survey.invitation.created.v1).
create table contact_log (
    source       text        not null,
    source_id    text        not null,
    customer_id  uuid        not null,
    contacted_at timestamptz not null,
    primary key (source, source_id)
);
create index contact_log_customer on contact_log (customer_id, contacted_at desc);
