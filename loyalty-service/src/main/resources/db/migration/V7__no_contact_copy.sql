-- Data minimisation (issue 17): loyalty never needed a customer's name or email, so it stops keeping
-- a copy (customer-service no longer sends them in its events either). known_customer keeps only
-- that the customer exists and since when.
alter table known_customer drop column display_name, drop column email;
