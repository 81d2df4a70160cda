-- Customer search at a million customers (issue 19): the prefix ranks in phone-book order. Newest
-- first, a page of a prefix shared by N customers ("anna schmidt", 2,500 of them in the bench) cost
-- N row visits and a sort, or a walk of the newest-first list; ordered by the matched name or address
-- (then newest first), a page is a range scan of the page's own rows whatever N is.
--
-- collate "C": byte order, so LIKE 'x%' is a range of this index under any database collation, and
-- the search says collate "C" to use it. Not partial on purpose (V10): PostgreSQL uses the statistics
-- of an expression index only without a predicate; the larger sample keeps the common names of a
-- population in the most-common-values list.
create index customer_name_order on customer (lower(display_name) collate "C", created_at desc, id desc);
alter index customer_name_order alter column 1 set statistics 1000;
drop index customer_name_prefix;
-- email prefix, in address order; customer_id included so the walk reads no customer_email row
create index customer_email_order on customer_email (email collate "C") include (customer_id);
drop index customer_email_prefix;
-- served the newest-first email prefix of V10 only
drop index customer_live_created;
analyze customer;
