package dev.crmsuite.customer.touchpoint;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Logging touchpoints and reading them back. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class TouchpointTest {

    static String log(String customerId, String channel, String occurredAt) {
        return given().contentType(ContentType.JSON)
                .body("{\"channel\":\"" + channel + "\",\"direction\":\"OUTBOUND\",\"phase\":\"AFTER_SALE\",\"occurredAt\":\"" + occurredAt + "\"}")
                .post("/api/v1/customers/" + customerId + "/touchpoints").then().statusCode(201).extract().path("id");
    }

    @Test
    void the_channel_filter_keeps_only_that_channel_across_pages() {
        String id = Api.register();
        String oldCall = log(id, "PHONE", "2026-01-01T09:00:00Z");
        log(id, "EMAIL", "2026-01-02T09:00:00Z");
        String newCall = log(id, "PHONE", "2026-01-03T09:00:00Z");
        log(id, "VISIT", "2026-01-04T09:00:00Z");

        given().queryParam("channel", "PHONE").get("/api/v1/customers/" + id + "/touchpoints").then().statusCode(200)
                .body("items.channel", everyItem(equalTo("PHONE")))
                .body("items.id", contains(newCall, oldCall));
        String cursor = given().queryParam("channel", "PHONE").queryParam("limit", 1).get("/api/v1/customers/" + id + "/touchpoints")
                .then().statusCode(200).body("items.id", contains(newCall)).extract().path("nextCursor");
        given().queryParam("channel", "PHONE").queryParam("limit", 1).queryParam("cursor", cursor)
                .get("/api/v1/customers/" + id + "/touchpoints").then().statusCode(200)
                .body("items.id", contains(oldCall)).body("nextCursor", nullValue());
        given().get("/api/v1/customers/" + id + "/touchpoints").then().statusCode(200).body("items.size()", equalTo(4));
    }

    @Test
    void an_unknown_channel_is_400_naming_channel() {
        String id = Api.register();
        for (String bad : new String[] {"FAX", "phone", "IN_PERSON"}) {
            given().queryParam("channel", bad).get("/api/v1/customers/" + id + "/touchpoints").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("channel"));
        }
    }
}
