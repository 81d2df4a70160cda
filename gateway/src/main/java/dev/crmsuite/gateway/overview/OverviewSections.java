package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.platform.security.Scopes;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Which sections of the customer-360 document each caller may read. The overview needs
 * {@code customers:read}; the sections other services own need their service's read scope too, so
 * the overview is never a way around a scope. A section the caller may not read is removed, and
 * {@code lastEventAt} is recomputed from what is left (it would otherwise tell when a complaint
 * or a survey answer last happened).
 */
final class OverviewSections {

    /** Sections and the scope each needs beyond customers:read. */
    static final Map<String, String> GUARDED = Map.of(
            "loyalty", Scopes.LOYALTY_READ,
            "complaints", Scopes.COMPLAINTS_READ,
            "surveys", Scopes.SURVEYS_READ,
            OverviewCommunications.SECTION, Scopes.CAMPAIGNS_READ);

    private OverviewSections() {
    }

    static void keepReadable(ObjectNode overview, Caller caller) {
        boolean removed = false;
        for (Map.Entry<String, String> section : GUARDED.entrySet()) {
            if (!caller.has(section.getValue()) && overview.remove(section.getKey()) != null) {
                removed = true;
            }
        }
        if (removed && overview.has("lastEventAt")) {
            OffsetDateTime latest = null;
            for (Map.Entry<String, JsonNode> field : overview.properties()) {
                JsonNode asOf = field.getValue().path("asOf");
                if (asOf.isTextual()) {
                    OffsetDateTime at = OffsetDateTime.parse(asOf.asText());
                    latest = latest == null || at.isAfter(latest) ? at : latest;
                }
            }
            if (latest == null) {
                overview.remove("lastEventAt");
            } else {
                overview.put("lastEventAt", latest.toString());
            }
        }
    }
}
