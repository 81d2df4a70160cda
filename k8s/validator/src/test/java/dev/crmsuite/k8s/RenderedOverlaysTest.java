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
     * null for the gateway, which publishes nothing), each topic its subscribers read with the source
     * file that reads it, and the {@code topics()} arguments the scan could not read (reported, so a
     * subscriber written otherwise cannot slip past the ACL check).
     */
    record KafkaUse(String workload, String topic, Map<String, String> reads, List<String> unreadable) {
        KafkaUse(String workload, String topic, Map<String, String> reads) {
            this(workload, topic, reads, List.of());
        }
    }

    /** The body of a subscriber's {@code Set<String> topics() { ... }}. */
    private static final Pattern TOPICS_METHOD = Pattern.compile("Set<String>\\s+topics\\(\\)\\s*\\{([^}]*)\\}");
    /** The suite writes it {@code return Set.of(<topic>, ...);}. */
    private static final Pattern RETURN_SET = Pattern.compile("\\s*return\\s+Set\\.of\\((.*)\\)\\s*;\\s*", Pattern.DOTALL);
    private static final Pattern LITERAL = Pattern.compile("\\s*\"([^\"]+)\"\\s*");
    /** A personal-data topic named through the platform: {@code PersonalData.topicOf("crm.customers")}. */
    private static final Pattern PERSONAL_TOPIC_OF = Pattern.compile("\\s*PersonalData\\.topicOf\\(\\s*\"([^\"]+)\"\\s*\\)\\s*");

    /**
     * The topics the {@code topics()} methods of one source file name: string literals, and
     * {@code PersonalData.topicOf("<topic>")} as {@code <topic>.personal}. Anything else (a constant, a
     * computed name, another method body) goes to {@code unreadable}.
     */
    static List<String> topicsIn(String source, List<String> unreadable) {
        List<String> topics = new ArrayList<>();
        Matcher method = TOPICS_METHOD.matcher(source);
        while (method.find()) {
            Matcher set = RETURN_SET.matcher(method.group(1));
            if (!set.matches()) {
                unreadable.add(method.group(1).strip());
                continue;
            }
            for (String argument : topLevelArguments(set.group(1))) {
                Matcher literal = LITERAL.matcher(argument);
                Matcher personal = PERSONAL_TOPIC_OF.matcher(argument);
                if (literal.matches()) {
                    topics.add(literal.group(1));
                } else if (personal.matches()) {
                    topics.add(personal.group(1) + Policy.PERSONAL);
                } else {
                    unreadable.add(argument.strip());
                }
            }
        }
        return topics;
    }

    /** Splits {@code a, f(b, c), d} at the commas outside parentheses. */
    private static List<String> topLevelArguments(String arguments) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(arguments.substring(from, i));
                from = i + 1;
            }
        }
        if (!arguments.isBlank()) {
            out.add(arguments.substring(from));
        }
        return out;
    }

    /**
     * Each workload's Kafka use, read from its module: crm.events.topic in application.properties and
     * the topics every {@code topics()} in src/main/java names ({@link #topicsIn}). The platform's own
     * subscribers are not scanned (they read crm.customers, which every consumer of the suite reads anyway).
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
                List<String> unreadable = new ArrayList<>();
                Path sources = module.resolve("src/main/java");
                if (Files.isDirectory(sources)) {
                    try (Stream<Path> files = Files.walk(sources)) {
                        for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                            String name = root.relativize(file).toString();
                            List<String> notRead = new ArrayList<>();
                            for (String t : topicsIn(Files.readString(file), notRead)) {
                                reads.putIfAbsent(t, name);
                            }
                            notRead.forEach(n -> unreadable.add(name + ": " + n));
                        }
                    }
                }
                uses.add(new KafkaUse(workload, topic, reads, unreadable));
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
            use.unreadable().forEach(u -> out.add(user.id() + ": cannot tell which topic " + u + " reads; name topics in "
                    + "topics() as string literals or PersonalData.topicOf(\"<topic>\") (return Set.of(...);) so the ACLs can be checked"));
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
