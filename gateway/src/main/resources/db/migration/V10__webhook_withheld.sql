-- WITHHELD: a pending delivery whose customer withdrew the consent it was made under before it was
-- sent; it is never sent (WebhookConsentAtSend).
alter table webhook_delivery drop constraint webhook_delivery_status_check;
alter table webhook_delivery add constraint webhook_delivery_status_check
    check (status in ('PENDING', 'DELIVERED', 'FAILED', 'WITHHELD'));
