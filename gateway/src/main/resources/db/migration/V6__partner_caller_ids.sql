-- Callers are now the platform's: a partner key's caller id is partner:<key id> (it was key:<key id>).
-- Subscriptions keep their owner; stored Idempotency-Key answers expire within a day on their own.
update webhook_subscription set owner = 'partner:' || substring(owner from 5) where owner like 'key:%';
