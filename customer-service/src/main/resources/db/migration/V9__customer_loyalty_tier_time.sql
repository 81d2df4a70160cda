-- When the loyalty tier held in customer.loyalty_tier (V8) was set by loyalty-service: an event older
-- than this (a redelivery, a replay from the start of the topic) does not overwrite a newer tier.
alter table customer add column loyalty_tier_at timestamptz;
