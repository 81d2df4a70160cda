package dev.crmsuite.e2e.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The event contracts as docs/asyncapi.yaml states them: for each CloudEvents {@code type} (the
 * message name) the JSON Schema of the whole event, envelope and data. Read from the document
 * itself, not a copy, so the test checks what partners read.
 */
final class AsyncApiEvents {

    private final Map<String, Schema> byType = new TreeMap<>();
    private final Map<String, String> topicByType = new TreeMap<>();

    AsyncApiEvents(Path asyncApiYaml) throws IOException {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(asyncApiYaml.toFile());
        // AsyncAPI schemas are a superset of JSON Schema draft-07; ours use only draft-07 keywords.
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        JsonNode definitions = readJson(doc.path("components").path("schemas").toString()
                .replace("\"#/components/schemas/", "\"#/definitions/"));
        doc.path("components").path("messages").properties().forEach(m -> {
            String type = m.getValue().path("name").asText(m.getKey());
            // The payload refers to '#/components/schemas/...': a schema of its own gets those as its
            // draft-07 'definitions', with the references pointed there.
            ObjectNode payload = (ObjectNode) readJson(m.getValue().path("payload").toString()
                    .replace("\"#/components/schemas/", "\"#/definitions/"));
            payload.set("definitions", definitions);
            byType.put(type, registry.getSchema(payload));
        });
        doc.path("channels").forEach(channel -> channel.path("messages").forEach(ref -> {
            String pointer = ref.path("$ref").asText();
            String type = doc.at(pointer.substring(1)).path("name").asText();
            topicByType.put(type, channel.path("address").asText());
        }));
    }

    private static JsonNode readJson(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static AsyncApiEvents fromRepository() throws IOException {
        Path root = Path.of(System.getProperty("crm.repository.root", "..")).toAbsolutePath().normalize();
        return new AsyncApiEvents(root.resolve("docs/asyncapi.yaml"));
    }

    /** Message names (= event types) the document describes. */
    java.util.Set<String> types() {
        return byType.keySet();
    }

    /** The topic (channel address) the document puts {@code type} on. */
    String topicOf(String type) {
        return topicByType.get(type);
    }

    /**
     * Every way {@code event} breaks its contract, as "type: location: message"; empty when it keeps
     * it. An event whose type the document does not describe is a violation too: partners could
     * not know it.
     */
    List<String> violations(JsonNode event) {
        String type = event.path("type").asText();
        Schema schema = byType.get(type);
        if (schema == null) {
            return List.of("'" + type + "' is not described in docs/asyncapi.yaml");
        }
        List<String> out = new ArrayList<>();
        schema.validate(event).forEach(e -> out.add(type + ": " + e.getInstanceLocation() + ": " + e.getMessage()));
        return out;
    }
}
