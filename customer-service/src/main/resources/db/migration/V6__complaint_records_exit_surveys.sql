-- Complaints of our customers as complaint-service's events tell them (crm.complaint.filed.v1,
-- crm.complaint.resolved.v1): the account-manager scorecard counts them. One row per complaint, so a
-- redelivered or repeated event changes nothing; either event may arrive first, hence both times
-- nullable. customer_id is the surviving customer (a merge moves the rows).
create table complaint_record (
    complaint_id uuid primary key,
    customer_id  uuid not null references customer (id),
    filed_at     timestamptz,
    resolved_at  timestamptz
);
create index complaint_record_customer on complaint_record (customer_id);

-- Reasons lost customers gave in an exit survey (crm.survey.exit-reasons.recorded.v1): the
-- option values they chose, beside the reason code staff recorded. One row per survey response.
create table exit_survey_response (
    response_id  uuid primary key,
    customer_id  uuid        not null references customer (id),
    survey_id    uuid        not null,
    reasons      jsonb       not null,
    submitted_at timestamptz not null
);
create index exit_survey_response_customer on exit_survey_response (customer_id);
