-- Standard Webhooks secret rotation: the secret a rotation replaced keeps signing deliveries (a second
-- v1,<signature> in webhook-signature) until previous_secret_until, so the partner can switch over.
alter table webhook_subscription
    add column previous_secret       text,
    add column previous_secret_until timestamptz;
