package dev.crmsuite.e2e.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crmsuite.e2e.RunningSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes the OpenAPI document each running service serves, and the gateway's merged one, to
 * e2e/target/openapi/&lt;service&gt;.json (gateway.json is the merged suite document), so
 * contracts/lint (Spectral) and contracts/check-compat.mjs check exactly what partners download.
 */
@ExtendWith(RunningSuite.class)
class OpenApiDocumentsIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_service_and_the_gateway_serve_an_openapi_document() throws Exception {
        Path root = Path.of(System.getProperty("crm.repository.root", "..")).toAbsolutePath().normalize();
        Path out = root.resolve("e2e/target/openapi");
        Files.createDirectories(out);
        HttpClient http = HttpClient.newHttpClient();
        for (String service : RunningSuite.SERVICES) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(RunningSuite.url(service) + "/q/openapi?format=json"))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(service + " /q/openapi").isEqualTo(200);
            JsonNode doc = JSON.readTree(response.body());
            assertThat(doc.path("openapi").asText()).as(service + " openapi version").startsWith("3.");
            assertThat(doc.path("paths").size()).as(service + " paths").isPositive();
            Files.writeString(out.resolve(service + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            System.out.printf("openapi: %s: %d paths -> %s%n", service, doc.path("paths").size(), out.resolve(service + ".json"));
        }
        // The merged document carries every service's paths.
        JsonNode merged = JSON.readTree(out.resolve("gateway.json").toFile());
        for (String service : RunningSuite.SERVICES.subList(0, 4)) {
            JsonNode part = JSON.readTree(out.resolve(service + ".json").toFile());
            part.path("paths").fieldNames().forEachRemaining(path -> {
                if (path.startsWith("/api/")) {
                    assertThat(merged.path("paths").has(path)).as("gateway document has %s of %s", path, service).isTrue();
                }
            });
        }
    }
    /**
     * What Prism relies on, stated once for the whole document (so a regression names the place,
     * not only the request that happened to meet it): every property a schema does not require may
     * be null, since the services send null for a value they do not have; every operation that needs
     * credentials documents the gateway's 401 and 429, and every operation its 503.
     */
    @Test
    void the_merged_document_tells_of_nulls_and_of_the_gateways_own_answers() throws Exception {
        JsonNode merged = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RunningSuite.gateway() + "/q/openapi?format=json"))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String> neverNull = new ArrayList<>();
        optionalButNeverNull(merged, "#", neverNull);
        assertThat(neverNull).as("optional properties documented as never null").isEmpty();
        List<String> undocumented = new ArrayList<>();
        merged.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (!op.getValue().has("responses")) {
                return;
            }
            JsonNode responses = op.getValue().path("responses");
            boolean credentials = !op.getValue().has("security") || !op.getValue().path("security").isEmpty();
            for (String status : credentials ? List.of("401", "429", "503") : List.of("503")) {
                if (!responses.has(status)) {
                    undocumented.add(op.getKey().toUpperCase() + " " + path.getKey() + " " + status);
                }
            }
        }));
        assertThat(undocumented).as("the gateway's own answers missing from operations").isEmpty();
    }

    private static void optionalButNeverNull(JsonNode node, String at, List<String> found) {
        if (node.isObject() && node.path("properties").isObject()) {
            Set<String> required = new HashSet<>();
            node.path("required").forEach(r -> required.add(r.asText()));
            node.path("properties").properties().forEach(p -> {
                if (!required.contains(p.getKey()) && !allowsNull(p.getValue())) {
                    found.add(at + "/properties/" + p.getKey());
                }
            });
        }
        if (node.isObject()) {
            node.properties().forEach(e -> optionalButNeverNull(e.getValue(), at + "/" + e.getKey(), found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                optionalButNeverNull(node.get(i), at + "/" + i, found);
            }
        }
    }

    private static boolean allowsNull(JsonNode schema) {
        if (schema.has("$ref")) {
            return false;
        }
        JsonNode type = schema.path("type");
        if (type.isArray() || type.isTextual()) {
            return type.toString().contains("\"null\"");
        }
        for (JsonNode branch : schema.path("anyOf")) {
            if (branch.path("type").asText().equals("null")) {
                return true;
            }
        }
        return !schema.has("anyOf") && !schema.has("oneOf") && !schema.has("allOf"); // untyped: any value
    }
}
