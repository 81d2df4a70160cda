package dev.crmsuite.complaint.sla;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.complaint.testing.Api;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.crmsuite.complaint.testing.Api.BASE;
import static dev.crmsuite.complaint.testing.Api.act;
import static dev.crmsuite.complaint.testing.Api.berlin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.everyItem;

/**
 * Deadlines in business hours over a weekend and holidays, the clock stopped while waiting on the
 * customer, and the breach check driven by the test clock. The check keeps no memory between
 * runs: whatever the database says is due is breached, so a deadline that passed while no
 * replica ran is still caught, and caught once.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class DeadlineApiTest {

    @Inject
    ControllableClock clock;
    @Inject
    DeadlineCheck check;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void deadlines_skip_the_weekend_and_holidays_and_stop_while_waiting_on_the_customer() {
        // Wednesday 23 December 2026, 15:00 in Berlin; 24 and 25 December are holidays.
        clock.set(berlin("2026-12-23T15:00"));
        String customer = Api.newCustomer();
        String id = Api.file(customer, "EMAIL", "BILLING").statusCode(201)
                .body("priority", equalTo("HIGH"))
                .body("team", equalTo("billing"))
                // 4 business hours: 2 on Wednesday, then Monday 9-11.
                .body("respondBy", equalTo(berlin("2026-12-28T11:00").toString()))
                // 16 business hours: 2 Wednesday, 8 Monday, 6 Tuesday.
                .body("resolveBy", equalTo(berlin("2026-12-29T15:00").toString()))
                .body("firstResponseTimeLeft", equalTo("PT4H"))
                .body("resolutionTimeLeft", equalTo("PT16H"))
                .extract().path("id");

        clock.set(berlin("2026-12-26T12:00")); // a Saturday: no business time has passed since Wednesday 17:00
        Api.get(id).body("firstResponseTimeLeft", equalTo("PT2H")).body("overdue", equalTo(false));

        clock.set(berlin("2026-12-28T10:00"));
        act(id, "acknowledge").statusCode(200).body("firstResponseBreached", equalTo(false));
        act(id, "start").statusCode(200);
        clock.set(berlin("2026-12-28T12:00"));
        act(id, "wait-on-customer").statusCode(200).body("resolutionTimeLeft", equalTo("PT11H"));

        // Past the original resolve-by while waiting: no breach, the time left is frozen.
        clock.set(berlin("2026-12-30T09:30"));
        check.run();
        Api.get(id).body("resolutionBreached", equalTo(false)).body("resolutionTimeLeft", equalTo("PT11H"))
                .body("overdue", equalTo(false)).body("clockPaused", equalTo(true));
        assertThat(Api.outbox("crm.complaint.deadline-breached.v1", id)).isEmpty();

        clock.set(berlin("2026-12-30T10:00"));
        // Paused 14 business hours (Mon 12-17, Tue 9-17, Wed 9-10): resolve-by moves from Tue 29 15:00 by 14h,
        // over 31 Dec and 1 Jan (holidays) and the weekend, to Monday 4 January 13:00.
        act(id, "start").statusCode(200)
                .body("resolveBy", equalTo(berlin("2027-01-04T13:00").toString()))
                .body("resolutionTimeLeft", equalTo("PT11H"))
                .body("pausedSeconds", equalTo(14 * 3600));
        given().get(BASE + "/" + id + "/pauses").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].businessSeconds", equalTo(14 * 3600))
                .body("items[0].pausedAt", equalTo(berlin("2026-12-28T12:00").toString()))
                .body("items[0].resumedAt", equalTo(berlin("2026-12-30T10:00").toString()));

        clock.set(berlin("2027-01-04T13:00"));
        check.run();
        Api.get(id).body("resolutionBreached", equalTo(false)).body("resolutionTimeLeft", equalTo("PT0S"));

        clock.set(berlin("2027-01-04T13:00:01"));
        check.run();
        Api.get(id).body("resolutionBreached", equalTo(true)).body("priority", equalTo("URGENT"))
                .body("escalationLevel", equalTo(1)).body("overdue", equalTo(true));
        given().queryParam("overdue", "true").queryParam("customerId", customer).get(BASE).then()
                .body("items.id", hasItem(id));
        check.run();
        clock.advance(Duration.ofDays(3));
        check.run();

        List<JsonNode> breaches = Api.outbox("crm.complaint.deadline-breached.v1", id);
        assertThat(breaches).hasSize(1);
        assertThat(breaches.getFirst().get("deadline").asText()).isEqualTo("RESOLUTION");
        assertThat(breaches.getFirst().get("dueAt").asText()).isEqualTo(berlin("2027-01-04T13:00").toString());
        assertThat(breaches.getFirst().get("breachedAt").asText()).isEqualTo(berlin("2027-01-04T13:00:01").toString());
        List<JsonNode> escalations = Api.outbox("crm.complaint.escalated.v1", id);
        assertThat(escalations).hasSize(1);
        assertThat(escalations.getFirst().get("priority").asText()).isEqualTo("URGENT");
        // The billing team's lead owns the first escalation (crm.complaint.escalation.chain.billing), named in the event.
        assertThat(escalations.getFirst().get("escalationOwner").asText()).isEqualTo("finance-lead");
        assertThat(escalations.getFirst().get("escalationLevel").asInt()).isEqualTo(1);
        assertThat(escalations.getFirst().get("escalationTarget").asText()).isEqualTo("finance-lead");
        Api.get(id).body("escalation.owner", equalTo("finance-lead")).body("escalation.level", equalTo(1))
                .body("escalation.status", equalTo("OPEN"))
                .body("escalation.escalatedAt", equalTo(berlin("2027-01-04T13:00:01").toString()))
                .body("escalation.reason", equalTo("the resolution deadline passed (due " + berlin("2027-01-04T13:00") + ")"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Api.published(customer))
                .extracting(e -> e.get("type").asText())
                .contains("crm.complaint.deadline-breached.v1", "crm.complaint.escalated.v1"));
    }

    @Test
    void a_pause_outside_business_hours_leaves_the_shown_deadlines_where_they_were() {
        // Monday 23 November 2026, 09:00: MEDIUM, 40 business hours to resolve = Friday 17:00 exactly.
        clock.set(berlin("2026-11-23T09:00"));
        String id = Api.file(Api.newCustomer(), "EMAIL", "PRODUCT").statusCode(201)
                .body("resolveBy", equalTo(berlin("2026-11-27T17:00").toString())).extract().path("id");
        act(id, "acknowledge").statusCode(200);
        act(id, "start").statusCode(200);
        clock.set(berlin("2026-11-23T18:00"));
        act(id, "wait-on-customer").statusCode(200);
        clock.set(berlin("2026-11-23T20:00")); // the customer answered the same evening: no business time passed
        act(id, "start").statusCode(200)
                .body("pausedSeconds", equalTo(0))
                .body("resolveBy", equalTo(berlin("2026-11-27T17:00").toString()))
                .body("resolutionTimeLeft", equalTo("PT32H"));
        given().get(BASE + "/" + id + "/pauses").then().statusCode(200).body("items[0].businessSeconds", equalTo(0));
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then().statusCode(200)
                .body("items.findAll { it.field == 'resolveBy' }.size()", equalTo(0));
    }

    @Test
    void two_replicas_checking_at_the_same_moment_report_each_breach_once() throws Exception {
        clock.set(berlin("2026-11-23T09:00"));
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(Api.fileId(Api.newCustomer(), "PHONE", "BILLING")); // HIGH: respond by 13:00
        }
        clock.set(berlin("2026-11-23T13:30"));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(check::run);
            var b = pool.submit(check::run);
            a.get(30, java.util.concurrent.TimeUnit.SECONDS);
            b.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        for (String id : ids) {
            assertThat(Api.outbox("crm.complaint.deadline-breached.v1", id)).as(id).hasSize(1);
            assertThat(Api.outbox("crm.complaint.escalated.v1", id)).as(id).hasSize(1);
            Api.get(id).body("priority", equalTo("URGENT")).body("escalationLevel", equalTo(1));
        }
    }

    @Test
    void a_deadline_that_passed_while_nothing_ran_is_caught_by_the_next_check_once() {
        clock.set(berlin("2026-11-23T09:00"));
        String customer = Api.newCustomer();
        String id = Api.fileId(customer, "PHONE", "PRODUCT"); // MEDIUM: respond in 8h, resolve in 40h
        clock.set(berlin("2026-11-23T17:00"));
        check.run();
        Api.get(id).body("firstResponseBreached", equalTo(false)).body("firstResponseTimeLeft", equalTo("PT0S"));

        // A week passes with no check at all (every replica down): both deadlines slipped.
        clock.set(berlin("2026-12-02T10:00"));
        Api.get(id).body("overdue", equalTo(true)).body("firstResponseBreached", equalTo(false));
        DeadlineCheck.Result first = check.run();
        assertThat(first.firstResponseBreaches()).isGreaterThanOrEqualTo(1);
        assertThat(first.resolutionBreaches()).isGreaterThanOrEqualTo(1);
        Api.get(id).body("firstResponseBreached", equalTo(true)).body("resolutionBreached", equalTo(true))
                .body("priority", equalTo("URGENT")).body("escalationLevel", equalTo(2));

        DeadlineCheck.Result again = check.run();
        assertThat(again).isEqualTo(new DeadlineCheck.Result(0, 0, 0));
        List<JsonNode> breaches = Api.outbox("crm.complaint.deadline-breached.v1", id);
        assertThat(breaches).extracting(b -> b.get("deadline").asText()).containsExactly("FIRST_RESPONSE", "RESOLUTION");
        assertThat(breaches.getFirst().get("dueAt").asText()).isEqualTo(berlin("2026-11-23T17:00").toString());
        // Two escalations of one care complaint: the team lead, then the next in the care chain.
        assertThat(Api.outbox("crm.complaint.escalated.v1", id)).extracting(e -> e.get("escalationOwner").asText()
                        + "@" + e.get("escalationLevel").asInt())
                .containsExactly("care-lead@1", "head-of-care@2");
        Api.get(id).body("escalation.owner", equalTo("head-of-care")).body("escalation.level", equalTo(2));
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then()
                .body("items.findAll { it.field == 'priority' }.newValue", equalTo(List.of("MEDIUM", "HIGH", "URGENT")))
                .body("items.findAll { it.action == 'escalate' }.actor", everyItem(equalTo("system")))
                .body("items.findAll { it.field == 'escalationOwner' }.newValue", equalTo(List.of("care-lead", "head-of-care")));
    }
}
