package dev.crmsuite.gateway.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Partner webhook delivery ({@code crm.gateway.webhooks.*}). */
@ConfigMapping(prefix = "crm.gateway.webhooks")
public interface WebhooksConfig {

    /** Allow targets on private, loopback or link-local addresses (local development and tests only). */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** Allow plain http targets (local development and tests only). */
    @WithDefault("false")
    boolean allowHttp();

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

    /** Time limit of one delivery request. */
    @WithDefault("5s")
    Duration timeout();
}
