package dev.crmsuite.k8s;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
     * Each service's own topic (crm.events.topic in its application.properties) and its dead-letter
     * topic must be declared: the brokers do not auto-create topics.
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
                        for (String t : List.of(topic, topic + ".dlq")) {
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
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            List<Manifest> manifests = Manifest.read(file);
            assertFalse(manifests.stream().noneMatch(m -> m.kind().equals("Deployment")), "no Deployment rendered");
            List<String> violations = new java.util.ArrayList<>(validator.validate(manifests));
            violations.addAll(missingTopics(manifests));
            assertTrue(violations.isEmpty(), () -> violations.size() + " violation(s) in " + file.getFileName()
                    + ":\n  " + String.join("\n  ", violations) + "\n");
        }));
    }
}
