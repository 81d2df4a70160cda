package dev.crmsuite.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How every Kafka client of a service (the outbox relay, the consumers and their dead-letter producer,
 * the health check) reaches the cluster: the bootstrap servers plus the security settings a cluster
 * with TLS and SASL needs ({@code kafka.security.protocol}, {@code kafka.sasl.*}, {@code kafka.ssl.*};
 * env {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_JAAS_CONFIG}, ... — see k8s/README.md). Each
 * client adds its own tuning on top. Read by name from a fixed list rather than by enumerating every
 * {@code kafka.*} property (Quarkus' "default-kafka-broker" map): an environment variable is only
 * found by enumeration under its upper-case name, and {@code sasl.jaas.config} must not become
 * {@code sasl.jaas_config} on the way. Local ./crm up sets only the bootstrap servers.
 */
@ApplicationScoped
public class KafkaConnection {

    /** The client settings that say how to connect, as Kafka names them (without the kafka. prefix). */
    static final List<String> SETTINGS = List.of(
            "bootstrap.servers", "client.dns.lookup", "security.protocol",
            "sasl.mechanism", "sasl.jaas.config", "sasl.client.callback.handler.class", "sasl.login.callback.handler.class",
            "ssl.protocol", "ssl.enabled.protocols", "ssl.endpoint.identification.algorithm",
            "ssl.truststore.type", "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.certificates",
            "ssl.keystore.type", "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.key",
            "ssl.keystore.certificate.chain", "ssl.key.password");

    private final Map<String, Object> settings;

    @Inject
    KafkaConnection(Config config) {
        this(name -> config.getOptionalValue("kafka." + name, String.class));
    }

    KafkaConnection(Function<String, Optional<String>> lookup) {
        Map<String, Object> found = new HashMap<>();
        for (String name : SETTINGS) {
            lookup.apply(name).filter(v -> !v.isBlank()).ifPresent(v -> found.put(name, v));
        }
        if (!found.containsKey("bootstrap.servers")) {
            throw new IllegalStateException("kafka.bootstrap.servers (KAFKA_BOOTSTRAP_SERVERS) is not set");
        }
        this.settings = Map.copyOf(found);
    }

    /** A fresh, mutable map of the connection settings for one client to add its own to. */
    public Map<String, Object> clientSettings() {
        return new HashMap<>(settings);
    }

    /** The bootstrap servers, for messages. */
    public String bootstrapServers() {
        return (String) settings.get("bootstrap.servers");
    }
}
