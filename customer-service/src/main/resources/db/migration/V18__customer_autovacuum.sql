-- Keep the customer table's visibility map current (issue 19). A fragment search reads the newest
-- customers index-only from customer_recent_names (V15), which is index-only only for heap pages
-- marked all-visible; every purchase rewrites a customer row and clears its page's mark, and newly
-- registered customers are unmarked until a vacuum passes. At the default scale factors (20% of the
-- rows) autovacuum came by after some 200,000 changes at a million customers, i.e. hardly ever: in
-- the bench of 2026-12-04 14:49 the newest 100,000 names needed 52,135 heap fetches (487 ms; 63 ms
-- after a VACUUM). Vacuuming after about 1% of the rows changed or were added keeps the marks, the
-- dead rows and the GIN pending lists (V16) small; each run reads only the pages changed since.
alter table customer set (
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_insert_scale_factor = 0.01,
    autovacuum_vacuum_insert_threshold = 1000);
