package dev.crmsuite.gateway.access;

import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.web.RequestIds;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Guards every {@code /api/v1} request, proxied or served by the gateway itself: who is calling
 * (partner API key in {@code X-API-Key}, or a frontend's JWT bearer token), whether their scopes
 * allow the request (401 without credentials, 403 without the scope), their rate limit
 * ({@code RateLimit-*} headers, 429 with {@code Retry-After}), and for partners whether the customer
 * consented to sharing (404 otherwise, exactly like an unknown id).
 */
@ApplicationScoped
public class AccessFilter {

    @Inject
    ApiKeys apiKeys;
    @Inject
    PartnerConsents consents;
    @Inject
    JWTParser jwtParser;
    @Inject
    AccessConfig config;
    @Inject
    Vertx vertx;
    @Inject
    Clock clock;

    private RateLimiter limiter;

    void install(@Observes Router router) {
        limiter = new RateLimiter(clock);
        // Before the proxy (-100) and before RESTEasy: nothing under /api/v1 is reached unchecked.
        router.routeWithRegex("/api/v1/.*").order(-200).handler(this::check);
    }

    void check(RoutingContext rc) {
        String requestId = RequestIds.acceptOrCreate(rc.request().getHeader(RequestIds.HEADER));
        rc.request().headers().set(RequestIds.HEADER, requestId);
        AccessRules.Requirement requirement = AccessRules.required(rc.request().method().name(), rc.request().path());
        if (requirement instanceof AccessRules.Public) {
            rc.next();
            return;
        }
        String scope = ((AccessRules.Scope) requirement).scope();
        String apiKey = rc.request().getHeader("X-API-Key");
        String authorization = rc.request().getHeader("Authorization");
        // Known callers (cached key or token) are decided right here on the event loop; only a miss
        // costs a hop to a worker thread, because it may read the database.
        Outcome known = decideIfKnown(apiKey, authorization, scope);
        if (known != null) {
            admit(rc, known, requestId);
            return;
        }
        // Pause the body while we look things up; the next handler (proxy or RESTEasy) resumes it.
        rc.request().pause();
        vertx.<Outcome>executeBlocking(() -> decide(apiKey, authorization, scope), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        deny(rc, 503, "unavailable", "Service unavailable", "access could not be checked; retry shortly", requestId);
                        return;
                    }
                    admit(rc, ar.result(), requestId);
                });
    }

    /** Applies a decision: deny, or rate-limit, mark the caller, check partner consent and pass on. */
    private void admit(RoutingContext rc, Outcome outcome, String requestId) {
        if (outcome.status != 0) {
            if (outcome.status == 401) {
                rc.response().putHeader("WWW-Authenticate", "Bearer, ApiKey header=\"X-API-Key\"");
            }
            deny(rc, outcome.status, outcome.slug, outcome.title, outcome.detail, requestId);
            return;
        }
        Caller caller = outcome.caller;
        RateLimiter.Decision decision = limiter.tryAcquire(caller.id(),
                Math.max(1, caller.requestsPerMinute() / Math.max(1, config.rateLimit().replicas())));
        rc.response().putHeader("RateLimit-Limit", Integer.toString(decision.limit()))
                .putHeader("RateLimit-Remaining", Integer.toString(decision.remaining()))
                .putHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            rc.response().putHeader("Retry-After", Long.toString(decision.resetSeconds()));
            deny(rc, 429, "rate-limited", "Too many requests", "rate limit of " + decision.limit()
                    + " requests per minute reached; retry after " + decision.resetSeconds() + " s", requestId);
            return;
        }
        rc.put(Caller.ROUTING_CONTEXT_KEY, caller);
        rc.request().headers().set("X-Actor", caller.actor());
        Optional<String> customer = caller.isPartner() ? AccessRules.customerOf(rc.request().path()) : Optional.empty();
        if (customer.isEmpty()) {
            rc.next();
            return;
        }
        Boolean knownConsent = consents.sharedWithPartnersIfKnown(customer.get());
        if (knownConsent != null) {
            consented(rc, customer.get(), knownConsent, requestId);
            return;
        }
        rc.request().pause();
        vertx.executeBlocking(() -> consents.sharedWithPartners(customer.get()), false).onComplete(consent -> {
            if (consent.failed()) {
                deny(rc, 503, "unavailable", "Service unavailable", "access could not be checked; retry shortly", requestId);
            } else {
                consented(rc, customer.get(), consent.result(), requestId);
            }
        });
    }

    private static void consented(RoutingContext rc, String customer, boolean shared, String requestId) {
        if (shared) {
            rc.next();
        } else {
            // The same answer as for an id that does not exist: existence is not leaked.
            deny(rc, 404, "not-found", "Not found", "customer " + customer + " does not exist", requestId);
        }
    }

    private record Outcome(Caller caller, int status, String slug, String title, String detail) {
        static Outcome allow(Caller caller) {
            return new Outcome(caller, 0, null, null, null);
        }

        static Outcome deny(int status, String slug, String title, String detail) {
            return new Outcome(null, status, slug, title, detail);
        }
    }

    /** The decision when the caller is known without blocking (cached key or token), else null. */
    private Outcome decideIfKnown(String apiKey, String authorization, String scope) {
        Optional<Caller> caller;
        if (apiKey != null) {
            caller = apiKeys.authenticateIfKnown(apiKey);
        } else if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            caller = tokenIfKnown(authorization.substring(7).trim());
        } else {
            caller = null;
        }
        return caller == null ? null : judge(caller, scope);
    }

    private Outcome decide(String apiKey, String authorization, String scope) {
        Optional<Caller> caller;
        if (apiKey != null) {
            caller = apiKeys.authenticate(apiKey);
        } else if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            caller = fromToken(authorization.substring(7).trim());
        } else {
            return Outcome.deny(401, "unauthenticated", "Unauthorized",
                    "send a partner API key in X-API-Key or a bearer token in Authorization");
        }
        return judge(caller, scope);
    }

    private static Outcome judge(Optional<Caller> caller, String scope) {
        if (caller.isEmpty()) {
            return Outcome.deny(401, "unauthenticated", "Unauthorized", "the credentials are invalid, expired or revoked");
        }
        if (!caller.get().has(scope)) {
            return Outcome.deny(403, "forbidden", "Forbidden", "this request needs the scope " + scope);
        }
        return Outcome.allow(caller.get());
    }

    /** A verified token's caller until the token expires (at most a minute): signature checks are costly. */
    private record VerifiedToken(Optional<Caller> caller, long until) {
    }

    private static final int TOKEN_CACHE_SIZE = 10_000;
    private final Map<String, VerifiedToken> tokens = new ConcurrentHashMap<>();

    private Optional<Caller> tokenIfKnown(String token) {
        VerifiedToken verified = tokens.get(token);
        return verified != null && clock.millis() < verified.until() ? verified.caller() : null;
    }

    private Optional<Caller> fromToken(String token) {
        Optional<Caller> known = tokenIfKnown(token);
        if (known != null) {
            return known;
        }
        if (tokens.size() >= TOKEN_CACHE_SIZE) {
            tokens.clear(); // crude but bounded: a flood of distinct tokens cannot grow the heap
        }
        try {
            JsonWebToken jwt = jwtParser.parse(token);
            Optional<Caller> caller = fromVerified(jwt);
            long expires = jwt.getExpirationTime() > 0 ? jwt.getExpirationTime() * 1000 : Long.MAX_VALUE;
            tokens.put(token, new VerifiedToken(caller, Math.min(expires, clock.millis() + 60_000)));
            return caller;
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private Optional<Caller> fromVerified(JsonWebToken jwt) {
        Set<String> scopes = new HashSet<>();
        for (String role : jwt.getGroups()) {
            String granted = config.roleScopes().get(role);
            if (granted != null) {
                scopes.addAll(Arrays.asList(granted.trim().split("\\s+")));
            }
        }
        return Optional.of(new Caller("user:" + jwt.getSubject(), Caller.Kind.USER, jwt.getSubject(), Set.copyOf(scopes),
                config.rateLimit().userRequestsPerMinute()));
    }

    private static void deny(RoutingContext rc, int status, String slug, String title, String detail, String requestId) {
        if (rc.response().ended()) {
            return;
        }
        rc.request().resume();
        Problem problem = new Problem(Problem.TYPE_BASE + slug, title, status, detail, rc.request().path(), requestId, null, null);
        rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader(RequestIds.HEADER, requestId).end(EventJson.write(problem));
    }
}
