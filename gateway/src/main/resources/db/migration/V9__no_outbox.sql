-- The gateway publishes no events (it only consumes them): the platform's outbox table, created for
-- every service by db/platform, is dropped here. Nothing was ever appended to it.
drop table if exists outbox_event;
