package dev.crmsuite.gateway.routing;

import io.micrometer.core.instrument.Metrics;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.standalone.Configuration;
import io.smallrye.faulttolerance.standalone.MetricsAdapter;
import io.smallrye.faulttolerance.standalone.MicrometerAdapter;
import io.smallrye.faulttolerance.standalone.StandaloneFaultTolerance;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A timeout and a circuit breaker per upstream service, from SmallRye Fault Tolerance's programmatic
 * API in standalone mode (the Quarkus extension is not available here; standalone needs no CDI).
 *
 * <p>Why SmallRye and not Vert.x's circuit breaker, although the proxy is Vert.x code: with
 * {@code smallrye-fault-tolerance-vertx} a guard takes a Vert.x {@link Future} as it is (no thread
 * offload, completions back on the caller's event loop), it counts failures the way the gateway
 * always did (N in a row, not N within a rolling time window as Vert.x's breaker does), and it
 * publishes its own Micrometer metrics ({@code ft.circuitbreaker.*}, {@code ft.timeout.*}, tagged
 * {@code method=upstream-<service>}) into the registry Prometheus scrapes.
 *
 * <p>Counting: a call is one failure however it failed. The timeout fails the guarded future once
 * (a late answer or a later idle timeout of the abandoned request no longer reaches the breaker),
 * and a timeout is recognised by its type ({@link org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException}),
 * never by message text. A request the gateway itself gives up on (body too large, client gone)
 * fails with {@link RequestAbandoned}, which the breaker does not count against the service.
 */
@ApplicationScoped
public class UpstreamGuards {

    private static final Logger LOG = Logger.getLogger(UpstreamGuards.class);

    /** The gateway gave up on the upstream request for its own reasons; not the service's failure. */
    public static final class RequestAbandoned extends RuntimeException {
        public RequestAbandoned() {
            super("the gateway abandoned the upstream request", null, false, false);
        }
    }

    /** What the health check shows per upstream: the breaker's state and what it counted. */
    public record Snapshot(CircuitBreakerState state, long failures, long successes, long prevented, long timeouts) {
    }

    private static final class Upstream {
        final Guard guard;
        final AtomicReference<CircuitBreakerState> state = new AtomicReference<>(CircuitBreakerState.CLOSED);
        final AtomicLong failures = new AtomicLong();
        final AtomicLong successes = new AtomicLong();
        final AtomicLong prevented = new AtomicLong();
        final AtomicLong timeouts = new AtomicLong();

        Upstream(String service, RoutesConfig.Service config) {
            guard = Guard.create()
                    .withDescription("upstream-" + service)
                    // The proxy's calls are non-blocking Vert.x futures: they stay on the event loop.
                    .withThreadOffload(false)
                    .withTimeout().duration(config.timeout().toMillis(), ChronoUnit.MILLIS)
                    .onTimeout(timeouts::incrementAndGet).done()
                    // failureRatio 1 over a window of N calls: opens after N failures in a row.
                    .withCircuitBreaker()
                    .requestVolumeThreshold(config.failureThreshold()).failureRatio(1.0)
                    .delay(config.openFor().toMillis(), ChronoUnit.MILLIS)
                    // Half-open lets one trial call through; its success closes the breaker again.
                    .successThreshold(1)
                    .skipOn(RequestAbandoned.class)
                    .onStateChange(state::set)
                    .onFailure(failures::incrementAndGet)
                    .onSuccess(successes::incrementAndGet)
                    .onPrevented(prevented::incrementAndGet)
                    .done()
                    .build();
        }
    }

    private static final TypeLiteral<Future<Object>> FUTURE = new TypeLiteral<>() {
    };

    private final RoutesConfig routes;
    private final Map<String, Upstream> upstreams = new ConcurrentHashMap<>();

    public UpstreamGuards(RoutesConfig routes) {
        this.routes = routes;
        StandaloneSetup.ensureConfigured();
    }

    /**
     * Runs {@code call} for {@code service} under its timeout and breaker. The returned future fails
     * with {@link org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException} past the
     * timeout and with {@link org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException}
     * while the breaker is open (without calling).
     */
    @SuppressWarnings("unchecked")
    public <T> Future<T> call(String service, Supplier<Future<T>> call) {
        Guard guard = upstream(service).guard;
        try {
            return (Future<T>) guard.get((Supplier<Future<Object>>) (Supplier<?>) call, FUTURE);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** Per configured upstream, by name: its breaker's state and counts since start. */
    public Map<String, Snapshot> snapshots() {
        Map<String, Snapshot> all = new TreeMap<>();
        routes.services().keySet().forEach(service -> {
            Upstream u = upstream(service);
            all.put(service, new Snapshot(u.state.get(), u.failures.get(), u.successes.get(), u.prevented.get(), u.timeouts.get()));
        });
        return all;
    }

    private Upstream upstream(String service) {
        return upstreams.computeIfAbsent(service, s -> new Upstream(s, routes.services().get(s)));
    }

    /**
     * Standalone SmallRye Fault Tolerance is configured once per class loader, before the first
     * guard. Its meters go to Micrometer's global registry, which Quarkus connects to the registry it
     * exports (so a restarted application in the same JVM, as in tests, still gets them).
     */
    private static final class StandaloneSetup {
        static {
            try {
                StandaloneFaultTolerance.configure(new Configuration() {
                    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

                    @Override
                    public ExecutorService executor() {
                        return executor; // only for offloaded calls, which the gateway does not make
                    }

                    @Override
                    public MetricsAdapter metricsAdapter() {
                        return new MicrometerAdapter(Metrics.globalRegistry);
                    }
                });
            } catch (IllegalStateException alreadyConfigured) {
                LOG.debugf("SmallRye Fault Tolerance was configured already: %s", alreadyConfigured.getMessage());
            }
        }

        static void ensureConfigured() {
            // loading the class runs the configuration above, once
        }
    }
}
