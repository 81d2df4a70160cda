package dev.crmsuite.customer.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.crmsuite.customer.support.Api.email;
import static dev.crmsuite.customer.support.Api.purchase;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Export of everything held, and erasure that keeps only anonymous aggregates. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ErasureTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void export_holds_everything_and_erasure_removes_the_personal_part() {
        String mail = email();
        String name = "Zhou " + UUID.randomUUID().toString().substring(0, 6);
        String id = Api.register("{\"name\":\"" + name + "\",\"email\":\"" + mail + "\",\"phone\":\"+86 138 0000 1111\","
                + "\"address\":{\"city\":\"Hangzhou\"},\"attributes\":{\"birthday\":\"1990-01-01\"},\"tags\":[\"vip\"]}");
        purchase(id, "E-1", "250.00", false, null);
        given().contentType(ContentType.JSON).body("{\"channel\":\"VISIT\",\"direction\":\"INBOUND\",\"phase\":\"SALE\",\"summary\":\"" + name + " came by\"}")
                .post("/api/v1/customers/" + id + "/touchpoints").then().statusCode(201);
        String etag = given().get("/api/v1/customers/" + id).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body("{\"familyName\":\"Zhou\"}")
                .patch("/api/v1/customers/" + id).then().statusCode(200);

        String export = given().get("/api/v1/customers/" + id + "/export").then().statusCode(200)
                .body("customer.email", equalTo(mail))
                .body("purchases[0].externalOrderId", equalTo("E-1"))
                .body("touchpoints[0].summary", equalTo(name + " came by"))
                .body("history.field", org.hamcrest.Matchers.hasItem("familyName"))
                .body("timeline.size()", org.hamcrest.Matchers.greaterThan(1))
                .extract().asString();
        assertThat(export).contains(name, mail, "Hangzhou", "+8613800001111");

        // A look-alike (same phone) makes a duplicate pair; the purchase gave a risk assessment.
        given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\",\"email\":\"" + email() + "\",\"phone\":\"+86 138 0000 1111\"}")
                .post("/api/v1/customers").then().statusCode(201).header("CRM-Possible-Duplicates", org.hamcrest.Matchers.containsString(id));
        assertThat(insightRows(id)).isPositive();

        // Before the erasure the personal topic holds the profile (once: a family name is not part of it) and the touchpoint.
        List<Api.PersonalRecord> recorded = Api.personal(id, 2);
        assertThat(recorded).extracting(Api.PersonalRecord::thing).containsExactlyInAnyOrder("customer", "touchpoint");
        assertThat(recorded).noneMatch(Api.PersonalRecord::tombstone);
        assertThat(recorded.toString()).contains(name, mail, "Hangzhou", "+8613800001111");

        given().header("Authorization", Api.staffActing("dpo")).post("/api/v1/customers/" + id + "/erasure").then().statusCode(200)
                .body("customerId", equalTo(id)).body("erasedAt", notNullValue());
        // Every key written for the customer gets its tombstone, so compaction removes the data from Kafka; the outbox
        // keeps no copy; and the domain events about them never held any of it.
        List<Api.PersonalRecord> afterErasure = Api.personal(id, 4);
        assertThat(afterErasure).hasSize(4);
        java.util.Map<String, Api.PersonalRecord> lastPerKey = new java.util.HashMap<>();
        afterErasure.forEach(r -> lastPerKey.put(r.key(), r));
        assertThat(lastPerKey).hasSize(2);
        assertThat(lastPerKey.values()).allMatch(Api.PersonalRecord::tombstone);
        assertThat(outboxRowsWithData(id)).isZero();
        String domainEvents = TopicRecords.eventsFor("crm.customers", id).toString();
        assertThat(domainEvents).contains("crm.customer.erased.v1")
                .doesNotContain(name).doesNotContain(mail).doesNotContain("Hangzhou").doesNotContain("8613800001111")
                .doesNotContain("came by");
        given().get("/api/v1/customers/" + id).then().statusCode(200)
                .body("name", equalTo("Erased customer"))
                .body("email", nullValue()).body("phone", nullValue()).body("address", nullValue())
                .body("emails.size()", equalTo(0)).body("tags.size()", equalTo(0))
                .body("consents.marketing", equalTo(false))
                .body("erasedAt", notNullValue())
                // anonymous aggregates stay
                .body("value.revenue12Months", equalTo(250.00f))
                .body("lifecycle.stage", equalTo("TRUSTING"));
        String after = given().get("/api/v1/customers/" + id + "/export").then().statusCode(200)
                .body("purchases[0].amount", equalTo(250.00f)).extract().asString();
        assertThat(after).doesNotContain(name).doesNotContain(mail).doesNotContain("Hangzhou")
                .doesNotContain("8613800001111").doesNotContain("1990-01-01").doesNotContain("Zhou");
        given().get("/api/v1/customers/" + id + "/history").then().body("items.field", org.hamcrest.Matchers.hasItem("erased"))
                .body("items.find { it.field == 'erased' }.actor", equalTo("dpo"))
                .body("items.findAll { it.field == 'familyName' }.newValue", everyItem(nullValue()));
        given().queryParam("q", mail).get("/api/v1/customers").then().body("items.size()", equalTo(0));
        assertThat(insightRows(id)).as("duplicate pairs and risk assessments of the erased customer").isZero();

        // Idempotent: a second erasure changes nothing and publishes nothing more.
        given().post("/api/v1/customers/" + id + "/erasure").then().statusCode(200);
        List<JsonNode> erased = Api.events(id, "crm.customer.erased.v1", 1);
        assertThat(erased).hasSize(1);
        assertThat(Api.personal(id, 5)).hasSize(4);
        assertThat(erased.getFirst().get("customerId").asText()).isEqualTo(id);
        assertThat(erased.getFirst().get("erasedAt").asText()).isNotBlank();

        // The address is free again; the erased record cannot be edited.
        given().contentType(ContentType.JSON).body("{\"name\":\"New\",\"email\":\"" + mail + "\"}").post("/api/v1/customers").then().statusCode(201);
        String newEtag = given().get("/api/v1/customers/" + id).then().extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", newEtag).body("{\"name\":\"Back\"}")
                .patch("/api/v1/customers/" + id).then().statusCode(409);
    }

    /** Rows of the outbox that carry personal data about the customer (published or not). */
    static int outboxRowsWithData(String id) {
        try (java.sql.Connection c = dev.crmsuite.platform.testing.PostgresDatabase.connect();
             java.sql.PreparedStatement s = c.prepareStatement(
                     "select count(*) from outbox_event where topic = 'crm.customers.personal' and event_key like ? and payload is not null")) {
            s.setString(1, id + "/%");
            try (java.sql.ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static int insightRows(String id) {
        try (java.sql.Connection c = dev.crmsuite.platform.testing.PostgresDatabase.connect();
             java.sql.PreparedStatement s = c.prepareStatement("""
                     select (select count(*) from duplicate_candidate where customer_id = ?::uuid or other_id = ?::uuid)
                          + (select count(*) from customer_risk where customer_id = ?::uuid)""")) {
            s.setString(1, id);
            s.setString(2, id);
            s.setString(3, id);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unknown_customers_cannot_be_exported_or_erased() {
        given().get("/api/v1/customers/" + UUID.randomUUID() + "/export").then().statusCode(404);
        given().post("/api/v1/customers/" + UUID.randomUUID() + "/erasure").then().statusCode(404);
    }
}
