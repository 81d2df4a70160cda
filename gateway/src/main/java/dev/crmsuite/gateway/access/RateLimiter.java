package dev.crmsuite.gateway.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket per key (a caller, or a client address): {@code limit} requests per minute,
 * refilled continuously, bursts up to the limit. Each gateway replica holds its own buckets; with N
 * replicas alive every replica allows limit / N ({@link GatewayReplicas} counts them), which holds
 * the overall rate while the load balancer spreads a caller's requests evenly. The buckets are a bounded cache: a flood of distinct keys (guessed credentials,
 * spoofed addresses) evicts the least recently used buckets instead of growing the heap, and a
 * bucket idle for two minutes is full again anyway, so it is dropped.
 */
public final class RateLimiter {

    /** The decision and the numbers for the {@code RateLimit-*} headers. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {
    }

    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(Clock clock, int maxBuckets) {
        this.clock = clock;
        this.buckets = Caffeine.newBuilder().maximumSize(maxBuckets).expireAfterAccess(Duration.ofMinutes(2)).build();
    }

    public Decision tryAcquire(String key, int limitPerMinute) {
        int limit = Math.max(1, limitPerMinute);
        Bucket bucket = buckets.get(key, k -> new Bucket(limit, clock.millis()));
        return bucket.take(limit, clock.millis());
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
            tokens = Math.min(limit, tokens + Math.max(0, now - updatedAt) * perMilli);
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
