import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;

/**
 * Counts the CloudEvents about a set of customers on some topics, from offset 0 to the end, without
 * a consumer group (nothing is committed): per type, the records, the distinct event ids and the
 * distinct business keys (purchaseId, or sourceRef for points). Usage:
 * java -cp '.crm/kafka/libs/*' TopicCount.java BOOTSTRAP CUSTOMER_ID_FILE TOPIC...
 */
public class TopicCount {
    public static void main(String[] args) throws Exception {
        Set<String> customers = new HashSet<>(Files.readAllLines(Path.of(args[1])));
        Properties props = new Properties();
        props.put("bootstrap.servers", args[0]);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        props.put("enable.auto.commit", "false");
        props.put("isolation.level", "read_committed");
        ObjectMapper json = new ObjectMapper();
        Map<String, long[]> totals = new TreeMap<>();
        Map<String, Set<String>> ids = new HashMap<>(), keys = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Arrays.copyOfRange(args, 2, args.length)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.currentTimeMillis() + 90_000;
            while (System.currentTimeMillis() < deadline && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() == null || !customers.contains(r.key())) continue;
                    JsonNode e = json.readTree(r.value());
                    String type = e.path("type").asText();
                    totals.computeIfAbsent(type, t -> new long[1])[0]++;
                    ids.computeIfAbsent(type, t -> new HashSet<>()).add(e.path("id").asText());
                    JsonNode data = e.path("data");
                    String key = data.hasNonNull("purchaseId") && type.startsWith("crm.purchase") ? data.get("purchaseId").asText()
                            : data.hasNonNull("sourceRef") ? data.get("sourceRef").asText() : e.path("id").asText();
                    keys.computeIfAbsent(type, t -> new HashSet<>()).add(key);
                }
            }
        }
        StringBuilder out = new StringBuilder("{");
        for (var t : totals.entrySet()) {
            if (out.length() > 1) out.append(',');
            out.append('"').append(t.getKey()).append("\":{\"total\":").append(t.getValue()[0]).append(",\"distinctIds\":")
                    .append(ids.get(t.getKey()).size()).append(",\"distinct\":").append(keys.get(t.getKey()).size()).append('}');
        }
        System.out.println(out.append('}'));
    }
}
