package dev.crmsuite.e2e.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.format.DateTimeFormatter;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations of the gateway's merged OpenAPI document as the access suite reads them: each
 * operation's declared permission (the scopes of its {@code security} requirement, or public when
 * {@code security} is empty), whether it is marked staff only ({@code x-crm-staff-only}), and plausible request bodies
 * built from its schemas' examples, so that a write a caller is refused would have had an effect had
 * it been let through.
 */
final class SuiteOperations {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** How the merged document marks a back-office operation that partners may never call (@StaffOnly). */
    static final String STAFF_ONLY = "x-crm-staff-only";

    record Op(String method, String template, JsonNode node, Set<String> scopes, boolean isPublic, boolean staffOnly) {

        String key() {
            return method + " " + template;
        }

        boolean write() {
            return !method.equals("GET");
        }

        List<JsonNode> parameters(String in) {
            List<JsonNode> found = new ArrayList<>();
            for (JsonNode p : node.path("parameters")) {
                if (p.path("in").asText().equals(in)) {
                    found.add(p);
                }
            }
            return found;
        }

        /** The media type of the request body, or null when the operation takes none. */
        String bodyType() {
            Iterator<String> types = node.path("requestBody").path("content").fieldNames();
            return types.hasNext() ? types.next() : null;
        }
    }

    private SuiteOperations() {
    }

    static List<Op> of(JsonNode document) {
        List<Op> ops = new ArrayList<>();
        document.path("paths").properties().forEach(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            path.getValue().properties().forEach(m -> {
                if (!METHODS.contains(m.getKey())) {
                    return;
                }
                JsonNode op = m.getValue();
                JsonNode security = op.has("security") ? op.get("security") : document.path("security");
                Set<String> scopes = new TreeSet<>();
                boolean isPublic = security.isArray() && security.isEmpty();
                for (JsonNode requirement : security) {
                    if (requirement.isEmpty()) {
                        isPublic = true; // {} among the alternatives: credentials are optional
                    }
                    requirement.properties().forEach(scheme -> scheme.getValue().forEach(s -> scopes.add(s.asText())));
                }
                boolean staffOnly = op.path(STAFF_ONLY).asBoolean(false);
                ops.add(new Op(m.getKey().toUpperCase(Locale.ROOT), path.getKey(), op, Set.copyOf(scopes), isPublic, staffOnly));
            });
        });
        return ops;
    }

    /** A plausible JSON value for {@code schema}: its example, default or first enum value, else one of its type. */
    static JsonNode example(JsonNode document, JsonNode schema, int depth) {
        schema = resolve(document, schema);
        if (schema.has("examples") && schema.get("examples").isArray() && !schema.get("examples").isEmpty()) {
            return schema.get("examples").get(0);
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("default") && !schema.get("default").isNull()) {
            return schema.get("default");
        }
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        return switch (typeOf(schema)) {
            case "integer", "number" -> NODES.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            case "boolean" -> NODES.booleanNode(false);
            case "array" -> depth < 4 ? NODES.arrayNode().add(example(document, schema.path("items"), depth + 1)) : NODES.arrayNode();
            case "object" -> depth < 4 ? object(document, schema, depth + 1) : NODES.objectNode();
            default -> NODES.textNode(switch (schema.path("format").asText("")) {
                case "uuid" -> "00000000-0000-4000-8000-000000000000";
                case "date-time" -> OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                case "date" -> LocalDate.now(ZoneOffset.UTC).plusDays(7).toString();
                case "email" -> "access-suite@example.com";
                case "uri", "url" -> "https://192.0.2.10/access-suite";
                default -> "access-suite";
            });
        };
    }

    /** Every property that has an example (or is required), each with its plausible value. */
    static ObjectNode object(JsonNode document, JsonNode schema, int depth) {
        schema = resolve(document, schema);
        ObjectNode node = NODES.objectNode();
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            JsonNode s = resolve(document, p.getValue());
            boolean documented = s.has("examples") || s.has("example") || s.has("enum") || s.has("default");
            if ((required.contains(p.getKey()) || documented) && !s.path("readOnly").asBoolean(false)) {
                node.set(p.getKey(), example(document, s, depth));
            }
        }
        return node;
    }

    static JsonNode resolve(JsonNode document, JsonNode schema) {
        for (int depth = 0; depth < 10; depth++) {
            if (schema.has("$ref")) {
                JsonNode target = document;
                for (String part : schema.get("$ref").asText().replace("#/", "").split("/")) {
                    target = target.path(part);
                }
                schema = target;
            } else if (schema.has("anyOf") || schema.has("oneOf")) {
                // "X or null" for an optional property: build X.
                JsonNode chosen = null;
                for (JsonNode branch : schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf")) {
                    if (!branch.path("type").asText().equals("null")) {
                        chosen = branch;
                        break;
                    }
                }
                if (chosen == null) {
                    return schema;
                }
                schema = chosen;
            } else if (schema.has("allOf") && schema.get("allOf").size() == 1) {
                schema = schema.get("allOf").get(0);
            } else {
                return schema;
            }
        }
        return schema;
    }

    static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
            return "null";
        }
        if (type.isMissingNode() && schema.has("properties")) {
            return "object";
        }
        return type.asText("string");
    }
}
