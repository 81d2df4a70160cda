package dev.crmsuite.platform.inbox;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FormerGroupOffsetsTest {

    static TopicPartition loyalty(int partition) {
        return new TopicPartition("crm.loyalty", partition);
    }

    static TopicPartition complaints(int partition) {
        return new TopicPartition("crm.complaints", partition);
    }

    @Test
    void each_partition_starts_at_the_least_offset_of_the_members_that_read_it() {
        Map<String, Set<String>> former = Map.of(
                "svc.timeline", Set.of("crm.loyalty", "crm.complaints"),
                "svc.tiers", Set.of("crm.loyalty"));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = Map.of(
                "svc.timeline", Map.of(loyalty(0), new OffsetAndMetadata(40), loyalty(1), new OffsetAndMetadata(7),
                        complaints(0), new OffsetAndMetadata(12)),
                "svc.tiers", Map.of(loyalty(0), new OffsetAndMetadata(35), loyalty(1), new OffsetAndMetadata(9),
                        loyalty(2), new OffsetAndMetadata(3),
                        // an offset on a topic the subscriber no longer reads does not count
                        complaints(1), new OffsetAndMetadata(1)));

        assertThat(FormerGroupOffsets.startOf(former, committed)).isEqualTo(Map.of(
                loyalty(0), new OffsetAndMetadata(35),
                loyalty(1), new OffsetAndMetadata(7),
                loyalty(2), new OffsetAndMetadata(3),
                complaints(0), new OffsetAndMetadata(12)));
    }

    @Test
    void nothing_read_before_means_no_start_and_the_group_reads_from_the_beginning() {
        assertThat(FormerGroupOffsets.startOf(Map.of("svc.tiers", Set.of("crm.loyalty")), Map.of())).isEmpty();
        assertThat(FormerGroupOffsets.startOf(Map.of(), Map.of("svc.tiers", Map.of(loyalty(0), new OffsetAndMetadata(3))))).isEmpty();
    }

    static MockConsumer<String, String> consumerOfTopics() {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions("crm.loyalty", List.of(new PartitionInfo("crm.loyalty", 0, null, null, null),
                new PartitionInfo("crm.loyalty", 1, null, null, null)));
        consumer.updatePartitions("crm.complaints", List.of(new PartitionInfo("crm.complaints", 0, null, null, null)));
        return consumer;
    }

    @Test
    void a_group_that_committed_on_any_partition_of_its_topics_has_started_before() {
        MockConsumer<String, String> consumer = consumerOfTopics();
        consumer.assign(List.of(loyalty(1)));
        consumer.commitSync(Map.of(loyalty(1), new OffsetAndMetadata(5)));

        assertThat(FormerGroupOffsets.committedAny(consumer, Set.of("crm.loyalty", "crm.complaints"), Duration.ofSeconds(1))).isTrue();
        // an offset on a topic the group no longer reads does not count: the admin path decides then
        assertThat(FormerGroupOffsets.committedAny(consumer, Set.of("crm.complaints"), Duration.ofSeconds(1))).isFalse();
    }

    @Test
    void a_group_without_offsets_or_without_partitions_has_not_started() {
        assertThat(FormerGroupOffsets.committedAny(consumerOfTopics(), Set.of("crm.loyalty", "crm.complaints"), Duration.ofSeconds(1))).isFalse();
        assertThat(FormerGroupOffsets.committedAny(consumerOfTopics(), Set.of("crm.unknown"), Duration.ofSeconds(1))).isFalse();
    }
}
