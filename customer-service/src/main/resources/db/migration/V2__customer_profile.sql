-- The full customer profile (issue 3): contact points, consents, tags, attributes, and the derived
-- segmentation, value and lifecycle columns that lists filter on.
alter table customer
    add column given_name                       text,
    add column family_name                      text,
    add column emails                           jsonb       not null default '[]',
    add column phone                            text,
    add column phones                           jsonb       not null default '[]',
    add column address                          jsonb,
    add column acquisition_channel              text,
    add column account_manager                  text,
    add column consent_marketing                boolean     not null default false,
    add column consent_marketing_at             timestamptz,
    add column consent_partner_sharing          boolean     not null default false,
    add column consent_partner_sharing_at       timestamptz,
    add column tags                             jsonb       not null default '[]',
    add column attributes                       jsonb       not null default '{}',
    -- lower-cased name, every email and every phone: the one column text search looks at
    add column search_text                      text        not null default '',
    add column price_sensitivity                text check (price_sensitivity in ('LOW', 'HIGH')),
    add column price_sensitivity_by_staff       boolean     not null default false,
    add column relationship_orientation         text check (relationship_orientation in ('LOW', 'HIGH')),
    add column relationship_orientation_by_staff boolean    not null default false,
    add column key_account_by_staff             boolean     not null default false,
    add column segment                          text check (segment in ('TRANSACTIONAL', 'INDIFFERENT', 'RELATIONAL', 'KEY_ACCOUNT')),
    add column revenue_12m                      numeric(16, 2) not null default 0,
    add column referral_revenue_12m             numeric(16, 2) not null default 0,
    add column lifetime_value                   numeric(18, 2) not null default 0,
    add column value_tier                       text check (value_tier in ('A', 'B', 'C')),
    add column value_computed_at                timestamptz,
    add column stage                            text        not null default 'PROSPECT',
    add column stage_overridden                 boolean     not null default false,
    add column stage_reason                     text,
    add column stage_changed_at                 timestamptz,
    add column lost_reason_code                 text,
    add column lost_reason_text                 text,
    add column lost_at                          timestamptz,
    add column merged_into                      uuid references customer (id),
    add column merged_at                        timestamptz,
    add column erased_at                        timestamptz;

update customer set emails = jsonb_build_array(jsonb_build_object('address', email, 'primary', true)),
                    search_text = lower(display_name) || ' ' || coalesce(email, '')
where email is not null;

-- Every email of every customer, so a duplicate is refused whichever of its addresses it reuses.
create table customer_email (
    email       text primary key,
    customer_id uuid not null references customer (id)
);
create index customer_email_customer on customer_email (customer_id);
insert into customer_email (email, customer_id) select email, id from customer where email is not null;

-- Lists page newest first by (created_at, id): keyset pagination walks these indexes, so page
-- 10,000 costs what page 1 costs. Tombstones of merged customers never show in lists.
create index customer_list on customer (created_at desc, id desc) where merged_into is null;
create index customer_list_segment on customer (segment, created_at desc, id desc) where merged_into is null;
create index customer_list_tier on customer (value_tier, created_at desc, id desc) where merged_into is null;
create index customer_list_stage on customer (stage, created_at desc, id desc) where merged_into is null;
create index customer_list_manager on customer (account_manager, created_at desc, id desc) where merged_into is null;
create index customer_tags on customer using gin (tags jsonb_path_ops);
-- Substring search on name/email/phone in milliseconds at a million rows: a trigram index.
create extension if not exists pg_trgm;
create index customer_search on customer using gin (search_text gin_trgm_ops);

-- Every change: who, when, which field, old -> new.
create table customer_history (
    id          bigint generated always as identity primary key,
    customer_id uuid        not null,
    changed_at  timestamptz not null,
    actor       text        not null,
    field       text        not null,
    old_value   jsonb,
    new_value   jsonb
);
create index customer_history_customer on customer_history (customer_id, id desc);
create index customer_history_field on customer_history (field, changed_at);
