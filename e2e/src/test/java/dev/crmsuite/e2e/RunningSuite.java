package dev.crmsuite.e2e;

import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.JwtKeys;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole suite as it runs in production, minus Kubernetes: the five packaged service jars as
 * their own processes, each on its own fresh PostgreSQL database, all on one real Kafka broker,
 * the gateway verifying frontend tokens signed by this test run ({@link JwtKeys}) and signing
 * internal tokens with this run's key pair (platform-test's {@link InternalTokens}), which the four
 * services verify. Each process serves its API on one port and health and metrics on its own
 * management port ({@link #managementUrl}). Started once per test JVM and stopped at its end.
 *
 * <p>In front of the gateway runs Stoplight Prism as a validating proxy ({@link PrismProxy}): tests
 * that use the gateway's documented API the normal way send their traffic to {@link #api()}, so each
 * request and response is checked against the merged OpenAPI document the gateway serves. After
 * each test class, a mismatch Prism logged for that class's traffic fails the class. Drills that send
 * invalid requests or break the suite on purpose call {@link #gateway()} directly.
 */
public final class RunningSuite implements BeforeAllCallback, AfterAllCallback, ExtensionContext.Store.CloseableResource {

    public static final List<String> SERVICES = List.of("customer-service", "loyalty-service", "complaint-service",
            "survey-service", "gateway");
    private static final Map<String, String> PORT_VARIABLES = Map.of("customer-service", "CUSTOMER_PORT",
            "loyalty-service", "LOYALTY_PORT", "complaint-service", "COMPLAINT_PORT", "survey-service", "SURVEY_PORT",
            "gateway", "GATEWAY_PORT");
    private static final Map<String, String> MANAGEMENT_PORT_VARIABLES = Map.of("customer-service", "CUSTOMER_MANAGEMENT_PORT",
            "loyalty-service", "LOYALTY_MANAGEMENT_PORT", "complaint-service", "COMPLAINT_MANAGEMENT_PORT",
            "survey-service", "SURVEY_MANAGEMENT_PORT", "gateway", "GATEWAY_MANAGEMENT_PORT");

    /** A service's own database, for tests that compare its rows before and after (as the service's owner role). */
    public record Database(String url, String user, String password) {
    }

    private static boolean started;
    private static final Map<String, Integer> ports = new LinkedHashMap<>();
    private static final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    /** Where a test's local webhook receiver listens: the one origin the gateway trusts although it is loopback http. */
    private static int webhookReceiverPort;
    private static final Map<String, Database> serviceDatabases = new LinkedHashMap<>();
    private static final Map<String, Process> processes = new LinkedHashMap<>();
    private static final Map<String, Map<String, String>> environments = new HashMap<>();
    private static final List<PostgresDatabase> databases = new ArrayList<>();
    private static KafkaBroker kafka;
    private static JwtKeys jwt;
    private static Path logs;
    private static PrismProxy prism;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws Exception {
        if (started) {
            return;
        }
        started = true;
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RunningSuite.class.getName(), this);
        Path root = Path.of(System.getProperty("crm.repository.root", "..")).toAbsolutePath().normalize();
        logs = root.resolve("e2e/target/suite-logs");
        Files.createDirectories(logs);
        kafka = new KafkaBroker();
        String bootstrap = kafka.start().get("kafka.bootstrap.servers");
        createTopics(bootstrap);
        jwt = new JwtKeys();
        jwt.start();
        for (String service : SERVICES) {
            ports.put(service, freePort());
            managementPorts.put(service, freePort());
        }
        webhookReceiverPort = freePort();
        for (String service : SERVICES) {
            PostgresDatabase database = new PostgresDatabase();
            Map<String, String> db = database.start();
            databases.add(database);
            Map<String, String> env = new HashMap<>();
            env.put(PORT_VARIABLES.get(service), Integer.toString(ports.get(service)));
            env.put(MANAGEMENT_PORT_VARIABLES.get(service), Integer.toString(managementPorts.get(service)));
            serviceDatabases.put(service, new Database(db.get("quarkus.datasource.jdbc.url"), db.get("quarkus.datasource.username"),
                    db.get("quarkus.datasource.password")));
            env.put("CRM_DB_URL", db.get("quarkus.datasource.jdbc.url"));
            env.put("CRM_DB_USER", db.get("quarkus.datasource.username"));
            env.put("CRM_DB_PASSWORD", db.get("quarkus.datasource.password"));
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            env.put("CRM_SERVICE_CUSTOMER_URL", "http://127.0.0.1:" + ports.get("customer-service"));
            env.put("CRM_SERVICE_LOYALTY_URL", "http://127.0.0.1:" + ports.get("loyalty-service"));
            env.put("CRM_SERVICE_COMPLAINT_URL", "http://127.0.0.1:" + ports.get("complaint-service"));
            env.put("CRM_SERVICE_SURVEY_URL", "http://127.0.0.1:" + ports.get("survey-service"));
            env.put("CRM_JWT_PUBLIC_KEY_LOCATION", JwtKeys.publicKeyFile().toString());
            env.put("CRM_JWT_ISSUER", JwtKeys.ISSUER);
            env.put("CRM_JWT_AUDIENCE", JwtKeys.AUDIENCE);
            // As ./crm up and Kubernetes do: every service verifies the internal token with the public
            // key, and only the gateway holds the private key that signs it.
            env.put("CRM_INTERNAL_PUBLIC_KEY_LOCATION", InternalTokens.publicKeyFile().toString());
            if (service.equals("gateway")) {
                env.put("CRM_INTERNAL_PRIVATE_KEY_LOCATION", InternalTokens.privateKeyFile().toString());
                // Only this origin: every other loopback or http target stays refused (SecurityDrillIT).
                env.put("CRM_GATEWAY_WEBHOOKS_TRUSTED_TARGETS", webhookReceiverOrigin());
            }
            // Campaigns are sent within seconds of being scheduled, and whatever the hour of the run:
            // quiet hours would defer a delivery to the next morning (they have their own tests).
            env.put("CRM_CAMPAIGN_SENDING_SWEEP_CRON", "*/2 * * * * ?");
            env.put("CRM_CONTACT_QUIET_HOURS_START", "00:00");
            env.put("CRM_CONTACT_QUIET_HOURS_END", "00:00");
            // The duplicate backfill writes candidate pairs on its own, which the access suite would take for a
            // refused request's write; it has its own test (DuplicateSweepTest).
            env.put("CRM_INSIGHT_DUPLICATES_SWEEP_EVERY", "off");
            environments.put(service, env);
            start(root, service);
        }
        for (String service : SERVICES) {
            awaitReady(service, Duration.ofSeconds(180));
        }
        long prismStarted = System.nanoTime();
        prism = PrismProxy.start(root, gateway(), logs, Boolean.parseBoolean(System.getProperty("crm.prism.errors", "true")));
        System.out.printf("prism: validating proxy for the gateway on %s, started in %d ms (log %s)%n",
                prism.url(), (System.nanoTime() - prismStarted) / 1_000_000, prism.log());
    }

    /** Fails the test class whose gateway traffic did not match the merged OpenAPI document. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (prism == null) {
            return;
        }
        List<String> violations = prism.violationsSinceLastCheck();
        System.out.printf("prism: %d requests validated so far; %d distinct mismatches in %s%n", prism.requests(), violations.size(),
                context.getDisplayName());
        if (!violations.isEmpty()) {
            throw new AssertionError("Prism found " + violations.size() + " distinct mismatch(es) with the gateway's merged OpenAPI document in "
                    + context.getDisplayName() + " (see " + prism.log() + "):\n  " + String.join("\n  ", violations));
        }
    }

    private static void start(Path root, String service) throws IOException {
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./crm test does)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
        builder.environment().putAll(environments.get(service));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(service + ".log").toFile()));
        processes.put(service, builder.start());
    }

    /** Kills a service hard, as a crash would. */
    public static void kill(String service) throws InterruptedException {
        Process p = processes.get(service);
        p.destroyForcibly();
        p.waitFor(20, TimeUnit.SECONDS);
    }

    /** Starts a killed service again with the same database and port. */
    public static void restart(String service) throws IOException {
        Path root = logs.getParent().getParent().getParent();
        start(root, service);
        awaitReady(service, Duration.ofSeconds(180));
    }

    /** A service's API port (every /api request there needs the gateway's internal token for it). */
    public static String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** A service's management interface: /q/health/* and /q/metrics, nothing else. */
    public static String managementUrl(String service) {
        return "http://127.0.0.1:" + managementPorts.get(service);
    }

    public static Database database(String service) {
        return serviceDatabases.get(service);
    }

    /**
     * The gateway itself. For traffic that is not meant to keep the contract: drills sending invalid
     * input, faults, attacks, and reading the documents.
     */
    public static String gateway() {
        return url("gateway");
    }

    /** The port a test's local webhook receiver binds on 127.0.0.1. */
    public static int webhookReceiverPort() {
        return webhookReceiverPort;
    }

    /** The receiver's origin, as the gateway trusts it. */
    public static String webhookReceiverOrigin() {
        return "http://127.0.0.1:" + webhookReceiverPort;
    }

    /** The gateway behind the validating proxy: every request and response is checked against the merged document. */
    public static String api() {
        return prism.url();
    }

    private static void awaitReady(String service, Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!processes.get(service).isAlive()) {
                throw new IllegalStateException(service + " exited; see " + logs.resolve(service + ".log"));
            }
            try {
                // The whole /q/health: readiness (the database) and the wellness checks (Kafka, every
                // consumer in its group), so the tests start once the services also react to events.
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(managementUrl(service) + "/q/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(service + " not ready in " + timeout + "; see " + logs.resolve(service + ".log"));
    }

    @Override
    public void close() {
        if (prism != null) {
            prism.stop();
        }
        // Gateway first, so nothing is forwarded to a stopping service.
        List<String> reversed = new ArrayList<>(SERVICES);
        java.util.Collections.reverse(reversed);
        for (String service : reversed) {
            Process p = processes.get(service);
            if (p != null && p.isAlive()) {
                Processes.stop(p, 20);
            }
        }
        kafka.stop();
        databases.forEach(PostgresDatabase::stop);
    }

    /** As ./crm up and the Strimzi KafkaTopics do: consumers subscribed to a missing topic would wait minutes. */
    private static void createTopics(String bootstrap) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", bootstrap))) {
            List<org.apache.kafka.clients.admin.NewTopic> topics = new ArrayList<>();
            for (String topic : List.of("crm.customers", "crm.loyalty", "crm.complaints", "crm.surveys")) {
                topics.add(new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1));
                topics.add(new org.apache.kafka.clients.admin.NewTopic(topic + ".dlq", 1, (short) 1));
                // Compacted like in ./crm up and k8s, but eager: tiny segments and no dirty-ratio wait,
                // so a test can watch an erased person's records disappear (ErasureLeavesNoTraceIT).
                topics.add(new org.apache.kafka.clients.admin.NewTopic(topic + ".personal", 3, (short) 1).configs(Map.of(
                        "cleanup.policy", "compact",
                        "segment.ms", "100",
                        "min.cleanable.dirty.ratio", "0.01",
                        "min.compaction.lag.ms", "0",
                        "delete.retention.ms", "1000")));
                topics.add(new org.apache.kafka.clients.admin.NewTopic(topic + ".personal.dlq", 1, (short) 1));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        return ListenPorts.next();
    }
}
