package dev.crmsuite.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubernetes.client.custom.Quantity;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The suite's deployment policy, asserted for every object of a rendered overlay, so that a new
 * service cannot be added without it:
 * <ul>
 * <li>every Deployment: startup, readiness and liveness probes; CPU and memory requests and limits
 * (requests not above limits); non-root, read-only root filesystem with an emptyDir at /tmp, no
 * privilege escalation, all capabilities dropped, RuntimeDefault seccomp; a preStop hook and a grace
 * period long enough for it plus Quarkus' shutdown; topology spread; a tagged image that is not
 * {@code latest}; its own ServiceAccount, a PodDisruptionBudget and a NetworkPolicy selecting it;</li>
 * <li>no credentials in the output: no Secret with data, no ConfigMap or env value that looks like one;
 * credentials come from the CloudNativePG-generated {@code <cluster>-app} Secrets; key files
 * ({@code *_LOCATION}) come from mounted volumes, every service reads the internal-token public key
 * from a mounted Secret, a Secret volume lists the keys it mounts, and only a pod that signs with a
 * private key ({@code *_PRIVATE_KEY_LOCATION}) mounts one;</li>
 * <li>health and metrics on the management port: every container names a port {@code management},
 * its probes use it, Prometheus' scrape annotations point at it, no Service exposes it, and no
 * NetworkPolicy admits the suite's own pods to it;</li>
 * <li>references resolve: ConfigMaps, Services named in URLs, databases, the Kafka bootstrap service,
 * HPA targets, the Kafka cluster of each topic and pool; topic replication fits the brokers;</li>
 * <li>personal data leaves Kafka: every personal-data topic ({@code *.personal}) is compacted only and
 * has a finite {@code max.compaction.lag.ms}, and the dead letters of one ({@code *.personal.dlq}) are
 * deleted after a finite retention, both within {@link #PERSONAL_DATA_MAX_MS}.</li>
 * </ul>
 */
final class Policy {

    /** Quarkus' graceful shutdown window (quarkus.shutdown.timeout in the platform's properties). */
    static final int QUARKUS_SHUTDOWN_SECONDS = 15;

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|credential|api_?key|private_?key).*");
    private static final Pattern SECRET_IN_VALUE = Pattern.compile("(?i).*(password|passwd)=.*");
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");
    /** Name of the container port of Quarkus' management interface. */
    static final String MANAGEMENT = "management";
    /** Where every service finds the public key that verifies the gateway's internal token. */
    static final String INTERNAL_PUBLIC_KEY = "CRM_INTERNAL_PUBLIC_KEY_LOCATION";

    /** quarkus.datasource.jdbc.max-size in the platform's defaults (platform/.../microprofile-config.properties). */
    static final int PLATFORM_JDBC_POOL = 20;
    /**
     * Connections of max_connections kept out of every pool budget: superuser_reserved_connections (3),
     * the CloudNativePG instance manager's own sessions, and a few for an administrator's psql.
     */
    static final int CONNECTION_RESERVE = 10;
    /** PgBouncer's defaults where a Pooler does not set them. */
    static final int PGBOUNCER_DEFAULT_POOL = 20;
    static final int PGBOUNCER_MAX_CLIENT_CONN = 100;
    /** PostgreSQL's default max_connections. */
    static final int POSTGRES_MAX_CONNECTIONS = 100;
    /**
     * The longest a personal-data topic may keep a record its owner has tombstoned
     * ({@code max.compaction.lag.ms}), or a personal dead-letter topic a dead letter ({@code retention.ms}):
     * a month, the GDPR's time limit for acting on an erasure request (Art. 12(3)). The suite's
     * topics use a day and a week (k8s/README.md, "Retention and compaction").
     */
    static final long PERSONAL_DATA_MAX_MS = 30L * 24 * 60 * 60 * 1000;
    /** Suffix of a service's personal-data topic (platform PersonalData.topicOf). */
    static final String PERSONAL = ".personal";

    /** A workload's database connections: its JDBC pool per replica, through a Pooler or directly to a Cluster. */
    private record DatabaseUse(Manifest deployment, Manifest cluster, Manifest pooler, int pool, int maxReplicas) {
        int connections() {
            return pool * maxReplicas;
        }
    }

    private final List<Manifest> all;
    private final List<String> violations = new ArrayList<>();
    private final List<DatabaseUse> databaseUses = new ArrayList<>();

    private Policy(List<Manifest> all) {
        this.all = all;
    }

    static List<String> check(List<Manifest> all) {
        Policy p = new Policy(all);
        for (Manifest m : all) {
            switch (m.kind()) {
                case "Deployment" -> p.deployment(m);
                case "Secret" -> p.secret(m);
                case "ConfigMap" -> p.configMap(m);
                case "HorizontalPodAutoscaler" -> p.hpa(m);
                case "Service" -> p.service(m);
                case "KafkaTopic" -> p.kafkaTopic(m);
                case "KafkaNodePool" -> p.kafkaNodePool(m);
                case "Kafka" -> p.kafka(m);
                case "NetworkPolicy" -> p.networkPolicy(m);
                case "Pooler" -> p.pooler(m);
                case "Cluster" -> p.cluster(m);
                case "ScheduledBackup" -> p.scheduledBackup(m);
                case "ObjectStore" -> p.objectStore(m);
                case "KafkaUser" -> p.kafkaUser(m);
                case "Gateway" -> p.gateway(m);
                case "HTTPRoute" -> p.httpRoute(m);
                case "PrometheusRule" -> p.prometheusRule(m);
                default -> {
                }
            }
        }
        p.connectionBudgets();
        return p.violations;
    }

    private void fail(Manifest m, String message) {
        violations.add(m.id() + ": " + message);
    }

    // ------------------------------------------------------------------ Deployments

    private void deployment(Manifest d) {
        JsonNode template = d.json().path("spec").path("template");
        JsonNode pod = template.path("spec");
        JsonNode podLabels = template.path("metadata").path("labels");

        String sa = pod.path("serviceAccountName").asText("");
        if (sa.isEmpty() || sa.equals("default")) {
            fail(d, "spec.template.spec.serviceAccountName must name the Deployment's own ServiceAccount");
        } else if (find("ServiceAccount", d.namespace(), sa) == null) {
            fail(d, "ServiceAccount " + sa + " is not part of the manifests");
        }
        if (all.stream().noneMatch(m -> m.kind().equals("PodDisruptionBudget") && m.namespace().equals(d.namespace())
                && selects(m.json().path("spec").path("selector"), podLabels))) {
            fail(d, "no PodDisruptionBudget selects its pods");
        }
        if (all.stream().noneMatch(m -> m.kind().equals("NetworkPolicy") && m.namespace().equals(d.namespace())
                && selects(m.json().path("spec").path("podSelector"), podLabels))) {
            fail(d, "no NetworkPolicy selects its pods");
        }
        egress(d, podLabels);
        podMonitor(d, podLabels);
        if (!selects(d.json().path("spec").path("selector"), podLabels)) {
            fail(d, "spec.selector does not match the pod template's labels");
        }
        if (!pod.path("topologySpreadConstraints").isArray() || pod.path("topologySpreadConstraints").isEmpty()) {
            fail(d, "spec.template.spec.topologySpreadConstraints is missing");
        }
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (pod.path(host).asBoolean(false)) {
                fail(d, "spec.template.spec." + host + " must not be true");
            }
        }
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.has("hostPath")) {
                fail(d, "volume " + volume.path("name").asText() + " is a hostPath");
            }
        }

        JsonNode podSc = pod.path("securityContext");
        int grace = pod.path("terminationGracePeriodSeconds").asInt(30);
        List<JsonNode> containers = new ArrayList<>();
        pod.path("containers").forEach(containers::add);
        if (containers.isEmpty()) {
            fail(d, "no containers");
        }
        for (JsonNode c : containers) {
            container(d, pod, podSc, c, true, grace);
        }
        for (JsonNode c : pod.path("initContainers")) {
            container(d, pod, podSc, c, false, grace);
        }
    }

    private void container(Manifest d, JsonNode pod, JsonNode podSc, JsonNode c, boolean main, int grace) {
        String where = "container " + c.path("name").asText() + ": ";
        image(d, where, c.path("image").asText(""));

        if (main) {
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                if (!c.path(probe).isObject()) {
                    fail(d, where + probe + " is missing");
                } else {
                    probePort(d, where + probe, c, c.path(probe));
                }
            }
            management(d, where, c);
            int preStop = preStopSeconds(c);
            if (preStop < 0) {
                fail(d, where + "lifecycle.preStop is missing (the endpoint must be gone before shutdown starts)");
            } else if (grace < preStop + QUARKUS_SHUTDOWN_SECONDS) {
                fail(d, where + "terminationGracePeriodSeconds " + grace + " < preStop " + preStop
                        + " s + Quarkus shutdown " + QUARKUS_SHUTDOWN_SECONDS + " s");
            }
        }

        resources(d, where, c.path("resources"));

        JsonNode sc = c.path("securityContext");
        if (!sc.path("runAsNonRoot").asBoolean(podSc.path("runAsNonRoot").asBoolean(false))) {
            fail(d, where + "runAsNonRoot must be true (container or pod securityContext)");
        }
        if (sc.path("runAsUser").asLong(podSc.path("runAsUser").asLong(-1)) == 0) {
            fail(d, where + "runAsUser must not be 0");
        }
        if (!sc.path("allowPrivilegeEscalation").isBoolean() || sc.path("allowPrivilegeEscalation").asBoolean()) {
            fail(d, where + "securityContext.allowPrivilegeEscalation must be false");
        }
        if (sc.path("privileged").asBoolean(false)) {
            fail(d, where + "securityContext.privileged must not be true");
        }
        if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
            fail(d, where + "securityContext.readOnlyRootFilesystem must be true");
        } else if (!tmpIsEmptyDir(pod, c)) {
            fail(d, where + "read-only root filesystem needs an emptyDir volume mounted at /tmp");
        }
        boolean dropsAll = false;
        for (JsonNode cap : sc.path("capabilities").path("drop")) {
            dropsAll |= cap.asText().equals("ALL");
        }
        if (!dropsAll) {
            fail(d, where + "securityContext.capabilities.drop must contain ALL");
        }
        if (!sc.path("capabilities").path("add").isMissingNode() && !sc.path("capabilities").path("add").isEmpty()) {
            fail(d, where + "securityContext.capabilities.add must be empty");
        }
        String seccomp = sc.path("seccompProfile").path("type")
                .asText(podSc.path("seccompProfile").path("type").asText(""));
        if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
            fail(d, where + "seccompProfile.type must be RuntimeDefault (container or pod securityContext)");
        }

        environment(d, where, c);
    }

    private void image(Manifest d, String where, String image) {
        if (image.isEmpty()) {
            fail(d, where + "image is missing");
            return;
        }
        if (image.contains("@sha256:")) {
            return;
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastSegment.indexOf(':');
        if (colon < 0) {
            fail(d, where + "image " + image + " has no tag (set it with the overlay's images:)");
        } else if (lastSegment.substring(colon + 1).equalsIgnoreCase("latest")) {
            fail(d, where + "image " + image + " uses the tag latest");
        }
    }

    private void probePort(Manifest d, String where, JsonNode c, JsonNode probe) {
        JsonNode port = probe.path("httpGet").path("port");
        if (port.isTextual() && !port.asText().matches("\\d+")) {
            boolean named = false;
            for (JsonNode p : c.path("ports")) {
                named |= p.path("name").asText().equals(port.asText());
            }
            if (!named) {
                fail(d, where + " uses port " + port.asText() + ", which the container does not name");
            }
        }
    }

    /**
     * Health and metrics are served only on Quarkus' management interface: the container names that
     * port, the probes use it (the API port answers 404 there), and Prometheus scrapes it.
     */
    private void management(Manifest d, String where, JsonNode c) {
        int port = managementPort(c);
        if (port < 0) {
            fail(d, where + "no container port named " + MANAGEMENT + " (health and metrics live only on the management interface)");
            return;
        }
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            JsonNode target = c.path(probe).path("httpGet").path("port");
            if (c.path(probe).isObject() && !target.asText().equals(MANAGEMENT) && target.asInt(-1) != port) {
                fail(d, where + probe + " must use the " + MANAGEMENT + " port (health is served only there)");
            }
        }
        JsonNode annotations = d.json().path("spec").path("template").path("metadata").path("annotations");
        if (!annotations.path("prometheus.io/scrape").asText("").equals("true")) {
            fail(d, "pod annotation prometheus.io/scrape must be \"true\" (metrics are scraped from the management port)");
        } else if (!annotations.path("prometheus.io/port").asText("").equals(String.valueOf(port))) {
            fail(d, "pod annotation prometheus.io/port must be the " + MANAGEMENT + " port " + port
                    + " (is: " + annotations.path("prometheus.io/port").asText("none") + ")");
        }
    }

    private static int managementPort(JsonNode c) {
        for (JsonNode p : c.path("ports")) {
            if (p.path("name").asText().equals(MANAGEMENT)) {
                return p.path("containerPort").asInt(-1);
            }
        }
        return -1;
    }

    private static int preStopSeconds(JsonNode c) {
        JsonNode preStop = c.path("lifecycle").path("preStop");
        if (preStop.path("sleep").has("seconds")) {
            return preStop.path("sleep").path("seconds").asInt();
        }
        JsonNode exec = preStop.path("exec").path("command");
        if (exec.isArray() && exec.size() > 0) {
            String last = exec.get(exec.size() - 1).asText();
            return last.matches("\\d+") ? Integer.parseInt(last) : 0;
        }
        return preStop.isObject() ? 0 : -1;
    }

    private void resources(Manifest d, String where, JsonNode resources) {
        for (String kind : List.of("cpu", "memory")) {
            BigDecimal request = quantity(d, where + "resources.requests." + kind, resources.path("requests").path(kind));
            BigDecimal limit = quantity(d, where + "resources.limits." + kind, resources.path("limits").path(kind));
            if (request != null && limit != null && request.compareTo(limit) > 0) {
                fail(d, where + "resources.requests." + kind + " is above the limit");
            }
        }
    }

    private BigDecimal quantity(Manifest d, String where, JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            fail(d, where + " is missing");
            return null;
        }
        try {
            return Quantity.fromString(value.asText()).getNumber();
        } catch (RuntimeException e) {
            fail(d, where + " is not a quantity: " + value.asText());
            return null;
        }
    }

    private static boolean tmpIsEmptyDir(JsonNode pod, JsonNode c) {
        for (JsonNode mount : c.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals("/tmp")) {
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText()) && volume.has("emptyDir")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Credentials only through secretKeyRef to a CloudNativePG-generated Secret; config by name resolves. */
    private void environment(Manifest d, String where, JsonNode c) {
        Map<String, String> config = new java.util.LinkedHashMap<>();
        for (JsonNode from : c.path("envFrom")) {
            if (from.has("secretRef")) {
                fail(d, where + "envFrom secretRef imports a whole Secret; name each key with secretKeyRef");
            }
            String cm = from.path("configMapRef").path("name").asText("");
            if (!cm.isEmpty()) {
                Manifest map = find("ConfigMap", d.namespace(), cm);
                if (map == null) {
                    fail(d, where + "envFrom names ConfigMap " + cm + ", which is not part of the manifests");
                } else {
                    map.json().path("data").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
                }
            }
        }
        Map<String, String> secretRefs = new java.util.HashMap<>();
        for (JsonNode env : c.path("env")) {
            String name = env.path("name").asText();
            if (env.has("value")) {
                config.put(name, env.path("value").asText());
                if (SECRET_NAME.matcher(name).matches() && !isLocation(name) && !env.path("value").asText().isEmpty()) {
                    fail(d, where + "env " + name + " has a literal value; take it from a Secret (secretKeyRef)");
                }
            }
            JsonNode ref = env.path("valueFrom").path("secretKeyRef");
            if (ref.isObject()) {
                String secret = ref.path("name").asText();
                secretRefs.put(name, secret);
                if (generatedSecretOwner(d.namespace(), secret) == null && kafkaUserOf(d.namespace(), secret) == null) {
                    fail(d, where + "env " + name + " reads Secret " + secret
                            + ", which no CloudNativePG Cluster generates (<cluster>-app or <cluster>-superuser) nor a KafkaUser");
                }
            }
        }
        // The database the URL names is the one whose generated credentials the pod reads.
        String url = config.get("CRM_DB_URL");
        if (url != null) {
            var jdbc = JDBC_URL.matcher(url);
            if (!jdbc.matches()) {
                fail(d, where + "CRM_DB_URL is not a jdbc:postgresql URL: " + url);
            } else {
                String host = jdbc.group(1).replaceFirst("\\..*", "");
                Manifest pooler = find("Pooler", d.namespace(), host);
                String clusterName = pooler != null ? pooler.json().path("spec").path("cluster").path("name").asText()
                        : host.replaceFirst("-(rw|ro|r)$", "");
                Manifest cluster = find("Cluster", d.namespace(), clusterName);
                if (pooler != null && !pooler.json().path("spec").path("type").asText("rw").equals("rw")) {
                    fail(d, where + "CRM_DB_URL names Pooler " + host + ", which is not of type rw (the services write)");
                }
                if (cluster == null || (pooler == null && host.equals(clusterName))) {
                    fail(d, where + "CRM_DB_URL host " + host + " is not the -rw Service of a CloudNativePG Cluster nor a Pooler of one");
                } else {
                    databaseUses.add(new DatabaseUse(d, cluster, pooler, jdbcPool(d, where, config), maxReplicas(d)));
                    String db = cluster.json().path("spec").path("bootstrap").path("initdb").path("database").asText("app");
                    if (!db.equals(jdbc.group(3))) {
                        fail(d, where + "CRM_DB_URL names database " + jdbc.group(3) + " but " + clusterName + " creates " + db);
                    }
                    for (String key : List.of("CRM_DB_USER", "CRM_DB_PASSWORD")) {
                        if (!Objects.equals(secretRefs.get(key), clusterName + "-app")) {
                            fail(d, where + key + " must come from Secret " + clusterName + "-app (secretKeyRef)");
                        }
                    }
                }
            }
        }
        String bootstrap = config.get("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap != null) {
            for (String server : bootstrap.split(",")) {
                JsonNode listener = kafkaBootstrap(d, where, server.trim());
                if (listener != null) {
                    kafkaClient(d, where, c, listener, config, secretRefs);
                }
            }
        }
        // The gateway counts its live replicas itself (GatewayReplicas) to share the rate limits; a
        // configured count was right at one size only and is refused, so nobody trusts it again.
        if (config.get("CRM_GATEWAY_REPLICAS") != null) {
            fail(d, where + "CRM_GATEWAY_REPLICAS is obsolete: the gateway counts its live replicas to share the rate limits");
        }
        config.forEach((key, value) -> {
            if (key.endsWith("_URL") && value.startsWith("http")) {
                serviceUrl(d, where + key, value);
            }
        });
        keyFiles(d, where, c, config);
    }

    /** A variable naming where a file is ({@code CRM_INTERNAL_PRIVATE_KEY_LOCATION}), not a credential itself. */
    private static boolean isLocation(String name) {
        return name.endsWith("_LOCATION");
    }

    /**
     * Key files come from mounted volumes, private keys only from Secrets; every service of the suite
     * verifies the internal token with a public key from a mounted Secret; a Secret volume lists its
     * keys, and a private key is mounted only where a *_PRIVATE_KEY_LOCATION reads it (the gateway).
     */
    private void keyFiles(Manifest d, String where, JsonNode c, Map<String, String> config) {
        JsonNode pod = d.json().path("spec").path("template").path("spec");
        config.forEach((key, value) -> {
            if (!isLocation(key) || !value.startsWith("/")) {
                return;
            }
            JsonNode volume = volumeHolding(pod, c, value);
            if (volume == null) {
                fail(d, where + key + "=" + value + " is on no mounted volume (keys are mounted from Secrets, never baked in)");
            } else if (key.contains("PRIVATE") && !volume.has("secret")) {
                fail(d, where + key + " must point into a mounted Secret, not volume " + volume.path("name").asText());
            }
        });
        boolean partOfSuite = d.json().path("metadata").path("labels").path("app.kubernetes.io/part-of").asText().equals("crm-suite");
        String publicKey = config.get(INTERNAL_PUBLIC_KEY);
        if (partOfSuite && (publicKey == null || !publicKey.startsWith("/") || volumeHolding(pod, c, publicKey) == null
                || !volumeHolding(pod, c, publicKey).has("secret"))) {
            fail(d, where + INTERNAL_PUBLIC_KEY + " must name a file of a mounted Secret (every service verifies the gateway's "
                    + "internal token; is: " + publicKey + ")");
        }
        for (JsonNode mount : c.path("volumeMounts")) {
            JsonNode volume = volumeNamed(pod, mount.path("name").asText());
            if (volume == null || !volume.has("secret")) {
                continue;
            }
            JsonNode items = volume.path("secret").path("items");
            if (!items.isArray() || items.isEmpty()) {
                fail(d, where + "Secret volume " + volume.path("name").asText() + " mounts every key of its Secret; list the keys "
                        + "the pod needs in items (a whole Secret would hand it a private key too)");
                continue;
            }
            for (JsonNode item : items) {
                if (!item.path("key").asText().toLowerCase(java.util.Locale.ROOT).contains("private")) {
                    continue;
                }
                String file = mount.path("mountPath").asText().replaceAll("/+$", "") + "/" + item.path("path").asText();
                boolean used = config.entrySet().stream().anyMatch(e -> e.getKey().endsWith("PRIVATE_KEY_LOCATION") && e.getValue().equals(file));
                if (!used) {
                    fail(d, where + "mounts the private key " + item.path("key").asText() + " of Secret "
                            + volume.path("secret").path("secretName").asText() + " without signing with it: only the gateway holds it");
                }
            }
        }
    }

    private static JsonNode volumeHolding(JsonNode pod, JsonNode c, String file) {
        for (JsonNode mount : c.path("volumeMounts")) {
            String dir = mount.path("mountPath").asText().replaceAll("/+$", "");
            if (!dir.isEmpty() && file.startsWith(dir + "/")) {
                return volumeNamed(pod, mount.path("name").asText());
            }
        }
        return null;
    }

    private static JsonNode volumeNamed(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        return null;
    }

    private Manifest generatedSecretOwner(String namespace, String secret) {
        for (String suffix : List.of("-app", "-superuser")) {
            if (secret.endsWith(suffix)) {
                Manifest cluster = find("Cluster", namespace, secret.substring(0, secret.length() - suffix.length()));
                if (cluster != null) {
                    return cluster;
                }
            }
        }
        return null;
    }

    /** The internal listener the bootstrap address names (with "kafka" = the cluster's name added), or null. */
    private JsonNode kafkaBootstrap(Manifest d, String where, String server) {
        String[] hostPort = server.split(":");
        String host = hostPort[0].replaceFirst("\\..*", "");
        if (!host.endsWith("-kafka-bootstrap") || hostPort.length != 2) {
            fail(d, where + "KAFKA_BOOTSTRAP_SERVERS " + server + " is not <kafka>-kafka-bootstrap:<port>");
            return null;
        }
        Manifest kafka = find("Kafka", d.namespace(), host.substring(0, host.length() - "-kafka-bootstrap".length()));
        if (kafka == null) {
            fail(d, where + "KAFKA_BOOTSTRAP_SERVERS names a Kafka cluster that is not part of the manifests: " + server);
            return null;
        }
        for (JsonNode listener : kafka.json().path("spec").path("kafka").path("listeners")) {
            if (listener.path("port").asText().equals(hostPort[1]) && listener.path("type").asText().equals("internal")) {
                return ((com.fasterxml.jackson.databind.node.ObjectNode) listener.deepCopy()).put("kafka", kafka.name());
            }
        }
        fail(d, where + "Kafka " + kafka.name() + " has no internal listener on port " + hostPort[1]);
        return null;
    }

    /**
     * The client settings match the listener: TLS → a security protocol with SSL and a truststore of the
     * cluster CA from its Strimzi Secret; SCRAM → mechanism SCRAM-SHA-512 and the JAAS line from the
     * Secret of a KafkaUser of the same cluster.
     */
    private void kafkaClient(Manifest d, String where, JsonNode c, JsonNode listener, Map<String, String> config,
                             Map<String, String> secretRefs) {
        boolean tls = listener.path("tls").asBoolean(false);
        String auth = listener.path("authentication").path("type").asText("");
        String protocol = config.getOrDefault("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");
        String expected = (tls ? "SSL" : "PLAINTEXT");
        if (auth.startsWith("scram")) {
            expected = tls ? "SASL_SSL" : "SASL_PLAINTEXT";
        }
        if (!protocol.equals(expected)) {
            fail(d, where + "KAFKA_SECURITY_PROTOCOL is " + protocol + " but listener " + listener.path("name").asText()
                    + " needs " + expected);
        }
        if (tls) {
            String truststore = config.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
            JsonNode pod = d.json().path("spec").path("template").path("spec");
            JsonNode volume = truststore == null ? null : volumeHolding(pod, c, truststore);
            String caSecret = listener.path("kafka").asText() + "-cluster-ca-cert";
            if (volume == null || !volume.path("secret").path("secretName").asText().equals(caSecret)) {
                fail(d, where + "KAFKA_SSL_TRUSTSTORE_LOCATION must be a file of the mounted Secret " + caSecret
                        + " (the cluster CA that signs the brokers' certificates)");
            } else if (truststore.endsWith(".crt") && !"PEM".equals(config.get("KAFKA_SSL_TRUSTSTORE_TYPE"))) {
                fail(d, where + "KAFKA_SSL_TRUSTSTORE_TYPE must be PEM for the CA certificate " + truststore);
            }
        }
        if (auth.startsWith("scram")) {
            if (!"SCRAM-SHA-512".equals(config.get("KAFKA_SASL_MECHANISM"))) {
                fail(d, where + "KAFKA_SASL_MECHANISM must be SCRAM-SHA-512 for listener " + listener.path("name").asText());
            }
            String secret = secretRefs.get("KAFKA_SASL_JAAS_CONFIG");
            Manifest user = secret == null ? null : kafkaUserOf(d.namespace(), secret);
            if (user == null || !user.json().path("metadata").path("labels").path("strimzi.io/cluster").asText()
                    .equals(listener.path("kafka").asText())) {
                fail(d, where + "KAFKA_SASL_JAAS_CONFIG must come from the Secret of a KafkaUser of Kafka "
                        + listener.path("kafka").asText() + " (secretKeyRef, key sasl.jaas.config)");
            } else if (!user.json().path("spec").path("authentication").path("type").asText().equals("scram-sha-512")) {
                fail(d, where + "KafkaUser " + user.name() + " does not authenticate with scram-sha-512");
            }
        }
    }

    /** The KafkaUser whose generated Secret has this name (Strimzi names it like the user), or null. */
    private Manifest kafkaUserOf(String namespace, String secret) {
        return find("KafkaUser", namespace, secret);
    }

    /** A KafkaUser belongs to a Kafka of the manifests and its topic ACLs name declared topics. */
    private void kafkaUser(Manifest u) {
        if (!kafkaClusterExists(u)) {
            return;
        }
        if (!u.json().path("spec").path("authorization").path("type").asText("").equals("simple")) {
            fail(u, "spec.authorization must be simple with the user's ACLs (without them it may do nothing, or, "
                    + "without an authorizer, everything)");
        }
        for (JsonNode acl : u.json().path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            if (resource.path("type").asText().equals("topic") && resource.path("patternType").asText("literal").equals("literal")
                    && all.stream().noneMatch(m -> m.kind().equals("KafkaTopic") && m.namespace().equals(u.namespace())
                    && m.json().path("spec").path("topicName").asText(m.name()).equals(resource.path("name").asText()))) {
                fail(u, "an ACL names topic " + resource.path("name").asText() + ", which no KafkaTopic declares");
            }
            if (resource.path("name").asText().equals("*")) {
                fail(u, "an ACL names every " + resource.path("type").asText() + " (*): name exactly what the workload uses");
            }
        }
    }

    /**
     * Every workload has an egress policy: a NetworkPolicy selecting its pods with policyTypes Egress
     * (everything it does not allow is then dropped), and one of them lets it resolve names (port 53).
     */
    private void egress(Manifest d, JsonNode podLabels) {
        List<Manifest> policies = all.stream().filter(m -> m.kind().equals("NetworkPolicy") && m.namespace().equals(d.namespace())
                && selects(m.json().path("spec").path("podSelector"), podLabels)
                && contains(m.json().path("spec").path("policyTypes"), "Egress")).toList();
        if (policies.isEmpty()) {
            fail(d, "no egress NetworkPolicy selects its pods (policyTypes Egress): it could connect anywhere");
            return;
        }
        boolean dns = false;
        for (Manifest p : policies) {
            for (JsonNode rule : p.json().path("spec").path("egress")) {
                for (JsonNode port : rule.path("ports")) {
                    dns |= port.path("port").asText().equals("53");
                }
            }
        }
        if (!dns) {
            fail(d, "its egress NetworkPolicies allow no DNS (port 53): it could not resolve any Service");
        }
    }

    private void serviceUrl(Manifest d, String where, String url) {
        URI uri = URI.create(url);
        String host = uri.getHost() == null ? "" : uri.getHost().replaceFirst("\\..*", "");
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        Manifest service = find("Service", d.namespace(), host);
        if (service == null) {
            fail(d, where + " names Service " + host + ", which is not part of the manifests");
            return;
        }
        boolean exposes = false;
        for (JsonNode p : service.json().path("spec").path("ports")) {
            exposes |= p.path("port").asInt() == port;
        }
        if (!exposes) {
            fail(d, where + ": Service " + host + " has no port " + port);
        }
    }

    // ------------------------------------------------------------------ no credentials in the output

    private void secret(Manifest s) {
        if (!s.json().path("data").isEmpty() || !s.json().path("stringData").isEmpty()) {
            fail(s, "a Secret with data in the manifests is a credential committed to git; "
                    + "use the operators' generated Secrets (or an external secret store)");
        }
    }

    private void configMap(Manifest m) {
        m.json().path("data").fields().forEachRemaining(e -> {
            if (SECRET_NAME.matcher(e.getKey()).matches() && !isLocation(e.getKey())) {
                fail(m, "data." + e.getKey() + " looks like a credential; ConfigMaps are not secret");
            }
            if (SECRET_IN_VALUE.matcher(e.getValue().asText()).matches()) {
                fail(m, "data." + e.getKey() + " carries a password in its value");
            }
        });
    }

    // ------------------------------------------------------------------ references between objects

    private void hpa(Manifest h) {
        JsonNode spec = h.json().path("spec");
        JsonNode ref = spec.path("scaleTargetRef");
        Manifest target = find(ref.path("kind").asText(), h.namespace(), ref.path("name").asText());
        if (target == null) {
            fail(h, "scaleTargetRef " + ref.path("kind").asText() + "/" + ref.path("name").asText() + " is not part of the manifests");
        }
        int min = spec.path("minReplicas").asInt(1);
        int max = spec.path("maxReplicas").asInt();
        if (min > max) {
            fail(h, "minReplicas " + min + " > maxReplicas " + max);
        }
        if (target != null && target.json().path("spec").has("replicas")) {
            fail(h, "it scales " + target.kind() + " " + target.name() + ", which also sets spec.replicas ("
                    + target.json().path("spec").path("replicas").asText() + "): every apply would reset the count the HPA chose; "
                    + "remove replicas from the manifests where an HPA owns it");
        }
    }

    private Manifest hpaOf(Manifest d) {
        for (Manifest m : all) {
            if (m.kind().equals("HorizontalPodAutoscaler") && m.namespace().equals(d.namespace())
                    && m.json().path("spec").path("scaleTargetRef").path("kind").asText().equals(d.kind())
                    && m.json().path("spec").path("scaleTargetRef").path("name").asText().equals(d.name())) {
                return m;
            }
        }
        return null;
    }

    /** The most replicas a Deployment can have: its HPA's maxReplicas, else spec.replicas (1 if unset). */
    private int maxReplicas(Manifest d) {
        Manifest hpa = hpaOf(d);
        return hpa != null ? hpa.json().path("spec").path("maxReplicas").asInt(1)
                : d.json().path("spec").path("replicas").asInt(1);
    }

    private int jdbcPool(Manifest d, String where, Map<String, String> config) {
        String size = config.get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE");
        if (size == null) {
            return PLATFORM_JDBC_POOL;
        }
        try {
            return Integer.parseInt(size.trim());
        } catch (NumberFormatException e) {
            fail(d, where + "QUARKUS_DATASOURCE_JDBC_MAX_SIZE is not a number: " + size);
            return PLATFORM_JDBC_POOL;
        }
    }

    private static int intParameter(JsonNode parameters, String name, int otherwise) {
        String value = parameters.path(name).asText("");
        try {
            return value.isEmpty() ? otherwise : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    // ------------------------------------------------------------------ monitoring

    /** A PodMonitor of its namespace selects the workload's pods and scrapes /q/metrics on the management port. */
    private void podMonitor(Manifest d, JsonNode podLabels) {
        boolean scraped = all.stream().anyMatch(m -> m.kind().equals("PodMonitor") && m.namespace().equals(d.namespace())
                && m.json().path("spec").path("namespaceSelector").isMissingNode()
                && selects(m.json().path("spec").path("selector"), podLabels)
                && java.util.stream.StreamSupport.stream(m.json().path("spec").path("podMetricsEndpoints").spliterator(), false)
                        .anyMatch(e -> e.path("port").asText().equals(MANAGEMENT) && e.path("path").asText("/metrics").equals("/q/metrics")));
        if (!scraped) {
            fail(d, "no PodMonitor scrapes its metrics (port " + MANAGEMENT + ", path /q/metrics)");
        }
    }

    /** Every alert says how bad it is and what happened. */
    private void prometheusRule(Manifest r) {
        for (JsonNode group : r.json().path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (!rule.has("alert")) {
                    continue;
                }
                String alert = rule.path("alert").asText();
                if (rule.path("expr").asText("").isBlank()) {
                    fail(r, "alert " + alert + " has no expr");
                }
                if (!Set.of("critical", "warning", "info").contains(rule.path("labels").path("severity").asText(""))) {
                    fail(r, "alert " + alert + " needs labels.severity critical, warning or info");
                }
                if (rule.path("annotations").path("summary").asText("").isBlank()) {
                    fail(r, "alert " + alert + " needs annotations.summary");
                }
            }
        }
    }

    // ------------------------------------------------------------------ Gateway API

    /**
     * HTTPS listeners terminate TLS with a certificate from a Secret that cert-manager issues (the
     * Gateway names an issuer in its annotation) for the listener's hostname.
     */
    private void gateway(Manifest g) {
        JsonNode annotations = g.json().path("metadata").path("annotations");
        boolean issuer = annotations.has("cert-manager.io/cluster-issuer") || annotations.has("cert-manager.io/issuer");
        for (JsonNode listener : g.json().path("spec").path("listeners")) {
            String name = listener.path("name").asText();
            if (!listener.path("protocol").asText().equals("HTTPS")) {
                continue;
            }
            if (!listener.path("tls").path("mode").asText("Terminate").equals("Terminate")
                    || listener.path("tls").path("certificateRefs").isEmpty()) {
                fail(g, "listener " + name + " must terminate TLS with a certificateRefs Secret");
            }
            if (listener.path("hostname").asText("").isEmpty()) {
                fail(g, "listener " + name + " has no hostname: cert-manager issues certificates for listener hostnames");
            }
            if (!issuer) {
                fail(g, "listener " + name + " uses TLS but the Gateway names no cert-manager issuer "
                        + "(annotation cert-manager.io/cluster-issuer or cert-manager.io/issuer); nothing would issue its certificate");
            }
        }
    }

    /**
     * A route attaches to a Gateway (and listener) of the manifests; a rule that reaches a backend
     * does so only over HTTPS, only for explicit paths (never "/" or /q: health, metrics and the
     * OpenAPI document stay inside), to a Service port that exists, whose pods admit traffic from
     * another namespace (the Gateway implementation's) on that port.
     */
    private void httpRoute(Manifest r) {
        JsonNode spec = r.json().path("spec");
        boolean plainHttp = false;
        for (JsonNode parent : spec.path("parentRefs")) {
            if (!parent.path("kind").asText("Gateway").equals("Gateway")) {
                continue;
            }
            Manifest gw = find("Gateway", parent.path("namespace").asText(r.namespace()), parent.path("name").asText());
            if (gw == null) {
                fail(r, "parentRefs names Gateway " + parent.path("name").asText() + ", which is not part of the manifests");
                continue;
            }
            boolean found = false;
            for (JsonNode listener : gw.json().path("spec").path("listeners")) {
                String section = parent.path("sectionName").asText("");
                if (section.isEmpty() || section.equals(listener.path("name").asText())) {
                    found = true;
                    plainHttp |= listener.path("protocol").asText().equals("HTTP");
                }
            }
            if (!found) {
                fail(r, "parentRefs sectionName " + parent.path("sectionName").asText() + " is no listener of Gateway " + gw.name());
            }
        }
        int i = 0;
        for (JsonNode rule : spec.path("rules")) {
            String where = "rules[" + i++ + "]: ";
            if (rule.path("backendRefs").isEmpty()) {
                continue;
            }
            if (plainHttp) {
                fail(r, where + "reaches a backend over a plain-HTTP listener; on HTTP only redirect to HTTPS");
            }
            if (rule.path("matches").isEmpty()) {
                fail(r, where + "matches every path; route explicit API paths only");
            }
            for (JsonNode match : rule.path("matches")) {
                String path = match.path("path").path("value").asText("/");
                if (path.equals("/") || path.equals("/q") || path.startsWith("/q/")) {
                    fail(r, where + "routes " + path + " to a backend: health, metrics and the OpenAPI document (/q) stay inside the cluster");
                }
            }
            for (JsonNode backend : rule.path("backendRefs")) {
                if (!backend.path("kind").asText("Service").equals("Service")) {
                    continue;
                }
                Manifest service = find("Service", r.namespace(), backend.path("name").asText());
                JsonNode servicePort = null;
                if (service != null) {
                    for (JsonNode port : service.json().path("spec").path("ports")) {
                        if (port.path("port").asInt() == backend.path("port").asInt()) {
                            servicePort = port;
                        }
                    }
                }
                if (servicePort == null) {
                    fail(r, where + "backendRef " + backend.path("name").asText() + ":" + backend.path("port").asText()
                            + " is no port of a Service of the manifests");
                } else if (!admittedFromOutside(service, servicePort.path("targetPort"))) {
                    fail(r, where + "no NetworkPolicy admits the Gateway implementation (another namespace) to the pods of Service "
                            + service.name() + " on port " + servicePort.path("targetPort").asText());
                }
            }
        }
    }

    /** Some NetworkPolicy selecting the Service's pods admits a peer from another namespace on that port. */
    private boolean admittedFromOutside(Manifest service, JsonNode targetPort) {
        JsonNode selector = service.json().path("spec").path("selector");
        for (Manifest n : all) {
            if (!n.kind().equals("NetworkPolicy") || !n.namespace().equals(service.namespace())) {
                continue;
            }
            JsonNode podSelector = n.json().path("spec").path("podSelector");
            // The policy must select the Service's pods: every label it requires is one the Service selects on.
            if (!matches(podSelector.path("matchLabels"), selector) || podSelector.path("matchLabels").isEmpty()) {
                continue;
            }
            for (JsonNode rule : n.json().path("spec").path("ingress")) {
                boolean fromOutside = false;
                for (JsonNode peer : rule.path("from")) {
                    fromOutside |= peer.has("namespaceSelector") || peer.has("ipBlock");
                }
                boolean port = rule.path("ports").isEmpty();
                for (JsonNode p : rule.path("ports")) {
                    port |= p.path("port").asText().equals(targetPort.asText());
                }
                if (fromOutside && port) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ backups

    /** The Barman Cloud plugin of CloudNativePG (CNPG-I), which archives WAL and takes base backups. */
    static final String BARMAN_PLUGIN = "barman-cloud.cloudnative-pg.io";
    private static final Pattern RETENTION = Pattern.compile("[1-9][0-9]*[dwm]");

    /** The plugin entry that archives this Cluster's WAL, or null. */
    private static JsonNode walArchiver(Manifest cluster) {
        for (JsonNode plugin : cluster.json().path("spec").path("plugins")) {
            if (plugin.path("name").asText().equals(BARMAN_PLUGIN) && plugin.path("isWALArchiver").asBoolean(false)
                    && plugin.path("enabled").asBoolean(true)) {
                return plugin;
            }
        }
        return null;
    }

    /**
     * Every Cluster archives its WAL with the Barman Cloud plugin into an ObjectStore of the manifests,
     * under a server name no other Cluster writes to (and, when it was recovered, not the one it was
     * recovered from), and has a daily plugin ScheduledBackup. A recovery names an external cluster that
     * reads an ObjectStore of the manifests.
     */
    private void cluster(Manifest c) {
        JsonNode archiver = walArchiver(c);
        String serverName = null;
        if (archiver == null) {
            fail(c, "no WAL archiving: spec.plugins needs " + BARMAN_PLUGIN + " with isWALArchiver: true "
                    + "(without it there is no point-in-time recovery)");
        } else {
            String store = archiver.path("parameters").path("barmanObjectName").asText("");
            if (find("ObjectStore", c.namespace(), store) == null) {
                fail(c, "spec.plugins " + BARMAN_PLUGIN + " barmanObjectName \"" + store + "\" is not an ObjectStore of the manifests");
            }
            serverName = store + "/" + archiver.path("parameters").path("serverName").asText(c.name());
            for (Manifest other : all) {
                JsonNode otherArchiver = other.kind().equals("Cluster") && other != c && other.namespace().equals(c.namespace())
                        ? walArchiver(other) : null;
                if (otherArchiver != null && (otherArchiver.path("parameters").path("barmanObjectName").asText("") + "/"
                        + otherArchiver.path("parameters").path("serverName").asText(other.name())).equals(serverName)) {
                    fail(c, "archives into " + serverName + " like Cluster " + other.name() + ": the two would overwrite each other's WAL");
                }
            }
        }
        boolean scheduled = all.stream().anyMatch(b -> b.kind().equals("ScheduledBackup") && b.namespace().equals(c.namespace())
                && b.json().path("spec").path("cluster").path("name").asText().equals(c.name())
                && !b.json().path("spec").path("suspend").asBoolean(false));
        if (!scheduled) {
            fail(c, "no ScheduledBackup takes its base backups");
        }
        JsonNode recovery = c.json().path("spec").path("bootstrap").path("recovery");
        if (recovery.isObject() && recovery.has("source")) {
            String source = recovery.path("source").asText();
            JsonNode external = null;
            for (JsonNode e : c.json().path("spec").path("externalClusters")) {
                if (e.path("name").asText().equals(source)) {
                    external = e;
                }
            }
            if (external == null) {
                fail(c, "bootstrap.recovery.source " + source + " is not in spec.externalClusters");
            } else if (external.path("plugin").path("name").asText().equals(BARMAN_PLUGIN)) {
                JsonNode parameters = external.path("plugin").path("parameters");
                String store = parameters.path("barmanObjectName").asText("");
                if (find("ObjectStore", c.namespace(), store) == null) {
                    fail(c, "externalClusters " + source + " reads barmanObjectName \"" + store + "\", which is not an ObjectStore of the manifests");
                }
                String from = store + "/" + parameters.path("serverName").asText(source);
                if (from.equals(serverName)) {
                    fail(c, "archives its WAL into " + serverName + ", the archive it is recovered from: give it its own serverName");
                }
            }
        }
    }

    private void scheduledBackup(Manifest b) {
        JsonNode spec = b.json().path("spec");
        Manifest cluster = find("Cluster", b.namespace(), spec.path("cluster").path("name").asText(""));
        if (cluster == null) {
            fail(b, "spec.cluster.name " + spec.path("cluster").path("name").asText("") + " is not a Cluster of the manifests");
            return;
        }
        if (!spec.path("method").asText("").equals("plugin") || !spec.path("pluginConfiguration").path("name").asText().equals(BARMAN_PLUGIN)) {
            fail(b, "method must be plugin with pluginConfiguration.name " + BARMAN_PLUGIN + " (the plugin that archives the WAL)");
        } else if (walArchiver(cluster) == null) {
            fail(b, "Cluster " + cluster.name() + " does not use " + BARMAN_PLUGIN + ": its base backups would have no WAL to recover with");
        }
        String[] fields = spec.path("schedule").asText("").trim().split("\\s+");
        if (fields.length != 6) {
            fail(b, "schedule \"" + spec.path("schedule").asText("") + "\" is not a six-field cron expression (seconds first)");
        }
    }

    private void objectStore(Manifest s) {
        String retention = s.json().path("spec").path("retentionPolicy").asText("");
        if (!RETENTION.matcher(retention).matches()) {
            fail(s, "spec.retentionPolicy must say how long backups are kept (e.g. 30d, 4w, 3m; is: \"" + retention + "\")");
        }
    }

    private void pooler(Manifest p) {
        String cluster = p.json().path("spec").path("cluster").path("name").asText("");
        if (find("Cluster", p.namespace(), cluster) == null) {
            fail(p, "spec.cluster.name " + cluster + " is not a Cluster of the manifests");
        }
    }

    /**
     * Connections fit at the HPA maximum. Per Cluster: the server connections of its Poolers
     * ((default_pool_size + reserve_pool_size) x instances) plus those of every workload connecting
     * directly (JDBC pool x maxReplicas) must leave {@link #CONNECTION_RESERVE} of max_connections.
     * Per Pooler: its client connections (JDBC pool x maxReplicas of each workload using it) must fit
     * max_client_conn x instances.
     */
    private void connectionBudgets() {
        for (Manifest cluster : all) {
            if (!cluster.kind().equals("Cluster")) {
                continue;
            }
            int maxConnections = intParameter(cluster.json().path("spec").path("postgresql").path("parameters"),
                    "max_connections", POSTGRES_MAX_CONNECTIONS);
            int budget = 0;
            List<String> parts = new ArrayList<>();
            for (Manifest p : all) {
                if (p.kind().equals("Pooler") && p.namespace().equals(cluster.namespace())
                        && p.json().path("spec").path("cluster").path("name").asText().equals(cluster.name())) {
                    JsonNode parameters = p.json().path("spec").path("pgbouncer").path("parameters");
                    int instances = p.json().path("spec").path("instances").asInt(1);
                    int pool = intParameter(parameters, "default_pool_size", PGBOUNCER_DEFAULT_POOL)
                            + intParameter(parameters, "reserve_pool_size", 0);
                    budget += pool * instances;
                    parts.add("Pooler " + p.name() + " " + pool + " x " + instances);
                    int clients = databaseUses.stream().filter(u -> u.pooler() == p).mapToInt(DatabaseUse::connections).sum();
                    int maxClients = intParameter(parameters, "max_client_conn", PGBOUNCER_MAX_CLIENT_CONN) * instances;
                    if (clients > maxClients) {
                        fail(p, "its clients open up to " + clients + " connections (JDBC pool x maxReplicas) but max_client_conn x instances is "
                                + maxClients);
                    }
                }
            }
            for (DatabaseUse u : databaseUses) {
                if (u.pooler() == null && u.cluster() == cluster) {
                    budget += u.connections();
                    parts.add(u.deployment().name() + " " + u.pool() + " x " + u.maxReplicas());
                }
            }
            if (budget > maxConnections - CONNECTION_RESERVE) {
                fail(cluster, "connection budget " + budget + " (" + String.join(" + ", parts) + ") exceeds max_connections "
                        + maxConnections + " minus a reserve of " + CONNECTION_RESERVE);
            }
        }
    }

    private void service(Manifest s) {
        JsonNode selector = s.json().path("spec").path("selector");
        if (!selector.isObject() || selector.isEmpty()) {
            return; // headless/external services select nothing
        }
        List<Manifest> backends = all.stream().filter(m -> m.kind().equals("Deployment") && m.namespace().equals(s.namespace())
                && matches(selector, m.json().path("spec").path("template").path("metadata").path("labels"))).toList();
        if (backends.isEmpty()) {
            fail(s, "its selector matches no Deployment's pods");
            return;
        }
        for (JsonNode port : s.json().path("spec").path("ports")) {
            JsonNode target = port.path("targetPort");
            for (Manifest b : backends) {
                for (JsonNode c : b.json().path("spec").path("template").path("spec").path("containers")) {
                    int management = managementPort(c);
                    if (target.asText().equals(MANAGEMENT) || (management > 0 && target.asInt(-1) == management)) {
                        fail(s, "exposes the " + MANAGEMENT + " port of " + b.name() + ": health and metrics are for the kubelet "
                                + "and Prometheus, not for other pods");
                    }
                }
            }
            if (target.isTextual() && !target.asText().matches("\\d+")) {
                for (Manifest b : backends) {
                    boolean named = false;
                    for (JsonNode c : b.json().path("spec").path("template").path("spec").path("containers")) {
                        for (JsonNode p : c.path("ports")) {
                            named |= p.path("name").asText().equals(target.asText());
                        }
                    }
                    if (!named) {
                        fail(s, "targetPort " + target.asText() + " is not a named port of " + b.name());
                    }
                }
            }
        }
    }

    private int brokers(Manifest anyInCluster) {
        String cluster = anyInCluster.kind().equals("Kafka") ? anyInCluster.name()
                : anyInCluster.json().path("metadata").path("labels").path("strimzi.io/cluster").asText();
        int brokers = 0;
        for (Manifest m : all) {
            if (m.kind().equals("KafkaNodePool") && m.namespace().equals(anyInCluster.namespace())
                    && m.json().path("metadata").path("labels").path("strimzi.io/cluster").asText().equals(cluster)
                    && contains(m.json().path("spec").path("roles"), "broker")) {
                brokers += m.json().path("spec").path("replicas").asInt();
            }
        }
        return brokers;
    }

    private void kafkaTopic(Manifest t) {
        if (!kafkaClusterExists(t)) {
            return;
        }
        JsonNode spec = t.json().path("spec");
        int replicas = spec.path("replicas").asInt(-1);
        int brokers = brokers(t);
        if (replicas < 0) {
            fail(t, "spec.replicas is missing: choose the replication explicitly");
        } else if (replicas > brokers) {
            fail(t, "spec.replicas " + replicas + " exceeds the " + brokers + " broker(s) of the cluster");
        }
        if (!spec.has("partitions")) {
            fail(t, "spec.partitions is missing: choose the partition count explicitly");
        }
        JsonNode minIsr = spec.path("config").path("min.insync.replicas");
        if (!minIsr.isMissingNode() && replicas > 0 && minIsr.asInt() > replicas) {
            fail(t, "min.insync.replicas " + minIsr.asText() + " > replicas " + replicas + ": no write could succeed");
        }
        if (!spec.path("config").has("retention.ms")) {
            fail(t, "spec.config retention.ms is missing: choose the retention explicitly");
        }
        String topic = spec.path("topicName").asText(t.name());
        if (topic.endsWith(PERSONAL)) {
            personalTopic(t, spec.path("config"));
        } else if (topic.endsWith(PERSONAL + ".dlq")) {
            personalDeadLetters(t, spec.path("config"));
        }
    }

    /**
     * A personal-data topic forgets an erased person only through compaction: the owner tombstones
     * every key, and the cleaner drops the older records. So it must be compacted (and only that: with
     * delete as well, a living customer's latest record would expire and no consumer or rebuild could
     * get it back), and max.compaction.lag.ms must bound when the cleaner gets to it (the default,
     * Long.MAX_VALUE, means whenever the log happens to be dirty enough, i.e. perhaps never).
     */
    private void personalTopic(Manifest t, JsonNode config) {
        String policy = config.path("cleanup.policy").asText("delete").replace(" ", "");
        if (!policy.equals("compact")) {
            fail(t, "a personal-data topic must have cleanup.policy compact (is: " + policy + "): erasure tombstones "
                    + "remove records only by compaction, and time-based deletion would drop living customers' latest records");
        }
        Long maxLag = millis(config, "max.compaction.lag.ms");
        if (maxLag == null || maxLag <= 0 || maxLag > PERSONAL_DATA_MAX_MS) {
            fail(t, "a personal-data topic needs a finite max.compaction.lag.ms of at most " + PERSONAL_DATA_MAX_MS
                    + " ms (is: " + config.path("max.compaction.lag.ms").asText("unset, i.e. never") + "): it bounds how long "
                    + "an erased person's records stay after their tombstones");
        } else {
            Long minLag = millis(config, "min.compaction.lag.ms");
            if (minLag != null && minLag > maxLag) {
                fail(t, "min.compaction.lag.ms " + minLag + " > max.compaction.lag.ms " + maxLag);
            }
        }
    }

    /**
     * Dead letters of a personal-data topic are personal data in a topic that is not compacted, so a
     * tombstone never reaches them: they must expire, within the same bound.
     */
    private void personalDeadLetters(Manifest t, JsonNode config) {
        String policy = config.path("cleanup.policy").asText("delete").replace(" ", "");
        Long retention = millis(config, "retention.ms");
        if (!policy.equals("delete") || retention == null || retention <= 0 || retention > PERSONAL_DATA_MAX_MS) {
            fail(t, "the dead letters of a personal-data topic must be deleted (cleanup.policy delete) after a retention.ms "
                    + "of at most " + PERSONAL_DATA_MAX_MS + " ms (is: " + policy + ", " + config.path("retention.ms").asText("unset")
                    + "): they hold personal data that no erasure tombstone reaches");
        }
    }

    /** A numeric topic setting (Strimzi takes numbers or strings), or null if missing or not a number. */
    private static Long millis(JsonNode config, String key) {
        JsonNode value = config.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            return Long.parseLong(value.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void kafkaNodePool(Manifest p) {
        kafkaClusterExists(p);
    }

    private boolean kafkaClusterExists(Manifest m) {
        String cluster = m.json().path("metadata").path("labels").path("strimzi.io/cluster").asText("");
        if (cluster.isEmpty() || find("Kafka", m.namespace(), cluster) == null) {
            fail(m, "label strimzi.io/cluster must name a Kafka of the manifests (is: \"" + cluster + "\")");
            return false;
        }
        return true;
    }

    private void kafka(Manifest k) {
        for (JsonNode listener : k.json().path("spec").path("kafka").path("listeners")) {
            if (!listener.path("tls").asBoolean(false) || !listener.path("authentication").has("type")) {
                fail(k, "listener " + listener.path("name").asText() + " must use TLS and authentication "
                        + "(tls: true, authentication scram-sha-512 or tls)");
            }
        }
        if (!k.json().path("spec").path("kafka").path("authorization").has("type")) {
            fail(k, "spec.kafka.authorization is missing: without an authorizer every user may do everything");
        }
        int brokers = brokers(k);
        if (brokers == 0) {
            fail(k, "no KafkaNodePool with the broker role belongs to it");
            return;
        }
        JsonNode config = k.json().path("spec").path("kafka").path("config");
        for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor", "min.insync.replicas", "transaction.state.log.min.isr")) {
            if (config.has(key) && config.path(key).asInt() > brokers) {
                fail(k, "config " + key + " = " + config.path(key).asText() + " exceeds the " + brokers + " broker(s)");
            }
        }
    }

    /**
     * The management port is admitted from other namespaces (monitoring) only: a rule for it with no
     * peers (everyone) or with a peer that is a pod of the suite's own namespace is refused, so a
     * compromised gateway or service cannot read another's metrics or health details.
     */
    private void networkPolicy(Manifest n) {
        int i = 0;
        for (JsonNode rule : n.json().path("spec").path("ingress")) {
            boolean management = false;
            for (JsonNode port : rule.path("ports")) {
                management |= port.path("port").asText().equals(MANAGEMENT);
            }
            if (management) {
                if (!rule.path("from").isArray() || rule.path("from").isEmpty()) {
                    fail(n, "ingress[" + i + "] admits everyone to the " + MANAGEMENT + " port");
                }
                for (JsonNode peer : rule.path("from")) {
                    if (!peer.has("namespaceSelector") && !peer.has("ipBlock")) {
                        fail(n, "ingress[" + i + "] admits pods of its own namespace to the " + MANAGEMENT + " port; "
                                + "admit the monitoring namespace (namespaceSelector) instead");
                    }
                }
            }
            i++;
        }
    }

    // ------------------------------------------------------------------ helpers

    private Manifest find(String kind, String namespace, String name) {
        for (Manifest m : all) {
            if (m.kind().equals(kind) && m.namespace().equals(namespace) && m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode v : array) {
            if (v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a LabelSelector (matchLabels + matchExpressions) selects pods with these labels. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject()) {
            return false;
        }
        if (!matches(selector.path("matchLabels"), labels)) {
            return false;
        }
        for (JsonNode expr : selector.path("matchExpressions")) {
            String key = expr.path("key").asText();
            Set<String> values = new HashSet<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            boolean has = labels.has(key);
            String value = labels.path(key).asText();
            Predicate<String> ok = switch (expr.path("operator").asText()) {
                case "In" -> x -> has && values.contains(x);
                case "NotIn" -> x -> !has || !values.contains(x);
                case "Exists" -> x -> has;
                case "DoesNotExist" -> x -> !has;
                default -> x -> false;
            };
            if (!ok.test(value)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every key/value of a plain label map is among the labels. */
    static boolean matches(JsonNode matchLabels, JsonNode labels) {
        for (Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!labels.path(e.getKey()).asText("\u0000").equals(e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }
}
