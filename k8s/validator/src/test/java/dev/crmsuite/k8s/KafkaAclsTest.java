package dev.crmsuite.k8s;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the ACL check of {@link RenderedOverlaysTest#missingAcls} can fail, and that the scan of
 * the services' code it relies on finds their topics (a scan that found nothing would pass anything).
 */
class KafkaAclsTest {

    static String slice;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = KafkaAclsTest.class.getResourceAsStream("/valid-slice.yaml")) {
            slice = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<Manifest> manifests() {
        return Manifest.parse("slice.yaml", slice);
    }

    /** The slice's customer-service user may write crm.customers and crm.customers.personal, and reads nothing. */
    static RenderedOverlaysTest.KafkaUse publisher(Map<String, String> reads) {
        return new RenderedOverlaysTest.KafkaUse("customer-service", "crm.customers", reads);
    }

    @Test
    void thePublishersAclsPass() {
        assertEquals(List.of(), RenderedOverlaysTest.missingAcls(manifests(), List.of(publisher(Map.of()))));
    }

    @Test
    void aPublisherWithoutWriteOnItsPersonalTopicFails() {
        List<Manifest> manifests = manifests();
        ArrayNode acls = (ArrayNode) manifests.stream().filter(m -> m.kind().equals("KafkaUser")).findFirst().orElseThrow()
                .json().path("spec").path("authorization").path("acls");
        acls.remove(acls.size() - 1); // the fixture's last ACL: Write on crm.customers.personal
        assertEquals(List.of("slice.yaml KafkaUser crm-dev/customer-service: no Write ACL on topic crm.customers.personal "
                        + "(published by its outbox relay)"),
                RenderedOverlaysTest.missingAcls(manifests, List.of(publisher(Map.of()))));
    }

    @Test
    void aReaderWithoutReadAndDeadLetterAclsFails() {
        List<String> missing = RenderedOverlaysTest.missingAcls(manifests(),
                List.of(publisher(Map.of("crm.complaints.personal", "X.java"))));
        assertEquals(List.of(
                "slice.yaml KafkaUser crm-dev/customer-service: no Read ACL on topic crm.complaints.personal (read in X.java)",
                "slice.yaml KafkaUser crm-dev/customer-service: no Write ACL on topic crm.complaints.personal.dlq "
                        + "(dead letters of crm.complaints.personal, read in X.java)"), missing);
    }

    @Test
    void aWorkloadWithoutKafkaUserFails() {
        assertEquals(List.of("no KafkaUser gateway"), RenderedOverlaysTest.missingAcls(manifests(),
                List.of(new RenderedOverlaysTest.KafkaUse("gateway", null, Map.of()))));
    }

    @Test
    void theScanReadsLiteralsAndPersonalTopicsAndReportsTheRest() {
        List<String> unreadable = new java.util.ArrayList<>();
        List<String> topics = RenderedOverlaysTest.topicsIn("""
                class A implements EventSubscriber {
                    @Override
                    public Set<String> topics() {
                        return Set.of(PersonalData.topicOf("crm.customers"), PersonalData.topicOf( "crm.complaints" ), "crm.customers");
                    }
                }
                class B implements EventSubscriber {
                    public Set<String> topics() { return Set.of(TOPIC, "crm.loyalty"); }
                }
                class C implements EventSubscriber {
                    public Set<String> topics() { return topics; }
                }
                """, unreadable);
        assertEquals(List.of("crm.customers.personal", "crm.complaints.personal", "crm.customers", "crm.loyalty"), topics);
        assertEquals(List.of("TOPIC", "return topics;"), unreadable);
    }

    @Test
    void anUnreadableTopicsMethodFails() {
        assertEquals(List.of("slice.yaml KafkaUser crm-dev/customer-service: cannot tell which topic X.java: TOPIC reads; "
                        + "name topics in topics() as string literals or PersonalData.topicOf(\"<topic>\") (return Set.of(...);) "
                        + "so the ACLs can be checked"),
                RenderedOverlaysTest.missingAcls(manifests(), List.of(new RenderedOverlaysTest.KafkaUse("customer-service",
                        "crm.customers", Map.of(), List.of("X.java: TOPIC")))));
    }

    @Test
    void theScanFindsEachWorkloadsTopics() throws IOException {
        Map<String, RenderedOverlaysTest.KafkaUse> uses = new java.util.HashMap<>();
        RenderedOverlaysTest.kafkaUses(Path.of(System.getProperty("crm.repo.root", "../..")))
                .forEach(u -> uses.put(u.workload(), u));
        assertEquals(OverlayShapeTest.SERVICES, uses.keySet());
        assertEquals("crm.customers", uses.get("customer-service").topic());
        assertEquals(null, uses.get("gateway").topic(), "the gateway publishes nothing");
        assertTrue(uses.get("gateway").reads().keySet().containsAll(
                List.of("crm.customers", "crm.loyalty", "crm.complaints", "crm.surveys")), uses.get("gateway").toString());
        assertTrue(uses.get("loyalty-service").reads().containsKey("crm.complaints"), uses.get("loyalty-service").toString());
        uses.values().forEach(u -> assertEquals(List.of(), u.unreadable(), u.workload()));
    }
}
