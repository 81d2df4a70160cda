-- Contacts of a customer made by other services, from their events (campaign deliveries requested by
-- customer-service: crm.campaign.delivery-requested.v1), so the suite's one contact budget
-- (platform ContactBudget, crm.contact.budget.*) counts them next to this service's own invitations.
-- One row per source and its id: a redelivered event adds nothing.
create table contact_log (
    source       text        not null,
    source_id    text        not null,
    customer_id  uuid        not null,
    contacted_at timestamptz not null,
    primary key (source, source_id)
);
create index contact_log_customer on contact_log (customer_id, contacted_at);
