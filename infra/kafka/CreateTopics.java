import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the suite's topics and their dead-letter topics if missing (run by ./crm with the Kafka
 * jars on the class path: java -cp 'libs/*' CreateTopics.java BOOTSTRAP TOPIC...). One JVM for all
 * topics instead of one kafka-topics call each.
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            topics.add(new NewTopic(args[i], 6, (short) 1));
            topics.add(new NewTopic(args[i] + ".dlq", 1, (short) 1));
            // The service's personal-data topic (platform PersonalData): compacted, so an erased
            // person's records are gone once their tombstones are compacted (same settings as k8s/).
            topics.add(new NewTopic(args[i] + ".personal", 6, (short) 1).configs(Map.of(
                    "cleanup.policy", "compact",
                    "segment.ms", "3600000",
                    "min.compaction.lag.ms", "0",
                    "max.compaction.lag.ms", "86400000",
                    "delete.retention.ms", "86400000")));
            // Dead letters of personal records are personal data too: kept a week, not a month (1 h segments:
            // Kafka deletes whole segments, so a week-long default segment could keep them two).
            topics.add(new NewTopic(args[i] + ".personal.dlq", 1, (short) 1).configs(Map.of(
                    "retention.ms", "604800000", "segment.ms", "3600000")));
        }
        long deadline = System.currentTimeMillis() + 60_000;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", args[0]))) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    break;
                } catch (Exception notYet) {
                    if (System.currentTimeMillis() > deadline) throw notYet;
                    Thread.sleep(300);
                }
            }
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    System.out.println("created topic " + entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
            }
        }
    }
}
