package dev.crmsuite.e2e.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.e2e.RunningSuite;
import dev.crmsuite.platform.testing.JwtKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrong JSON types, generated from the merged OpenAPI document: for every operation with a JSON
 * request body and every property of that body with a declared type (nested objects and array items
 * included), one request whose body is valid but for that one field, which gets a value of another
 * type (42 for a string, "59.90" for a number, "12" for an integer, "yes" for a boolean, {} for an
 * array, "an object?" for an object). Each must be 400 application/problem+json naming the field as the
 * platform spells it ("consents.marketing", "items[0].sku") in errors[].field or the detail. Sent as an
 * admin straight to the gateway (the validating proxy would refuse them itself). What the services
 * cannot do yet is on {@link #KNOWN_FINDINGS}, each with the reason, and reported in
 * /work/platform-requests.md; anything else that is not such a 400 fails the drill.
 */
@ExtendWith(RunningSuite.class)
class WrongTypeDrillIT {

    /**
     * "METHOD /path field" (or "field.*" for everything under it) -> why it is not a 400 naming the field
     * yet. Each one is a request to the module's owner in /work/platform-requests.md; remove it with the fix.
     */
    static final Map<String, String> KNOWN_FINDINGS = Map.of();

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Set<String> METHODS = Set.of("post", "put", "patch");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int sent;

    String customer;
    String reward;
    String audience;
    String campaign;

    String created(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(RunningSuite.gateway() + path))
                .header("Authorization", JwtKeys.bearer("wrong-type-drill-setup", "admin")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("creating %s: %s", path, r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("id").asText();
    }

    record Field(String path, String type, String format, List<Object> location) {
    }

    @Test
    void every_typed_field_given_a_wrong_type_is_a_400_problem_naming_it() throws Exception {
        JsonNode document = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(RunningSuite.gateway() + "/q/openapi?format=json"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body());
        Map<String, String> findings = new TreeMap<>();
        Map<String, String> known = new TreeMap<>();
        // Real objects for the path parameters of writes that read what they change before the body's
        // types are checked (a merge patch is applied to the stored object): otherwise a 404 comes first.
        customer = created("/api/v1/customers", "{\"kind\":\"PERSON\",\"name\":\"Wrong Type Drill\",\"email\":\"wrong.type."
                + UUID.randomUUID().toString().substring(0, 8) + "@example.com\"}");
        reward = created("/api/v1/loyalty/rewards", "{\"name\":\"Wrong type drill reward\",\"pointsCost\":10,\"stock\":1}");
        audience = created("/api/v1/audiences", "{\"name\":\"Wrong type drill " + UUID.randomUUID() + "\"}");
        campaign = created("/api/v1/campaigns", "{\"name\":\"Wrong type drill\",\"kind\":\"NEWSLETTER\",\"audienceId\":\"" + audience
                + "\",\"subject\":\"Drill\",\"templateKey\":\"drill/newsletter\"}");
        int operations = 0;
        int fields = 0;
        for (var path : document.path("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (var m : path.getValue().properties()) {
                if (!METHODS.contains(m.getKey())) {
                    continue;
                }
                JsonNode content = m.getValue().path("requestBody").path("content");
                String type = null;
                for (String candidate : List.of("application/json", "application/merge-patch+json")) {
                    if (content.has(candidate)) {
                        type = candidate;
                        break;
                    }
                }
                if (type == null) {
                    continue;
                }
                String method = m.getKey().toUpperCase();
                String key = method + " " + path.getKey();
                JsonNode schema = BadInputDrillIT.resolve(document, content.path(type).path("schema"));
                JsonNode valid = valid(document, schema, 0);
                List<Field> typed = new ArrayList<>();
                collect(document, schema, "", new ArrayList<>(), typed, 0);
                if (typed.isEmpty()) {
                    continue;
                }
                operations++;
                String concrete = concretePath(path.getKey(), m.getValue()).replaceFirst("^/api/v1/customers/[^/]+", "/api/v1/customers/" + customer)
                        .replaceFirst("^/api/v1/loyalty/rewards/[^/]+$", "/api/v1/loyalty/rewards/" + reward)
                        .replaceFirst("^/api/v1/loyalty/accounts/[^/]+", "/api/v1/loyalty/accounts/" + customer)
                        .replaceFirst("^/api/v1/audiences/[^/]+$", "/api/v1/audiences/" + audience)
                        .replaceFirst("^/api/v1/campaigns/[^/]+$", "/api/v1/campaigns/" + campaign);
                for (Field field : typed) {
                    fields++;
                    JsonNode body = valid.deepCopy();
                    replace(body, field.location(), wrongValue(field.type()));
                    String problem = check(method, concrete, type, body, field.path());
                    if (problem != null) {
                        String finding = key + " " + field.path();
                        String reason = knownReason(finding, field);
                        if (reason != null) {
                            known.put(finding, problem + " (" + reason + ")");
                        } else {
                            findings.put(finding, problem + "\n      body: " + abbreviate(body.toString()));
                        }
                    }
                }
            }
        }
        System.out.printf("wrong-type drill: %d typed fields of %d operations drilled, %d findings, %d known findings%n",
                fields, operations, findings.size(), known.size());
        findings.forEach((k, v) -> System.out.println("  finding: " + k + " -> " + v));
        known.forEach((k, v) -> System.out.println("  known finding: " + k + " -> " + v));
        assertThat(operations).as("operations with a JSON body").isGreaterThan(20);
        assertThat(findings).as("wrong types not answered 400 problem+json naming the field").isEmpty();
    }

    static String knownReason(String finding, Field field) {
        for (var known : KNOWN_FINDINGS.entrySet()) {
            String key = known.getKey();
            if (key.equals(finding) || key.endsWith(".*") && finding.startsWith(key.substring(0, key.length() - 1))) {
                return known.getValue();
            }
        }
        return null;
    }

    /** A body valid in shape: every property with a plausible value of its type, one item in each array. */
    static JsonNode valid(JsonNode document, JsonNode schema, int depth) {
        return valid(document, schema, "", depth);
    }

    static JsonNode valid(JsonNode document, JsonNode schema, String name, int depth) {
        schema = BadInputDrillIT.resolve(document, schema);
        // Times and days in the future, an end after its start: the documented examples are fixed dates
        // (a rule version "never in the past", a backtest "to" before its "from").
        String format = schema.path("format").asText("");
        if (format.equals("date-time") || format.equals("date")) {
            String lower = name.toLowerCase();
            String day = lower.equals("to") || lower.contains("until") || lower.contains("end") ? "2031-06-30" : "2030-01-01";
            return NODES.textNode(format.equals("date") ? day : day + "T10:00:00Z");
        }
        if (schema.has("examples") && schema.get("examples").isArray() && !schema.get("examples").isEmpty()) {
            return schema.get("examples").get(0);
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        return switch (type(schema)) {
            case "integer" -> NODES.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            case "number" -> NODES.numberNode(Math.max(1, schema.path("minimum").asDouble(1)));
            case "boolean" -> NODES.booleanNode(false);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth < 5) {
                    array.add(valid(document, schema.path("items"), name, depth + 1));
                }
                yield array;
            }
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 5) {
                    schema.path("properties").properties().forEach(p -> {
                        if (!BadInputDrillIT.resolve(document, p.getValue()).path("readOnly").asBoolean(false)) {
                            object.set(p.getKey(), valid(document, p.getValue(), p.getKey(), depth + 1));
                        }
                    });
                }
                yield object;
            }
            default -> NODES.textNode(switch (schema.path("format").asText("")) {
                case "uuid" -> UUID.randomUUID().toString();
                case "date-time" -> "2027-01-01T10:00:00Z";
                case "date" -> "2027-01-01";
                case "email" -> "drill@example.com";
                case "uri", "url" -> "https://192.0.2.10/drill";
                default -> "drill";
            });
        };
    }

    /** Every property with a declared type, with its path as the platform names it and where it sits in the body. */
    static void collect(JsonNode document, JsonNode schema, String prefix, List<Object> location, List<Field> out, int depth) {
        schema = BadInputDrillIT.resolve(document, schema);
        if (depth > 5) {
            return;
        }
        String type = type(schema);
        if (type.equals("object")) {
            schema.path("properties").properties().forEach(p -> {
                JsonNode s = BadInputDrillIT.resolve(document, p.getValue());
                if (s.path("readOnly").asBoolean(false)) {
                    return;
                }
                String name = prefix.isEmpty() ? p.getKey() : prefix + "." + p.getKey();
                List<Object> at = new ArrayList<>(location);
                at.add(p.getKey());
                String t = type(s);
                if (!t.isEmpty() && !t.equals("null")) {
                    out.add(new Field(name, t, s.path("format").asText(""), at));
                }
                collect(document, s, name, at, out, depth + 1);
            });
        } else if (type.equals("array")) {
            JsonNode items = BadInputDrillIT.resolve(document, schema.path("items"));
            String t = type(items);
            List<Object> at = new ArrayList<>(location);
            at.add(0);
            if (!t.isEmpty() && !t.equals("null") && !prefix.isEmpty()) {
                out.add(new Field(prefix + "[0]", t, items.path("format").asText(""), at));
            }
            collect(document, items, prefix + "[0]", at, out, depth + 1);
        }
    }

    static String type(JsonNode schema) {
        String t = BadInputDrillIT.typeOf(schema);
        if (t.isEmpty() && schema.has("properties")) {
            return "object";
        }
        return t;
    }

    static JsonNode wrongValue(String type) {
        return switch (type) {
            case "string" -> NODES.numberNode(42);
            case "number" -> NODES.textNode("59.90");
            case "integer" -> NODES.textNode("12");
            case "boolean" -> NODES.textNode("yes");
            case "array" -> NODES.objectNode();
            default -> NODES.textNode("an object?");
        };
    }

    static void replace(JsonNode body, List<Object> location, JsonNode value) {
        JsonNode parent = body;
        for (int i = 0; i < location.size() - 1; i++) {
            Object step = location.get(i);
            JsonNode child = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
            if (child == null || child.isNull()) { // an example without this part: make room for the field
                child = location.get(i + 1) instanceof Integer ? NODES.arrayNode() : NODES.objectNode();
                put(parent, step, child);
            }
            parent = child;
        }
        put(parent, location.getLast(), value);
    }

    static void put(JsonNode parent, Object step, JsonNode value) {
        if (step instanceof Integer index) {
            ArrayNode array = (ArrayNode) parent;
            while (array.size() <= index) {
                array.addNull();
            }
            array.set(index, value);
        } else {
            ((ObjectNode) parent).set((String) step, value);
        }
    }

    static String concretePath(String template, JsonNode op) {
        String path = template;
        for (JsonNode p : op.path("parameters")) {
            if (p.path("in").asText().equals("path")) {
                String value = p.path("schema").path("type").asText("").equals("integer") ? "1" : UUID.randomUUID().toString();
                path = path.replace("{" + p.path("name").asText() + "}", value);
            }
        }
        return path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    /** Null when the answer is a 400 problem naming the field; else what was wrong with it. */
    String check(String method, String path, String contentType, JsonNode body, String field) throws InterruptedException {
        // One subject per 100 requests: the drill must stay under the per-user rate limit, not test it.
        String subject = "wrong-type-drill-" + (sent++ / 100);
        HttpRequest request = HttpRequest.newBuilder(URI.create(RunningSuite.gateway() + path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", JwtKeys.bearer(subject, "admin")).header("If-Match", "\"0\"")
                .header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body.toString()
                        .replace("@example.com\"", "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com\""))).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (r.statusCode() != 400 || !type.startsWith("application/problem+json")) {
                return r.statusCode() + " " + type + " " + abbreviate(r.body());
            }
            JsonNode problem = JSON.readTree(r.body());
            for (JsonNode error : problem.path("errors")) {
                if (error.path("field").asText().equals(field)) {
                    return null;
                }
            }
            if (problem.path("detail").asText().contains(field)) {
                return null;
            }
            return "400 without naming " + field + ": " + abbreviate(r.body());
        } catch (java.io.IOException e) {
            return "no answer: " + e;
        }
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
