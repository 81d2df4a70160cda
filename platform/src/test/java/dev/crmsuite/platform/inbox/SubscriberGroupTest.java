package dev.crmsuite.platform.inbox;

import dev.crmsuite.platform.events.CloudEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriberGroupTest {

    record PerEvent(String name, Set<String> topics) implements EventSubscriber {
        @Override public void handle(CloudEvent event) { }
    }

    record Batched(String name, Set<String> topics) implements BatchEventSubscriber {
        @Override public void handleAll(List<CloudEvent> events) { }
    }

    static final EventSubscriber TIMELINE = new PerEvent("timeline", Set.of("crm.loyalty", "crm.complaints"));
    static final EventSubscriber TIERS = new PerEvent("tiers", Set.of("crm.loyalty"));
    static final EventSubscriber OVERVIEW = new Batched("overview", Set.of("crm.customers", "crm.loyalty"));
    static final EventSubscriber FANOUT = new Batched("fanout", Set.of("crm.customers"));

    /** Generations as a service would report them: only the overview builds a rebuildable read model. */
    static String generationOf(EventSubscriber subscriber) {
        return subscriber == OVERVIEW ? "3" : "";
    }

    @Test
    void the_subscribers_share_one_group_and_a_rebuildable_one_keeps_its_own() {
        List<SubscriberGroup> groups = SubscriberGroup.plan("customer-service", List.of(TIMELINE, OVERVIEW, TIERS),
                SubscriberGroupTest::generationOf);

        assertThat(groups).hasSize(2);
        SubscriberGroup shared = groups.getFirst();
        assertThat(shared.shared()).isTrue();
        assertThat(shared.id("ignored")).isEqualTo("customer-service.inbox");
        assertThat(shared.name()).isEqualTo("inbox");
        assertThat(shared.members()).containsExactly(TIERS, TIMELINE); // by name: the same order on every replica
        assertThat(shared.topics()).containsExactly("crm.complaints", "crm.loyalty");
        assertThat(shared.readersOf("crm.loyalty")).containsExactly(TIERS, TIMELINE);
        assertThat(shared.readersOf("crm.complaints")).containsExactly(TIMELINE);
        assertThat(shared.readersOf("crm.surveys")).isEmpty();
        // Spans and dead letters still name the subscriber as its own group did.
        assertThat(shared.memberId(TIMELINE, null)).isEqualTo("customer-service.timeline");

        SubscriberGroup own = groups.get(1);
        assertThat(own.shared()).isFalse();
        assertThat(own.members()).containsExactly(OVERVIEW);
        assertThat(own.id("3")).isEqualTo("customer-service.overview.g3");
        assertThat(own.name()).isEqualTo("overview");
        assertThat(own.id("")).isEqualTo("customer-service.overview");
        assertThat(own.memberId(OVERVIEW, "4")).isEqualTo("customer-service.overview.g4");
        assertThat(own.formerGroups()).isEmpty();
    }

    @Test
    void the_shared_group_starts_from_the_groups_each_member_had_alone() {
        SubscriberGroup shared = SubscriberGroup.plan("customer-service", List.of(TIMELINE, TIERS), s -> "").getFirst();

        assertThat(shared.formerGroups()).isEqualTo(Map.of(
                "customer-service.timeline", Set.of("crm.loyalty", "crm.complaints"),
                "customer-service.tiers", Set.of("crm.loyalty")));
    }

    @Test
    void a_group_runs_one_consumer_only_when_every_member_applies_batches() {
        assertThat(SubscriberGroup.plan("gateway", List.of(FANOUT), s -> "").getFirst().consumers(3)).isEqualTo(1);
        assertThat(SubscriberGroup.plan("gateway", List.of(FANOUT, TIERS), s -> "").getFirst().consumers(3)).isEqualTo(3);
        assertThat(SubscriberGroup.plan("gateway", List.of(FANOUT, TIERS), s -> "").getFirst().consumers(0)).isEqualTo(1);
    }

    @Test
    void a_service_of_rebuildable_subscribers_only_has_no_shared_group() {
        assertThat(SubscriberGroup.plan("gateway", List.of(OVERVIEW), SubscriberGroupTest::generationOf))
                .singleElement().satisfies(g -> assertThat(g.shared()).isFalse());
        assertThat(SubscriberGroup.plan("gateway", List.of(), s -> "")).isEmpty();
    }

    @Test
    void names_that_would_share_marks_or_the_group_id_are_refused() {
        assertThatThrownBy(() -> SubscriberGroup.plan("x", List.of(TIERS, new PerEvent("tiers", Set.of("crm.surveys"))), s -> ""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tiers");
        assertThatThrownBy(() -> SubscriberGroup.plan("x", List.of(new PerEvent("inbox", Set.of("crm.surveys"))), s -> ""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inbox");
    }
}
