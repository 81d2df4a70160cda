package dev.crmsuite.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks rendered Kubernetes manifests without a cluster: each object against the API schema of its
 * kind with unknown fields rejected (core kinds: {@link CoreSchemas}; Strimzi and CloudNativePG:
 * {@link CrdSchemas}), enum values ({@link EnumChecks}), then the suite's policy ({@link Policy}).
 * A kind it has no schema for is a violation, so nothing passes unchecked.
 */
public final class ManifestValidator {

    private final CrdSchemas crds = new CrdSchemas();

    /** Every violation of the objects of one rendered overlay (checked together: references resolve within it). */
    public List<String> validate(List<Manifest> manifests) {
        List<String> out = new ArrayList<>();
        for (Manifest m : manifests) {
            if (m.apiVersion().isEmpty() || m.kind().isEmpty() || m.name().isEmpty()) {
                out.add(m.id() + ": apiVersion, kind and metadata.name are required");
                continue;
            }
            if (CoreSchemas.knows(m.apiVersion(), m.kind())) {
                CoreSchemas.check(m).ifPresent(e -> out.add(m.id() + ": schema: " + e));
                EnumChecks.check(m).forEach(e -> out.add(m.id() + ": " + e));
            } else if (crds.knows(m.apiVersion(), m.kind())) {
                crds.check(m).forEach(e -> out.add(m.id() + ": schema: " + e));
                CoreSchemas.checkMetadata(m.json().path("metadata")).ifPresent(e -> out.add(m.id() + ": metadata: " + e));
            } else {
                out.add(m.id() + ": unknown kind " + m.apiVersion() + " " + m.kind()
                        + " (no schema to check it against; add its schema to the validator first)");
            }
        }
        out.addAll(Policy.check(manifests));
        return out;
    }

    public List<String> validate(Path renderedFile) {
        return validate(Manifest.read(renderedFile));
    }

    /** Command-line use: {@code java ... ManifestValidator rendered.yaml ...}; exit status 1 on any violation. */
    public static void main(String[] args) throws Exception {
        ManifestValidator validator = new ManifestValidator();
        int violations = 0;
        for (String arg : args) {
            Path path = Path.of(arg);
            List<Path> files;
            try (Stream<Path> s = Files.isDirectory(path) ? Files.list(path) : Stream.of(path)) {
                files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            }
            for (Path file : files) {
                List<String> found = validator.validate(file);
                found.forEach(System.out::println);
                violations += found.size();
            }
        }
        System.exit(violations == 0 ? 0 : 1);
    }
}
