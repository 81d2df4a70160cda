-- Small pending lists for the customer table's GIN indexes (issue 19). A GIN index collects new
-- entries in an unsorted pending list until it reaches gin_pending_list_limit (4 MB by default) or a
-- vacuum merges it, and every search through the index reads the whole list. At a million
-- customers autovacuum comes by after some 200,000 changed rows, so the lists sat near full: after
-- the bench's writes 5,117 rows were pending, 495 pages of customer_search and 149 of each name
-- index, read by every search and duplicate check. Merging them (gin_clean_pending_list) took email
-- search from 531 to 698 searches/s (p99 80 -> 36 ms), fragments from 227 to 329/s and duplicate
-- checks from 612 to 693/s, on the same data and machine.
-- At 64 kB a list holds a few dozen rows' entries (8 pages at most): the writer that fills it merges
-- them, a few milliseconds once every few dozen inserts or non-HOT updates, and readers never read
-- more than those 8 pages. Takes effect for new entries; the current lists merge at the next insert
-- past the limit or the next vacuum.
alter index customer_search set (gin_pending_list_limit = 64);
alter index customer_name_trgm set (gin_pending_list_limit = 64);
alter index customer_name_trgm_partner set (gin_pending_list_limit = 64);
alter index customer_phones set (gin_pending_list_limit = 64);
alter index customer_tags set (gin_pending_list_limit = 64);
