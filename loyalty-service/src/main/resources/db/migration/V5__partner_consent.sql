-- Which customers share their data with channel partners, kept by the platform's PartnerConsents from
-- crm.customers events; every query a partner causes is filtered by it (unknown = no consent).
create table partner_consent (customer_id text primary key, partner_sharing boolean not null,
    merged_into text, updated_at timestamptz not null);
