-- Loyalty analytics at scale (issue 19): the points flow of every closed UTC day, so the analytics read
-- one row per day instead of every ledger entry of the range (a year of a million members is about ten
-- million entries: 7.8 s to sum, past the gateway's timeout). The ledger is append-only and every
-- entry is dated when it is written, so a day that ended crm.loyalty.analytics.closed-after ago never
-- changes again. Filled by the loyalty jobs and by the analytics themselves (LedgerDayFlows); a row
-- says what was computed, zeros included, so a missing row means "not yet computed".
create table ledger_day_flow (
    day         date        primary key,
    earned      bigint      not null,
    redeemed    bigint      not null,
    expired     bigint      not null,
    reversed    bigint      not null,
    adjusted    bigint      not null,
    entries     bigint      not null check (entries >= 0),
    computed_at timestamptz not null
);

-- The members who redeemed in a range, read from the index alone (a tenth of the ledger's entries).
-- Built in this migration's transaction: on an installation with ten million entries it holds ledger
-- writes for a few seconds, once.
create index ledger_entry_redeemers on ledger_entry (created_at, customer_id) where kind = 'REDEEM';
