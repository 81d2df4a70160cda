package dev.crmsuite.k8s;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the check can fail: a valid slice of the dev overlay passes, and each single defect put
 * into it (a misspelled field, a wrong enum value, a policy breach) is reported.
 */
class ManifestValidatorTest {

    static ManifestValidator validator;
    static String slice;

    @BeforeAll
    static void load() throws IOException {
        validator = new ManifestValidator();
        try (InputStream in = ManifestValidatorTest.class.getResourceAsStream("/valid-slice.yaml")) {
            slice = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The fixture, fresh each time, with one object changed. */
    static List<Manifest> with(String kind, String name, Consumer<ObjectNode> change) {
        List<Manifest> manifests = new ArrayList<>(Manifest.parse("slice.yaml", slice));
        boolean found = false;
        for (Manifest m : manifests) {
            if (m.kind().equals(kind) && m.name().startsWith(name)) {
                change.accept(m.json());
                found = true;
            }
        }
        assertTrue(found, "fixture has no " + kind + " " + name);
        return manifests;
    }

    /** {@code manifests} with one more object changed. */
    static List<Manifest> withAlso(List<Manifest> manifests, String kind, String name, Consumer<ObjectNode> change) {
        for (Manifest m : manifests) {
            if (m.kind().equals(kind) && m.name().startsWith(name)) {
                change.accept(m.json());
            }
        }
        return manifests;
    }

    static ObjectNode container(ObjectNode deployment) {
        return (ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0);
    }

    static void assertReported(List<Manifest> manifests, String... expected) {
        List<String> violations = validator.validate(manifests);
        for (String e : expected) {
            assertTrue(violations.stream().anyMatch(v -> v.contains(e)),
                    () -> "expected a violation mentioning \"" + e + "\", got:\n  " + String.join("\n  ", violations));
        }
    }

    @Test
    void theValidSlicePasses() {
        assertEquals(List.of(), validator.validate(Manifest.parse("slice.yaml", slice)));
    }

    // ------------------------------------------------------------------ schema: unknown fields

    @Test
    void aMisspelledContainerFieldFails() {
        assertReported(with("Deployment", "customer-service", d -> container(d).put("imagePullPolicyy", "IfNotPresent")),
                "Deployment crm-dev/customer-service: schema:", "imagePullPolicyy");
    }

    @Test
    void aMisspelledFieldInTheDeploymentSpecFails() {
        assertReported(with("Deployment", "customer-service", d -> ((ObjectNode) d.path("spec")).put("replica", 2)),
                "replica");
    }

    @Test
    void aMissingRequiredFieldFails() {
        assertReported(with("Deployment", "customer-service", d -> ((ObjectNode) d.path("spec")).remove("selector")),
                "selector");
    }

    @Test
    void aMisspelledFieldInAStrimziTopicFails() {
        assertReported(with("KafkaTopic", "crm.customers", t -> ((ObjectNode) t.path("spec")).put("partition", 3)),
                "KafkaTopic crm-dev/crm.customers", "partition");
    }

    @Test
    void aMisspelledFieldDeepInACloudNativePgClusterFails() {
        assertReported(with("Cluster", "crm-customer-db",
                        c -> ((ObjectNode) c.path("spec").path("bootstrap").path("initdb")).put("databse", "x")),
                "Cluster crm-dev/crm-customer-db", "databse");
    }

    @Test
    void aWrongEnumValueInACrdFails() {
        assertReported(with("KafkaNodePool", "crm-kafka-nodes",
                        p -> ((ArrayNode) p.path("spec").path("roles")).add("zookeeper")),
                "KafkaNodePool crm-dev/crm-kafka-nodes", "roles");
    }

    @Test
    void aMisspelledMetadataFieldOfACustomResourceFails() {
        assertReported(with("Kafka", "crm-kafka", k -> ((ObjectNode) k.path("metadata")).putObject("lables")),
                "Kafka crm-dev/crm-kafka: metadata:", "lables");
    }

    @Test
    void freeFormBrokerConfigStaysOpen() {
        // spec.kafka.config is x-kubernetes-preserve-unknown-fields: any broker setting is allowed there.
        List<Manifest> manifests = with("Kafka", "crm-kafka",
                k -> ((ObjectNode) k.path("spec").path("kafka").path("config")).put("log.cleaner.threads", 2));
        assertEquals(List.of(), validator.validate(manifests));
    }

    @Test
    void anUnknownKindFails() {
        List<Manifest> manifests = with("Kafka", "crm-kafka", k -> k.put("apiVersion", "kafka.strimzi.io/v1beta2"));
        assertReported(manifests, "unknown kind kafka.strimzi.io/v1beta2 Kafka");
    }

    // ------------------------------------------------------------------ enums the models do not check

    @Test
    void aWrongImagePullPolicyFails() {
        assertReported(with("Deployment", "customer-service", d -> container(d).put("imagePullPolicy", "Sometimes")),
                "imagePullPolicy: \"Sometimes\"");
    }

    @Test
    void aWrongPortProtocolFails() {
        assertReported(with("Service", "customer-service",
                        s -> ((ObjectNode) s.path("spec").path("ports").get(0)).put("protocol", "HTTP")),
                "protocol: \"HTTP\"");
    }

    @Test
    void aWrongRestartPolicyFails() {
        assertReported(with("Deployment", "customer-service",
                        d -> ((ObjectNode) d.path("spec").path("template").path("spec")).put("restartPolicy", "Never")),
                "restartPolicy");
    }

    // ------------------------------------------------------------------ policy

    @Test
    void aMissingReadinessProbeFails() {
        assertReported(with("Deployment", "customer-service", d -> container(d).remove("readinessProbe")),
                "readinessProbe is missing");
    }

    @Test
    void theLatestTagFails() {
        assertReported(with("Deployment", "customer-service",
                        d -> container(d).put("image", "registry.example.com/crm-suite/customer-service:latest")),
                "uses the tag latest");
    }

    @Test
    void anUntaggedImageFails() {
        assertReported(with("Deployment", "customer-service",
                        d -> container(d).put("image", "registry.example.com:5000/crm-suite/customer-service")),
                "has no tag");
    }

    @Test
    void plainSecretDataFails() {
        List<Manifest> manifests = new ArrayList<>(Manifest.parse("slice.yaml", slice));
        manifests.addAll(Manifest.parse("slice.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: crm-customer-db-app
                  namespace: crm-dev
                stringData:
                  password: hunter2
                """));
        assertReported(manifests, "Secret crm-dev/crm-customer-db-app: a Secret with data");
    }

    @Test
    void aLiteralPasswordInTheEnvironmentFails() {
        assertReported(with("Deployment", "customer-service", d -> {
            ObjectNode env = (ObjectNode) container(d).path("env").get(1);
            env.remove("valueFrom");
            env.put("value", "hunter2");
        }), "env CRM_DB_PASSWORD has a literal value", "CRM_DB_PASSWORD must come from Secret crm-customer-db-app");
    }

    // ------------------------------------------------------------------ keys and the management interface

    static ObjectNode pod(ObjectNode deployment) {
        return (ObjectNode) deployment.path("spec").path("template").path("spec");
    }

    static ObjectNode internalTokenVolume(ObjectNode deployment) {
        for (var v : pod(deployment).path("volumes")) {
            if (v.path("name").asText().equals("internal-token")) {
                return (ObjectNode) v;
            }
        }
        throw new AssertionError("no internal-token volume in the fixture");
    }

    @Test
    void aServiceWithoutTheInternalTokenKeyFails() {
        assertReported(with("ConfigMap", "customer-service", c -> ((ObjectNode) c.path("data")).remove("CRM_INTERNAL_PUBLIC_KEY_LOCATION")),
                "CRM_INTERNAL_PUBLIC_KEY_LOCATION must name a file of a mounted Secret");
    }

    @Test
    void aKeyLocationOnNoMountedVolumeFails() {
        assertReported(with("ConfigMap", "customer-service", c -> ((ObjectNode) c.path("data"))
                        .put("CRM_INTERNAL_PUBLIC_KEY_LOCATION", "/opt/keys/public.pem")),
                "CRM_INTERNAL_PUBLIC_KEY_LOCATION=/opt/keys/public.pem is on no mounted volume");
    }

    @Test
    void aPrivateKeyLocationIsNotACredentialButMustComeFromASecret() {
        // The name contains PRIVATE_KEY, yet it is a location: allowed in a ConfigMap when it points into a Secret...
        List<Manifest> manifests = with("ConfigMap", "customer-service", c -> ((ObjectNode) c.path("data"))
                .put("CRM_INTERNAL_PRIVATE_KEY_LOCATION", "/etc/crm/internal-token/private.pem"));
        manifests = withAlso(manifests, "Deployment", "customer-service", d -> ((ArrayNode) internalTokenVolume(d).path("secret")
                .path("items")).addObject().put("key", "private.pem").put("path", "private.pem"));
        assertEquals(List.of(), validator.validate(manifests));
        // ... and refused when it points into an emptyDir.
        assertReported(with("ConfigMap", "customer-service", c -> ((ObjectNode) c.path("data"))
                        .put("CRM_INTERNAL_PRIVATE_KEY_LOCATION", "/tmp/private.pem")),
                "CRM_INTERNAL_PRIVATE_KEY_LOCATION must point into a mounted Secret");
    }

    @Test
    void aServiceMountingThePrivateKeyFails() {
        assertReported(with("Deployment", "customer-service", d -> ((ArrayNode) internalTokenVolume(d).path("secret").path("items"))
                        .addObject().put("key", "private.pem").put("path", "private.pem")),
                "mounts the private key private.pem of Secret crm-internal-token without signing with it");
    }

    @Test
    void aWholeSecretVolumeFails() {
        assertReported(with("Deployment", "customer-service", d -> ((ObjectNode) internalTokenVolume(d).path("secret")).remove("items")),
                "Secret volume internal-token mounts every key of its Secret");
    }

    @Test
    void probesOnTheApiPortFail() {
        assertReported(with("Deployment", "customer-service",
                        d -> ((ObjectNode) container(d).path("readinessProbe").path("httpGet")).put("port", "http")),
                "readinessProbe must use the management port");
    }

    @Test
    void aContainerWithoutAManagementPortFails() {
        assertReported(with("Deployment", "customer-service", d -> ((ArrayNode) container(d).path("ports")).remove(1)),
                "no container port named management");
    }

    @Test
    void scrapingAnotherPortFails() {
        assertReported(with("Deployment", "customer-service", d -> ((ObjectNode) d.path("spec").path("template").path("metadata")
                        .path("annotations")).put("prometheus.io/port", "8080")),
                "prometheus.io/port must be the management port 9000");
    }

    @Test
    void aServiceExposingTheManagementPortFails() {
        assertReported(with("Service", "customer-service", s -> ((ArrayNode) s.path("spec").path("ports")).addObject()
                        .put("name", "management").put("port", 9000).put("targetPort", "management").put("protocol", "TCP")),
                "exposes the management port of customer-service");
    }

    @Test
    void admittingTheSuitesOwnPodsToTheManagementPortFails() {
        assertReported(with("NetworkPolicy", "management-from-monitoring", n -> ((ArrayNode) n.path("spec").path("ingress").get(0)
                        .path("from")).addObject().putObject("podSelector").putObject("matchLabels").put("crmsuite.dev/tier", "gateway")),
                "admits pods of its own namespace to the management port");
    }

    @Test
    void aSecretTheOperatorDoesNotGenerateFails() {
        assertReported(with("Deployment", "customer-service",
                        d -> ((ObjectNode) container(d).path("env").get(0).path("valueFrom").path("secretKeyRef"))
                                .put("name", "my-handmade-secret")),
                "which no CloudNativePG Cluster generates");
    }

    @Test
    void aWritableRootFilesystemFails() {
        assertReported(with("Deployment", "customer-service",
                        d -> ((ObjectNode) container(d).path("securityContext")).put("readOnlyRootFilesystem", false)),
                "readOnlyRootFilesystem must be true");
    }

    @Test
    void privilegeEscalationAndCapabilitiesFail() {
        assertReported(with("Deployment", "customer-service", d -> {
            ObjectNode sc = (ObjectNode) container(d).path("securityContext");
            sc.remove("allowPrivilegeEscalation");
            sc.remove("capabilities");
        }), "allowPrivilegeEscalation must be false", "capabilities.drop must contain ALL");
    }

    @Test
    void runningAsRootFails() {
        assertReported(with("Deployment", "customer-service", d -> {
            ((ObjectNode) container(d).path("securityContext")).remove("runAsNonRoot");
            ((ObjectNode) d.path("spec").path("template").path("spec").path("securityContext")).remove("runAsNonRoot");
        }), "runAsNonRoot must be true");
    }

    @Test
    void missingResourceLimitsFail() {
        assertReported(with("Deployment", "customer-service",
                        d -> ((ObjectNode) container(d).path("resources")).remove("limits")),
                "resources.limits.cpu is missing", "resources.limits.memory is missing");
    }

    @Test
    void aGracePeriodShorterThanTheShutdownFails() {
        assertReported(with("Deployment", "customer-service",
                        d -> ((ObjectNode) d.path("spec").path("template").path("spec")).put("terminationGracePeriodSeconds", 20)),
                "terminationGracePeriodSeconds 20");
    }

    @Test
    void aDeploymentWithoutPdbFails() {
        List<Manifest> manifests = Manifest.parse("slice.yaml", slice).stream()
                .filter(m -> !m.kind().equals("PodDisruptionBudget")).toList();
        assertReported(manifests, "no PodDisruptionBudget selects its pods");
    }

    @Test
    void aDeploymentWithoutItsServiceAccountFails() {
        List<Manifest> manifests = Manifest.parse("slice.yaml", slice).stream()
                .filter(m -> !m.kind().equals("ServiceAccount")).toList();
        assertReported(manifests, "ServiceAccount customer-service is not part of the manifests");
    }

    @Test
    void moreTopicReplicasThanBrokersFail() {
        assertReported(with("KafkaTopic", "crm.customers", t -> ((ObjectNode) t.path("spec")).put("replicas", 3)),
                "spec.replicas 3 exceeds the 1 broker(s)");
    }

    @Test
    void aPersonalTopicThatIsNotCompactedFails() {
        assertReported(with("KafkaTopic", "crm.customers.personal", t -> ((ObjectNode) t.path("spec").path("config"))
                        .put("cleanup.policy", "delete")),
                "KafkaTopic crm-dev/crm.customers.personal: a personal-data topic must have cleanup.policy compact (is: delete)");
        assertReported(with("KafkaTopic", "crm.customers.personal", t -> ((ObjectNode) t.path("spec").path("config"))
                        .put("cleanup.policy", "compact,delete")),
                "a personal-data topic must have cleanup.policy compact (is: compact,delete)");
    }

    @Test
    void aPersonalTopicWithoutFiniteCompactionLagFails() {
        assertReported(with("KafkaTopic", "crm.customers.personal", t -> ((ObjectNode) t.path("spec").path("config"))
                        .remove("max.compaction.lag.ms")),
                "KafkaTopic crm-dev/crm.customers.personal: a personal-data topic needs a finite max.compaction.lag.ms",
                "is: unset, i.e. never");
        // Kafka's default: compaction whenever the log happens to be dirty enough.
        assertReported(with("KafkaTopic", "crm.customers.personal", t -> ((ObjectNode) t.path("spec").path("config"))
                        .put("max.compaction.lag.ms", Long.MAX_VALUE)),
                "a personal-data topic needs a finite max.compaction.lag.ms");
        assertReported(with("KafkaTopic", "crm.customers.personal", t -> ((ObjectNode) t.path("spec").path("config"))
                        .put("min.compaction.lag.ms", 172800000)),
                "min.compaction.lag.ms 172800000 > max.compaction.lag.ms 86400000");
    }

    @Test
    void personalDeadLettersKeptForeverFail() {
        assertReported(with("KafkaTopic", "crm.customers.personal.dlq", t -> ((ObjectNode) t.path("spec").path("config"))
                        .put("retention.ms", -1)),
                "KafkaTopic crm-dev/crm.customers.personal.dlq: the dead letters of a personal-data topic must be deleted");
    }

    @Test
    void aDatabaseUrlOfAnotherClusterFails() {
        assertReported(with("ConfigMap", "customer-service", c -> ((ObjectNode) c.path("data"))
                        .put("CRM_DB_URL", "jdbc:postgresql://crm-loyalty-db-rw:5432/crm_loyalty")),
                "CRM_DB_URL host crm-loyalty-db-rw is not the -rw Service of a CloudNativePG Cluster");
    }

    @Test
    void aConfiguredGatewayReplicaCountFails() {
        assertReported(with("ConfigMap", "customer-service",
                        c -> ((ObjectNode) c.path("data")).put("CRM_GATEWAY_REPLICAS", "3")),
                "CRM_GATEWAY_REPLICAS is obsolete");
    }

    // ------------------------------------------------------------------ scaling and connection budgets

    static List<Manifest> plus(List<Manifest> manifests, String yaml) {
        List<Manifest> out = new ArrayList<>(manifests);
        out.addAll(Manifest.parse("slice.yaml", yaml));
        return out;
    }

    static final String CUSTOMER_HPA = """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: customer-service
              namespace: crm-dev
            spec:
              scaleTargetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: customer-service
              minReplicas: 1
              maxReplicas: 2
              metrics:
                - type: Resource
                  resource:
                    name: cpu
                    target:
                      type: Utilization
                      averageUtilization: 70
            """;

    static final String CUSTOMER_POOLER = """
            apiVersion: postgresql.cnpg.io/v1
            kind: Pooler
            metadata:
              name: crm-customer-db-pooler-rw
              namespace: crm-dev
            spec:
              cluster:
                name: crm-customer-db
              type: rw
              instances: 1
              pgbouncer:
                poolMode: transaction
                parameters:
                  default_pool_size: "20"
                  max_client_conn: "100"
            """;

    @Test
    void replicasBesideAnHpaFail() {
        assertReported(plus(Manifest.parse("slice.yaml", slice), CUSTOMER_HPA),
                "HorizontalPodAutoscaler crm-dev/customer-service: it scales Deployment customer-service, which also sets spec.replicas");
    }

    @Test
    void anHpaOwningTheCountPasses() {
        List<Manifest> manifests = plus(with("Deployment", "customer-service", d -> ((ObjectNode) d.path("spec")).remove("replicas")),
                CUSTOMER_HPA);
        assertEquals(List.of(), validator.validate(manifests));
    }

    @Test
    void directConnectionsAboveMaxConnectionsFail() {
        // The slice's cluster has max_connections 50: 45 x 1 replica leaves less than the reserve of 10.
        assertReported(with("ConfigMap", "customer-service", c -> ((ObjectNode) c.path("data")).put("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "45")),
                "Cluster crm-dev/crm-customer-db: connection budget 45 (customer-service 45 x 1) exceeds max_connections 50");
    }

    @Test
    void directConnectionsCountAtTheHpaMaximum() {
        // 20 x 2 (HPA maximum) = 40 fits 50 - 10; at 3 replicas (60) it does not.
        List<Manifest> fits = plus(with("Deployment", "customer-service", d -> ((ObjectNode) d.path("spec")).remove("replicas")), CUSTOMER_HPA);
        assertEquals(List.of(), validator.validate(fits));
        List<Manifest> over = withAlso(fits, "HorizontalPodAutoscaler", "customer-service",
                h -> ((ObjectNode) h.path("spec")).put("maxReplicas", 3));
        assertReported(over, "connection budget 60 (customer-service 20 x 3)");
    }

    @Test
    void throughAPoolerOnlyThePoolersServerConnectionsCount() {
        List<Manifest> manifests = plus(with("ConfigMap", "customer-service", c -> ((ObjectNode) c.path("data"))
                .put("CRM_DB_URL", "jdbc:postgresql://crm-customer-db-pooler-rw:5432/crm_customer?sslmode=require&prepareThreshold=0")),
                CUSTOMER_POOLER);
        assertEquals(List.of(), validator.validate(manifests));
        List<Manifest> over = withAlso(manifests, "Pooler", "crm-customer-db-pooler-rw",
                p -> ((ObjectNode) p.path("spec")).put("instances", 3));
        assertReported(over, "connection budget 60 (Pooler crm-customer-db-pooler-rw 20 x 3) exceeds max_connections 50");
    }

    @Test
    void moreClientsThanThePoolerAcceptsFail() {
        List<Manifest> manifests = plus(with("ConfigMap", "customer-service", c -> ((ObjectNode) c.path("data"))
                .put("CRM_DB_URL", "jdbc:postgresql://crm-customer-db-pooler-rw:5432/crm_customer?sslmode=require")),
                CUSTOMER_POOLER.replace("max_client_conn: \"100\"", "max_client_conn: \"10\""));
        assertReported(manifests, "Pooler crm-dev/crm-customer-db-pooler-rw: its clients open up to 20 connections");
    }

    @Test
    void aPoolerOfAnUnknownClusterFails() {
        assertReported(plus(Manifest.parse("slice.yaml", slice), CUSTOMER_POOLER.replace("name: crm-customer-db\n", "name: crm-nope-db\n")),
                "spec.cluster.name crm-nope-db is not a Cluster");
    }

    // ------------------------------------------------------------------ backups

    @Test
    void aClusterWithoutWalArchivingFails() {
        assertReported(with("Cluster", "crm-customer-db", c -> ((ObjectNode) c.path("spec")).remove("plugins")),
                "Cluster crm-dev/crm-customer-db: no WAL archiving");
    }

    @Test
    void archivingIntoAnUnknownObjectStoreFails() {
        assertReported(with("Cluster", "crm-customer-db", c -> ((ObjectNode) c.path("spec").path("plugins").get(0).path("parameters"))
                        .put("barmanObjectName", "nowhere")),
                "barmanObjectName \"nowhere\" is not an ObjectStore");
    }

    @Test
    void aClusterWithoutScheduledBackupFails() {
        List<Manifest> manifests = Manifest.parse("slice.yaml", slice).stream().filter(m -> !m.kind().equals("ScheduledBackup")).toList();
        assertReported(manifests, "Cluster crm-dev/crm-customer-db: no ScheduledBackup takes its base backups");
    }

    @Test
    void aScheduledBackupByAnotherMethodFails() {
        assertReported(with("ScheduledBackup", "crm-customer-db-daily", b -> ((ObjectNode) b.path("spec")).put("method", "volumeSnapshot")),
                "method must be plugin");
    }

    @Test
    void aFiveFieldScheduleFails() {
        assertReported(with("ScheduledBackup", "crm-customer-db-daily", b -> ((ObjectNode) b.path("spec")).put("schedule", "0 2 * * *")),
                "is not a six-field cron expression");
    }

    @Test
    void anObjectStoreWithoutRetentionFails() {
        assertReported(with("ObjectStore", "crm-backups", s -> ((ObjectNode) s.path("spec")).remove("retentionPolicy")),
                "ObjectStore crm-dev/crm-backups: spec.retentionPolicy must say how long backups are kept");
    }

    @Test
    void aMisspelledObjectStoreFieldFails() {
        assertReported(with("ObjectStore", "crm-backups", s -> ((ObjectNode) s.path("spec").path("configuration")).put("destinationPth", "s3://x")),
                "ObjectStore crm-dev/crm-backups: schema:", "destinationPth");
    }

    @Test
    void aRecoveredClusterArchivingIntoItsSourceFails() {
        assertReported(with("Cluster", "crm-customer-db", c -> {
            ObjectNode spec = (ObjectNode) c.path("spec");
            ((ObjectNode) spec.path("plugins").get(0).path("parameters")).put("serverName", "crm-old-db");
            ObjectNode bootstrap = spec.putObject("bootstrap");
            bootstrap.putObject("recovery").put("source", "old");
            ObjectNode external = spec.putArray("externalClusters").addObject();
            external.put("name", "old");
            ObjectNode plugin = external.putObject("plugin");
            plugin.put("name", "barman-cloud.cloudnative-pg.io");
            plugin.putObject("parameters").put("barmanObjectName", "crm-backups").put("serverName", "crm-old-db");
        }), "archives its WAL into crm-backups/crm-old-db, the archive it is recovered from");
    }

    // ------------------------------------------------------------------ Kafka security and egress

    @Test
    void aPlainKafkaListenerFails() {
        assertReported(with("Kafka", "crm-kafka", k -> {
            ObjectNode listener = (ObjectNode) k.path("spec").path("kafka").path("listeners").get(0);
            listener.put("tls", false);
            listener.remove("authentication");
        }), "listener tls must use TLS and authentication");
    }

    @Test
    void kafkaWithoutAnAuthorizerFails() {
        assertReported(with("Kafka", "crm-kafka", k -> ((ObjectNode) k.path("spec").path("kafka")).remove("authorization")),
                "spec.kafka.authorization is missing");
    }

    @Test
    void aPlaintextClientOnTheTlsListenerFails() {
        assertReported(with("ConfigMap", "customer-service", c -> ((ObjectNode) c.path("data")).put("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")),
                "KAFKA_SECURITY_PROTOCOL is PLAINTEXT but listener tls needs SASL_SSL");
    }

    @Test
    void aTruststoreThatIsNotTheClusterCaFails() {
        assertReported(with("ConfigMap", "customer-service", c -> ((ObjectNode) c.path("data"))
                        .put("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/crm/internal-token/public.pem")),
                "KAFKA_SSL_TRUSTSTORE_LOCATION must be a file of the mounted Secret crm-kafka-cluster-ca-cert");
    }

    @Test
    void scramCredentialsFromNoKafkaUserFail() {
        List<Manifest> manifests = Manifest.parse("slice.yaml", slice).stream().filter(m -> !m.kind().equals("KafkaUser")).toList();
        assertReported(manifests, "KAFKA_SASL_JAAS_CONFIG must come from the Secret of a KafkaUser of Kafka crm-kafka",
                "env KAFKA_SASL_JAAS_CONFIG reads Secret customer-service, which no CloudNativePG Cluster generates");
    }

    @Test
    void anAclOnAnUndeclaredTopicFails() {
        assertReported(with("KafkaUser", "customer-service", u -> ((ObjectNode) u.path("spec").path("authorization").path("acls").get(0)
                        .path("resource")).put("name", "crm.customer")),
                "KafkaUser crm-dev/customer-service: an ACL names topic crm.customer, which no KafkaTopic declares");
    }

    @Test
    void aWildcardAclFails() {
        assertReported(with("KafkaUser", "customer-service", u -> ((ObjectNode) u.path("spec").path("authorization").path("acls").get(1)
                        .path("resource")).put("name", "*")),
                "an ACL names every group (*)");
    }

    @Test
    void aWorkloadWithoutAnEgressPolicyFails() {
        List<Manifest> manifests = Manifest.parse("slice.yaml", slice).stream()
                .filter(m -> !m.name().equals("egress-customer-service")).toList();
        assertReported(manifests, "Deployment crm-dev/customer-service: no egress NetworkPolicy selects its pods");
    }

    @Test
    void anEgressPolicyWithoutDnsFails() {
        assertReported(with("NetworkPolicy", "egress-customer-service", n -> ((ArrayNode) n.path("spec").path("egress")).remove(0)),
                "its egress NetworkPolicies allow no DNS");
    }

    // ------------------------------------------------------------------ Gateway API

    static final String PUBLIC_GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: crm-public
              namespace: crm-dev
              annotations:
                cert-manager.io/cluster-issuer: letsencrypt-staging
            spec:
              gatewayClassName: eg
              listeners:
                - name: https
                  hostname: crm-dev.example.com
                  port: 443
                  protocol: HTTPS
                  tls:
                    mode: Terminate
                    certificateRefs:
                      - kind: Secret
                        name: crm-gateway-tls
                - name: http
                  hostname: crm-dev.example.com
                  port: 80
                  protocol: HTTP
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: api
              namespace: crm-dev
            spec:
              parentRefs:
                - name: crm-public
                  sectionName: https
              hostnames:
                - crm-dev.example.com
              rules:
                - matches:
                    - path:
                        type: PathPrefix
                        value: /api
                  backendRefs:
                    - name: customer-service
                      port: 8080
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: customer-service-from-gateway-implementation
              namespace: crm-dev
            spec:
              podSelector:
                matchLabels:
                  app.kubernetes.io/name: customer-service
              policyTypes:
                - Ingress
              ingress:
                - from:
                    - namespaceSelector:
                        matchLabels:
                          kubernetes.io/metadata.name: envoy-gateway-system
                  ports:
                    - port: http
                      protocol: TCP
            """;

    static List<Manifest> withGateway(String yaml) {
        return plus(Manifest.parse("slice.yaml", slice), yaml);
    }

    @Test
    void aGatewayWithACertManagerIssuerAndARoutedApiPasses() {
        assertEquals(List.of(), validator.validate(withGateway(PUBLIC_GATEWAY)));
    }

    @Test
    void aTlsListenerWithoutAnIssuerFails() {
        assertReported(withGateway(PUBLIC_GATEWAY.replace("cert-manager.io/cluster-issuer: letsencrypt-staging", "example.com/note: x")),
                "Gateway crm-dev/crm-public: listener https uses TLS but the Gateway names no cert-manager issuer");
    }

    @Test
    void aMisspelledGatewayFieldFails() {
        assertReported(withGateway(PUBLIC_GATEWAY.replace("gatewayClassName: eg", "gatewayClass: eg")),
                "Gateway crm-dev/crm-public: schema:", "gatewayClass");
    }

    @Test
    void routingTheManagementPathsFails() {
        assertReported(withGateway(PUBLIC_GATEWAY.replace("value: /api", "value: /q/metrics")),
                "HTTPRoute crm-dev/api: rules[0]: routes /q/metrics to a backend");
    }

    @Test
    void aBackendOverPlainHttpFails() {
        assertReported(withGateway(PUBLIC_GATEWAY.replace("sectionName: https", "sectionName: http")),
                "reaches a backend over a plain-HTTP listener");
    }

    @Test
    void aRouteToPodsThatAdmitNobodyFromOutsideFails() {
        String withoutPolicy = PUBLIC_GATEWAY.substring(0, PUBLIC_GATEWAY.lastIndexOf("---"));
        assertReported(withGateway(withoutPolicy),
                "no NetworkPolicy admits the Gateway implementation (another namespace) to the pods of Service customer-service");
    }

    @Test
    void aRouteToAnUnknownGatewayFails() {
        assertReported(withGateway(PUBLIC_GATEWAY.replace("- name: crm-public\n", "- name: elsewhere\n")),
                "parentRefs names Gateway elsewhere");
    }

    // ------------------------------------------------------------------ monitoring

    @Test
    void aWorkloadNoPodMonitorScrapesFails() {
        List<Manifest> manifests = Manifest.parse("slice.yaml", slice).stream().filter(m -> !m.kind().equals("PodMonitor")).toList();
        assertReported(manifests, "Deployment crm-dev/customer-service: no PodMonitor scrapes its metrics");
    }

    @Test
    void aPodMonitorOnTheApiPortFails() {
        assertReported(with("PodMonitor", "crm-workloads", m -> ((ObjectNode) m.path("spec").path("podMetricsEndpoints").get(0)).put("port", "http")),
                "no PodMonitor scrapes its metrics (port management, path /q/metrics)");
    }

    @Test
    void aMisspelledPodMonitorFieldFails() {
        assertReported(with("PodMonitor", "crm-workloads", m -> ((ObjectNode) m.path("spec")).putArray("podMetricEndpoints")),
                "PodMonitor crm-dev/crm-workloads: schema:", "podMetricEndpoints");
    }

    @Test
    void anAlertWithoutSeverityOrSummaryFails() {
        assertReported(plus(Manifest.parse("slice.yaml", slice), """
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata:
                  name: crm-suite
                  namespace: crm-dev
                spec:
                  groups:
                    - name: crm-events
                      rules:
                        - alert: CrmOutboxLag
                          expr: crm_outbox_pending > 100
                """), "alert CrmOutboxLag needs labels.severity", "alert CrmOutboxLag needs annotations.summary");
    }
}
