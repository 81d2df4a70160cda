package dev.crmsuite.gateway.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Partner webhook delivery ({@code crm.gateway.webhooks.*}). */
@ConfigMapping(prefix = "crm.gateway.webhooks")
public interface WebhooksConfig {

    /** Allow targets on private, loopback or link-local addresses (local development and tests only). */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** Allow plain http targets (local development and tests only). */
    @WithDefault("false")
    boolean allowHttp();

    /**
     * Exact origins ({@code scheme://host:port}, port spelled out) accepted as targets although they
     * are private or plain http: a receiver inside our own network that an admin trusts on purpose.
     * Any other port or host stays refused. Empty by default.
     */
    Optional<List<String>> trustedTargets();

    /**
     * Subscriptions one owner (a partner key, or a member of staff) may hold at once. Every event is
     * offered to every matching subscription, so without a bound one caller could multiply the suite's
     * deliveries at will; a partner needs a handful (one per receiving system).
     */
    @WithDefault("25")
    int maxSubscriptionsPerOwner();

    /** Attempts per delivery before it is given up. */
    @WithDefault("8")
    int maxAttempts();

    /** Wait before the second attempt; doubled after each failure. */
    @WithDefault("10s")
    Duration backoffBase();

    /** Longest wait between attempts. */
    @WithDefault("1h")
    Duration backoffMax();

    /** Consecutive failed attempts after which a subscription is disabled. */
    @WithDefault("50")
    int disableAfterFailures();

    /** How often each replica looks for due deliveries. */
    @WithDefault("1s")
    Duration poll();

    /** Time limit of one delivery request once connected (its answer, headers and body). */
    @WithDefault("5s")
    Duration timeout();

    /**
     * How long the secret a rotation replaced still signs deliveries (next to the new one), so the
     * partner can deploy the new secret without rejecting anything meanwhile.
     */
    @WithDefault("24h")
    Duration secretOverlap();

    /** Time limit of connecting to a partner's endpoint. */
    @WithDefault("3s")
    Duration connectTimeout();

    /**
     * Deliveries one replica leases at a time and sends one after the other. The lease is computed
     * from this and the two timeouts ({@link DeliveryLease}), so it outlasts the whole batch.
     */
    @WithDefault("20")
    int batchSize();

    /**
     * Finished deliveries (delivered, failed, withheld) and their attempts are deleted after this age
     * ({@link WebhookRetention}): a month answers a partner's "did you send it" and keeps what went
     * out about a person in their export for as long; pending deliveries are never purged.
     */
    @WithDefault("P30D")
    Duration deliveryRetention();
}
