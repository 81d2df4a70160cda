package dev.crmsuite.k8s;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every service deployed by k8s/base/services/&lt;service&gt; has a Dockerfile.jvm in the Quarkus layout
 * that the manifests can run: a pinned base image, a numeric non-root user, the four fast-jar parts,
 * a container-aware heap and java as PID 1 (so SIGTERM reaches Quarkus' graceful shutdown).
 */
class DockerfilesTest {

    static final Path ROOT = Path.of(System.getProperty("crm.repo.root", "../.."));

    /** The problems of one Dockerfile; empty when it is fine. */
    static List<String> problems(String dockerfile) {
        List<String> out = new ArrayList<>();
        Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(dockerfile);
        if (!from.find()) {
            out.add("no FROM");
        } else {
            String image = from.group(1);
            String last = image.substring(image.lastIndexOf('/') + 1);
            if (!image.contains("@sha256:") && (!last.contains(":") || last.endsWith(":latest"))) {
                out.add("base image " + image + " is not pinned to a tag or digest");
            }
        }
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile);
        String lastUser = null;
        while (user.find()) {
            lastUser = user.group(1);
        }
        if (lastUser == null || !lastUser.matches("\\d+(:\\d+)?") || lastUser.matches("0(:\\d+)?")) {
            out.add("the final USER must be a numeric non-root id (is " + lastUser + ")");
        }
        for (String part : List.of("target/quarkus-app/lib/", "target/quarkus-app/app/", "target/quarkus-app/quarkus/",
                "target/quarkus-app/*.jar")) {
            if (!dockerfile.contains(part)) {
                out.add("does not copy " + part);
            }
        }
        if (!dockerfile.contains("-XX:MaxRAMPercentage=")) {
            out.add("the heap is not sized from the container's memory limit (-XX:MaxRAMPercentage)");
        }
        if (!dockerfile.contains("exec java") || !dockerfile.contains("quarkus-run.jar")) {
            out.add("the entrypoint must exec java -jar quarkus-run.jar (java as PID 1 gets SIGTERM)");
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyDeployedServiceHasASoundDockerfile() throws IOException {
        Path services = ROOT.resolve("k8s/base/services");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(services)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(dirs.isEmpty(), "no service under " + services);
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Path dockerfile = ROOT.resolve(dir.getFileName().toString()).resolve("src/main/docker/Dockerfile.jvm");
            assertTrue(Files.exists(dockerfile), dockerfile + " is missing");
            assertEquals(List.of(), problems(Files.readString(dockerfile)));
        }));
    }

    @Test
    void aRootOrUnpinnedImageIsReported() {
        List<String> found = problems("""
                FROM eclipse-temurin:latest
                COPY target/quarkus-app/lib/ /deployments/lib/
                USER root
                ENTRYPOINT ["java", "-jar", "/deployments/quarkus-run.jar"]
                """);
        assertTrue(found.stream().anyMatch(p -> p.contains("not pinned")), found::toString);
        assertTrue(found.stream().anyMatch(p -> p.contains("numeric non-root")), found::toString);
        assertTrue(found.stream().anyMatch(p -> p.contains("target/quarkus-app/app/")), found::toString);
        assertTrue(found.stream().anyMatch(p -> p.contains("MaxRAMPercentage")), found::toString);
        assertTrue(found.stream().anyMatch(p -> p.contains("exec java")), found::toString);
    }
}
