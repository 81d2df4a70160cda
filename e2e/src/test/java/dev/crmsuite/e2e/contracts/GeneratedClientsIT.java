package dev.crmsuite.e2e.contracts;

import dev.crmsuite.e2e.RunningSuite;
import dev.crmsuite.platform.testing.JwtKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, item 3: the clients a partner generates from the gateway's merged OpenAPI document work.
 * The document the running gateway serves goes through contracts/clients (the openapi-generator CLI
 * jar from Maven Central: a Java client, and a TypeScript client that tsc must compile); the Java
 * client is compiled here with the JDK's compiler together with src/test/client-scenario, and the
 * scenario runs against the running suite through the validating proxy, so what the generated code
 * sends and receives is checked against the document too.
 */
@ExtendWith(RunningSuite.class)
class GeneratedClientsIT {

    @Test
    void clients_generated_from_the_merged_document_compile_and_the_java_one_runs_a_partner_scenario() throws Exception {
        Path root = Path.of(System.getProperty("crm.repository.root", "..")).toAbsolutePath().normalize();
        Path out = root.resolve("e2e/target/clients");
        Files.createDirectories(out);
        Path document = out.resolve("gateway-openapi.json");
        HttpResponse<Path> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RunningSuite.gateway() + "/q/openapi?format=json")).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofFile(document,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING));
        assertThat(fetched.statusCode()).isEqualTo(200);

        long started = System.nanoTime();
        generate(root, document, out);
        long generated = System.nanoTime();
        Path classes = compileJavaClient(root, out);
        long compiled = System.nanoTime();

        Map<String, Object> seen;
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, getClass().getClassLoader())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) loader.loadClass("dev.crmsuite.e2e.clients.ClientScenario")
                    .getMethod("run", String.class, String.class)
                    .invoke(null, RunningSuite.api(), JwtKeys.bearer("e2e-generated-client", "admin"));
            seen = result;
        }
        long ran = System.nanoTime();
        System.out.printf(Locale.ROOT, "clients: generated java + typescript (tsc included) in %.1f s, java client compiled in %.1f s, scenario ran in %.1f s: %s%n",
                (generated - started) / 1e9, (compiled - generated) / 1e9, (ran - compiled) / 1e9, seen);

        assertThat(seen.get("customerId")).isNotNull();
        assertThat(seen.get("email")).asString().startsWith("client-");
        assertThat(seen.get("purchaseId")).isNotNull();
        assertThat((Long) seen.get("pointsAfterPurchase")).isPositive();
        assertThat(seen.get("complaintStatus")).isEqualTo("RESOLVED");
        assertThat(seen.get("overviewPoints")).isEqualTo(seen.get("pointsAfterPurchase"));
        assertThat(seen.get("overviewResolvedComplaint")).isEqualTo(seen.get("complaintId").toString());
    }

    /** contracts/clients: the same script and options the README gives partners. */
    static void generate(Path root, Path document, Path out) throws IOException, InterruptedException {
        Path log = out.resolve("clients.log");
        ProcessBuilder builder = new ProcessBuilder(root.resolve("contracts/clients").toString(), document.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        String jar = System.getProperty("crm.openapi-generator.jar");
        if (jar != null && Files.exists(Path.of(jar))) {
            builder.environment().put("CRM_OPENAPI_GENERATOR_JAR", jar);
        }
        Process process = builder.start();
        boolean done = process.waitFor(10, TimeUnit.MINUTES);
        String output = Files.readString(log);
        System.out.print(output);
        assertThat(done && process.exitValue() == 0).as("contracts/clients succeeded:\n%s", output).isTrue();
    }

    /** The generated Java client and the scenario, against this test's classpath (Jackson, Awaitility). */
    static Path compileJavaClient(Path root, Path out) throws IOException {
        Path classes = out.resolve("java-classes");
        if (Files.exists(classes)) {
            try (Stream<Path> old = Files.walk(classes)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(classes);
        List<Path> sources = new ArrayList<>();
        for (Path dir : List.of(out.resolve("java/src/main/java"), root.resolve("e2e/src/test/client-scenario"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            boolean ok = javac.getTask(null, files, diagnostics,
                    List.of("--release", "21", "-proc:none", "-nowarn", "-encoding", "UTF-8",
                            "-classpath", System.getProperty("java.class.path"), "-d", classes.toString()),
                    null, files.getJavaFileObjectsFromPaths(sources)).call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR).map(Object::toString).toList();
            assertThat(ok).as("the generated Java client and the scenario compile: %s", errors).isTrue();
        }
        return classes;
    }
}
