-- The gateway's copy of the personal data it shows or sends (issue 17 item 2): the customer-360's
-- names, texts and addresses and a campaign delivery's recipient no longer travel in the domain
-- events, only on the services' compacted personal topics (crm.customers.personal,
-- crm.complaints.personal). One row per record key (<customerId>/<thing>/<objectId>): a newer record
-- replaces it, a tombstone deletes it, crm.customer.erased.v1 deletes every row of the customer.
create table personal_copy (
    record_key   text        primary key,
    customer_id  text        not null,
    thing        text        not null,
    object_id    text        not null,
    data         jsonb       not null,
    recorded_at  timestamptz not null
);
-- The overview looks items up by (thing, object id) whichever customer holds them now (a merge
-- re-records moved objects under the surviving customer's key).
create index personal_copy_object on personal_copy (object_id, thing);
create index personal_copy_customer on personal_copy (customer_id);

-- Customers erased: a record still on its way (the personal topic is read apart from crm.customers)
-- is not copied again after the erasure. Ids only.
create table personal_copy_erased (
    customer_id  text        primary key,
    erased_at    timestamptz not null
);

-- The copy replays its topics on an overview rebuild: its own generation (PersonalCopyEvents).
insert into projection_state (name, generation) values ('personal-copy', 0);

-- Marketing consent as last published in crm.customers (registered/updated snapshots): a campaign
-- delivery request whose customer withdrew it before the webhook was sent is withheld.
create table marketing_consent (
    customer_id  text        primary key,
    marketing    boolean     not null,
    updated_at   timestamptz not null
);
