package dev.crmsuite.customer.customer;

import dev.crmsuite.customer.support.Api;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static dev.crmsuite.customer.support.Api.email;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 16, items 20, 21, 22 and 29, through the platform rules every service shares: a wrong JSON
 * type or an unreadable query parameter is 400 naming the field, a client accepting only
 * problem+json is served, and a parser's complaint reaches the client without its internals.
 */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class ApiAsDocumentedTest {

    @Test
    void a_value_of_the_wrong_json_type_is_400_naming_the_field_and_stores_nothing() {
        String mail = email();
        given().contentType(ContentType.JSON).body("{\"name\":42,\"email\":\"" + mail + "\"}").post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
        given().queryParam("q", mail).get("/api/v1/customers").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.is(0));
        String id = Api.register();
        given().contentType(ContentType.JSON).body("{\"externalOrderId\":\"o-1\",\"amount\":\"59.90\",\"currency\":\"CNY\",\"discounted\":false}")
                .post("/api/v1/customers/" + id + "/purchases")
                .then().statusCode(400).body("errors.field", hasItem("amount"));
        given().contentType(ContentType.JSON).body("{\"externalOrderId\":\"o-2\",\"amount\":59.90,\"currency\":\"CNY\",\"discounted\":\"no\"}")
                .post("/api/v1/customers/" + id + "/purchases")
                .then().statusCode(400).body("errors.field", hasItem("discounted"));
        given().get("/api/v1/customers/" + id + "/purchases").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.is(0));
    }

    @Test
    void an_unreadable_query_parameter_is_400_naming_it_not_404() {
        given().queryParam("limit", "abc").get("/api/v1/customers").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("limit"))
                .body("detail", startsWith("limit:"));
        String id = Api.register();
        given().queryParam("limit", "1.5").get("/api/v1/customers/" + id + "/history").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
    }

    @Test
    void a_client_accepting_only_problem_json_is_served_not_refused_with_406() {
        String id = Api.register();
        given().contentType(ContentType.JSON).body("{\"stage\":\"TRUSTING\",\"reason\":\"checked by phone\"}")
                .put("/api/v1/customers/" + id + "/stage").then().statusCode(200);
        given().accept("application/problem+json").delete("/api/v1/customers/" + id + "/stage")
                .then().statusCode(org.hamcrest.Matchers.lessThan(300));
        given().accept("application/problem+json").get("/api/v1/customers/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_parse_error_says_what_and_where_without_parser_internals() {
        given().contentType(ContentType.JSON).body("{\"name\":\"Li\",,}").post("/api/v1/customers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("line 1"))
                .body("detail", not(containsString("Source")))
                .body("detail", not(containsString("StreamReadFeature")))
                .body("detail", not(containsString("REDACTED")));
    }
}
