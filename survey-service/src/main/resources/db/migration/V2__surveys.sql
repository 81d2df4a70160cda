-- The local customer copy also keeps what invitations and score breakdowns need: consent for the
-- contact rules, and segment, value tier, stage and loyalty tier, copied into each response at
-- answer time. Loyalty events may arrive before the registration, so registered_at may be unknown.
alter table known_customer alter column registered_at drop not null;
alter table known_customer
    add column marketing_consent boolean not null default false,
    add column segment           text,
    add column value_tier        text,
    add column stage             text,
    add column loyalty_tier      text;

-- A questionnaire and its editable draft. questions and triggers are JSON documents (see Question,
-- TriggerDefinition); latest_version is null until the first publish.
create table survey (
    id             uuid        primary key,
    version        bigint      not null,
    title          text        not null,
    description    text,
    anonymous      boolean     not null,
    questions      jsonb       not null,
    triggers       jsonb       not null,
    latest_version int,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
create index survey_created on survey (created_at desc, id desc);

-- Immutable published versions: responses point at the version they answered.
create table survey_version (
    survey_id    uuid        not null references survey (id),
    version      int         not null,
    title        text        not null,
    description  text,
    anonymous    boolean     not null,
    questions    jsonb       not null,
    triggers     jsonb       not null,
    published_at timestamptz not null,
    primary key (survey_id, version)
);

-- The triggers in force: those of each survey's latest version, one row per trigger, so an
-- incoming event finds its surveys with one indexed lookup.
create table survey_trigger (
    survey_id      uuid          not null references survey (id),
    position       int           not null,
    kind           text          not null check (kind in ('PURCHASE_RECORDED', 'COMPLAINT_RESOLVED', 'CUSTOMER_MARKED_LOST', 'PERIODIC')),
    delay_seconds  bigint        not null,
    minimum_amount numeric(14, 2),
    every_months   int,
    primary key (survey_id, position)
);
create index survey_trigger_kind on survey_trigger (kind);

-- One row per trigger event and survey, invited or skipped: the unique key makes a redelivered
-- trigger event a no-op. status is the stored part (PENDING, ANSWERED, SKIPPED); SCHEDULED, OPEN
-- and EXPIRED are PENDING read against the clock.
create table invitation (
    id                 uuid        primary key,
    survey_id          uuid        not null references survey (id),
    survey_version     int         not null,
    customer_id        uuid,
    token              text unique,
    status             text        not null check (status in ('PENDING', 'ANSWERED', 'SKIPPED')),
    skip_reason        text,
    trigger_event_id   text        not null,
    trigger_event_type text        not null,
    complaint_id       uuid,
    created_at         timestamptz not null,
    send_at            timestamptz,
    expires_at         timestamptz,
    answered_at        timestamptz,
    unique (survey_id, trigger_event_id),
    foreign key (survey_id, survey_version) references survey_version (survey_id, version)
);
create index invitation_by_created on invitation (created_at desc, id desc);
create index invitation_by_customer on invitation (customer_id, created_at desc, id desc);
create index invitation_by_survey on invitation (survey_id, created_at desc, id desc);
-- The contact budget counts a customer's real invitations around a send time.
create index invitation_budget on invitation (customer_id, send_at) where status <> 'SKIPPED';

-- A submitted response. Anonymous surveys keep neither the customer nor the invitation (which
-- names the customer). Segment, tiers and stage are copied at answer time, so breakdowns show
-- the customer as they were when they answered.
create table survey_response (
    id                 uuid        primary key,
    survey_id          uuid        not null,
    survey_version     int         not null,
    invitation_id      uuid references invitation (id),
    customer_id        uuid,
    submitted_at       timestamptz not null,
    nps                int,
    csat               int,
    ces                int,
    segment            text,
    value_tier         text,
    stage              text,
    loyalty_tier       text,
    foreign key (survey_id, survey_version) references survey_version (survey_id, version)
);
create index survey_response_by_survey on survey_response (survey_id, submitted_at);
create index survey_response_by_time on survey_response (submitted_at);
create index survey_response_by_customer on survey_response (customer_id);

-- One row per answered question, keyed by the stable question key so trends span versions.
create table survey_answer (
    response_id   uuid not null references survey_response (id) on delete cascade,
    question_key  text not null,
    question_type text not null,
    dimension     text,
    score         int,
    choices       jsonb,
    text_value    text,
    primary key (response_id, question_key)
);
