package dev.crmsuite.customer.campaign;

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
 * Checks a published event (the whole CloudEvent) against its message in docs/asyncapi.yaml itself,
 * the document partners read, so a campaign test fails when what goes over Kafka and what is
 * documented differ.
 */
public final class DocumentedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DocumentedEvents() {
    }

    public static List<String> violations(JsonNode event) {
        String type = event.path("type").asText();
        JsonNode doc = document();
        JsonNode message = doc.path("components").path("messages").path(type);
        if (message.isMissingNode()) {
            return List.of("'" + type + "' is not described in docs/asyncapi.yaml");
        }
        List<String> out = new ArrayList<>();
        // Personal records have a channel of their own (the compacted crm.customers.personal).
        boolean personal = type.endsWith(".personal-data-recorded.v1");
        String channel = personal ? "customersPersonal" : "customers";
        if (!doc.path("channels").path(channel).path("messages").has(type)) {
            out.add("'" + type + "' is not on the " + (personal ? "crm.customers.personal" : "crm.customers") + " channel");
        }
        ObjectNode payload = (ObjectNode) read(message.path("payload").toString().replace("\"#/components/schemas/", "\"#/definitions/"));
        payload.set("definitions", read(doc.path("components").path("schemas").toString().replace("\"#/components/schemas/", "\"#/definitions/")));
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(payload);
        schema.validate(event).forEach(e -> out.add(type + ": " + e.getInstanceLocation() + ": " + e.getMessage()));
        return out;
    }

    private static JsonNode document() {
        Path root = Path.of(System.getProperty("crm.repository.root", "..")).toAbsolutePath().normalize();
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docs/asyncapi.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
