-- Room on each page for the new row version of an update: a purchase rewrites the customer's value
-- columns, and with a full page PostgreSQL must also write every index, the trigram one included.
-- With room left, an update that changes no indexed column stays on its page (a HOT update).
alter table customer set (fillfactor = 85);
