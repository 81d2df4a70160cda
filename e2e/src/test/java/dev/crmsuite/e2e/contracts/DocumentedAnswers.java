package dev.crmsuite.e2e.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether an answer is one the merged OpenAPI document promises for its operation: the status is
 * listed (or covered by {@code 4XX}/{@code default}), a body comes in a documented media type, and a
 * JSON body validates against that media type's schema (JSON Schema 2020-12, which OpenAPI 3.1
 * schemas are, with formats asserted).
 *
 * <p>Prism checks the answers of {@link EveryOperationIT}'s valid calls; odd calls (refused callers,
 * odd path spellings, empty bodies, unknown ids) reach answers no valid call does, and partners'
 * generated clients must be able to read those too. The access suite checks each of its answers here.
 */
public final class DocumentedAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPONENTS = "\"#/components/schemas/";

    private final JsonNode document;
    private final JsonNode definitions;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    public DocumentedAnswers(JsonNode document) {
        this.document = document;
        this.definitions = rewrite(document.path("components").path("schemas"));
    }

    /**
     * What is wrong with an answer of {@code method template}: empty when it is documented.
     *
     * @param contentType the answer's Content-Type header, or empty
     * @param body        the answer's body, or empty
     */
    public List<String> check(String method, String template, int status, String contentType, String body) {
        JsonNode op = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        if (op.isMissingNode()) {
            return List.of("no operation " + method + " " + template + " in the document");
        }
        JsonNode responses = op.path("responses");
        String code = String.valueOf(status);
        JsonNode response = first(responses, code, code.charAt(0) + "XX", "default");
        if (response == null) {
            return List.of("status " + status + " is not documented (documented: " + names(responses) + ")");
        }
        if (body == null || body.isEmpty()) {
            return List.of();
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return List.of("status " + status + " is documented without a body, but one came: " + abbreviate(body));
        }
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode media = first(content, type, "*/*");
        if (media == null) {
            return List.of("media type '" + type + "' is not documented for " + status + " (documented: " + names(content) + ")");
        }
        if (!media.has("schema") || !(type.endsWith("/json") || type.endsWith("+json"))) {
            return List.of();
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            return List.of("a " + type + " body that is not JSON: " + abbreviate(body));
        }
        Schema schema = compiled.computeIfAbsent(method + " " + template + " " + status + " " + type, key -> {
            ObjectNode root = (ObjectNode) rewrite(media.path("schema"));
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("$defs", definitions);
            return registry.getSchema(root);
        });
        List<String> problems = new ArrayList<>();
        schema.validate(value).stream().limit(3).forEach(e -> problems.add(
                "the " + status + " body does not match its schema: " + e.getInstanceLocation() + ": " + e.getMessage()));
        return problems;
    }

    /** The schema with its references to the document's components pointed at its own {@code $defs}. */
    private static JsonNode rewrite(JsonNode schema) {
        try {
            return JSON.readTree(schema.toString().replace(COMPONENTS, "\"#/$defs/"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode first(JsonNode parent, String... names) {
        for (String name : names) {
            if (parent.has(name)) {
                return parent.get(name);
            }
        }
        return null;
    }

    private static String names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> i = node.fieldNames(); i.hasNext(); ) {
            names.add(i.next());
        }
        return String.join(", ", names);
    }

    private static String abbreviate(String body) {
        return body.length() <= 160 ? body : body.substring(0, 160) + "...";
    }
}
