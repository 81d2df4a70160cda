package dev.crmsuite.k8s;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes API schema of the core kinds the suite uses, from the generated models of
 * {@code io.kubernetes:client-java-api}: their {@code validateJsonElement} rejects fields the OpenAPI
 * schema does not define and missing required fields, at every nesting level. They do not check enum
 * values; {@link EnumChecks} does.
 */
final class CoreSchemas {

    @FunctionalInterface
    interface JsonValidator {
        void validate(JsonElement json) throws IOException;
    }

    /** apiVersion + " " + kind → the model's validator. Anything else is an unknown kind. */
    private static final Map<String, JsonValidator> KINDS = Map.ofEntries(
            Map.entry("v1 Namespace", V1Namespace::validateJsonElement),
            Map.entry("v1 ConfigMap", V1ConfigMap::validateJsonElement),
            Map.entry("v1 Secret", V1Secret::validateJsonElement),
            Map.entry("v1 Service", V1Service::validateJsonElement),
            Map.entry("v1 ServiceAccount", V1ServiceAccount::validateJsonElement),
            Map.entry("apps/v1 Deployment", V1Deployment::validateJsonElement),
            Map.entry("autoscaling/v2 HorizontalPodAutoscaler", V2HorizontalPodAutoscaler::validateJsonElement),
            Map.entry("policy/v1 PodDisruptionBudget", V1PodDisruptionBudget::validateJsonElement),
            Map.entry("networking.k8s.io/v1 NetworkPolicy", V1NetworkPolicy::validateJsonElement),
            Map.entry("networking.k8s.io/v1 Ingress", V1Ingress::validateJsonElement));

    private CoreSchemas() {
    }

    static boolean knows(String apiVersion, String kind) {
        return KINDS.containsKey(apiVersion + " " + kind);
    }

    /** The schema error, or empty when the object matches the schema. */
    static Optional<String> check(Manifest m) {
        return run(KINDS.get(m.apiVersion() + " " + m.kind()), m.json());
    }

    /** Checks an object's metadata (used for custom resources, whose CRDs leave metadata open). */
    static Optional<String> checkMetadata(com.fasterxml.jackson.databind.JsonNode metadata) {
        return run(V1ObjectMeta::validateJsonElement, metadata);
    }

    private static Optional<String> run(JsonValidator validator, com.fasterxml.jackson.databind.JsonNode json) {
        try {
            validator.validate(JsonParser.parseString(Manifest.JSON.writeValueAsString(json)));
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            // The models append the whole offending object ("... properties. JSON: {...}"): noise in a report.
            int cut = message.indexOf(". JSON: ");
            return Optional.of(cut < 0 ? message : message.substring(0, cut + 1));
        }
    }
}
