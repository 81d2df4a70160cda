package dev.crmsuite.gateway.routing;

import dev.crmsuite.platform.retention.BatchedDeletes;
import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.platform.security.Callers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Stored first responses for {@code Idempotency-Key} on POST through the gateway, so a partner's
 * retry after a timeout replays the first answer instead of acting twice, for every operation (the
 * services make only their creates idempotent). Keys live in the caller's scope, by the platform's
 * one rule ({@link Callers#idempotencyScope}): another caller's identical key is another request.
 * Anonymous callers are not served from here (they would all share one scope).
 */
@ApplicationScoped
public class IdempotencyStore {

    /** A stored answer; {@code status == null} while the first request is still in flight. */
    public record Stored(String requestHash, Integer status, String contentType, String location, String etag, byte[] body) {
    }

    /** How long a key holds its answer: a retry after that is a new request. */
    static final Duration KEY_LIFETIME = Duration.ofHours(24);

    private final EntityManager em;
    private final BatchedDeletes deletes;
    private final Clock clock;

    public IdempotencyStore(EntityManager em, BatchedDeletes deletes, Clock clock) {
        this.em = em;
        this.deletes = deletes;
        this.clock = clock;
    }

    /** The scope of a key sent through the proxy by {@code identity}: the platform's one rule. */
    public static String scope(SecurityIdentity identity, String operation) {
        return Callers.idempotencyScope(identity.<Caller>getAttribute(Caller.ATTRIBUTE), operation);
    }

    /** Claims the key for this request; empty if claimed, else what is stored under it. Blocking. */
    public Optional<Stored> claim(String scope, String key, String requestHash) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int inserted = em.createNativeQuery("""
                            insert into gateway_idempotency (caller, idem_key, request_hash, created_at)
                            values (?1, ?2, ?3, now()) on conflict do nothing""")
                    .setParameter(1, scope).setParameter(2, key).setParameter(3, requestHash).executeUpdate();
            if (inserted == 1) {
                return Optional.<Stored>empty();
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            select request_hash, status, content_type, location, etag, body from gateway_idempotency
                            where caller = ?1 and idem_key = ?2""")
                    .setParameter(1, scope).setParameter(2, key).getResultList();
            Object[] r = rows.getFirst();
            return Optional.of(new Stored((String) r[0], r[1] == null ? null : ((Number) r[1]).intValue(),
                    (String) r[2], (String) r[3], (String) r[4], (byte[]) r[5]));
        });
    }

    /** Stores the first answer: its status, body and the headers a replay must repeat (Location, and ETag for a later If-Match). */
    public void complete(String scope, String key, int status, String contentType, String location, String etag, byte[] body) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        update gateway_idempotency set status = ?3, content_type = ?4, location = ?5, body = ?6, etag = ?7
                        where caller = ?1 and idem_key = ?2""")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, status)
                .setParameter(4, contentType).setParameter(5, location).setParameter(6, body).setParameter(7, etag)
                .executeUpdate());
    }

    /** Frees the key when the request failed in a way a retry may fix (5xx, service unreachable). */
    public void release(String scope, String key) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "delete from gateway_idempotency where caller = ?1 and idem_key = ?2 and status is null")
                .setParameter(1, scope).setParameter(2, key).executeUpdate());
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        // In the platform's short batches: an hour of keys at a busy gateway is too many rows for one transaction.
        deletes.run("gateway_idempotency", """
                        delete from gateway_idempotency where (caller, idem_key) in (
                            select caller, idem_key from gateway_idempotency where created_at < ?1
                            order by created_at limit ?2 for update skip locked)""",
                clock.instant().minus(KEY_LIFETIME));
    }
}
