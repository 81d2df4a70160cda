-- Insights (issue 21): duplicate candidates and customers at risk.

-- Name similarity finds look-alike customers through pg_trgm (created in V2; repeated so this
-- migration stands on its own). Only live customers can be duplicates, hence the partial index.
create extension if not exists pg_trgm;
create index customer_name_trgm on customer using gin (lower(display_name) gin_trgm_ops)
    where merged_into is null and erased_at is null;
-- Same address: the postal code narrows the look-up before line 1 is compared.
create index customer_postal_code on customer ((address ->> 'postalCode'))
    where merged_into is null and erased_at is null and address is not null;

-- Pairs of customers that look like the same person or company, found when a customer is
-- registered and whenever someone asks for a customer's duplicates. One row per pair, the smaller
-- id first; a pair whose customers no longer match is removed when it is looked at again, and a
-- merged or erased customer's pairs are never shown (the list joins live customers only).
create table duplicate_candidate (
    customer_id uuid         not null references customer (id),
    other_id    uuid         not null references customer (id),
    score       numeric(4, 3) not null check (score > 0 and score <= 1),
    matches     jsonb        not null,
    found_at    timestamptz  not null,
    primary key (customer_id, other_id),
    check (customer_id < other_id)
);
create index duplicate_candidate_other on duplicate_candidate (other_id);
create index duplicate_candidate_list on duplicate_candidate (score desc, customer_id, other_id);

-- Each customer's latest risk assessment: recency, frequency, monetary, their own purchase rhythm
-- and the resulting level with its reasons. level_rank orders the at-risk list (2 HIGH, 1 MEDIUM,
-- 0 LOW). high_since marks the current HIGH episode: a follow-up is created once per episode.
create table customer_risk (
    customer_id            uuid          primary key references customer (id),
    level                  text          not null check (level in ('LOW', 'MEDIUM', 'HIGH')),
    level_rank             smallint      not null,
    reasons                jsonb         not null,
    last_purchase_at       timestamptz,
    recency_days           integer,
    purchases_12m          integer       not null,
    revenue_12m            numeric(16, 2) not null,
    usual_interval_days    integer,
    expected_next_purchase timestamptz,
    unresolved_complaints  integer       not null,
    last_nps               integer,
    high_since             timestamptz,
    computed_at            timestamptz   not null
);
create index customer_risk_list on customer_risk (level_rank desc, recency_days desc, customer_id desc) where level_rank > 0;
