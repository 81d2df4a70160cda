package dev.crmsuite.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.gateway.access.CallerIdentity;
import dev.crmsuite.gateway.routing.RouteTable;
import dev.crmsuite.gateway.routing.RoutesConfig;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.platform.web.IdempotentCreates;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * One OpenAPI document for the whole suite: the gateway's own endpoints plus every service's
 * document, fetched from the service and cached. A copy older than the refresh interval is fetched
 * again (so a restarted service with a new contract shows up within that interval); a service that
 * is down keeps its last good copy. Only a service's {@code /api/v1} operations that the proxy
 * forwards to it are taken.
 *
 * <p>Security schemes are the gateway's: services are only reached through it, so each operation's
 * requirement on the internal token ({@code InternalToken}, the scopes of its {@code @RolesAllowed})
 * becomes the same scopes on the public schemes, a bearer JWT or a partner's X-API-Key, and an
 * operation without one is public ({@code security: []}).
 */
@ApplicationScoped
public class SuiteOpenApi {

    private static final Logger LOG = Logger.getLogger(SuiteOpenApi.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String IDEMPOTENCY_KEY = IdempotentCreates.HEADER;
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    static final String BEARER = "bearerAuth";
    static final String API_KEY = "apiKey";

    private final RoutesConfig routes;
    private final OpenApiDocumentService gatewayDocument;
    private final Duration refresh;
    private final String publicUrl;

    public SuiteOpenApi(RoutesConfig routes, OpenApiDocumentService gatewayDocument,
                        @ConfigProperty(name = "crm.gateway.openapi.refresh", defaultValue = "30s") Duration refresh,
                        @ConfigProperty(name = "crm.http.public-url") String publicUrl) {
        this.routes = routes;
        this.gatewayDocument = gatewayDocument;
        this.refresh = refresh;
        this.publicUrl = publicUrl;
    }

    private record Fetched(ObjectNode document, long at) {
    }

    private final Map<String, Fetched> cache = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The merged document. Blocking: may fetch service documents. */
    public ObjectNode merged() {
        ObjectNode doc = (ObjectNode) parse(new String(gatewayDocument.getDocument("<default>", Format.JSON)));
        doc.put("openapi", doc.path("openapi").asText("3.1.0"));
        ObjectNode info = doc.with("info");
        info.put("title", "CRM suite API");
        info.put("description", "One API for frontends and partners. Authenticate with a bearer JWT (frontends) or an "
                + "X-API-Key (partners); each operation names the scopes it needs. Errors are RFC 9457 problem+json. "
                + "Lists use keyset pagination (limit, cursor).");
        if (!info.has("contact")) { // normally there already: the platform's shared OpenAPI info names it
            info.putObject("contact").put("name", "CRM suite maintainers");
        }
        ArrayNode servers = doc.putArray("servers");
        servers.addObject().put("url", publicUrl).put("description", "The gateway");
        Map<String, ObjectNode> parts = new TreeMap<>();
        for (String service : new TreeMap<>(routes.services()).keySet()) {
            ObjectNode part = fetch(service);
            if (part != null) {
                parts.put(service, part);
            }
        }
        mergeParts(doc, parts);
        publicSecurity(doc);
        addGatewayAnswers(doc);
        return doc;
    }

    /**
     * Merges the services' documents into the gateway's: each service's routed {@code /api/v1}
     * paths, its schemas and tags. Schemas with the same name and the same definition are one
     * schema; a service whose definition of a name differs from another document's gets its own
     * name for it ({@code Customer} + name, see {@link #separateSchemas}), so no definition is
     * ever dropped and every operation keeps pointing at the schema its service documents.
     */
    static void mergeParts(ObjectNode doc, Map<String, ObjectNode> parts) {
        ObjectNode paths = doc.with("paths");
        ObjectNode schemas = doc.with("components").with("schemas");
        Map<String, ObjectNode> tags = new TreeMap<>();
        doc.path("tags").forEach(t -> tags.put(t.path("name").asText(), (ObjectNode) t));
        separateSchemas(schemas, parts);
        parts.forEach((service, part) -> {
            part.path("paths").properties().forEach(p -> {
                if (routedTo(p.getKey()).filter(service::equals).isPresent() && !paths.has(p.getKey())) {
                    paths.set(p.getKey(), p.getValue());
                }
            });
            part.path("components").path("schemas").properties().forEach(s -> {
                JsonNode kept = schemas.get(s.getKey());
                if (kept == null) {
                    schemas.set(s.getKey(), s.getValue());
                } else if (!kept.equals(s.getValue())) {
                    // separateSchemas renamed every differing definition: reaching here is a bug, not a choice.
                    throw new IllegalStateException("schema " + s.getKey() + " of " + service + "-service differs from the merged one");
                }
            });
            part.path("tags").forEach(t -> tags.putIfAbsent(t.path("name").asText(), (ObjectNode) t));
        });
        ArrayNode tagArray = doc.putArray("tags");
        tags.values().forEach(tagArray::add);
    }

    /**
     * Tells same-name schemas apart before the merge. For every name that two documents define
     * differently, each service whose definition differs from the gateway's own (or, when the gateway
     * has none, every service defining it) renames its schema to the service's name + the schema's
     * ({@code CustomerChannel}, {@code ComplaintChannel}) and rewrites every reference to it in its
     * document (its operations and its other schemas). A rename changes the schemas that refer to the
     * renamed one, so it repeats until no name is defined two ways.
     */
    static void separateSchemas(ObjectNode gatewaySchemas, Map<String, ObjectNode> parts) {
        boolean renamed = true;
        while (renamed) {
            renamed = false;
            Set<String> names = new java.util.TreeSet<>();
            parts.values().forEach(part -> part.path("components").path("schemas").fieldNames().forEachRemaining(names::add));
            for (String name : names) {
                JsonNode own = gatewaySchemas.get(name);
                Set<JsonNode> definitions = new java.util.HashSet<>();
                if (own != null) {
                    definitions.add(own);
                }
                parts.values().forEach(part -> {
                    JsonNode definition = part.path("components").path("schemas").get(name);
                    if (definition != null) {
                        definitions.add(definition);
                    }
                });
                if (definitions.size() < 2) {
                    continue;
                }
                for (Map.Entry<String, ObjectNode> part : parts.entrySet()) {
                    JsonNode definition = part.getValue().path("components").path("schemas").get(name);
                    if (definition != null && !definition.equals(own)) {
                        rename(part.getValue(), name, freeName(part.getKey(), name, gatewaySchemas, parts));
                        renamed = true;
                    }
                }
            }
        }
    }

    /** The service's name for its schema: {@code Complaint} + {@code Channel}, with a further prefix in the unlikely case that is taken. */
    private static String freeName(String service, String name, ObjectNode gatewaySchemas, Map<String, ObjectNode> parts) {
        String prefix = Character.toUpperCase(service.charAt(0)) + service.substring(1);
        String candidate = prefix + name;
        while (taken(candidate, gatewaySchemas, parts)) {
            candidate = prefix + candidate;
        }
        return candidate;
    }

    private static boolean taken(String name, ObjectNode gatewaySchemas, Map<String, ObjectNode> parts) {
        return gatewaySchemas.has(name) || parts.values().stream().anyMatch(p -> p.path("components").path("schemas").has(name));
    }

    /** Renames a schema of one service's document and every reference to it in that document. */
    private static void rename(ObjectNode part, String from, String to) {
        ObjectNode schemas = (ObjectNode) part.path("components").path("schemas");
        schemas.set(to, schemas.remove(from));
        rewriteRefs(part, "#/components/schemas/" + from, "#/components/schemas/" + to);
    }

    /** Every text equal to the old reference ($ref, discriminator mappings) points at the new name. */
    private static void rewriteRefs(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            List<String> hits = new ArrayList<>();
            object.properties().forEach(e -> {
                if (e.getValue().isTextual() && e.getValue().asText().equals(from)) {
                    hits.add(e.getKey());
                } else {
                    rewriteRefs(e.getValue(), from, to);
                }
            });
            hits.forEach(key -> object.put(key, to));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, from, to));
        }
    }

    /** The service the proxy forwards a documented path template to ({@code {id}} stands for any segment). */
    static Optional<String> routedTo(String template) {
        return RouteTable.serviceFor(template.replaceAll("\\{[^}/]+}", "x"));
    }

    /**
     * The merged document cut down to the operations the caller's scopes allow: public ones, and
     * those whose required scopes the caller holds (so admin operations only for admins), less the
     * staff-only ones for partners.
     */
    public ObjectNode forCaller(Caller caller) {
        ObjectNode doc = merged();
        ObjectNode paths = (ObjectNode) doc.get("paths");
        List<String> emptyPaths = new ArrayList<>();
        paths.properties().forEach(p -> {
            Iterator<Map.Entry<String, JsonNode>> operations = ((ObjectNode) p.getValue()).properties().iterator();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> op = operations.next();
                if (METHODS.contains(op.getKey()) && !allowed(op.getValue(), caller)) {
                    operations.remove();
                }
            }
            if (p.getValue().properties().stream().noneMatch(e -> METHODS.contains(e.getKey()))) {
                emptyPaths.add(p.getKey());
            }
        });
        emptyPaths.forEach(paths::remove);
        return doc;
    }

    private static boolean allowed(JsonNode operation, Caller caller) {
        if (caller.isPartner() && operation.path(StaffOnlyDocumented.EXTENSION).asBoolean(false)) {
            return false;
        }
        JsonNode security = operation.path("security");
        if (security.isArray() && security.isEmpty()) {
            return true; // public
        }
        return requiredScopes(operation).stream().anyMatch(scopes -> scopes.stream().allMatch(caller::has));
    }

    /** Each alternative set of scopes an operation's security requirements name (an empty set: any authenticated caller). */
    static List<Set<String>> requiredScopes(JsonNode operation) {
        List<Set<String>> alternatives = new ArrayList<>();
        operation.path("security").forEach(requirement -> requirement.properties().forEach(scheme -> {
            Set<String> scopes = new LinkedHashSet<>();
            scheme.getValue().forEach(s -> scopes.add(s.asText()));
            if (!alternatives.contains(scopes)) {
                alternatives.add(scopes);
            }
        }));
        return alternatives;
    }

    /**
     * The public schemes in place of the services' internal one: an operation that requires the
     * internal token with some scopes requires a bearer JWT or an API key with the same scopes; an
     * operation without a requirement is public ({@code security: []}, so the document-wide default
     * does not apply to it). The internal scheme is not part of the public document.
     */
    static void publicSecurity(ObjectNode doc) {
        ObjectNode schemes = doc.with("components").with("securitySchemes");
        schemes.remove("InternalToken");
        schemes.putObject(BEARER).put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "Frontends: a JWT of the identity provider (signature, issuer, audience and lifetime "
                        + "checked) whose groups claim maps to scopes.");
        schemes.putObject(API_KEY).put("type", "apiKey").put("in", "header").put("name", "X-API-Key")
                .put("description", "Partner channels: a key issued at /api/v1/admin/api-keys, holding scopes (never admin).");
        ArrayNode security = doc.putArray("security");
        security.addObject().putArray(BEARER);
        security.addObject().putArray(API_KEY);
        forEachOperation(doc, (path, operation) -> {
            List<Set<String>> alternatives = requiredScopes(operation);
            ArrayNode requirements = operation.putArray("security");
            for (Set<String> scopes : alternatives) {
                for (String scheme : List.of(BEARER, API_KEY)) {
                    ArrayNode names = requirements.addObject().putArray(scheme);
                    scopes.forEach(names::add);
                }
            }
        });
    }

    /**
     * The answers the gateway gives itself, before or instead of a service, where it can give them
     * (the services cannot document these: they never see such requests). The 401 and 403 of every
     * operation with a permission come from the platform (PermissionsDocumented); here they only get
     * what is the gateway's:
     * <ul>
     * <li>operations that need credentials: the accepted schemes in 401's WWW-Authenticate, no 403
     * where any authenticated caller may call, 503 when credentials cannot be checked;</li>
     * <li>every operation: 429 over the caller's or the client address's rate limit (with
     * Retry-After and RateLimit-*);</li>
     * <li>every operation a service serves (RouteTable): 503 when the service is down or its circuit
     * is open, 504 when it does not answer in time.</li>
     * </ul>
     * All problem+json with the shared Problem schema. What an operation already documents is kept.
     */
    static void addGatewayAnswers(ObjectNode doc) {
        forEachOperation(doc, (path, operation) -> {
            ObjectNode responses = operation.with("responses");
            List<Set<String>> required = requiredScopes(operation);
            if (!required.isEmpty()) {
                ObjectNode unauthenticated = responses.has("401") ? (ObjectNode) responses.get("401")
                        : problem(responses, "401", "No credentials, or credentials that are invalid, expired or revoked");
                if (!unauthenticated.path("headers").has("WWW-Authenticate")) {
                    unauthenticated.with("headers").set("WWW-Authenticate",
                            header("The accepted schemes: " + CallerIdentity.CHALLENGE, "string"));
                }
                if (required.stream().allMatch(Set::isEmpty)) {
                    responses.remove("403"); // any authenticated caller may
                }
            }
            ObjectNode limited = problem(responses, "429", "Too many requests: the caller's or the client address's rate "
                    + "limit is reached; retry after Retry-After seconds");
            if (limited != null) {
                ObjectNode headers = limited.with("headers");
                headers.set("Retry-After", header("Seconds until a request is admitted again", "integer"));
                headers.set("RateLimit-Limit", header("Requests per minute allowed to this caller", "integer"));
                headers.set("RateLimit-Remaining", header("Requests left in the current window (0)", "integer"));
                headers.set("RateLimit-Reset", header("Seconds until the window resets", "integer"));
            }
            if (routedTo(path).isPresent()) {
                problem(responses, "503", "Service unavailable: the service is down or its circuit is open (Retry-After "
                        + "may say when to retry), or credentials could not be checked");
                problem(responses, "504", "Gateway timeout: the service did not answer in time");
            } else if (!required.isEmpty()) {
                problem(responses, "503", "Service unavailable: credentials could not be checked; retry shortly");
            }
        });
        doc.path("paths").properties().forEach(p -> {
            if (routedTo(p.getKey()).isPresent() && p.getValue().get("post") instanceof ObjectNode post) {
                idempotentPost(post);
            }
        });
    }

    /**
     * The gateway keeps the first answer to every proxied POST an authenticated caller sends with
     * {@code Idempotency-Key} (ServiceProxy), whatever the operation: so every such operation can answer
     * 409 while the first request runs, 422 for the key reused with another body, 400 for a key outside
     * 1-255 characters. An answer the operation already documents keeps its description, extended with
     * the gateway's meaning. The header itself is declared only where the operation declares it: adding
     * a parameter to an operation changes the signature of its method in generated clients (the Java
     * client has no overload without it), which would break partners' code on regeneration.
     */
    static void idempotentPost(ObjectNode post) {
        ObjectNode responses = post.with("responses");
        gatewayMeaning(responses, "409", "Conflict", "or idempotency-key-in-flight: the first request with the same "
                + "Idempotency-Key (which the gateway honours on every POST) is still being processed; retry after Retry-After seconds")
                .with("headers").set("Retry-After", header("Seconds to wait before retrying (idempotency-key-in-flight)", "integer"));
        gatewayMeaning(responses, "422", "Unprocessable request", "or idempotency-key-reused: this Idempotency-Key was sent "
                + "before with another request body");
        gatewayMeaning(responses, "400", "Invalid request", "or the Idempotency-Key is not 1 to 255 characters");
    }

    private static ObjectNode gatewayMeaning(ObjectNode responses, String status, String title, String meaning) {
        ObjectNode added = problem(responses, status, title + ": " + meaning.replaceFirst("^or ", ""));
        if (added != null) {
            return added;
        }
        ObjectNode documented = (ObjectNode) responses.get(status);
        String description = documented.path("description").asText();
        if (!description.contains(IDEMPOTENCY_KEY)) {
            documented.put("description", description + "; " + meaning);
        }
        return documented;
    }

    private static void forEachOperation(ObjectNode doc, BiConsumer<String, ObjectNode> action) {
        doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey()) && op.getValue() instanceof ObjectNode operation) {
                action.accept(p.getKey(), operation);
            }
        }));
    }

    /** Adds a problem+json response for {@code status} unless the operation documents one; returns it, or null. */
    private static ObjectNode problem(ObjectNode responses, String status, String description) {
        if (responses.has(status)) {
            return null;
        }
        ObjectNode response = responses.putObject(status).put("description", description);
        response.putObject("content").putObject("application/problem+json").putObject("schema")
                .put("$ref", "#/components/schemas/Problem");
        return response;
    }

    private static ObjectNode header(String description, String type) {
        ObjectNode header = JSON.objectNode().put("description", description);
        header.putObject("schema").put("type", type);
        return header;
    }

    private ObjectNode fetch(String service) {
        Fetched cached = cache.get(service);
        if (cached != null && System.currentTimeMillis() - cached.at() < refresh.toMillis()) {
            return cached.document().deepCopy();
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(routes.services().get(service).url() + "/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(3)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                ObjectNode document = (ObjectNode) parse(response.body());
                cache.put(service, new Fetched(document, System.currentTimeMillis()));
                return document.deepCopy();
            }
            LOG.warnf("OpenAPI of %s-service answered %d", service, response.statusCode());
        } catch (Exception e) {
            LOG.debugf("OpenAPI of %s-service unavailable: %s", service, e.toString());
        }
        return cached == null ? null : cached.document().deepCopy();
    }

    private static JsonNode parse(String json) {
        try {
            return EventJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("not an OpenAPI JSON document", e);
        }
    }

    static String write(JsonNode node) {
        return EventJson.write(node);
    }
}
