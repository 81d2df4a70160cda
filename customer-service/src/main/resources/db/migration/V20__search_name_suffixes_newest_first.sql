-- Common name fragments newest first (issue 19). A fragment with more candidates than
-- SearchRanks.FRAGMENT_CANDIDATES is too common to sort all of them; until now it walked the newest
-- customers (V15) and read every name for the fragment: about 20 / (the share of names with it)
-- names, 1.6 ms of PostgreSQL on average for the bench's common fragments.
--
-- This index lists each suffix of V19 under its first three characters, newest first: such a
-- fragment walks only the suffixes that start as it does ("nna sch" walks the "nna" suffixes, of
-- which one in seven goes on with " sch"), so a page of 20 costs about 20 x (suffixes with its three
-- characters) / (its candidates) entries, at most some 3,650 at a million customers (the commonest
-- three, "ang", start 365,000 suffixes; a walked fragment has more than 2,000 candidates), index-only.
-- In psql (generic plan, a million customers): "nna sch" 0.27-0.30 ms against 0.87 ms for the
-- newest-first walk. 491 MB at a million customers, built in 14 s in psql.
create index customer_name_suffix_recent on customer_name_suffix (left(suffix, 3), created_at desc, customer_id desc)
    include (suffix, consent_partner_sharing);
