-- Data minimisation (issue 17): nothing in survey-service reads a customer's name or email, so it
-- stops keeping a copy; customer-service no longer sends them in its events either. known_customer keeps what the
-- contact rules and the score breakdowns use: consent, segment, value tier, stage, loyalty tier.
alter table known_customer drop column display_name, drop column email;
