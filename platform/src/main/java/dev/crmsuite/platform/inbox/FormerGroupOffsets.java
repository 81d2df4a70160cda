package dev.crmsuite.platform.inbox;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Where a service's shared consumer group ({@link SubscriberGroup}) starts the first time: where
 * the per-subscriber groups it replaced had got to, the least of them per partition. Without this
 * the new group would start at the beginning of the topics, which are kept forever, and apply again
 * every event whose processed-event mark retention has already deleted. A member that had got
 * further skips what it reads twice by its marks, as after any redelivery.
 */
final class FormerGroupOffsets {

    private FormerGroupOffsets() {
    }

    /**
     * The starting offset of every partition some former group had committed on, for the topics
     * that group's subscriber reads. A partition none had committed on is left out: the group
     * starts it at the beginning, as a new subscriber's group always did.
     */
    static Map<TopicPartition, OffsetAndMetadata> startOf(Map<String, Set<String>> formerGroups,
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed) {
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        formerGroups.forEach((group, topics) -> committed.getOrDefault(group, Map.of()).forEach((partition, offset) -> {
            if (offset != null && topics.contains(partition.topic())) {
                start.merge(partition, new OffsetAndMetadata(offset.offset()),
                        (a, b) -> a.offset() <= b.offset() ? a : b);
            }
        }));
        return start;
    }

    /**
     * Commits the former groups' offsets for {@code group} unless it has committed offsets of its
     * own already. Every replica does this before its consumers join, so if the group has members
     * another replica has done it (Kafka then refuses the commit: nothing is lost).
     */
    static void carryOver(Admin admin, String group, Map<String, Set<String>> formerGroups)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        if (formerGroups.isEmpty() || !committed(admin, group).isEmpty()) {
            return;
        }
        // One request for all former groups: this runs before the service's consumers may join.
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        formerGroups.keySet().forEach(former -> specs.put(former, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(specs).all()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> start = startOf(formerGroups, committed);
        if (start.isEmpty()) {
            return; // a new installation: nothing was read before
        }
        try {
            admin.alterConsumerGroupOffsets(group, start).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupNotEmptyException || e.getCause() instanceof UnknownMemberIdException) {
                return; // another replica carried the offsets over and its consumers are reading
            }
            throw e;
        }
    }

    /**
     * Whether {@code consumer}'s group has committed an offset on some partition of {@code topics}:
     * then it has started before and nothing is carried over. Asked through the group's own
     * consumer, whose connections the join reuses, instead of an admin client of its own.
     */
    static boolean committedAny(Consumer<?, ?> consumer, Collection<String> topics, Duration timeout) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, timeout).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return !partitions.isEmpty()
                && consumer.committed(partitions, timeout).values().stream().anyMatch(java.util.Objects::nonNull);
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS));
        offsets.values().removeIf(java.util.Objects::isNull);
        return offsets;
    }
}
