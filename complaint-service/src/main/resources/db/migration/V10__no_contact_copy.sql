-- Data minimisation (issue 17): complaints never needed a customer's name or email, so
-- complaint-service stops keeping a copy (customer-service no longer sends them in its events either).
-- known_customer keeps what the complaint rules ask: segment, value tier, priority boost, merged, erased.
alter table known_customer drop column display_name, drop column email;
