-- What the complaint rules need to know of a customer, kept from crm.customers events.
alter table known_customer
    add column segment     text,
    add column value_tier  text,
    add column merged_into uuid,
    add column erased_at   timestamptz;

create table complaint (
    id                         uuid        primary key,
    version                    bigint      not null,
    customer_id                uuid        not null,
    -- false while no crm.customers event has told us of the customer: the complaint is kept anyway.
    customer_known             boolean     not null,
    -- segment and tier at filing (or when the customer became known): statistics stay stable.
    customer_segment           text,
    customer_value_tier        text,
    channel                    text        not null,
    category                   text        not null,
    subject                    text        not null,
    description                text,
    priority                   text        not null,
    requested_priority         text,
    status                     text        not null,
    assignee                   text,
    team                       text,
    filed_at                   timestamptz not null,
    acknowledged_at            timestamptz,
    resolved_at                timestamptz,
    closed_at                  timestamptz,
    reopened_at                timestamptz,
    respond_by                 timestamptz not null,
    resolve_by                 timestamptz not null,
    paused_since               timestamptz,
    paused_seconds             bigint      not null default 0,
    first_response_breached_at timestamptz,
    resolution_breached_at     timestamptz,
    escalation_level           int         not null default 0,
    reopen_count               int         not null default 0,
    outcome                    text,
    root_cause                 text,
    first_contact_resolution   boolean,
    compensation_points        int,
    linked_complaint_id        uuid        references complaint (id),
    erased_at                  timestamptz,
    updated_at                 timestamptz not null
);
create index complaint_queue on complaint (filed_at, id);
create index complaint_customer on complaint (customer_id);
create index complaint_assignee on complaint (assignee, status);
create index complaint_unknown_customer on complaint (customer_id) where not customer_known;
-- The deadline check only ever looks at complaints with a deadline still to watch.
create index complaint_first_response_watch on complaint (respond_by)
    where acknowledged_at is null and first_response_breached_at is null;
create index complaint_resolution_watch on complaint (resolve_by)
    where resolution_breached_at is null and status not in ('RESOLVED', 'CLOSED', 'WAITING_ON_CUSTOMER');
create index complaint_auto_close on complaint (resolved_at) where status = 'RESOLVED';

-- Every stop of the clock while WAITING_ON_CUSTOMER.
create table complaint_pause (
    id               bigint generated always as identity primary key,
    complaint_id     uuid        not null references complaint (id),
    paused_at        timestamptz not null,
    resumed_at       timestamptz,
    business_seconds bigint
);
create index complaint_pause_complaint on complaint_pause (complaint_id);

-- One row per deadline that passed: the proof a breach was seen, so it is reported exactly once.
create table complaint_breach (
    complaint_id uuid        not null references complaint (id),
    deadline     text        not null,
    due_at       timestamptz not null,
    breached_at  timestamptz not null,
    primary key (complaint_id, deadline, due_at)
);

-- Who had the complaint when; the current holder is the row with ended_at null.
create table complaint_assignment (
    id           bigint generated always as identity primary key,
    complaint_id uuid        not null references complaint (id),
    assignee     text,
    team         text,
    assigned_by  text        not null,
    reason       text,
    assigned_at  timestamptz not null,
    ended_at     timestamptz
);
create index complaint_assignment_complaint on complaint_assignment (complaint_id);

-- Round-robin position per team; a row lock makes the rotation exact across replicas.
create table team_rotation (
    team      text   primary key,
    next_turn bigint not null
);

create table complaint_comment (
    id           uuid        primary key,
    complaint_id uuid        not null references complaint (id),
    author       text        not null,
    visibility   text        not null,
    body         text,
    created_at   timestamptz not null
);
create index complaint_comment_complaint on complaint_comment (complaint_id, created_at);

create table complaint_tag (
    complaint_id uuid        not null references complaint (id),
    tag          text        not null,
    note         text,
    added_by     text        not null,
    added_at     timestamptz not null,
    primary key (complaint_id, tag)
);
create index complaint_tag_tag on complaint_tag (tag);

-- Every change: who, when, what, old -> new.
create table complaint_audit (
    seq          bigint generated always as identity primary key,
    complaint_id uuid        not null references complaint (id),
    actor        text        not null,
    at           timestamptz not null,
    action       text        not null,
    field        text,
    old_value    text,
    new_value    text
);
create index complaint_audit_complaint on complaint_audit (complaint_id, seq);
