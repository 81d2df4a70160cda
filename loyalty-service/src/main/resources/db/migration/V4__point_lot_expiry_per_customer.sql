-- The next expiry shown after every posting looks up a customer's earliest open lot by expiry date.
create index point_lot_open_expiry on point_lot (customer_id, expires_at) where remaining > 0;
