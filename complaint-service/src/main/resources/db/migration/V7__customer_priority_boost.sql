-- The segment service policy's complaint priority boost per customer, as customer-service sends it
-- in crm.customer.segment-changed.v1 (priorityBoost, 0..3). 0 until the first such event.
alter table known_customer add column priority_boost integer not null default 0
    constraint known_customer_priority_boost_range check (priority_boost between 0 and 3);
