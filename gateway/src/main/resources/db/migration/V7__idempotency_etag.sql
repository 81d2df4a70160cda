-- A replayed answer repeats the first one's ETag (a client retrying a create needs it for If-Match).
alter table gateway_idempotency add column etag text;
