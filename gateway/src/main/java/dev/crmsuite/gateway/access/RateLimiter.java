package dev.crmsuite.gateway.access;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller: {@code limit} requests per minute, refilled continuously, bursts up
 * to the limit. Each gateway replica holds its own buckets; with N replicas every replica is
 * configured with limit / N ({@code crm.gateway.rate-limit.replicas}), which holds the overall
 * rate while the load balancer spreads a caller's requests evenly. No shared store sits on the
 * hot path of every request.
 */
public final class RateLimiter {

    /** The decision and the numbers for the {@code RateLimit-*} headers. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {
    }

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock) {
        this.clock = clock;
    }

    public Decision tryAcquire(String callerId, int limitPerMinute) {
        Bucket bucket = buckets.computeIfAbsent(callerId, id -> new Bucket(limitPerMinute, clock.millis()));
        return bucket.take(limitPerMinute, clock.millis());
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(int limit, long now) {
            this.tokens = limit;
            this.updatedAt = now;
        }

        synchronized Decision take(int limit, long now) {
            double perMilli = limit / 60_000.0;
            tokens = Math.min(limit, tokens + (now - updatedAt) * perMilli);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                long full = (long) Math.ceil((limit - tokens) / perMilli / 1000.0);
                return new Decision(true, limit, (int) Math.floor(tokens), full);
            }
            long wait = (long) Math.ceil((1 - tokens) / perMilli / 1000.0);
            return new Decision(false, limit, 0, Math.max(1, wait));
        }
    }
}
