-- Generation of each read model: bumping it (after clearing the tables) makes every gateway
-- replica consume the topics again from the beginning, which rebuilds the model.
create table projection_state (
    name        text primary key,
    generation  bigint      not null,
    rebuilt_at  timestamptz
);
insert into projection_state (name, generation) values ('customer-overview', 0);

-- Which customers allow their data to be shared with channel partners (from crm.customers events).
create table partner_consent (
    customer_id     text primary key,
    partner_sharing boolean     not null,
    merged_into     text,
    updated_at      timestamptz not null
);
