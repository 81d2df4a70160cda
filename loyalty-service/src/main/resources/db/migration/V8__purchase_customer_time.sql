-- A tier's qualifying points are the sum of a customer's purchases of the last months, read for a
-- whole batch of purchases at once (TierPolicy.qualifyingPoints: customer_id = any(array) and a
-- purchased_at range). With one index per column, the statement's generic plan (the JDBC driver
-- prepares it server-side after five executions) cannot tell how selective an array parameter is and
-- walked purchase_time over the whole window, filtering every purchase of every customer: 40 ms on
-- average and up to 880 ms per batch with 19,000 purchases in the table (bench 2026-12-04 10:00,
-- purchase -> points in the overview p99 1.3 s), growing with the table. Both conditions are
-- conditions of this index, so every plan reads only the batch's customers' purchases in the window.
-- It also serves every look-up by customer alone, so it replaces purchase_customer.
create index purchase_customer_time on purchase (customer_id, purchased_at);
drop index purchase_customer;
