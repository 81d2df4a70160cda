package dev.crmsuite.customer.customer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.customer.campaign.DocumentedEvents;
import dev.crmsuite.platform.testing.AtOnce;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class CustomerRegistrationTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static String uniqueEmail() {
        return "c-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.COM";
    }

    @Test
    void registers_a_customer_and_publishes_customer_registered_through_the_outbox() {
        String email = uniqueEmail();
        String id = given().contentType(ContentType.JSON).header("X-Request-Id", "req-registration-1")
                .body("{\"name\":\"  Li Wei \",\"email\":\"" + email + "\"}")
                .when().post("/api/v1/customers")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/customers/"))
                .header("ETag", "\"0\"")
                .header("X-Request-Id", "req-registration-1")
                .body("name", equalTo("Li Wei"))
                .body("email", equalTo(email.toLowerCase()))
                .body("kind", equalTo("PERSON"))
                .extract().path("id");

        given().when().get("/api/v1/customers/" + id)
                .then().statusCode(200).header("ETag", "\"0\"").body("id", equalTo(id));

        List<ConsumerRecord<String, String>> records = TopicRecords.await("crm.customers", Duration.ofSeconds(15),
                r -> id.equals(r.key()));
        assertThat(records).hasSize(1);
        JsonNode event = TopicRecords.parse(records.getFirst().value());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo("crm.customer.registered.v1");
        assertThat(event.get("source").asText()).isEqualTo("/crm/customer-service");
        assertThat(event.get("subject").asText()).isEqualTo(id);
        assertThat(event.get("id").asText()).isNotBlank();
        assertThat(event.get("time").asText()).isNotBlank();
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.get("requestid").asText()).isEqualTo("req-registration-1");
        assertThat(event.get("data").get("customerId").asText()).isEqualTo(id);
        assertThat(event.get("data").has("email")).isFalse();
        assertThat(event.get("data").has("name")).isFalse();

        // The name and email travel on the compacted personal topic, keyed by what the record replaces.
        List<ConsumerRecord<String, String>> personal = TopicRecords.await("crm.customers.personal", Duration.ofSeconds(15),
                r -> (id + "/customer/" + id).equals(r.key()));
        assertThat(personal).hasSize(1);
        JsonNode profile = TopicRecords.parse(personal.getFirst().value());
        assertThat(profile.get("type").asText()).isEqualTo("crm.customer.personal-data-recorded.v1");
        assertThat(profile.get("subject").asText()).isEqualTo(id);
        assertThat(profile.get("requestid").asText()).isEqualTo("req-registration-1");
        assertThat(profile.get("data").get("customerId").asText()).isEqualTo(id);
        assertThat(profile.get("data").get("name").asText()).isEqualTo("Li Wei");
        assertThat(profile.get("data").get("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(profile.get("data").get("phone").isNull()).isTrue();
        assertThat(profile.get("data").get("postalAddress").isNull()).isTrue();
        // Both as docs/asyncapi.yaml documents them (the snapshot schema has no name, email or phone).
        assertThat(DocumentedEvents.violations(event)).isEmpty();
        assertThat(DocumentedEvents.violations(profile)).isEmpty();
    }

    @Test
    void refuses_a_duplicate_email_naming_the_existing_customer() {
        String email = uniqueEmail();
        String id = given().contentType(ContentType.JSON).body("{\"name\":\"A\",\"email\":\"" + email + "\"}")
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{\"name\":\"B\",\"email\":\"" + email.toUpperCase() + "\"}")
                .post("/api/v1/customers")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/duplicate-email"))
                .body("existingCustomerId", equalTo(id));
    }

    @Test
    void creates_claiming_one_address_at_the_same_time_make_one_customer_and_name_it_to_the_others() throws Exception {
        // Once as everyone's second address (only the address index keeps those unique) and once as the primary.
        for (boolean primary : List.of(false, true)) {
            String shared = uniqueEmail();
            List<io.restassured.response.Response> answers = AtOnce.run(6, i -> {
                String own = uniqueEmail();
                String emails = primary ? "[{\"address\":\"" + shared + "\"},{\"address\":\"" + own + "\"}]"
                        : "[{\"address\":\"" + own + "\"},{\"address\":\"" + shared + "\"}]";
                return given().contentType(ContentType.JSON).body("{\"name\":\"Claimant " + i + "\",\"emails\":" + emails + "}")
                        .post("/api/v1/customers");
            });
            List<String> created = answers.stream().filter(r -> r.statusCode() == 201).map(r -> r.<String>path("id")).toList();
            assertThat(created).as("primary=%s", primary).hasSize(1);
            for (var refused : answers.stream().filter(r -> r.statusCode() != 201).toList()) {
                assertThat(refused.statusCode()).isEqualTo(409);
                assertThat(refused.<String>path("type")).isEqualTo("https://crmsuite.dev/problems/duplicate-email");
                assertThat(refused.<String>path("existingCustomerId")).isEqualTo(created.getFirst());
            }
            given().queryParam("q", shared).get("/api/v1/customers").then().statusCode(200)
                    .body("items.id", org.hamcrest.Matchers.contains(created.getFirst()));
        }
    }

    @Test
    void replays_a_retried_create_with_the_same_idempotency_key() {
        String body = "{\"name\":\"Retry\",\"email\":\"" + uniqueEmail() + "\"}";
        String key = UUID.randomUUID().toString();
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/customers").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/customers")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", endsWith("/api/v1/customers/" + first))
                .body("id", equalTo(first));
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"name\":\"Other\",\"email\":\"" + uniqueEmail() + "\"}")
                .post("/api/v1/customers")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/idempotency-key-reused"));
        assertThat(TopicRecords.await("crm.customers", Duration.ofSeconds(15), r -> first.equals(r.key()))).hasSize(1);
    }

    @Test
    void unknown_customer_is_404_problem() {
        given().when().get("/api/v1/customers/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("requestId", notNullValue());
    }
}
