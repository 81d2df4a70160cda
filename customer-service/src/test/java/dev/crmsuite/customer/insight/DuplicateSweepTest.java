package dev.crmsuite.customer.insight;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The duplicate backfill on real PostgreSQL: customers written with plain SQL, as a bulk load does
 * (no registration, so no duplicate check), get their pairs once the sweep has passed over them, and a
 * sweep that stopped half-way carries on from its stored position.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class DuplicateSweepTest {

    @Inject
    DuplicateSweep sweep;

    @AfterEach
    void realTime() {
        ControllableClock.useRealTime();
    }

    /** Two customers with the same name and phone, each with its own mailbox, inserted behind the API's back (customer and customer_email rows, as a bulk load writes them). */
    static void bulkLoadPair(UUID a, UUID b) throws Exception {
        bulkLoad(List.of(a, b), Api.unique("Bulk Chen"), DuplicatesTest.phone());
    }

    static void bulkLoad(List<UUID> ids, String name, String phone) throws Exception {
        try (Connection c = PostgresDatabase.connect();
             PreparedStatement s = c.prepareStatement("""
                     insert into customer (id, version, kind, display_name, email, created_at, updated_at, emails, phone, phones, search_text)
                     values (?, 0, 'PERSON', ?, ?, now(), now(), jsonb_build_array(jsonb_build_object('address', ?::text, 'primary', true)),
                             ?, jsonb_build_array(jsonb_build_object('number', ?::text, 'primary', true)), lower(?) || ' ' || ? || ' ' || ?)""")) {
            for (UUID id : ids) {
                String email = Api.email();
                s.setObject(1, id);
                s.setString(2, name);
                s.setString(3, email);
                s.setString(4, email);
                s.setString(5, phone);
                s.setString(6, phone);
                s.setString(7, name);
                s.setString(8, email);
                s.setString(9, phone);
                s.executeUpdate();
                try (PreparedStatement e = c.prepareStatement("insert into customer_email (email, customer_id) values (?, ?)")) {
                    e.setString(1, email);
                    e.setObject(2, id);
                    e.executeUpdate();
                }
            }
        }
    }

    static UUID idStartingWith(String hex8) {
        String random = UUID.randomUUID().toString();
        return UUID.fromString(hex8 + random.substring(8));
    }

    static void setPosition(UUID after, Instant passStarted, Instant passFinished) throws Exception {
        try (Connection c = PostgresDatabase.connect();
             PreparedStatement s = c.prepareStatement("""
                     update duplicate_sweep set after_id = ?, pass_started_at = ?::timestamptz, pass_finished_at = ?::timestamptz,
                       checked_in_pass = 0 where id = 1""")) {
            s.setObject(1, after);
            s.setString(2, passStarted == null ? null : passStarted.toString());
            s.setString(3, passFinished == null ? null : passFinished.toString());
            s.executeUpdate();
        }
    }

    static UUID storedAfter() throws Exception {
        try (Connection c = PostgresDatabase.connect();
             PreparedStatement s = c.prepareStatement("select after_id from duplicate_sweep where id = 1");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    /** Ticks until the pass ends; returns how many customers it checked. */
    int runToEndOfPass(int batch) {
        int checked = 0;
        for (int i = 0; i < 10_000; i++) {
            DuplicateSweep.Tick tick = sweep.tick(batch);
            assertThat(tick.busy()).isFalse();
            assertThat(tick.resting()).isFalse();
            checked += tick.checked();
            if (tick.passFinished()) {
                return checked;
            }
        }
        throw new AssertionError("the pass did not end");
    }

    /** The pairs in the staff list (not asking for anyone's duplicates, which would check them on demand). */
    static List<List<String>> listedPairs() {
        List<List<String>> pairs = new ArrayList<>();
        String cursor = null;
        do {
            Response page = given().queryParam("limit", 200).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/customers/duplicate-candidates");
            assertThat(page.statusCode()).isEqualTo(200);
            List<String> a = page.path("items.customer.id");
            List<String> b = page.path("items.other.id");
            List<Float> score = page.path("items.score");
            for (int i = 0; i < a.size(); i++) {
                pairs.add(List.of(a.get(i), b.get(i), score.get(i).toString()));
            }
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return pairs;
    }

    static boolean listed(UUID a, UUID b) {
        return listedPairs().stream().anyMatch(p -> p.containsAll(List.of(a.toString(), b.toString())));
    }

    @Test
    void bulk_loaded_customers_get_their_pairs_once_the_sweep_has_passed() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        bulkLoadPair(a, b);
        assertThat(listed(a, b)).as("nothing checked them yet").isFalse();

        setPosition(null, null, null);
        int checked = runToEndOfPass(500);
        assertThat(checked).isGreaterThanOrEqualTo(2);

        List<String> pair = listedPairs().stream().filter(p -> p.containsAll(List.of(a.toString(), b.toString()))).findFirst().orElseThrow();
        // the same evidence as the on-demand check: same phone 0.6 + same name 0.4 x 1.0
        assertThat(pair.get(2)).isEqualTo("1.0");
        assertThat(given().get("/api/v1/customers/" + a + "/duplicates").<List<String>>path("items.matches[0].field"))
                .containsExactly("phone", "name");

        // at the end the sweep rests before starting over
        assertThat(sweep.tick(500).resting()).isTrue();
        assertThat(storedAfter()).isNull();
    }

    @Test
    void a_sweep_stopped_half_way_resumes_from_its_stored_position_and_starts_over_after_the_rest() throws Exception {
        // one pair before the stored position, one after it
        UUID lowA = idStartingWith("00000000");
        UUID lowB = idStartingWith("00000001");
        UUID highA = idStartingWith("fffffffe");
        UUID highB = idStartingWith("ffffffff");
        bulkLoadPair(lowA, lowB);
        bulkLoadPair(highA, highB);

        // as a previous process left it: half-way through a pass
        Instant started = Instant.now().minus(Duration.ofHours(1));
        setPosition(UUID.fromString("80000000-0000-0000-0000-000000000000"), started, null);
        DuplicateSweep.Tick first = sweep.tick(1);
        assertThat(first.checked()).isEqualTo(1);
        assertThat(storedAfter()).isGreaterThan(UUID.fromString("80000000-0000-0000-0000-000000000000"));
        runToEndOfPass(500);
        assertThat(listed(highA, highB)).isTrue();
        assertThat(listed(lowA, lowB)).as("before the stored position: not checked again in this pass").isFalse();

        // the next pass starts from the first id once the rest is over
        assertThat(sweep.tick(500).resting()).isTrue();
        ControllableClock.set(Instant.now().plus(Duration.ofDays(1)).plusSeconds(60));
        // the two lowest ids in the database: the new pass's first batch
        DuplicateSweep.Tick restart = sweep.tick(2);
        assertThat(restart.checked()).isEqualTo(2);
        assertThat(storedAfter()).isLessThanOrEqualTo(lowB);
        assertThat(listed(lowA, lowB)).isTrue();
    }

    @Test
    void a_shared_phone_is_found_among_more_same_name_customers_than_one_look_up_reads() throws Exception {
        String name = Api.unique("Crowded Wang");
        // more customers of the same name than crm.insight.duplicates.max-lookups (200), written first
        for (int i = 0; i < 5; i++) {
            List<UUID> crowd = new ArrayList<>();
            for (int k = 0; k < 50; k++) {
                crowd.add(UUID.randomUUID());
            }
            bulkLoad(crowd, name, DuplicatesTest.phone());
        }
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        bulkLoad(List.of(a, b), name, DuplicatesTest.phone());

        Response r = given().get("/api/v1/customers/" + a + "/duplicates");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.<List<String>>path("items.customerId")).containsExactly(b.toString());
        assertThat(r.<List<String>>path("items[0].matches.field")).containsExactly("phone", "name");
    }
}
