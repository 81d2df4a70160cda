package dev.crmsuite.gateway.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/** Who the gateway lets in and how often ({@code crm.gateway.*}). */
@ConfigMapping(prefix = "crm.gateway")
public interface AccessConfig {

    /**
     * Scopes granted to each JWT role (the token's {@code groups} claim), space separated. Only
     * names of the closed set ({@code Scopes}) are accepted: the gateway refuses to start otherwise.
     */
    Map<String, String> roleScopes();

    RateLimit rateLimit();

    interface RateLimit {
        /** Requests per minute for a frontend user (JWT subject); partner keys carry their own limit. */
        @WithDefault("600")
        int userRequestsPerMinute();

        /**
         * Requests per minute from one client address, counted before authentication, so a flood
         * of guessed keys or forged tokens costs the gateway no database lookup or signature check
         * past this rate.
         */
        @WithDefault("60000")
        int addressRequestsPerMinute();

        /**
         * How often each gateway replica announces itself ({@link GatewayReplicas}); a replica not
         * heard of for three heartbeats no longer counts, and each replica enforces limit / replicas.
         */
        @WithDefault("5s")
        java.time.Duration replicaHeartbeat();

        /** Most callers and addresses with a bucket at once; the least recently seen are dropped first. */
        @WithDefault("100000")
        int maxBuckets();
    }
}
