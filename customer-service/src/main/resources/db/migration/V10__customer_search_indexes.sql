-- Customer search at a million customers (issue 19). Search used to be one trigram index over name,
-- every email and every phone (customer_search): every search for an address matched the whole table
-- on the trigrams of "@example.com". Now q is classified and each kind of match has its own index:
--
-- exact email: customer_email's primary key (every address of every customer), nothing new;
-- exact phone: any of the customer's normalised phones, by containment in the phones array.
create index customer_phones on customer using gin (phones jsonb_path_ops)
    where merged_into is null and erased_at is null;
-- name prefix. Not partial on purpose: PostgreSQL only uses the statistics of an expression index
-- without a predicate, and without them it guesses 0.5% of rows for any prefix or fragment of the
-- name and walks the newest-first list looking for a rare name through the whole table. With them
-- it knows "anna schmidt%" is 2,500 rows and "nna sch%" none. The larger sample keeps the common
-- names of a real population (a long tail of rare ones) in the most-common-values list.
create index customer_name_prefix on customer (lower(display_name) text_pattern_ops);
alter index customer_name_prefix alter column 1 set statistics 1000;
-- email prefix on any address (the primary key's collation is not C, so LIKE 'x%' cannot use it).
-- A prefix can be shared by thousands of addresses ("anna.schmidt."): the search takes the page of
-- ids newest first from two index-only scans, this one and customer_live_created, and reads only
-- the page's customer rows (8 ms instead of 40-100 ms for 2,500 matches at a million customers).
create index customer_email_prefix on customer_email (email text_pattern_ops) include (customer_id);
-- consent_partner_sharing is included so a partner's search (which only sees consenting customers)
-- stays index-only too.
create index customer_live_created on customer (id) include (created_at, consent_partner_sharing)
    where merged_into is null and erased_at is null;
-- name fragment: customer_name_trgm of V7 (lower(display_name), live customers).
-- customer_search stays for the duplicate finder, which looks for phones and mailboxes anywhere.
analyze customer;
analyze customer_email;
