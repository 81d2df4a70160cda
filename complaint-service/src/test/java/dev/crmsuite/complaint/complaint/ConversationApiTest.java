package dev.crmsuite.complaint.complaint;

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

import static dev.crmsuite.complaint.testing.Api.BASE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Comments, tags for product and operations teams, and the audit of both. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ConversationApiTest {

    @Inject
    ControllableClock clock;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void friday() {
        clock.set(Api.berlin("2026-11-27T11:00"));
    }

    @Test
    void internal_and_customer_visible_comments() {
        String id = Api.fileId(Api.newCustomer(), "PHONE", "SERVICE");
        given().contentType(ContentType.JSON).header(Api.actor("ben"))
                .body("{\"body\":\"Checked the courier log\",\"visibility\":\"INTERNAL\"}")
                .post(BASE + "/" + id + "/comments").then().statusCode(201).body("author", equalTo("ben"));
        given().contentType(ContentType.JSON).header(Api.actor("ben"))
                .body("{\"body\":\"We are sending a replacement\",\"visibility\":\"CUSTOMER\"}")
                .post(BASE + "/" + id + "/comments").then().statusCode(201);
        given().get(BASE + "/" + id + "/comments").then().statusCode(200)
                .body("items.visibility", contains("INTERNAL", "CUSTOMER"));
        given().queryParam("visibility", "customer").get(BASE + "/" + id + "/comments").then()
                .body("items.body", contains("We are sending a replacement"));
        given().contentType(ContentType.JSON).body("{\"body\":\"x\",\"visibility\":\"PUBLIC\"}")
                .post(BASE + "/" + id + "/comments").then().statusCode(400).body("errors[0].field", equalTo("visibility"));
        given().contentType(ContentType.JSON).body("{\"body\":\"\",\"visibility\":\"INTERNAL\"}")
                .post(BASE + "/" + id + "/comments").then().statusCode(400).body("errors[0].field", equalTo("body"));
        given().queryParam("limit", 200).get(BASE + "/" + id + "/audit").then()
                .body("items.findAll { it.action == 'comment' }.actor", contains("ben", "ben"));
    }

    @Test
    void tags_make_product_ideas_and_process_fixes_findable() {
        String customer = Api.newCustomer();
        String idea = Api.fileId(customer, "WEB", "PRODUCT");
        String fix = Api.fileId(customer, "WEB", "DELIVERY");
        given().contentType(ContentType.JSON).header(Api.actor("pm"))
                .body("{\"tag\":\"product-idea\",\"note\":\"Offer shock-proof packaging\"}")
                .post(BASE + "/" + idea + "/tags").then().statusCode(200).body("addedBy", equalTo("pm"));
        given().contentType(ContentType.JSON).body("{\"tag\":\"process-fix\",\"note\":\"Courier handover checklist\"}")
                .post(BASE + "/" + fix + "/tags").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"tag\":\"fragile-goods\"}")
                .post(BASE + "/" + fix + "/tags").then().statusCode(200);

        given().queryParam("tag", "product-idea").queryParam("customerId", customer).get(BASE).then()
                .body("items.id", contains(idea)).body("items[0].tags", contains("product-idea"));
        given().queryParam("tag", "process-fix").queryParam("customerId", customer).get(BASE).then()
                .body("items.id", contains(fix));
        given().get(BASE + "/" + fix + "/tags").then().body("items.tag", contains("fragile-goods", "process-fix"))
                .body("items.find { it.tag == 'process-fix' }.note", equalTo("Courier handover checklist"));

        given().delete(BASE + "/" + fix + "/tags/fragile-goods").then().statusCode(204);
        given().delete(BASE + "/" + fix + "/tags/fragile-goods").then().statusCode(404);
        Api.get(fix).body("tags", contains("process-fix"));
        given().contentType(ContentType.JSON).body("{\"tag\":\"Not A Slug\"}").post(BASE + "/" + fix + "/tags")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("tag"));
        given().queryParam("limit", 200).get(BASE + "/" + idea + "/audit").then()
                .body("items.find { it.field == 'tag:product-idea' }.newValue", equalTo("Offer shock-proof packaging"))
                .body("items.find { it.field == 'tag:product-idea' }.actor", equalTo("pm"));
        given().queryParam("limit", 200).get(BASE + "/" + fix + "/audit").then()
                .body("items.find { it.action == 'untag' }.field", equalTo("tag:fragile-goods"))
                .body("items.action", hasItem("untag")).body("items.action", not(hasItem("comment")));
    }
}
