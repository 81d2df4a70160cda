-- Which customers share their data with channel partners, from crm.customers events (platform
-- PartnerConsents): a partner sees only complaints of customers with partner_sharing and not merged away.
create table partner_consent (customer_id text primary key, partner_sharing boolean not null,
    merged_into text, updated_at timestamptz not null);
