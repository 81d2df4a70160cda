package dev.crmsuite.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka (KRaft) broker for the tests, run as its own process from the Apache
 * Kafka jars that {@code ./crm} fetches through Maven. A separate process rather than an embedded
 * one because tests must be able to kill it and bring it back on the same port with the same data,
 * the way an outage looks to the services.
 *
 * <p>Set {@code CRM_TEST_KAFKA_BOOTSTRAP} to use an already running broker instead (then
 * {@link #stopBroker()} is not available).
 */
public class KafkaBroker implements QuarkusTestResourceLifecycleManager {

    private static volatile KafkaBroker current;

    private Path home;
    private int port;
    private int controllerPort;
    private Process process;
    private String external;

    @Override
    public Map<String, String> start() {
        external = System.getenv("CRM_TEST_KAFKA_BOOTSTRAP");
        if (external == null || external.isBlank()) {
            external = null;
            try {
                home = Files.createTempDirectory("crm-test-kafka");
                port = freePort();
                controllerPort = freePort();
                writeConfig();
                run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                        "-c", home.resolve("server.properties").toString()), Duration.ofSeconds(60));
                startBroker();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        current = this;
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            waitFor(process, 20);
        }
        current = null;
    }

    public static KafkaBroker current() {
        if (current == null) {
            throw new IllegalStateException("no Kafka broker test resource is active");
        }
        return current;
    }

    public String bootstrapServers() {
        return external != null ? external : "127.0.0.1:" + port;
    }

    /** Kills the broker process hard (SIGKILL), as a crash would. */
    public void stopBroker() {
        if (external != null) {
            throw new IllegalStateException("cannot stop an external broker");
        }
        process.destroyForcibly();
        waitFor(process, 20);
        process = null;
    }

    /** Starts the broker again on the same port and data directory and waits until it answers. */
    public void startBroker() {
        try {
            ProcessBuilder builder = new ProcessBuilder(command(List.of("kafka.Kafka", home.resolve("server.properties").toString())));
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("broker.log").toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plusSeconds(90);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited; see " + home.resolve("broker.log"));
                }
                try {
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    TimeUnit.MILLISECONDS.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("Kafka broker not ready after 90 s; see " + home.resolve("broker.log"));
    }

    private void writeConfig() throws IOException {
        String config = """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.cleaner.backoff.ms=250
                """.formatted(port, controllerPort, home.resolve("data"));
        Files.writeString(home.resolve("server.properties"), config);
    }

    private void run(List<String> args, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(command(args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("format.log").toFile())).start();
        if (!waitFor(p, timeout.toSeconds()) || p.exitValue() != 0) {
            throw new IllegalStateException("kafka " + args.getFirst() + " failed; see " + home.resolve("format.log"));
        }
    }

    private List<String> command(List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dlog4j2.level=WARN", "-cp", libs() + File.separator + "*"));
        cmd.addAll(args);
        return cmd;
    }

    /** The Kafka jars: CRM_KAFKA_LIBS, else .crm/kafka/libs in the repository. */
    static String libs() {
        String env = System.getenv("CRM_KAFKA_LIBS");
        if (env != null && !env.isBlank()) {
            return env;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".crm/kafka/libs");
            if (Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("Kafka jars not found: run the tests with ./crm test (it fetches them), "
                + "or set CRM_KAFKA_LIBS, or CRM_TEST_KAFKA_BOOTSTRAP for a running broker");
    }

    private static boolean waitFor(Process p, long seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
