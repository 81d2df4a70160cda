package dev.crmsuite.customer.audience;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.customer.support.Rows;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link AudienceMembers} against PostgreSQL: each dimension of a saved filter holds the customers it
 * should and no others; merged-away and erased customers are never members; pages walk the audience
 * in id order; the count is the number of members. Every filter here also names this test run's
 * attribute, so customers of other tests in the shared database never count.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AudienceMembersTest {

    static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    @Inject
    AudienceMembers members;

    String run;
    /** The customers of this test by name. */
    final Map<String, String> ids = new java.util.LinkedHashMap<>();

    @BeforeEach
    void customers() {
        ControllableClock.set(NOW);
        run = Api.unique("run");
        // name, segment, value tier, stage, loyalty tier, tags, lifetime value, days since last purchase (null: never)
        customer("relational-gold", "RELATIONAL", "A", "REPEAT_BUYER", "GOLD", "[\"vip\",\"golf\"]", "{\"store\":\"SH-3\",\"visits\":3}", "120000.00", 5);
        customer("key-silver", "KEY_ACCOUNT", "B", "STABLE_PARTNER", "SILVER", "[\"vip\"]", "{\"store\":\"BJ-1\"}", "50000.00", 40);
        customer("transactional", "TRANSACTIONAL", "C", "TRUSTING", null, "[\"tennis\"]", "{}", "300.00", 400);
        customer("prospect", null, null, "PROSPECT", null, "[]", "{\"store\":\"SH-3\"}", "0.00", null);
        // never members, whatever they match
        String merged = customer("merged", "RELATIONAL", "A", "REPEAT_BUYER", "GOLD", "[\"vip\",\"golf\"]", "{\"store\":\"SH-3\"}", "120000.00", 5);
        String erased = customer("erased", "RELATIONAL", "A", "REPEAT_BUYER", "GOLD", "[\"vip\",\"golf\"]", "{\"store\":\"SH-3\"}", "120000.00", 5);
        sql("update customer set merged_into = ?::uuid where id = ?::uuid", ids.get("relational-gold"), merged);
        sql("update customer set erased_at = now() where id = ?::uuid", erased);
    }

    @AfterEach
    void realTime() {
        ControllableClock.reset();
    }

    @Test
    void each_dimension_holds_exactly_the_matching_live_customers() {
        assertThat(holds("{}")).containsExactlyInAnyOrder("relational-gold", "key-silver", "transactional", "prospect");
        assertThat(holds("{\"segments\":[\"RELATIONAL\",\"KEY_ACCOUNT\"]}")).containsExactlyInAnyOrder("relational-gold", "key-silver");
        assertThat(holds("{\"valueTiers\":[\"C\"]}")).containsExactly("transactional");
        assertThat(holds("{\"stages\":[\"PROSPECT\",\"TRUSTING\"]}")).containsExactlyInAnyOrder("transactional", "prospect");
        assertThat(holds("{\"loyaltyTiers\":[\"SILVER\",\"PLATINUM\"]}")).containsExactly("key-silver");
        assertThat(holds("{\"tags\":{\"allOf\":[\"vip\",\"golf\"]}}")).containsExactly("relational-gold");
        assertThat(holds("{\"tags\":{\"anyOf\":[\"golf\",\"tennis\"]}}")).containsExactlyInAnyOrder("relational-gold", "transactional");
        assertThat(holds("{\"tags\":{\"allOf\":[\"vip\"],\"anyOf\":[\"golf\",\"tennis\"]}}")).containsExactly("relational-gold");
        assertThat(holds("{\"attributes\":{\"store\":\"SH-3\"}}")).containsExactlyInAnyOrder("relational-gold", "prospect");
        // a number in the profile matches its text
        assertThat(holds("{\"attributes\":{\"visits\":\"3\"}}")).containsExactly("relational-gold");
        assertThat(holds("{\"lifetimeValue\":{\"min\":50000.00}}")).containsExactlyInAnyOrder("relational-gold", "key-silver");
        assertThat(holds("{\"lifetimeValue\":{\"min\":300,\"max\":50000}}")).containsExactlyInAnyOrder("key-silver", "transactional");
        assertThat(holds("{\"lastPurchase\":{\"after\":\"" + NOW.minus(30, ChronoUnit.DAYS) + "\"}}")).containsExactly("relational-gold");
        assertThat(holds("{\"lastPurchase\":{\"before\":\"" + NOW.minus(30, ChronoUnit.DAYS) + "\"}}"))
                .containsExactlyInAnyOrder("key-silver", "transactional");
        // no purchase since: the never-buyers too
        assertThat(holds("{\"lastPurchase\":{\"noneInLastDays\":30}}")).containsExactlyInAnyOrder("key-silver", "transactional", "prospect");
        // lapsed: bought in the last year, but not in the last 30 days
        assertThat(holds("{\"lastPurchase\":{\"after\":\"" + NOW.minus(365, ChronoUnit.DAYS) + "\",\"noneInLastDays\":30}}"))
                .containsExactly("key-silver");
        assertThat(holds("{\"segments\":[\"RELATIONAL\"],\"valueTiers\":[\"B\"]}")).isEmpty();
    }

    @Test
    void pages_walk_the_audience_in_id_order_and_the_count_is_its_size() {
        UUID audience = audience("{}");
        List<String> walked = new ArrayList<>();
        UUID after = null;
        for (int pages = 0; pages < 10; pages++) {
            List<AudienceMember> page = members.page(audience, after, 3);
            page.forEach(m -> walked.add(m.customerId().toString()));
            if (page.size() < 3) {
                break;
            }
            after = page.getLast().customerId();
        }
        assertThat(walked).hasSize(4).isSorted().containsExactlyInAnyOrderElementsOf(
                List.of(ids.get("relational-gold"), ids.get("key-silver"), ids.get("transactional"), ids.get("prospect")));
        assertThat(members.count(audience)).isEqualTo(4);
    }

    @Test
    void a_member_carries_what_sending_needs() {
        String id = ids.get("relational-gold");
        sql("update customer set time_zone = 'Europe/Berlin', consent_marketing = true, phone = '+8613800138000',"
                + " address = '{\"line1\":\"88 Century Avenue\",\"city\":\"Shanghai\",\"country\":\"CN\"}' where id = ?::uuid", id);
        AudienceMember m = members.page(audience("{\"tags\":{\"allOf\":[\"golf\"]}}"), null, 10).getFirst();
        assertThat(m.customerId()).hasToString(id);
        assertThat(m.displayName()).isEqualTo("relational-gold " + run);
        assertThat(m.email()).endsWith("@example.com");
        assertThat(m.phone()).isEqualTo("+8613800138000");
        assertThat(m.postalAddress().path("city").asText()).isEqualTo("Shanghai");
        assertThat(m.marketingConsent()).isTrue();
        assertThat(m.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(m.segment()).isEqualTo("RELATIONAL");
        assertThat(m.valueTier()).isEqualTo("A");
        AudienceMember prospect = members.page(audience("{\"stages\":[\"PROSPECT\"]}"), null, 10).getFirst();
        assertThat(prospect.postalAddress()).isNull();
        assertThat(prospect.timeZone()).isNull();
        assertThat(prospect.segment()).isNull();
    }

    @Test
    void an_unknown_or_deleted_audience_is_404() {
        assertThat(catchThrowableOfType(ProblemException.class, () -> members.page(UUID.randomUUID(), null, 10)).status()).isEqualTo(404);
        UUID deleted = audience("{}");
        sql("update audience set deleted_at = now() where id = ?::uuid", deleted.toString());
        assertThat(catchThrowableOfType(ProblemException.class, () -> members.count(deleted)).status()).isEqualTo(404);
    }

    /** The names of this test's customers the filter holds (the run's attribute added to it). */
    List<String> holds(String filterJson) {
        UUID audience = audience(filterJson);
        List<String> names = members.page(audience, null, 100).stream()
                .map(m -> ids.entrySet().stream().filter(e -> e.getValue().equals(m.customerId().toString())).map(Map.Entry::getKey)
                        .findFirst().orElseThrow(() -> new AssertionError("not a customer of this test: " + m)))
                .toList();
        assertThat(members.count(audience)).isEqualTo(names.size());
        return names;
    }

    /** Saves an audience whose filter is {@code filterJson} plus this run's attribute. */
    UUID audience(String filterJson) {
        var filter = dev.crmsuite.platform.testing.TopicRecords.parse(filterJson);
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) filter;
        if (!root.has("attributes")) {
            root.putObject("attributes");
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("attributes")).put("run", run);
        UUID id = UUID.randomUUID();
        sql("insert into audience (id, version, name, filter, created_by, created_at, updated_at)"
                + " values (?::uuid, 0, ?, ?::jsonb, 'test', now(), now())", id.toString(), Api.unique("audience"), filter.toString());
        return id;
    }

    String customer(String name, String segment, String tier, String stage, String loyalty, String tags, String attributes,
                    String lifetimeValue, Integer daysSincePurchase) {
        String id = Api.register("{\"name\":\"" + name + " " + run + "\",\"email\":\"" + Api.email() + "\",\"tags\":" + tags
                + ",\"attributes\":{\"run\":\"" + run + "\"" + (attributes.equals("{}") ? "}" : "," + attributes.substring(1)) + "}");
        sql("update customer set segment = ?, value_tier = ?, stage = ?, loyalty_tier = ?, lifetime_value = ?::numeric,"
                        + " last_purchase_at = ? where id = ?::uuid", segment, tier, stage, loyalty, lifetimeValue,
                daysSincePurchase == null ? null : Timestamp.from(NOW.minus(daysSincePurchase, ChronoUnit.DAYS)), id);
        ids.put(name, id);
        return id;
    }

    static void sql(String sql, Object... params) {
        Rows.update(sql, params);
    }
}
