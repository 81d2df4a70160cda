package dev.crmsuite.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * The custom resources' schemas, from the Strimzi and CloudNativePG CRDs in {@code crds/} (see
 * SOURCES.md there). A CRD's {@code openAPIV3Schema} is a structural schema: the API server prunes or
 * rejects any property an object does not list, unless the object says
 * {@code x-kubernetes-preserve-unknown-fields}. JSON Schema allows unlisted properties by default, so the
 * conversion closes every such object with {@code additionalProperties: false}.
 */
final class CrdSchemas {

    /** The CRDs of the kinds the manifests use; a kind not served by one of them is unknown. */
    static final List<String> FILES = List.of(
            "040-Crd-kafka.yaml", "043-Crd-kafkatopic.yaml", "044-Crd-kafkauser.yaml", "045-Crd-kafkanodepool.yaml",
            "postgresql.cnpg.io_clusters.yaml", "postgresql.cnpg.io_poolers.yaml",
            "postgresql.cnpg.io_scheduledbackups.yaml", "barmancloud.cnpg.io_objectstores.yaml",
            "gateway.networking.k8s.io_gateways.yaml", "gateway.networking.k8s.io_httproutes.yaml",
            "monitoring.coreos.com_podmonitors.yaml", "monitoring.coreos.com_prometheusrules.yaml");

    private final Map<String, Schema> byApiVersionAndKind = new HashMap<>();

    CrdSchemas() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        for (String file : FILES) {
            JsonNode crd = load("crds/" + file);
            String group = crd.path("spec").path("group").asText();
            String kind = crd.path("spec").path("names").path("kind").asText();
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (!version.path("served").asBoolean()) {
                    continue;
                }
                JsonNode schema = version.path("schema").path("openAPIV3Schema");
                byApiVersionAndKind.put(group + "/" + version.path("name").asText() + " " + kind,
                        registry.getSchema(toJsonSchema(schema, false)));
            }
        }
    }

    boolean knows(String apiVersion, String kind) {
        return byApiVersionAndKind.containsKey(apiVersion + " " + kind);
    }

    /** Every schema violation of the object, as "path: message". */
    List<String> check(Manifest m) {
        Schema schema = byApiVersionAndKind.get(m.apiVersion() + " " + m.kind());
        return schema.validate(m.json()).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .toList();
    }

    /**
     * Structural schema → JSON Schema (2020-12). Closes objects that list properties; keeps
     * x-kubernetes-preserve-unknown-fields subtrees open; turns x-kubernetes-int-or-string into
     * "integer or string"; drops what JSON Schema would misread or what we cannot evaluate (OpenAPI
     * {@code format}s like int32, CEL {@code x-kubernetes-validations}, descriptions).
     *
     * @param inBranch true inside anyOf/oneOf/allOf/not: those hold value validations over the
     *                 enclosing object's properties, so closing them would reject valid objects.
     */
    static ObjectNode toJsonSchema(JsonNode structural, boolean inBranch) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        boolean preserveUnknown = structural.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean intOrString = structural.path("x-kubernetes-int-or-string").asBoolean(false);
        boolean nullable = structural.path("nullable").asBoolean(false);
        for (Iterator<Entry<String, JsonNode>> it = structural.fields(); it.hasNext(); ) {
            Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "description", "format", "nullable", "example", "externalDocs", "default" -> {
                }
                case "properties", "patternProperties" -> {
                    ObjectNode props = out.putObject(key);
                    value.fields().forEachRemaining(p -> props.set(p.getKey(), toJsonSchema(p.getValue(), false)));
                }
                case "items", "additionalProperties", "not" -> out.set(key,
                        value.isObject() ? toJsonSchema(value, key.equals("not")) : value);
                case "anyOf", "oneOf", "allOf" -> {
                    ArrayNode branches = out.putArray(key);
                    value.forEach(b -> branches.add(toJsonSchema(b, true)));
                }
                default -> {
                    if (!key.startsWith("x-kubernetes-")) {
                        out.set(key, value);
                    }
                }
            }
        }
        if (intOrString) {
            out.remove("type");
            if (!out.has("anyOf")) {
                ArrayNode anyOf = out.putArray("anyOf");
                anyOf.addObject().put("type", "integer");
                anyOf.addObject().put("type", "string");
            }
        }
        if (nullable && out.has("type") && out.get("type").isTextual()) {
            ArrayNode types = JsonNodeFactory.instance.arrayNode().add(out.get("type").asText()).add("null");
            out.set("type", types);
        }
        if (!inBranch && !preserveUnknown && out.has("properties") && !out.has("additionalProperties")) {
            out.put("additionalProperties", false);
        }
        return out;
    }

    private static JsonNode load(String resource) {
        try (InputStream in = CrdSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return Manifest.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
