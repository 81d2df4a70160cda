-- Attended campaign events (customer-service's crm.campaign.attendance-recorded.v1), one row per
-- delivery: the primary key makes earning once-only however often the event is delivered. Kept
-- also when no points were due (no EVENT_ATTENDANCE rule in force, closed account), so a later
-- redelivery cannot earn either.
create table event_attendance (
    delivery_id    uuid        primary key,
    campaign_id    uuid,
    customer_id    uuid        not null,
    event_title    text,
    attended_at    timestamptz not null,
    rule_version   int,
    points_awarded bigint      not null default 0,
    earn_entry_id  uuid,
    recorded_at    timestamptz not null
);
create index event_attendance_customer on event_attendance (customer_id);
