package dev.crmsuite.customer.platform;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Every Location this service answers names something a GET can read, and refunds can be listed. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class LocationsTest {

    /** GETs the path of a Location (its scheme and host come from crm.http.public-url) and answers the body. */
    static Response read(Response created) {
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.header("Location");
        assertThat(location).as("Location").isNotNull();
        Response r = given().get(URI.create(location).getRawPath());
        assertThat(r.statusCode()).as("GET " + location).isEqualTo(200);
        return r;
    }

    @Test
    void a_touchpoints_location_reads_the_touchpoint_and_only_under_its_customer() {
        String id = Api.register();
        Response created = given().contentType(ContentType.JSON)
                .body("{\"channel\":\"VISIT\",\"direction\":\"INBOUND\",\"phase\":\"PRE_SALE\",\"summary\":\"looked at TVs\"}")
                .post("/api/v1/customers/" + id + "/touchpoints");
        String touchpoint = created.path("id");
        read(created).then().body("id", equalTo(touchpoint)).body("customerId", equalTo(id))
                .body("channel", equalTo("VISIT")).body("summary", equalTo("looked at TVs"));

        String other = Api.register();
        given().get("/api/v1/customers/" + other + "/touchpoints/" + touchpoint).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/customers/" + id + "/touchpoints/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void a_follow_ups_location_reads_the_follow_up() {
        String id = Api.register();
        Response created = given().contentType(ContentType.JSON)
                .body("{\"dueAt\":\"2030-01-01T09:00:00Z\",\"reason\":\"invite to the spring event\",\"owner\":\"li.na\"}")
                .post("/api/v1/customers/" + id + "/follow-ups");
        String followUp = created.path("id");
        read(created).then().body("id", equalTo(followUp)).body("customerId", equalTo(id)).body("owner", equalTo("li.na"))
                .body("status", equalTo("OPEN")).body("dueAt", equalTo("2030-01-01T09:00:00Z"));
        given().get("/api/v1/follow-ups/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void refunds_are_listed_under_their_purchase_oldest_first() {
        String id = Api.register();
        String purchase = Api.purchase(id, "RF-1", "300.00", false, null);
        given().get("/api/v1/customers/" + id + "/purchases/" + purchase + "/refunds").then().statusCode(200)
                .body("items.size()", equalTo(0)).body("nextCursor", nullValue());

        Response first = given().contentType(ContentType.JSON).body("{\"amount\":100.00,\"reason\":\"scratched\"}")
                .post("/api/v1/customers/" + id + "/purchases/" + purchase + "/refunds");
        read(first).then().body("id", equalTo(purchase));
        String firstId = first.path("id");
        String secondId = given().contentType(ContentType.JSON).body("{\"reason\":\"returned\"}")
                .post("/api/v1/customers/" + id + "/purchases/" + purchase + "/refunds").then().statusCode(201).extract().path("id");

        given().get("/api/v1/customers/" + id + "/purchases/" + purchase + "/refunds").then().statusCode(200)
                .body("items.id", contains(firstId, secondId))
                .body("items.amount", contains(100.00f, 200.00f))
                .body("items.reason", contains("scratched", "returned"))
                .body("nextCursor", nullValue());
        String cursor = given().queryParam("limit", 1).get("/api/v1/customers/" + id + "/purchases/" + purchase + "/refunds")
                .then().statusCode(200).body("items.id", contains(firstId)).extract().path("nextCursor");
        given().queryParam("limit", 1).queryParam("cursor", cursor).get("/api/v1/customers/" + id + "/purchases/" + purchase + "/refunds")
                .then().statusCode(200).body("items.id", contains(secondId)).body("nextCursor", nullValue());

        // the purchase under another customer is unknown, its refunds too
        String other = Api.register();
        given().get("/api/v1/customers/" + other + "/purchases/" + purchase + "/refunds").then().statusCode(404);
    }

    @Test
    void the_new_reads_are_documented_with_a_schema_and_an_example() {
        io.restassured.path.json.JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        for (String path : new String[] {"/api/v1/follow-ups/{followUpId}", "/api/v1/customers/{id}/touchpoints/{touchpointId}"}) {
            java.util.Map<String, Object> ok = doc.getMap("paths.'" + path + "'.get.responses.'200'.content.'application/json'");
            assertThat(ok).as(path).containsKeys("schema", "examples");
            assertThat(doc.getString("paths.'" + path + "'.get.description")).as(path).isNotBlank();
        }
        String refunds = "paths.'/api/v1/customers/{id}/purchases/{purchaseId}/refunds'.get";
        assertThat(doc.getMap(refunds + ".responses.'200'.content.'application/json'")).containsKey("schema");
        assertThat(doc.getString(refunds + ".description")).isNotBlank();
        assertThat(doc.getList("components.schemas.PurchaseRefund.properties.amount.examples")).isNotEmpty();
    }
}
