package dev.crmsuite.gateway.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.gateway.access.InternalTokenSigner;
import dev.crmsuite.gateway.routing.RoutesConfig;
import dev.crmsuite.gateway.routing.UpstreamGuards;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.platform.web.RequestIds;
import io.vertx.core.Future;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Composes one export of everything the suite holds about a person from each service's own part
 * ({@link ExportParts}) and the gateway's webhook deliveries. Each part is read with the caller's own
 * internal token, so every service applies its own permissions, and through the same timeout and
 * circuit breaker as the proxy. An export is complete or not given: a part that cannot be read fails
 * the whole export (503 naming it) rather than handing out a document that silently lacks it.
 */
@ApplicationScoped
public class PrivacyExports {

    /** How the composition ended. */
    public sealed interface Outcome {
    }

    public record Document(ObjectNode export) implements Outcome {
    }

    /** The customer part answered 308: the person was merged into {@code survivorId}. */
    public record Merged(String survivorId) implements Outcome {
    }

    /** The customer part answered 404. */
    public record Unknown() implements Outcome {
    }

    /** A part could not be read. */
    public record PartUnavailable(String part, String why) implements Outcome {
    }

    private record Answer(int status, byte[] body) {
    }

    /** Longest wait for all parts together; each part also has its service's own timeout. */
    static final Duration ALL_PARTS = Duration.ofSeconds(60);

    private final RoutesConfig routes;
    private final UpstreamGuards guards;
    private final InternalTokenSigner tokens;
    private final WebhookDeliveriesOfCustomer deliveries;
    private final Clock clock;
    private final HttpClient client;

    PrivacyExports(RoutesConfig routes, UpstreamGuards guards, InternalTokenSigner tokens,
                   WebhookDeliveriesOfCustomer deliveries, Clock clock) {
        this.routes = routes;
        this.guards = guards;
        this.tokens = tokens;
        this.deliveries = deliveries;
        this.clock = clock;
        // The JDK's client, not Vert.x's as the proxy uses: the export runs on a worker thread, and
        // Vert.x 4.5's client driven from one lost a response body now and then (not traced further; a
        // race between the body's arrival on the connection's event loop and the callback asking for
        // it would explain it): 15 of 1,500 exports in a row had a part read as an empty 200. With the
        // JDK's client, which hands over the whole body with the response: 0 of 1,500 (same loop, ad hoc).
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    @PreDestroy
    void close() {
        client.shutdownNow();
    }

    /** Blocks (worker thread) until every part is read or one failed. */
    public Outcome export(Caller caller, UUID customerId) throws Exception {
        String requestId = RequestIds.current();
        Answer customer = await(read(ExportParts.CUSTOMER, caller, customerId, requestId));
        if (customer == null) {
            return new PartUnavailable(ExportParts.CUSTOMER.name(), "customer-service did not answer");
        }
        if (customer.status() == 404) {
            return new Unknown();
        }
        if (customer.status() == 308) {
            JsonNode problem = EventJson.MAPPER.readTree(customer.body());
            return new Merged(problem.path("survivingCustomerId").asText());
        }
        if (customer.status() != 200) {
            return new PartUnavailable(ExportParts.CUSTOMER.name(), "customer-service answered " + customer.status());
        }
        ObjectNode customerPart = document(customer);
        if (customerPart == null) {
            return new PartUnavailable(ExportParts.CUSTOMER.name(), "customer-service answered 200 without a JSON object");
        }
        Map<ExportParts.Part, Future<Answer>> others = new LinkedHashMap<>();
        ExportParts.ALL.stream().filter(p -> p != ExportParts.CUSTOMER).forEach(p -> others.put(p, read(p, caller, customerId, requestId)));

        ObjectNode export = EventJson.MAPPER.createObjectNode();
        export.put("customerId", customerId.toString());
        export.put("generatedAt", OffsetDateTime.now(clock).toString());
        export.set(ExportParts.CUSTOMER.name(), customerPart);
        List<String> unavailable = new ArrayList<>();
        for (Map.Entry<ExportParts.Part, Future<Answer>> part : others.entrySet()) {
            Answer answer = await(part.getValue());
            ObjectNode document = answer == null || answer.status() != 200 ? null : document(answer);
            if (document == null) {
                unavailable.add(part.getKey().name() + (answer == null ? " (no answer)"
                        : answer.status() == 200 ? " (200 without a JSON object)" : " (" + answer.status() + ")"));
                continue;
            }
            export.set(part.getKey().name(), document);
        }
        if (!unavailable.isEmpty()) {
            return new PartUnavailable(String.join(", ", unavailable), "a part of the export could not be read");
        }
        export.set("webhookDeliveries", EventJson.MAPPER.valueToTree(deliveries.of(customerId)));
        return new Document(export);
    }

    private Future<Answer> read(ExportParts.Part part, Caller caller, UUID customerId, String requestId) {
        RoutesConfig.Service target = routes.services().get(part.service());
        if (target == null) {
            return Future.failedFuture(new IllegalStateException("no route to " + part.service()));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url()).resolve(part.path(customerId)))
                .GET().timeout(target.timeout())
                .header("Authorization", "Bearer " + tokens.tokenFor(caller, target.audience().orElse(part.service() + "-service")))
                .header("Accept", "application/json");
        if (requestId != null) {
            request.header(RequestIds.HEADER, requestId);
        }
        return guards.call(part.service(), () -> Future.fromCompletionStage(
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                        .thenApply(response -> new Answer(response.statusCode(), response.body()))));
    }

    /**
     * A part's body as the JSON object every part is; null for anything else (an empty or cut-off
     * body, an array, a bare value), so the export fails naming the part instead of carrying a
     * null part in a document reported complete.
     */
    private static ObjectNode document(Answer answer) {
        try {
            return EventJson.MAPPER.readTree(answer.body()) instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Answer await(Future<Answer> answer) {
        try {
            return answer.toCompletionStage().toCompletableFuture().get(ALL_PARTS.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }
}
