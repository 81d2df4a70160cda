package dev.crmsuite.complaint.insight;

import dev.crmsuite.complaint.sla.DeadlineCheck;
import dev.crmsuite.complaint.testing.Api;
import dev.crmsuite.platform.testing.ControllableClock;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.crmsuite.complaint.testing.Api.BASE;
import static dev.crmsuite.complaint.testing.Api.act;
import static dev.crmsuite.complaint.testing.Api.berlin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Statistics on a data set built through the API, with every number worked out by hand. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class StatsApiTest {

    @Inject
    ControllableClock clock;
    @Inject
    DeadlineCheck check;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static void tag(String id, String tag) {
        given().contentType(ContentType.JSON).body("{\"tag\":\"" + tag + "\"}").post(BASE + "/" + id + "/tags").then().statusCode(200);
    }

    @Test
    void a_known_data_set() {
        // Monday 3 March 2031, 09:00 in Berlin: four complaints, no one else files in that week.
        clock.set(berlin("2031-03-03T09:00"));
        String customer = Api.newCustomer();
        String a = Api.fileId(customer, "PHONE", "PRODUCT");
        String b = Api.fileId(customer, "EMAIL", "PRODUCT");
        String c = Api.fileId(customer, "CALL_CENTRE", "PRODUCT");
        String d = Api.fileId(customer, "WEB", "BILLING"); // HIGH: respond by 13:00, never does
        tag(a, "product-idea");
        tag(b, "product-idea");
        tag(c, "process-fix");

        clock.set(berlin("2031-03-03T10:00"));
        act(a, "acknowledge").statusCode(200);                       // first response 1h
        act(a, "start").statusCode(200);
        clock.set(berlin("2031-03-03T11:00"));
        act(b, "acknowledge").statusCode(200);                       // first response 2h
        act(b, "start").statusCode(200);
        act(b, "wait-on-customer").statusCode(200);
        clock.set(berlin("2031-03-03T12:00"));
        Api.resolve(a, true, null).statusCode(200);                  // resolution 3h, at first contact
        clock.set(berlin("2031-03-03T13:00"));
        act(c, "acknowledge").statusCode(200);                       // first response 4h
        act(c, "start").statusCode(200);
        clock.set(berlin("2031-03-03T14:00"));
        check.run();                                                 // d's first response breached
        act(b, "start").statusCode(200);                             // paused 3h
        clock.set(berlin("2031-03-03T16:00"));
        Api.resolve(b, false, null).statusCode(200);                 // 7h - 3h paused = 4h
        clock.set(berlin("2031-03-04T10:00"));
        Api.resolve(c, false, null).statusCode(200);                 // 8h Monday + 1h Tuesday = 9h
        clock.set(berlin("2031-03-04T11:00"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"not fixed\"}").post(BASE + "/" + a + "/reopen")
                .then().statusCode(200);
        Api.get(d).body("firstResponseBreached", equalTo(true));

        JsonPath all = given().queryParam("from", "2031-03-03").queryParam("to", "2031-03-04").get(BASE + "/stats")
                .then().statusCode(200).body("groups.size()", equalTo(1)).extract().jsonPath();
        assertThat(all.getString("groups[0].key")).isEqualTo("all");
        assertThat(all.getInt("groups[0].volume")).isEqualTo(4);
        assertThat(all.getInt("groups[0].resolved")).isEqualTo(3);
        // a was resolved at first contact but the customer came back: 0 of 3 resolved at first contact.
        assertThat(all.getDouble("groups[0].firstContactResolutionPercent")).isEqualTo(0.0);
        assertThat(all.getDouble("groups[0].medianHoursToFirstResponse")).isEqualTo(2.0);
        assertThat(all.getDouble("groups[0].p90HoursToFirstResponse")).isEqualTo(4.0);
        assertThat(all.getDouble("groups[0].medianHoursToResolution")).isEqualTo(4.0);
        assertThat(all.getDouble("groups[0].p90HoursToResolution")).isEqualTo(9.0);
        assertThat(all.getDouble("groups[0].deadlineCompliancePercent")).isEqualTo(75.0);
        assertThat(all.getDouble("groups[0].reopenPercent")).isEqualTo(33.3);
        assertThat(all.getList("groups[0].topTags", Map.class)).containsExactly(
                Map.of("tag", "product-idea", "count", 2), Map.of("tag", "process-fix", "count", 1));

        JsonPath byCategory = given().queryParam("from", "2031-03-03T00:00:00+01:00").queryParam("to", "2031-03-04T00:00:00+01:00")
                .queryParam("groupBy", "category").get(BASE + "/stats").then().statusCode(200).extract().jsonPath();
        assertThat(byCategory.getList("groups.key", String.class)).containsExactly("BILLING", "PRODUCT");
        assertThat(byCategory.getInt("groups[0].volume")).isEqualTo(1);
        assertThat(byCategory.getDouble("groups[0].deadlineCompliancePercent")).isEqualTo(0.0);
        assertThat(byCategory.getString("groups[0].firstContactResolutionPercent")).isNull();
        assertThat(byCategory.getInt("groups[1].volume")).isEqualTo(3);
        assertThat(byCategory.getDouble("groups[1].deadlineCompliancePercent")).isEqualTo(100.0);

        JsonPath byChannel = given().queryParam("from", "2031-03-03").queryParam("to", "2031-03-04").queryParam("groupBy", "channel")
                .get(BASE + "/stats").then().statusCode(200).extract().jsonPath();
        assertThat(byChannel.getList("groups.key", String.class)).containsExactly("CALL_CENTRE", "EMAIL", "PHONE", "WEB");
        assertThat(byChannel.getDouble("groups[0].medianHoursToResolution")).isEqualTo(9.0);
        assertThat(byChannel.getDouble("groups[1].medianHoursToResolution")).isEqualTo(4.0);
        assertThat(byChannel.getDouble("groups[2].firstContactResolutionPercent")).as("PHONE: a, reopened").isEqualTo(0.0);

        JsonPath bySegment = given().queryParam("from", "2031-03-03").queryParam("to", "2031-03-04").queryParam("groupBy", "segment")
                .get(BASE + "/stats").then().statusCode(200).extract().jsonPath();
        assertThat(bySegment.getList("groups.key", String.class)).containsExactly("UNKNOWN");
        JsonPath byAssignee = given().queryParam("from", "2031-03-03").queryParam("to", "2031-03-04").queryParam("groupBy", "assignee")
                .get(BASE + "/stats").then().statusCode(200).extract().jsonPath();
        assertThat(byAssignee.getList("groups.volume", Integer.class).stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);

        given().queryParam("from", "2031-03-04").queryParam("to", "2031-03-05").get(BASE + "/stats").then().statusCode(200)
                .body("groups[0].volume", equalTo(0));
    }

    @Test
    void a_reopened_complaint_loses_first_contact_resolution_for_good() {
        // Monday 7 April 2031: only this test files in that week.
        clock.set(berlin("2031-04-07T09:00"));
        String customer = Api.newCustomer();
        String once = Api.fileId(customer, "PHONE", "PRODUCT");
        String back = Api.fileId(customer, "PHONE", "PRODUCT");
        for (String id : java.util.List.of(once, back)) {
            act(id, "acknowledge").statusCode(200);
            act(id, "start").statusCode(200);
            Api.resolve(id, true, null).statusCode(200).body("resolution.firstContactResolution", equalTo(true));
        }
        clock.set(berlin("2031-04-07T11:00"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"not fixed\"}").post(BASE + "/" + back + "/reopen")
                .then().statusCode(200).body("resolution.firstContactResolution", equalTo(false));
        act(back, "start").statusCode(200);
        // A re-resolution cannot claim first contact again: 422 naming the field, nothing changes.
        Api.resolve(back, true, null).statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("firstContactResolution"));
        Api.get(back).body("status", equalTo("IN_PROGRESS"));
        Api.resolve(back, false, null).statusCode(200).body("resolution.firstContactResolution", equalTo(false));
        given().queryParam("limit", 200).get(BASE + "/" + back + "/audit").then().statusCode(200)
                .body("items.find { it.field == 'firstContactResolution' && it.action == 'reopen' }.newValue", equalTo("false"));

        JsonPath week = given().queryParam("from", "2031-04-07").queryParam("to", "2031-04-12").get(BASE + "/stats")
                .then().statusCode(200).extract().jsonPath();
        assertThat(week.getInt("groups[0].resolved")).isEqualTo(2);
        assertThat(week.getDouble("groups[0].firstContactResolutionPercent")).as("only the complaint never reopened").isEqualTo(50.0);
    }

    @Test
    void bad_parameters_name_the_field() {
        given().queryParam("groupBy", "mood").get(BASE + "/stats").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("groupBy"));
        given().queryParam("from", "last tuesday").get(BASE + "/stats").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().queryParam("from", "2026-12-01").queryParam("to", "2026-11-01").get(BASE + "/stats").then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
    }
}
