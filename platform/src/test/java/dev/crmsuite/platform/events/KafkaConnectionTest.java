package dev.crmsuite.platform.events;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaConnectionTest {

    @Test
    void security_settings_reach_every_client_and_unrelated_kafka_properties_do_not() {
        Map<String, String> config = Map.of(
                "bootstrap.servers", "crm-kafka-kafka-bootstrap:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\" password=\"b\";",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", "/etc/crm/kafka-ca/ca.crt",
                "ssl.keystore.password", " ",
                "acks", "0");
        KafkaConnection connection = new KafkaConnection(name -> Optional.ofNullable(config.get(name)));

        Map<String, Object> settings = connection.clientSettings();
        assertThat(settings).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/crm/kafka-ca/ca.crt")
                .containsKey("sasl.jaas.config")
                .doesNotContainKeys("acks", "ssl.keystore.password");
        settings.put("acks", "all");
        assertThat(connection.clientSettings()).doesNotContainKey("acks");
    }

    @Test
    void locally_only_the_bootstrap_servers_and_without_them_start_up_fails() {
        assertThat(new KafkaConnection(name -> name.equals("bootstrap.servers") ? Optional.of("localhost:9092") : Optional.empty())
                .clientSettings()).containsOnlyKeys("bootstrap.servers");
        assertThatThrownBy(() -> new KafkaConnection(name -> Optional.empty())).hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    }
}
