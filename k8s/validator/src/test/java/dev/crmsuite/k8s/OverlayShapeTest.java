package dev.crmsuite.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each overlay promises (k8s/README.md): dev is one of everything, prod is three replicas with
 * autoscaling, anti-affinity, three Kafka brokers and two PostgreSQL instances per service.
 */
class OverlayShapeTest {

    static final Set<String> SERVICES = Set.of("customer-service", "loyalty-service", "complaint-service",
            "survey-service", "gateway");

    static List<Manifest> rendered(String overlay) {
        String dir = System.getProperty("crm.k8s.rendered", "");
        assertFalse(dir.isBlank(), "crm.k8s.rendered is not set: run k8s/validate");
        return Manifest.read(Path.of(dir, overlay + ".yaml"));
    }

    static List<Manifest> of(List<Manifest> all, String kind) {
        return all.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    static int brokers(List<Manifest> all) {
        return of(all, "KafkaNodePool").stream()
                .filter(p -> p.json().path("spec").path("roles").toString().contains("broker"))
                .mapToInt(p -> p.json().path("spec").path("replicas").asInt()).sum();
    }

    @Test
    void devIsOneOfEverything() {
        List<Manifest> dev = rendered("dev");
        assertEquals(SERVICES, of(dev, "Deployment").stream().map(Manifest::name).collect(Collectors.toSet()));
        of(dev, "Deployment").forEach(d -> assertEquals(1, d.json().path("spec").path("replicas").asInt(), d.id()));
        assertEquals(List.of(), of(dev, "HorizontalPodAutoscaler"), "dev has no autoscaling");
        assertEquals(1, brokers(dev));
        assertEquals(5, of(dev, "Cluster").size());
        of(dev, "Cluster").forEach(c -> assertEquals(1, c.json().path("spec").path("instances").asInt(), c.id()));
        of(dev, "KafkaTopic").forEach(t -> assertEquals(1, t.json().path("spec").path("replicas").asInt(), t.id()));
        assertEquals(5, of(dev, "Pooler").size());
        of(dev, "Pooler").forEach(p -> assertEquals(1, p.json().path("spec").path("instances").asInt(), p.id()));
    }

    @Test
    void prodIsThreeReplicasAutoscaledAndSpread() {
        List<Manifest> prod = rendered("prod");
        assertEquals(SERVICES, of(prod, "Deployment").stream().map(Manifest::name).collect(Collectors.toSet()));
        for (Manifest d : of(prod, "Deployment")) {
            JsonNode spec = d.json().path("spec");
            // The HPA owns the count: replicas in the manifests would reset it on every apply.
            assertFalse(spec.has("replicas"), d.id() + " sets replicas beside its HPA");
            assertTrue(spec.path("template").path("spec").path("affinity").path("podAntiAffinity").isObject(),
                    d.id() + " has no pod anti-affinity");
        }
        // Every workload autoscales 3..9, the gateway included.
        assertEquals(SERVICES, of(prod, "HorizontalPodAutoscaler").stream()
                        .peek(h -> assertEquals(3, h.json().path("spec").path("minReplicas").asInt(), h.id()))
                        .peek(h -> assertEquals(9, h.json().path("spec").path("maxReplicas").asInt(), h.id()))
                        .map(h -> h.json().path("spec").path("scaleTargetRef").path("name").asText())
                        .collect(Collectors.toSet()));
        assertEquals(5, of(prod, "Pooler").size());
        of(prod, "Pooler").forEach(p -> assertEquals(2, p.json().path("spec").path("instances").asInt(), p.id()));
        assertEquals(5, of(prod, "PodDisruptionBudget").size());
        assertEquals(3, brokers(prod));
        assertEquals(5, of(prod, "Cluster").size());
        for (Manifest c : of(prod, "Cluster")) {
            assertEquals(2, c.json().path("spec").path("instances").asInt(), c.id());
            assertEquals("required", c.json().path("spec").path("affinity").path("podAntiAffinityType").asText(), c.id());
        }
        of(prod, "KafkaTopic").forEach(t -> assertEquals(3, t.json().path("spec").path("replicas").asInt(), t.id()));
    }

    /** Both overlays: backups, Kafka users, egress, Gateway API and monitoring for every workload (issue 18). */
    @Test
    void everyOverlayHasTheOperationsObjects() {
        for (String overlay : List.of("dev", "prod")) {
            List<Manifest> all = rendered(overlay);
            assertEquals(5, of(all, "ScheduledBackup").size(), overlay);
            assertEquals(1, of(all, "ObjectStore").size(), overlay);
            assertEquals(SERVICES, of(all, "KafkaUser").stream().map(Manifest::name).collect(Collectors.toSet()), overlay);
            assertEquals(SERVICES, of(all, "NetworkPolicy").stream().map(Manifest::name).filter(n -> n.startsWith("egress-"))
                    .map(n -> n.substring("egress-".length())).collect(Collectors.toSet()), overlay);
            assertEquals(List.of(), of(all, "Ingress"), overlay + ": the Gateway API replaces the Ingress");
            assertEquals(1, of(all, "Gateway").size(), overlay);
            assertFalse(of(all, "PodMonitor").isEmpty(), overlay);
            assertFalse(of(all, "PrometheusRule").isEmpty(), overlay);
        }
    }
}
