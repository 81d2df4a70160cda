-- Partner API keys. Only a SHA-256 of the key is stored (keys are 200+ bits of randomness, so a
-- slow hash adds nothing); the prefix finds the row without scanning.
create table api_key (
    id                  uuid        primary key,
    prefix              text        not null unique,
    key_hash            text        not null,
    partner             text        not null,
    scopes              text        not null,
    requests_per_minute int         not null check (requests_per_minute > 0),
    created_at          timestamptz not null,
    revoked_at          timestamptz,
    replaced_by         uuid
);
