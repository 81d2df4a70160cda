package dev.crmsuite.gateway.access;

import dev.crmsuite.gateway.web.RouteAnswers;
import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.platform.web.CanonicalPathFilter;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;

/**
 * The gateway's two rate limits, as Vert.x filters around Quarkus' authentication (filters run by
 * descending priority: canonical path 400, CORS 300, authentication 200, authorisation 100):
 * <ul>
 * <li>per client address, before authentication ({@value #ADDRESS_PRIORITY}): every request counts,
 * so a flood of guessed keys or forged tokens is cut off before it costs key lookups or signature
 * checks;</li>
 * <li>per caller, right after authentication ({@value #CALLER_PRIORITY}), on {@code /api/}: a
 * partner key's own limit, or the frontend users' one. Anonymous callers only have the address
 * limit.</li>
 * </ul>
 * Both answer 429 problem+json with {@code Retry-After}; the caller limit also reports
 * {@code RateLimit-*} on every answer. Each replica enforces limit / the replicas alive now
 * ({@link GatewayReplicas}).
 */
@ApplicationScoped
public class RateLimits {

    static final int ADDRESS_PRIORITY = 250;
    static final int CALLER_PRIORITY = 150;

    private final AccessConfig config;
    private final GatewayReplicas replicas;
    private final RateLimiter addresses;
    private final RateLimiter callers;

    public RateLimits(AccessConfig config, GatewayReplicas replicas, Clock clock) {
        this.config = config;
        this.replicas = replicas;
        this.addresses = new RateLimiter(clock, config.rateLimit().maxBuckets());
        this.callers = new RateLimiter(clock, config.rateLimit().maxBuckets());
    }

    void register(@Observes Filters filters) {
        filters.register(this::perAddress, ADDRESS_PRIORITY);
        filters.register(this::perCaller, CALLER_PRIORITY);
    }

    void perAddress(RoutingContext rc) {
        SocketAddress remote = rc.request().remoteAddress();
        String address = remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
        RateLimiter.Decision decision = addresses.tryAcquire(address, share(config.rateLimit().addressRequestsPerMinute()));
        if (!decision.allowed()) {
            refuse(rc, decision, "too many requests from your address");
            return;
        }
        rc.next();
    }

    void perCaller(RoutingContext rc) {
        SecurityIdentity identity = CallerIdentity.of(rc);
        Caller caller = identity == null ? null : identity.getAttribute(Caller.ATTRIBUTE);
        var path = CanonicalPathFilter.of(rc);
        if (caller == null || path == null || !path.isAtOrBelow("/api")) {
            rc.next();
            return;
        }
        Integer perMinute = identity.getAttribute(CallerIdentity.RATE_LIMIT);
        RateLimiter.Decision decision = callers.tryAcquire(caller.id(),
                share(perMinute == null ? config.rateLimit().userRequestsPerMinute() : perMinute));
        rc.response().putHeader("RateLimit-Limit", Integer.toString(decision.limit()))
                .putHeader("RateLimit-Remaining", Integer.toString(decision.remaining()))
                .putHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            refuse(rc, decision, "rate limit of " + decision.limit() + " requests per minute reached");
            return;
        }
        rc.next();
    }

    private int share(int limit) {
        return Math.max(1, limit / replicas.live());
    }

    private static void refuse(RoutingContext rc, RateLimiter.Decision decision, String what) {
        rc.response().putHeader("Retry-After", Long.toString(decision.resetSeconds()));
        RouteAnswers.problem(rc, 429, "rate-limited", "Too many requests",
                what + "; retry after " + decision.resetSeconds() + " s");
    }
}
