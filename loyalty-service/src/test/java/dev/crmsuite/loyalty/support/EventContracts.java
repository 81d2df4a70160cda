package dev.crmsuite.loyalty.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a published event against its message in docs/asyncapi.yaml, the document partners read
 * (not a copy), so a loyalty test fails when what goes over Kafka and what is documented differ.
 */
public final class EventContracts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventContracts() {
    }

    /** Every way {@code event} breaks its message's schema; empty when it keeps it. */
    public static List<String> violations(JsonNode event) {
        String type = event.path("type").asText();
        JsonNode doc = document();
        JsonNode message = doc.path("components").path("messages").path(type);
        if (message.isMissingNode()) {
            return List.of("'" + type + "' is not described in docs/asyncapi.yaml");
        }
        // Our schemas use draft-07 keywords only; '#/components/schemas/...' become the payload's own definitions.
        ObjectNode payload = (ObjectNode) readJson(message.path("payload").toString().replace("\"#/components/schemas/", "\"#/definitions/"));
        payload.set("definitions", readJson(doc.path("components").path("schemas").toString()
                .replace("\"#/components/schemas/", "\"#/definitions/")));
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(payload);
        List<String> out = new ArrayList<>();
        schema.validate(event).forEach(e -> out.add(type + ": " + e.getInstanceLocation() + ": " + e.getMessage()));
        return out;
    }

    /** The topic (channel address) docs/asyncapi.yaml puts {@code type} on, or null. */
    public static String topicOf(String type) {
        JsonNode doc = document();
        for (JsonNode channel : doc.path("channels")) {
            for (JsonNode ref : channel.path("messages")) {
                if (ref.path("$ref").asText().endsWith("/" + type)) {
                    return channel.path("address").asText();
                }
            }
        }
        return null;
    }

    private static JsonNode document() {
        Path root = Path.of(System.getProperty("crm.repository.root", "..")).toAbsolutePath().normalize();
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docs/asyncapi.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
