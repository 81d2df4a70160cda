-- The customers this service knows of, copied from crm.customers events (never a synchronous call back).
create table known_customer (
    customer_id   uuid        primary key,
    display_name  text,
    email         text,
    registered_at timestamptz not null,
    updated_at    timestamptz not null
);
