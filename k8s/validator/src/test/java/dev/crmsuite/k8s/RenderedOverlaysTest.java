package dev.crmsuite.k8s;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real check: every overlay, as {@code kubectl kustomize} rendered it (k8s/validate passes the
 * directory in {@code -Dcrm.k8s.rendered}), has no schema or policy violation.
 */
class RenderedOverlaysTest {

    /** The overlays k8s/validate must have rendered; a missing one is a failure, not a skip. */
    static final List<String> OVERLAYS = List.of("dev", "prod");

    /**
     * Each service's own topic (crm.events.topic in its application.properties), its personal-data
     * topic ({@code <topic>.personal}, platform PersonalData) and the dead-letter topic of each must be
     * declared: the brokers do not auto-create topics.
     */
    static List<String> missingTopics(List<Manifest> manifests) throws IOException {
        Path root = Path.of(System.getProperty("crm.repo.root", "../.."));
        List<String> out = new java.util.ArrayList<>();
        java.util.Set<String> declared = new java.util.HashSet<>();
        manifests.stream().filter(m -> m.kind().equals("KafkaTopic"))
                .forEach(m -> declared.add(m.json().path("spec").path("topicName").asText(m.name())));
        try (Stream<Path> dirs = Files.list(root.resolve("k8s/base/services"))) {
            for (Path dir : dirs.sorted().toList()) {
                Path props = root.resolve(dir.getFileName().toString()).resolve("src/main/resources/application.properties");
                if (!Files.exists(props)) {
                    out.add(props + " is missing");
                    continue;
                }
                for (String line : Files.readAllLines(props)) {
                    if (line.startsWith("crm.events.topic=")) {
                        String topic = line.substring("crm.events.topic=".length()).trim();
                        for (String t : List.of(topic, topic + ".dlq", topic + ".personal", topic + ".personal.dlq")) {
                            if (!declared.contains(t)) {
                                out.add("no KafkaTopic " + t + " (published by " + dir.getFileName() + ")");
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * What a workload's code does with Kafka: the topic its outbox relay publishes to (crm.events.topic;
     * null for the gateway, which publishes nothing) and each topic its subscribers read, with the
     * source file that reads it.
     */
    record KafkaUse(String workload, String topic, Map<String, String> reads) {
    }

    /** {@code Set<String> topics() { return Set.of("a", "b"); }}: every EventSubscriber of the suite is written so. */
    private static final Pattern TOPICS_METHOD = Pattern.compile(
            "Set<String>\\s+topics\\(\\)\\s*\\{\\s*return\\s+Set\\.of\\(([^)]*)\\)");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"]+)\"");

    /**
     * Each workload's Kafka use, read from its module: crm.events.topic in application.properties and
     * the string literals of every {@code topics()} in src/main/java. A topics() written otherwise (a
     * constant, a computed name) is not seen; the platform's own subscribers are not scanned (they read
     * crm.customers, which every consumer of the suite reads anyway).
     */
    static List<KafkaUse> kafkaUses(Path root) throws IOException {
        List<KafkaUse> uses = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root.resolve("k8s/base/services"))) {
            for (Path dir : dirs.sorted().toList()) {
                String workload = dir.getFileName().toString();
                Path module = root.resolve(workload);
                String topic = null;
                Path props = module.resolve("src/main/resources/application.properties");
                if (Files.exists(props)) {
                    for (String line : Files.readAllLines(props)) {
                        if (line.startsWith("crm.events.topic=")) {
                            topic = line.substring("crm.events.topic=".length()).trim();
                        }
                    }
                }
                Map<String, String> reads = new TreeMap<>();
                Path sources = module.resolve("src/main/java");
                if (Files.isDirectory(sources)) {
                    try (Stream<Path> files = Files.walk(sources)) {
                        for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                            Matcher method = TOPICS_METHOD.matcher(Files.readString(file));
                            while (method.find()) {
                                Matcher literal = LITERAL.matcher(method.group(1));
                                while (literal.find()) {
                                    reads.putIfAbsent(literal.group(1), root.relativize(file).toString());
                                }
                            }
                        }
                    }
                }
                uses.add(new KafkaUse(workload, topic, reads));
            }
        }
        return uses;
    }

    /**
     * Each workload's KafkaUser allows what its code does (k8s/base/kafka/users.yaml): Write on its own
     * topic and its personal-data topic (the outbox relay publishes both), Read on every topic a
     * subscriber reads and Write on that topic's {@code .dlq} (where a poison record goes). Without
     * them the broker refuses the client at run time (TOPIC_AUTHORIZATION_FAILED), not at deploy time.
     */
    static List<String> missingAcls(List<Manifest> manifests, List<KafkaUse> uses) {
        List<String> out = new ArrayList<>();
        for (KafkaUse use : uses) {
            Manifest user = manifests.stream().filter(m -> m.kind().equals("KafkaUser") && m.name().equals(use.workload()))
                    .findFirst().orElse(null);
            if (user == null) {
                out.add("no KafkaUser " + use.workload());
                continue;
            }
            JsonNode acls = user.json().path("spec").path("authorization").path("acls");
            if (use.topic() != null) {
                for (String t : List.of(use.topic(), use.topic() + ".personal")) {
                    if (!allows(acls, t, "Write")) {
                        out.add(user.id() + ": no Write ACL on topic " + t + " (published by its outbox relay)");
                    }
                }
            }
            use.reads().forEach((t, source) -> {
                if (!allows(acls, t, "Read")) {
                    out.add(user.id() + ": no Read ACL on topic " + t + " (read in " + source + ")");
                }
                if (!allows(acls, t + ".dlq", "Write")) {
                    out.add(user.id() + ": no Write ACL on topic " + t + ".dlq (dead letters of " + t + ", read in " + source + ")");
                }
            });
        }
        return out;
    }

    /** Whether a literal topic ACL names this topic with this operation (or All). */
    private static boolean allows(JsonNode acls, String topic, String operation) {
        for (JsonNode acl : acls) {
            JsonNode resource = acl.path("resource");
            if (resource.path("type").asText().equals("topic") && resource.path("patternType").asText("literal").equals("literal")
                    && resource.path("name").asText().equals(topic)) {
                for (JsonNode op : acl.path("operations")) {
                    if (op.asText().equals(operation) || op.asText().equals("All")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @TestFactory
    Stream<DynamicTest> everyRenderedOverlayIsValid() throws IOException {
        String dir = System.getProperty("crm.k8s.rendered", "");
        if (dir.isBlank()) {
            fail("crm.k8s.rendered is not set: run k8s/validate, which renders every overlay and passes them in");
        }
        Path rendered = Path.of(dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(rendered)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (String overlay : OVERLAYS) {
            assertTrue(Files.exists(rendered.resolve(overlay + ".yaml")), "overlay " + overlay + " was not rendered");
        }
        ManifestValidator validator = new ManifestValidator();
        List<KafkaUse> uses = kafkaUses(Path.of(System.getProperty("crm.repo.root", "../..")));
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            List<Manifest> manifests = Manifest.read(file);
            assertFalse(manifests.stream().noneMatch(m -> m.kind().equals("Deployment")), "no Deployment rendered");
            List<String> violations = new java.util.ArrayList<>(validator.validate(manifests));
            violations.addAll(missingTopics(manifests));
            violations.addAll(missingAcls(manifests, uses));
            assertTrue(violations.isEmpty(), () -> violations.size() + " violation(s) in " + file.getFileName()
                    + ":\n  " + String.join("\n  ", violations) + "\n");
        }));
    }
}
