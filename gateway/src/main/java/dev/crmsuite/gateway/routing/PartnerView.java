package dev.crmsuite.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.gateway.access.PartnerConsents;
import dev.crmsuite.platform.events.EventJson;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What a partner may see of a service's answer: only customers who consented to sharing their
 * data with partners. A request naming anyone else, or an answer about anyone else, is a 404 (the
 * same as for an unknown id); lists are cut to consenting customers. The services know nothing of
 * partners; this is the one place that enforces it. Consents come from a cache when fresh (the
 * {@code IfKnown} variants, for the event loop) or from the database (blocking).
 */
@ApplicationScoped
public class PartnerView {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F-]{36}");

    @Inject
    PartnerConsents consents;

    /** Returned by the {@code IfKnown} variants when a consent must first be read from the database. */
    public static final Buffer NOT_KNOWN = Buffer.buffer();

    /** Thrown inside a non-blocking check to give up; preallocated and stackless, it is control flow. */
    private static final RuntimeException MUST_BLOCK = new RuntimeException("consent not cached", null, false, false) {
    };

    /** Whether the request body (if JSON) names only consenting customers. Blocking. */
    public boolean requestAllowed(Buffer body) {
        JsonNode json = parse(body);
        return json == null || !json.isObject() || allowed(json, consents::sharedWithPartners);
    }

    /** The same without blocking: TRUE/FALSE, or null when a consent is not cached. */
    public Boolean requestAllowedIfKnown(Buffer body) {
        try {
            JsonNode json = parse(body);
            return json == null || !json.isObject() || allowed(json, this::knownOrGiveUp);
        } catch (RuntimeException e) {
            if (e == MUST_BLOCK) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The answer cut to consenting customers, or null when the whole answer is about someone else.
     * Errors and non-JSON answers pass unchanged. Blocking.
     */
    public Buffer cut(int status, String contentType, Buffer body) {
        return cut(status, contentType, body, consents::sharedWithPartners);
    }

    /** The same without blocking, or {@link #NOT_KNOWN} when a consent is not cached. */
    public Buffer cutIfKnown(int status, String contentType, Buffer body) {
        try {
            return cut(status, contentType, body, this::knownOrGiveUp);
        } catch (RuntimeException e) {
            if (e == MUST_BLOCK) {
                return NOT_KNOWN;
            }
            throw e;
        }
    }

    private boolean knownOrGiveUp(String customer) {
        Boolean known = consents.sharedWithPartnersIfKnown(customer);
        if (known == null) {
            throw MUST_BLOCK;
        }
        return known;
    }

    static Buffer cut(int status, String contentType, Buffer body, Predicate<String> shared) {
        if (status >= 300 || contentType == null || !contentType.startsWith("application/json")) {
            return body;
        }
        JsonNode json = parse(body);
        if (json == null || !json.isObject()) {
            return body;
        }
        if (json.has("items") && json.get("items").isArray()) {
            ArrayNode kept = EventJson.MAPPER.createArrayNode();
            json.get("items").forEach(item -> {
                if (allowed(item, shared)) {
                    kept.add(item);
                }
            });
            ((ObjectNode) json).set("items", kept);
            return Buffer.buffer(EventJson.write(json));
        }
        return allowed(json, shared) ? body : null;
    }

    /**
     * An object is about the customer in customerId, or is a customer itself (id + consents). A
     * customer record answered by customer-service states its own consent, and that is the freshest
     * word on it: a customer a partner has just registered with consent is visible at once, before
     * the gateway has seen the registration event.
     */
    private static boolean allowed(JsonNode node, Predicate<String> shared) {
        String customer = null;
        if (node.hasNonNull("customerId")) {
            customer = node.get("customerId").asText();
        } else if (node.has("consents") && node.hasNonNull("id")) {
            JsonNode ownConsent = node.path("consents").path("partnerSharing");
            if (ownConsent.isBoolean()) {
                return ownConsent.booleanValue();
            }
            customer = node.get("id").asText();
        }
        if (customer == null || !UUID.matcher(customer).matches()) {
            return true;
        }
        return shared.test(customer.toLowerCase());
    }

    private static JsonNode parse(Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        try {
            return EventJson.MAPPER.readTree(body.getBytes());
        } catch (Exception e) {
            return null;
        }
    }
}
