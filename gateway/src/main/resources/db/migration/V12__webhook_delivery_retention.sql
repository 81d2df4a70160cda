-- Finished deliveries (and their attempts, by cascade) are purged by age (WebhookRetention); the
-- purge walks this index oldest first and never touches a delivery still pending.
create index webhook_delivery_finished on webhook_delivery (created_at) where status <> 'PENDING';
