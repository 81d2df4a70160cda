package dev.crmsuite.gateway.access;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many gateway replicas share the rate limits right now. Each replica holds its own token
 * buckets (a shared counter would cost a database write per request) and allows limit / replicas;
 * the count must therefore follow the autoscaler, not a configured number that is right only at one
 * size. Every replica writes a heartbeat row in the gateway's database and counts the fresh ones, so
 * after a scale-up or -down every replica uses the new share within one heartbeat. With a load
 * balancer spreading a caller's requests evenly, the sum over replicas is the caller's limit.
 *
 * <p>Hand-written, not a library: what it needs (a count of live peers sharing a database) is one
 * upsert and one count; a membership library (JGroups, Hazelcast) would add a cluster protocol for it.
 */
@ApplicationScoped
public class GatewayReplicas {

    private static final Logger LOG = Logger.getLogger(GatewayReplicas.class);

    private final UUID id = UUID.randomUUID();
    private final AtomicInteger live = new AtomicInteger(1);
    private final EntityManager em;
    private final AccessConfig config;

    GatewayReplicas(EntityManager em, AccessConfig config) {
        this.em = em;
        this.config = config;
    }

    /** Replicas seen within three heartbeats, this one included (at least 1). */
    public int live() {
        return live.get();
    }

    void start(@Observes StartupEvent ignored) {
        heartbeat();
    }

    @Scheduled(every = "${crm.gateway.rate-limit.replica-heartbeat}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        long windowMillis = config.rateLimit().replicaHeartbeat().toMillis() * 3;
        try {
            int count = QuarkusTransaction.requiringNew().call(() -> {
                em.createNativeQuery("""
                                insert into gateway_replica (id, seen_at) values (?1, now())
                                on conflict (id) do update set seen_at = now()""")
                        .setParameter(1, id).executeUpdate();
                // Rows of replicas that stopped without saying so (killed, node lost).
                em.createNativeQuery("delete from gateway_replica where seen_at < now() - interval '10 minutes'").executeUpdate();
                return ((Number) em.createNativeQuery("""
                                select count(*) from gateway_replica where seen_at > now() - make_interval(secs => ?1 / 1000.0)""")
                        .setParameter(1, windowMillis).getSingleResult()).intValue();
            });
            int before = live.getAndSet(Math.max(1, count));
            if (before != Math.max(1, count)) {
                LOG.infof("gateway replicas sharing the rate limits: %d (was %d)", Math.max(1, count), before);
            }
        } catch (RuntimeException e) {
            // The database away: keep the last count rather than guess; the limits stay as they were.
            LOG.debugf("gateway replica heartbeat failed, keeping %d replicas: %s", live.get(), e.toString());
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from gateway_replica where id = ?1")
                    .setParameter(1, id).executeUpdate());
        } catch (RuntimeException e) {
            LOG.debugf("could not remove this replica's heartbeat row (it expires): %s", e.toString());
        }
    }
}
