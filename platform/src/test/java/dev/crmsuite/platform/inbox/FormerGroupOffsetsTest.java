package dev.crmsuite.platform.inbox;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

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
}
