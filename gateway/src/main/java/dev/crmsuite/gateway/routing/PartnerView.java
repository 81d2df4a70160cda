package dev.crmsuite.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.gateway.access.PartnerConsents;
import dev.crmsuite.platform.events.EventJson;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.regex.Pattern;

/**
 * What a partner may see of a service's answer: only customers who consented to sharing their
 * data with partners. A request naming anyone else, or an answer about anyone else, is a 404 (the
 * same as for an unknown id); lists are cut to consenting customers. The services know nothing of
 * partners; this is the one place that enforces it. Blocking (consent look-ups).
 */
@ApplicationScoped
public class PartnerView {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F-]{36}");

    @Inject
    PartnerConsents consents;

    /** Whether the request body (if JSON) names only consenting customers. */
    public boolean requestAllowed(Buffer body) {
        JsonNode json = parse(body);
        return json == null || !json.isObject() || allowed(json);
    }

    /**
     * The answer cut to consenting customers, or null when the whole answer is about someone else.
     * Errors and non-JSON answers pass unchanged.
     */
    public Buffer cut(int status, String contentType, Buffer body) {
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
                if (allowed(item)) {
                    kept.add(item);
                }
            });
            ((ObjectNode) json).set("items", kept);
            return Buffer.buffer(EventJson.write(json));
        }
        return allowed(json) ? body : null;
    }

    /** An object is about the customer in customerId, or is a customer itself (id + consents). */
    private boolean allowed(JsonNode node) {
        String customer = null;
        if (node.hasNonNull("customerId")) {
            customer = node.get("customerId").asText();
        } else if (node.has("consents") && node.hasNonNull("id")) {
            customer = node.get("id").asText();
        }
        if (customer == null || !UUID.matcher(customer).matches()) {
            return true;
        }
        return consents.sharedWithPartners(customer.toLowerCase());
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
