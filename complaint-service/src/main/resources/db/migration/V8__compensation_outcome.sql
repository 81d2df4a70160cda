-- What became of the compensation points a resolution asked loyalty-service for: REQUESTED until
-- loyalty's answer arrives, then GRANTED (with the points credited) or REFUSED (with loyalty's reason).
alter table complaint add column compensation_status text
    constraint complaint_compensation_status check (compensation_status in ('REQUESTED', 'GRANTED', 'REFUSED'));
alter table complaint add column compensation_granted_points integer;
alter table complaint add column compensation_reason text;
alter table complaint add column compensation_decided_at timestamptz;
