-- Which customers share their data with channel partners (the platform's PartnerConsents keeps it
-- from crm.customers events); partners see only the invitations of customers who consented.
create table partner_consent (customer_id text primary key, partner_sharing boolean not null,
    merged_into text, updated_at timestamptz not null);
