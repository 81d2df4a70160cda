package dev.crmsuite.k8s;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The point-in-time recovery examples in k8s/recovery/ (k8s/README.md, "Backups and point-in-time
 * recovery") are valid next to the prod overlay they would be applied to: schemas, and the backup
 * policy (the new cluster reads an ObjectStore of the overlay, archives under its own name, has its
 * daily backup and its NetworkPolicy).
 */
class RecoveryExampleTest {

    @Test
    void everyRecoveryExampleIsValidBesideTheProdOverlay() throws IOException {
        Path root = Path.of(System.getProperty("crm.repo.root", "../.."));
        List<Path> examples;
        try (Stream<Path> s = Files.list(root.resolve("k8s/recovery"))) {
            examples = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(examples.isEmpty(), "no recovery example in k8s/recovery");
        for (Path example : examples) {
            List<Manifest> recovery = Manifest.read(example);
            assertTrue(recovery.stream().anyMatch(m -> m.kind().equals("Cluster")
                    && m.json().path("spec").path("bootstrap").path("recovery").isObject()), example + " recovers no Cluster");
            List<Manifest> manifests = new ArrayList<>(OverlayShapeTest.rendered("prod"));
            manifests.addAll(recovery);
            assertEquals(List.of(), new ManifestValidator().validate(manifests), example.toString());
        }
    }
}
