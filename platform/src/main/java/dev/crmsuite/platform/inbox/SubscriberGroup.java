package dev.crmsuite.platform.inbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Subscribers of one service that read through one Kafka consumer group.
 *
 * <p>All subscribers of a service share one group, {@code <service>.inbox}: each record is fetched
 * and parsed once and handed to every member that reads its topic, and a batch's effects of all
 * members commit in one transaction. With a group per subscriber every purchase woke about 17
 * consumers across the suite, each fetching, parsing and committing on its own (issue 19).
 *
 * <p>A subscriber that builds a read model it can rebuild (a non-empty
 * {@link EventSubscriber#generation generation}) keeps a group of its own,
 * {@code <service>.<subscriber>.g<generation>}: a rebuild moves only it back to the topics' start.
 */
record SubscriberGroup(String application, List<EventSubscriber> members, boolean shared) {

    /** The last part of the shared group's id; no subscriber may be named so. */
    static final String SHARED = "inbox";

    SubscriberGroup {
        members = List.copyOf(members);
    }

    /**
     * The service's groups: the shared one (if any subscriber shares), then one per rebuildable
     * subscriber. {@code generations} gives each subscriber's generation at start.
     */
    static List<SubscriberGroup> plan(String application, Iterable<? extends EventSubscriber> subscribers,
            java.util.function.Function<EventSubscriber, String> generations) {
        List<EventSubscriber> sharing = new ArrayList<>();
        List<SubscriberGroup> groups = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (EventSubscriber subscriber : subscribers) {
            if (SHARED.equals(subscriber.name()) || !names.add(subscriber.name())) {
                // The name keys its processed-event marks and its group: two alike would skip each other's events.
                throw new IllegalStateException("subscriber name " + subscriber.name() + " is taken");
            }
            String generation = generations.apply(subscriber);
            if (generation == null || generation.isEmpty()) {
                sharing.add(subscriber);
            } else {
                groups.add(new SubscriberGroup(application, List.of(subscriber), false));
            }
        }
        if (!sharing.isEmpty()) {
            sharing.sort(Comparator.comparing(EventSubscriber::name)); // the same order on every replica and start
            groups.addFirst(new SubscriberGroup(application, sharing, true));
        }
        return groups;
    }

    /** The group of one subscriber alone, as a rebuildable one reads. */
    static SubscriberGroup alone(String application, EventSubscriber subscriber) {
        return new SubscriberGroup(application, List.of(subscriber), false);
    }

    /** How the group is named in thread names and metrics: {@code inbox}, or the lone subscriber's name. */
    String name() {
        return shared ? SHARED : members.getFirst().name();
    }

    /** The consumer group's id; {@code generation} counts only for a rebuildable subscriber's own group. */
    String id(String generation) {
        return shared ? application + "." + SHARED : memberId(members.getFirst(), generation);
    }

    /**
     * How a member is named in spans and dead letters: its own group id before groups were
     * shared, so a dead letter still says which subscriber refused the event.
     */
    String memberId(EventSubscriber member, String generation) {
        return application + "." + member.name() + (shared || generation == null || generation.isEmpty() ? "" : ".g" + generation);
    }

    /** Every topic a member reads, in a stable order. */
    Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        members.forEach(m -> topics.addAll(m.topics()));
        return topics;
    }

    /** The members that read {@code topic}, in group order. */
    List<EventSubscriber> readersOf(String topic) {
        return members.stream().filter(m -> m.topics().contains(topic)).toList();
    }

    /**
     * Consumers (threads) for the group: one if every member applies batches at a cost that barely
     * grows with them (more consumers would only split the same events into more transactions),
     * else the configured number, which overlaps the database round trips of members that work per event.
     */
    int consumers(int configured) {
        return members.stream().allMatch(m -> m instanceof BatchEventSubscriber) ? 1 : Math.max(1, configured);
    }

    /**
     * The group ids each shared member read through before groups were shared, with the topics it
     * read: where the shared group starts the first time ({@link FormerGroupOffsets}).
     */
    Map<String, Set<String>> formerGroups() {
        Map<String, Set<String>> former = new LinkedHashMap<>();
        if (shared) {
            members.forEach(m -> former.put(application + "." + m.name(), Set.copyOf(m.topics())));
        }
        return former;
    }
}
