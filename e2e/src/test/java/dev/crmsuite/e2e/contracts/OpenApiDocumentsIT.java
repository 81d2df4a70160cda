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
}
