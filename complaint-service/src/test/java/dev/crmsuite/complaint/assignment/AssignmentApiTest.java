package dev.crmsuite.complaint.assignment;

import dev.crmsuite.complaint.testing.Api;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.crmsuite.complaint.testing.Api.BASE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Category rules with round-robin, reassignment history and the work-queue filters with keyset pages. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class AssignmentApiTest {

    static final List<String> LOGISTICS = List.of("fay", "gus", "hal");

    @Inject
    ControllableClock clock;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void thursday() {
        clock.set(Api.berlin("2026-11-26T10:00"));
    }

    @Test
    void new_complaints_go_round_the_team_of_their_category() {
        String customer = Api.newCustomer();
        List<String> handlers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            handlers.add(Api.file(customer, "WEB", "DELIVERY").statusCode(201).body("team", equalTo("logistics"))
                    .extract().path("assignee"));
        }
        int first = LOGISTICS.indexOf(handlers.getFirst());
        assertThat(first).isNotNegative();
        assertThat(handlers).containsExactly(LOGISTICS.get(first), LOGISTICS.get((first + 1) % 3),
                LOGISTICS.get((first + 2) % 3), LOGISTICS.get(first));
        Api.file(customer, "WEB", "BILLING").statusCode(201).body("team", equalTo("billing"));
    }

    @Test
    void reassignment_keeps_the_history() {
        String customer = Api.newCustomer();
        String id = Api.fileId(customer, "PHONE", "DELIVERY");
        String firstHandler = Api.get(id).extract().path("assignee");
        // Another member of the logistics team: a handler alone keeps the complaint's team, so must be in it.
        String other = List.of("fay", "gus", "hal").stream().filter(h -> !h.equals(firstHandler)).findFirst().orElseThrow();
        given().contentType(ContentType.JSON).header(Api.actor("lead")).body("{\"assignee\":\"" + other + "\",\"reason\":\"Fay is on leave\"}")
                .post(BASE + "/" + id + "/assignment").then().statusCode(200)
                .body("assignee", equalTo(other)).body("team", equalTo("logistics"));
        clock.advance(Duration.ofMinutes(5));
        given().contentType(ContentType.JSON).body("{\"team\":\"care\"}")
                .post(BASE + "/" + id + "/assignment").then().statusCode(200)
                .body("assignee", nullValue()).body("team", equalTo("care"));
        given().get(BASE + "/" + id + "/assignments").then().statusCode(200)
                .body("items.assignee", contains(firstHandler, other, null))
                .body("items.team", contains("logistics", "logistics", "care"))
                // The actor of each change is the caller's token's: the last request went as the test kit's admin.
                .body("items.assignedBy", contains("ann", "lead", "test-admin"))
                .body("items[1].reason", equalTo("Fay is on leave"))
                .body("items[0].endedAt", notNullValue()).body("items[1].endedAt", notNullValue()).body("items[2].endedAt", nullValue());
        given().queryParam("team", "care").queryParam("assignee", "none").queryParam("customerId", customer).get(BASE)
                .then().statusCode(200).body("items.id", contains(id));
        assertThat(Api.outbox("crm.complaint.assigned.v1", id)).extracting(e -> e.get("team").asText())
                .containsExactly("logistics", "logistics", "care");

        given().contentType(ContentType.JSON).body("{\"team\":\"nobody\"}").post(BASE + "/" + id + "/assignment")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/unknown-team")).body("errors[0].field", equalTo("team"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"?\"}").post(BASE + "/" + id + "/assignment")
                .then().statusCode(400).body("errors[0].field", equalTo("assignee"));
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then()
                .body("items.find { it.field == 'assignee' && it.newValue == '" + other + "' }.actor", equalTo("lead"))
                .body("items.find { it.field == 'assignee' && it.newValue == '" + other + "' }.oldValue", equalTo(firstHandler));
    }

    @Test
    void only_known_handlers_hold_complaints_and_only_in_their_own_team() {
        String customer = Api.newCustomer();
        String id = Api.fileId(customer, "PHONE", "PRODUCT"); // care: ann, ben, cho
        String before = Api.get(id).extract().path("assignee");
        given().contentType(ContentType.JSON).body("{\"assignee\":\"zed\"}").post(BASE + "/" + id + "/assignment")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/unknown-handler"))
                .body("errors[0].field", equalTo("assignee")).body("errors[0].message", containsString("zed"));
        // A billing handler alone would keep the complaint in the care team: refused, naming the field.
        given().contentType(ContentType.JSON).body("{\"assignee\":\"dina\"}").post(BASE + "/" + id + "/assignment")
                .then().statusCode(422).body("type", equalTo("https://crmsuite.dev/problems/handler-not-in-team"))
                .body("errors[0].field", equalTo("assignee")).body("errors[0].message", containsString("billing"));
        given().contentType(ContentType.JSON).body("{\"assignee\":\"dina\",\"team\":\"care\"}").post(BASE + "/" + id + "/assignment")
                .then().statusCode(422).body("errors[0].field", equalTo("assignee"));
        given().contentType(ContentType.JSON).body("{\"assignee\":\"ann\",\"team\":\"nobody\"}").post(BASE + "/" + id + "/assignment")
                .then().statusCode(422).body("errors[0].field", equalTo("team"));
        // Nothing changed: same holder, one assignment, one event.
        Api.get(id).body("assignee", equalTo(before)).body("team", equalTo("care"));
        given().get(BASE + "/" + id + "/assignments").then().statusCode(200).body("items.size()", equalTo(1));
        assertThat(Api.outbox("crm.complaint.assigned.v1", id)).hasSize(1);

        // The billing handler with the billing team, and a care member alone: both fine.
        given().contentType(ContentType.JSON).body("{\"assignee\":\"dina\",\"team\":\"billing\"}").post(BASE + "/" + id + "/assignment")
                .then().statusCode(200).body("assignee", equalTo("dina")).body("team", equalTo("billing"));
        given().contentType(ContentType.JSON).body("{\"assignee\":\"eli\"}").post(BASE + "/" + id + "/assignment")
                .then().statusCode(200).body("assignee", equalTo("eli")).body("team", equalTo("billing"));
    }

    @Test
    void work_queues_filter_and_page_by_keyset() {
        String customer = Api.newCustomer();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Api.fileId(customer, "EMAIL", "PRODUCT"));
            clock.advance(Duration.ofMinutes(1));
        }
        given().contentType(ContentType.JSON).body("{\"assignee\":\"queue-tester\",\"team\":\"qa\"}").post(BASE + "/" + ids.get(1) + "/assignment")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"assignee\":\"queue-tester\",\"team\":\"qa\"}").post(BASE + "/" + ids.get(3) + "/assignment")
                .then().statusCode(200);
        Api.act(ids.get(3), "acknowledge").statusCode(200);

        String next = given().queryParam("customerId", customer).queryParam("limit", 2).get(BASE).then().statusCode(200)
                .body("items.id", contains(ids.get(0), ids.get(1))).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        next = given().queryParam("customerId", customer).queryParam("limit", 2).queryParam("cursor", next).get(BASE).then()
                .body("items.id", contains(ids.get(2), ids.get(3))).extract().path("nextCursor");
        given().queryParam("customerId", customer).queryParam("limit", 2).queryParam("cursor", next).get(BASE).then()
                .body("items.id", contains(ids.get(4))).body("nextCursor", nullValue());
        given().queryParam("cursor", "garbage!").get(BASE).then().statusCode(400).body("errors[0].field", equalTo("cursor"));

        given().queryParam("assignee", "queue-tester").get(BASE).then().body("items.id", contains(ids.get(1), ids.get(3)));
        given().queryParam("assignee", "queue-tester").queryParam("status", "open").get(BASE).then()
                .body("items.id", contains(ids.get(1)));

        // 8 business hours later (MEDIUM first response) every unacknowledged one is overdue.
        clock.set(Api.berlin("2026-11-27T10:30"));
        given().queryParam("customerId", customer).queryParam("overdue", "true").get(BASE).then()
                .body("items.id", contains(ids.get(0), ids.get(1), ids.get(2), ids.get(4)))
                .body("items.overdue", contains(true, true, true, true));
        given().queryParam("customerId", customer).queryParam("overdue", "false").get(BASE).then()
                .body("items.id", contains(ids.get(3)));
    }
}
