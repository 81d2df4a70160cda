package dev.crmsuite.customer.platform;

import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Bad input of every kind is a 4xx in problem+json, never a 500, and never writes anything. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ProblemJsonTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void malformed_json_is_400() {
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", ")
                .post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/malformed-json"))
                .body("status", equalTo(400));
    }

    @Test
    void a_method_the_path_does_not_answer_is_405_naming_those_it_does() {
        given().contentType(ContentType.JSON).body("{}").put("/api/v1/customers")
                .then().statusCode(405).contentType("application/problem+json").header("Allow", "GET, HEAD, POST");
        given().get("/api/v1/value-tiers/recompute").then().statusCode(405).header("Allow", "POST");
    }

    @Test
    void a_key_given_twice_is_400_and_nothing_is_created() {
        String email = "twice-" + java.util.UUID.randomUUID() + "@example.com";
        given().contentType(ContentType.JSON)
                .body("{\"kind\":\"PERSON\",\"name\":\"Ada\",\"email\":\"" + email + "\",\"name\":\"Eve\"}")
                .post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/malformed-json"))
                .body("detail", org.hamcrest.Matchers.containsString("Duplicate field 'name'"));
        given().queryParam("q", email).get("/api/v1/customers").then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void wrong_type_names_the_field() {
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"email\": \"a@b.co\", \"kind\": \"ROBOT\"}")
                .post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("kind"))
                .body("detail", containsString("PERSON"));
        given().contentType(ContentType.JSON).body("{\"name\": [1,2], \"email\": \"a@b.co\"}")
                .post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name"));
    }

    @Test
    void unknown_field_is_refused_not_ignored() {
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"email\": \"u@b.co\", \"segment\": \"KEY_ACCOUNT\"}")
                .post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("segment"))
                .body("errors.message", hasItem("unknown field"));
    }

    @Test
    void validation_lists_every_field_at_fault() {
        given().contentType(ContentType.JSON).body("{\"name\": \"\", \"email\": \"not-an-email\"}")
                .post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://crmsuite.dev/problems/validation"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("email"));
    }

    @Test
    void missing_body_is_400() {
        given().contentType(ContentType.JSON).post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void oversized_body_is_413() {
        String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\", \"email\": \"big@b.co\"}";
        given().contentType(ContentType.JSON).body(huge)
                .post("/api/v1/customers")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void unknown_path_and_wrong_media_type_are_problems() {
        given().get("/api/v1/no-such-thing").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.TEXT).body("hello").post("/api/v1/customers")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void rejected_requests_write_nothing() throws Exception {
        given().contentType(ContentType.JSON).body("{\"name\": \"\", \"email\": \"nothing-written@b.co\"}")
                .post("/api/v1/customers").then().statusCode(400);
        try (Connection c = PostgresDatabase.connect();
             ResultSet rs = c.createStatement().executeQuery(
                     "select count(*) from customer where email = 'nothing-written@b.co'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
