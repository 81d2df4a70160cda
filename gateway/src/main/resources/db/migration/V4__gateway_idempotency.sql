-- Idempotency-Key on POST through the gateway: the first response per caller and key, replayed for
-- retries. A row with status null is a request still in flight.
create table gateway_idempotency (
    caller        text        not null,
    idem_key      text        not null,
    request_hash  text        not null,
    status        int,
    content_type  text,
    location      text,
    body          bytea,
    created_at    timestamptz not null,
    primary key (caller, idem_key)
);
create index gateway_idempotency_created_at on gateway_idempotency (created_at);
