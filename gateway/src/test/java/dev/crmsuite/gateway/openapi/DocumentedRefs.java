package dev.crmsuite.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the merged document still says what a service's own document says: wherever one of
 * the service's operations refers to a schema, the merged operation refers to a schema with the same
 * definition (names may differ, references followed to the end). A schema silently dropped in the
 * merge (another service's same-name schema kept instead) fails here.
 */
final class DocumentedRefs {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private DocumentedRefs() {
    }

    /** Asserts for every operation of {@code service}'s document that the merged document holds. */
    static int assertAsDocumented(JsonNode merged, String service, JsonNode serviceDoc) {
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = serviceDoc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!SuiteOpenApi.routedTo(path.getKey()).filter(service::equals).isPresent()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                JsonNode mergedOp = merged.path("paths").path(path.getKey()).path(op.getKey());
                assertThat(mergedOp.isMissingNode()).as(op.getKey() + " " + path.getKey() + " is in the merged document").isFalse();
                checked += refsAsDocumented(op.getKey() + " " + path.getKey(), "", op.getValue(), serviceDoc, mergedOp, merged);
            }
        }
        return checked;
    }

    private static int refsAsDocumented(String operation, String pointer, JsonNode own, JsonNode ownDoc, JsonNode mergedOp, JsonNode merged) {
        int refs = 0;
        if (own.isObject() && own.has("$ref")) {
            JsonNode there = mergedOp.at(pointer);
            assertThat(there.path("$ref").isTextual()).as(operation + " " + pointer + " refers to a schema").isTrue();
            assertThat(merged.at(there.get("$ref").asText().substring(1)).isMissingNode())
                    .as(operation + " " + pointer + " resolves in the merged document").isFalse();
            if (ownDoc.at(own.get("$ref").asText().substring(1)).isMissingNode()) {
                return 1; // a test double's document leaves the shared Problem to the gateway's; nothing to compare
            }
            assertThat(equivalent(own, ownDoc, there, merged, new HashSet<>()))
                    .as(operation + " " + pointer + ": " + own.get("$ref").asText() + " of the service vs "
                            + there.get("$ref").asText() + " of the merged document")
                    .isTrue();
            return 1;
        }
        if (own.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> f = own.fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> e = f.next();
                refs += refsAsDocumented(operation, pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"),
                        e.getValue(), ownDoc, mergedOp, merged);
            }
        } else if (own.isArray()) {
            for (int i = 0; i < own.size(); i++) {
                refs += refsAsDocumented(operation, pointer + "/" + i, own.get(i), ownDoc, mergedOp, merged);
            }
        }
        return refs;
    }

    /** Same definition, following references on both sides (names may differ). */
    static boolean equivalent(JsonNode a, JsonNode docA, JsonNode b, JsonNode docB, Set<String> seen) {
        if (a.isObject() && a.has("$ref") || b.isObject() && b.has("$ref")) {
            if (!(a.has("$ref") && b.has("$ref"))) {
                return false;
            }
            String pair = a.get("$ref").asText() + " " + b.get("$ref").asText();
            if (!seen.add(pair)) {
                return true; // already being compared (recursive schemas)
            }
            JsonNode ra = docA.at(a.get("$ref").asText().substring(1));
            JsonNode rb = docB.at(b.get("$ref").asText().substring(1));
            if (ra.isMissingNode() || rb.isMissingNode()) {
                return false;
            }
            return equivalent(ra, docA, rb, docB, seen);
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> f = a.fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> e = f.next();
                if (!b.has(e.getKey()) || !equivalent(e.getValue(), docA, b.get(e.getKey()), docB, seen)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equivalent(a.get(i), docA, b.get(i), docB, seen)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
