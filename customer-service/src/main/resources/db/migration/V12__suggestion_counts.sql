-- Basket counts behind a customer's suggestions (SuggestionCounts), recomputed from the purchase items
-- daily and whenever the purchases grew by a tenth. Counting them on each request read every
-- purchase's items: seconds per request at a million customers. The rule (SuggestionModel) is unchanged.
create table suggestion_product (
    sku     text   primary key,
    name    text,
    baskets bigint not null
);
-- Pairs bought together in at least crm.insight.suggestions.min-baskets-together baskets (fewer is noise
-- the rule ignores anyway), both directions.
create table suggestion_pair (
    sku       text   not null,
    other_sku text   not null,
    baskets   bigint not null,
    primary key (sku, other_sku)
);
-- Per segment: how many of its (live) buying customers bought each product ...
create table suggestion_segment_product (
    segment   text   not null,
    sku       text   not null,
    customers bigint not null,
    primary key (segment, sku)
);
-- the top of that list per segment, read for segment-only suggestions
create index suggestion_segment_top on suggestion_segment_product (segment, customers desc, sku);
-- ... how many buying customers it has, and its median 12-month revenue (the up-sell hint).
create table suggestion_segment (
    segment        text primary key,
    customers      bigint not null,
    median_revenue numeric(16, 2)
);
-- One row: all baskets, the purchase rows counted then, and when.
create table suggestion_counts (
    id          int         primary key check (id = 1),
    baskets     bigint      not null,
    purchases   bigint      not null,
    computed_at timestamptz not null
);
