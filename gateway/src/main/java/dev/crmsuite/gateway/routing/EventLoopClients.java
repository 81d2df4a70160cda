package dev.crmsuite.gateway.routing;

import io.netty.channel.EventLoop;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.impl.ContextInternal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxy's HTTP clients to the services: one per event loop, each with its own connection pool.
 *
 * <p>Why not one client: Vert.x 4's pool hands any idle connection to any caller, and a connection
 * stays on the event loop that opened it. A request arriving on loop A that got a connection of loop
 * B crossed threads four times (open the stream, write the head, the answer's head, its body), each a
 * task queued to the other loop and a wake-up of its selector: the largest single item in a profile
 * of the gateway under reads (8% of its samples in {@code SelectedSelectionKeySetSelector.wakeup}),
 * besides the context switches. With a client per loop a request only ever uses connections of its
 * own loop, so the whole exchange stays on one thread. Vert.x has no option for this affinity in
 * 4.5 ({@code PoolOptions.setEventLoopSize} spreads connections over loops instead).
 */
final class EventLoopClients {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final Map<EventLoop, HttpClient> clients = new ConcurrentHashMap<>();

    /** {@code options} hold each loop's pool size: the gateway keeps up to (event loops × that) connections per service. */
    EventLoopClients(Vertx vertx, HttpClientOptions options) {
        this.vertx = vertx;
        this.options = new HttpClientOptions(options);
    }

    /**
     * The client of the calling thread's event loop (a thread outside Vert.x gets the loop of the
     * context Vert.x assigns it; there are at most as many clients as event loops).
     */
    HttpClient current() {
        EventLoop loop = ((ContextInternal) vertx.getOrCreateContext()).nettyEventLoop();
        return clients.computeIfAbsent(loop, ignored -> vertx.createHttpClient(options));
    }
}
