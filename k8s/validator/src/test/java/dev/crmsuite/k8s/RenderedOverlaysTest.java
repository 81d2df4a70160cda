package dev.crmsuite.k8s;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            List<String> violations = validator.validate(manifests);
            assertEquals(List.of(), violations, () -> violations.size() + " violation(s) in " + file.getFileName()
                    + ":\n  " + String.join("\n  ", violations));
        }));
    }
}
