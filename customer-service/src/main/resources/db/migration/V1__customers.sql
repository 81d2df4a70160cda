create table customer (
    id            uuid        primary key,
    version       bigint      not null,
    kind          text        not null check (kind in ('PERSON', 'COMPANY')),
    display_name  text        not null,
    email         text,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
-- Emails are stored normalised (lower case), so a plain unique index refuses duplicates.
create unique index customer_email_unique on customer (email) where email is not null;
