package dev.crmsuite.gateway.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/** Authentication, authorisation and rate limits of the gateway ({@code crm.gateway.*}). */
@ConfigMapping(prefix = "crm.gateway")
public interface AccessConfig {

    /** Scopes granted to each JWT role (the token's {@code groups} claim), space separated. */
    Map<String, String> roleScopes();

    RateLimit rateLimit();

    interface RateLimit {
        /** Requests per minute for a frontend user (JWT subject); partner keys carry their own limit. */
        @WithDefault("600")
        int userRequestsPerMinute();

        /** Gateway replicas sharing the limits: each replica enforces limit / replicas. */
        @WithDefault("1")
        int replicas();
    }
}
