package dev.crmsuite.e2e.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.e2e.RunningSuite;
import dev.crmsuite.e2e.contracts.DocumentedAnswers;
import dev.crmsuite.platform.testing.JwtKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drill 6: a seeded generator of bad input against every operation of the gateway's merged OpenAPI
 * document, as an admin (so the checks behind authorisation are reached): malformed JSON, wrong
 * types, boundary numbers, huge strings, unknown fields, injection strings, odd path and query
 * values, random paths. Nothing may answer 5xx, every 4xx must be problem+json, and every answer to
 * an operation's path must be one the document lists for it ({@link DocumentedAnswers}). Bounded: a fixed
 * number of cases per operation and a time budget; the same seed gives the same requests.
 * Straight to the gateway, not through the validating proxy: the requests are invalid on purpose,
 * and the proxy would answer them itself before the gateway is tested.
 */
@ExtendWith(RunningSuite.class)
class BadInputDrillIT {

    static final long SEED = Long.getLong("crm.drill.seed", 20261122L);
    static final int CASES_PER_OPERATION = 10;
    static final int RANDOM_PATHS = 60;
    static final Duration BUDGET = Duration.ofSeconds(50);
    /** Not fuzzed: it takes no input and wipes the read model that the other drills are reading. */
    static final Set<String> SKIPPED = Set.of("POST /api/v1/admin/overview/rebuild");

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> NASTY = List.of("' OR '1'='1", "'; DROP TABLE customer; --", "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1:1/x}", "{{7*7}}", "#{7*7}", "../../../../etc/passwd", "%00", "\u0000", "\uD83D\uDE00\u202E",
            "\\", "\"", "null", "-1", "1e309", "NaN", "2147483648", "9223372036854775808", "0x7fffffff", " ", "",
            "$where: 1", "() { :; }; echo pwned", "%s%s%s%n", "CON", "\r\nX-Injected: 1");
    static final List<String> MALFORMED = List.of("{", "}", "[", "{\"a\":}", "{'single':'quotes'}", "nul", "{\"a\":1,}",
            "\"just a string\"", "[]", "null", "0", "true", "{\"a\":\"\\u12\"}", "\u00ff\u00fe", "{\"a\":1}{\"b\":2}",
            "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}", "{\"a\":NaN}", "{\"a\":01}");

    final Random random = new Random(SEED);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int sent;
    DocumentedAnswers documented;

    @Test
    void no_bad_input_gets_a_5xx_and_every_4xx_is_problem_json() throws Exception {
        JsonNode openapi = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(RunningSuite.gateway() + "/q/openapi?format=json"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body());
        List<Operation> operations = operations(openapi);
        documented = new DocumentedAnswers(openapi);
        assertThat(operations).as("operations in the gateway's OpenAPI document").hasSizeGreaterThan(30);

        List<String> findings = new ArrayList<>();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int operationsFuzzed = 0;
        for (Operation op : operations) {
            if (System.nanoTime() > deadline) {
                break;
            }
            operationsFuzzed++;
            for (int i = 0; i < CASES_PER_OPERATION; i++) {
                Case c = mutate(openapi, op, i);
                check(c, findings);
            }
        }
        for (int i = 0; i < RANDOM_PATHS && System.nanoTime() < deadline; i++) {
            String method = List.of("GET", "POST", "PUT", "PATCH", "DELETE").get(random.nextInt(5));
            check(new Case(method, randomPath(), null, "application/json", random.nextBoolean() ? "{}" : pick(MALFORMED), "random path"), findings);
        }
        System.out.printf("drill 6: %d operations of %d, %d requests, seed %d, %d findings%n", operationsFuzzed, operations.size(),
                sent, SEED, findings.size());
        assertThat(operationsFuzzed).as("operations fuzzed within the budget").isEqualTo(operations.size());
        assertThat(findings).as("responses >= 500, 4xx without problem+json, or answers the operation does not document").isEmpty();
    }

    record Operation(String method, String path, JsonNode node) {
    }

    /** One bad request; {@code template} is the operation's path in the document, null for a random path. */
    record Case(String method, String path, String template, String contentType, String body, String what) {
    }

    static List<Operation> operations(JsonNode openapi) {
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                var m = methods.next();
                String method = m.getKey().toUpperCase();
                if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method) && !SKIPPED.contains(method + " " + path.getKey())) {
                    ops.add(new Operation(method, path.getKey(), m.getValue()));
                }
            }
        }
        return ops;
    }

    Case mutate(JsonNode openapi, Operation op, int i) {
        Map<String, String> query = new LinkedHashMap<>();
        String path = op.path();
        for (JsonNode p : op.node().path("parameters")) {
            String in = p.path("in").asText(), name = p.path("name").asText();
            if (in.equals("path")) {
                // Mostly a well-formed unknown id, so the request reaches the service's own checks.
                String value = i % 3 == 0 ? pick(NASTY) : i % 3 == 1 ? UUID.randomUUID().toString() : randomValue();
                path = path.replace("{" + name + "}", encode(value.isEmpty() ? "x" : value));
            } else if (in.equals("query") && random.nextInt(3) > 0) {
                query.put(name, i < 2 ? "" : randomValue());
            }
        }
        StringBuilder url = new StringBuilder(path);
        String sep = "?";
        for (var q : query.entrySet()) {
            url.append(sep).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
            sep = "&";
        }
        JsonNode content = op.node().path("requestBody").path("content");
        String contentType = content.fieldNames().hasNext() ? content.fieldNames().next() : "application/json";
        String body = null;
        String what;
        if (content.isMissingNode() || content.isEmpty()) {
            what = "no body expected";
            if (!op.method().equals("GET") && !op.method().equals("DELETE") && i % 2 == 0) {
                body = pick(MALFORMED);
            }
        } else {
            JsonNode schema = resolve(openapi, content.path(contentType).path("schema"));
            ObjectNode base = example(openapi, schema, 0);
            switch (i % 7) {
                case 0 -> {
                    what = "malformed JSON";
                    body = pick(MALFORMED);
                }
                case 1 -> {
                    what = "unknown field";
                    base.put("unexpected" + random.nextInt(1000), pick(NASTY));
                    body = base.toString();
                }
                case 2 -> {
                    what = "huge string";
                    setRandomField(base, NODES.textNode("é".repeat(60_000 + random.nextInt(100_000))));
                    body = base.toString();
                }
                case 3 -> {
                    what = "boundary number";
                    setRandomField(base, pickNumber());
                    body = base.toString();
                }
                case 4 -> {
                    what = "wrong type";
                    setRandomField(base, List.<JsonNode>of(NODES.arrayNode(), NODES.objectNode(), NODES.booleanNode(true),
                            NODES.textNode("not-what-you-think"), NODES.numberNode(42), NODES.nullNode()).get(random.nextInt(6)));
                    body = base.toString();
                }
                case 5 -> {
                    what = "injection string";
                    setRandomField(base, NODES.textNode(pick(NASTY)));
                    body = base.toString();
                }
                default -> {
                    what = "empty object or wrong content type";
                    body = "{}";
                    if (random.nextBoolean()) {
                        contentType = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                                "multipart/form-data; boundary=x").get(random.nextInt(4));
                        body = base.toString();
                    }
                }
            }
        }
        what = op.method() + " " + op.path() + " (" + (body == null ? "odd parameters" : what) + ")";
        return new Case(op.method(), url.toString(), op.path(), contentType, body, what);
    }

    void check(Case c, List<String> findings) {
        // One subject per 50 requests: the drill must stay under the per-user rate limit, not test it.
        String subject = "drill6-admin-" + (sent / 50);
        sent++;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RunningSuite.gateway() + c.path()))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", JwtKeys.bearer(subject, "admin"))
                .header("If-Match", "\"0\"");
        if (c.body() != null) {
            request.header("Content-Type", c.contentType());
            request.method(c.method(), HttpRequest.BodyPublishers.ofString(c.body()));
        } else {
            request.method(c.method(), HttpRequest.BodyPublishers.noBody());
        }
        String body = c.body() == null ? "" : c.body().length() > 300 ? c.body().substring(0, 300) + "… (" + c.body().length() + " chars)" : c.body();
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            List<String> wrong = new ArrayList<>();
            if (r.statusCode() >= 500 || (r.statusCode() >= 400 && !type.startsWith("application/problem+json"))) {
                wrong.add("a 5xx, or a 4xx that is not problem+json");
            }
            if (c.template() != null) {
                wrong.addAll(documented.check(c.method(), c.template(), r.statusCode(), type, r.body()));
            }
            if (!wrong.isEmpty()) {
                String answer = r.body().length() > 400 ? r.body().substring(0, 400) + "…" : r.body();
                findings.add(c.what() + "\n    " + c.method() + " " + c.path() + "\n    Content-Type: " + c.contentType()
                        + "\n    body: " + body + "\n    -> " + r.statusCode() + " " + type + " " + answer + "\n    " + String.join("; ", wrong));
            }
        } catch (java.io.IOException e) {
            findings.add(c.what() + "\n    " + c.method() + " " + c.path() + "\n    body: " + body + "\n    -> no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static JsonNode resolve(JsonNode openapi, JsonNode schema) {
        // An optional property is documented as "X or null": anyOf [X, {type: null}]. The drill builds X.
        if (schema.has("anyOf") && schema.get("anyOf").size() == 2) {
            for (JsonNode branch : schema.get("anyOf")) {
                if (!branch.path("type").asText().equals("null")) {
                    return resolve(openapi, branch);
                }
            }
        }
        for (int depth = 0; depth < 10 && schema.has("$ref"); depth++) {
            String[] ref = schema.get("$ref").asText().replace("#/", "").split("/");
            JsonNode target = openapi;
            for (String part : ref) {
                target = target.path(part);
            }
            schema = target;
        }
        if (schema.has("allOf") && schema.get("allOf").size() == 1) {
            return resolve(openapi, schema.get("allOf").get(0));
        }
        return schema;
    }

    /** A plausible body from the schema's examples and types, so one mutation is the only fault. */
    static ObjectNode example(JsonNode openapi, JsonNode schema, int depth) {
        ObjectNode node = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props.hasNext(); ) {
            var p = props.next();
            JsonNode s = resolve(openapi, p.getValue());
            JsonNode value;
            if (s.has("examples") && s.get("examples").isArray() && !s.get("examples").isEmpty()) {
                value = s.get("examples").get(0);
            } else if (s.has("example")) {
                value = s.get("example");
            } else if (s.has("enum") && !s.get("enum").isEmpty()) {
                value = s.get("enum").get(0);
            } else {
                value = switch (typeOf(s)) {
                    case "integer", "number" -> NODES.numberNode(1);
                    case "boolean" -> NODES.booleanNode(false);
                    case "array" -> NODES.arrayNode();
                    case "object" -> depth < 3 ? example(openapi, s, depth + 1) : NODES.objectNode();
                    default -> NODES.textNode("drill");
                };
            }
            node.set(p.getKey(), value);
        }
        return node;
    }

    /** The schema's type; of a list of types (["string", "null"] for an optional one) the first that is not null. */
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
        return type.asText();
    }

    void setRandomField(ObjectNode base, JsonNode value) {
        List<String> names = new ArrayList<>();
        base.fieldNames().forEachRemaining(names::add);
        base.set(names.isEmpty() ? "value" : names.get(random.nextInt(names.size())), value);
    }

    JsonNode pickNumber() {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.numberNode(Long.MAX_VALUE);
            case 1 -> NODES.numberNode(Long.MIN_VALUE);
            case 2 -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890"));
            case 3 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 4 -> NODES.numberNode(-0.0d);
            case 5 -> NODES.numberNode(new java.math.BigDecimal("0.0000000000000000000001"));
            case 6 -> NODES.numberNode(Integer.MAX_VALUE + 1L);
            case 7 -> NODES.numberNode(-1);
            default -> NODES.numberNode(new java.math.BigDecimal("-99999999999999.999"));
        };
    }

    String randomValue() {
        return switch (random.nextInt(6)) {
            case 0 -> pick(NASTY);
            case 1 -> Long.toString(random.nextLong());
            case 2 -> "x".repeat(1 + random.nextInt(3000));
            case 3 -> "0";
            case 4 -> "-1";
            default -> "2026-13-45T25:61:00Z";
        };
    }

    String randomPath() {
        List<String> parts = List.of("api", "v1", "customers", "loyalty", "admin", "..", "%2e%2e", "q", "webhooks", "surveys",
                "complaints", UUID.randomUUID().toString(), "accounts", "%00", "overview", ";jsessionid=x", "~", "*");
        StringBuilder path = new StringBuilder(random.nextInt(3) == 0 ? "" : "/api/v1");
        int segments = 1 + random.nextInt(5);
        for (int i = 0; i < segments; i++) {
            path.append('/').append(parts.get(random.nextInt(parts.size())));
        }
        return path.toString();
    }

    String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
