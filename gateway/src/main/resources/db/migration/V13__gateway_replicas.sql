-- The gateway replicas alive right now (GatewayReplicas): each one writes its row every heartbeat and
-- divides the rate limits by how many rows are fresh, so the limits hold at any replica count.
create table gateway_replica (
    id      uuid        primary key,
    seen_at timestamptz not null
);
