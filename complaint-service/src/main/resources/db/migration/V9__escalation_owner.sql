-- Who owns the complaint's latest escalation (crm.complaint.escalation.chain.<team>: level 1 the team
-- lead, each further escalation the next in the chain), when and why it escalated, and whether the
-- owner has taken it (OPEN until acknowledged). Complaints escalated before owners existed keep null.
alter table complaint
    add column escalation_owner           text,
    add column escalated_at               timestamptz,
    add column escalation_reason          text,
    add column escalation_status          text
        constraint complaint_escalation_status check (escalation_status in ('OPEN', 'ACKNOWLEDGED')),
    add column escalation_acknowledged_by text,
    add column escalation_acknowledged_at timestamptz;
-- The owner's queue: their escalations by status, oldest first (keyset on escalated_at, id).
create index complaint_escalation_queue on complaint (escalation_owner, escalation_status, escalated_at, id)
    where escalated_at is not null;
