package dev.crmsuite.complaint.complaint;

import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

/** The OpenAPI document names every complaint operation and documents its problems. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    @Test
    void every_operation_is_documented() {
        var doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
        doc.body("paths.'/api/v1/complaints'.post.operationId", org.hamcrest.Matchers.equalTo("fileComplaint"))
                .body("paths.'/api/v1/complaints'.post.responses", hasKey("400"))
                .body("paths.'/api/v1/complaints/{id}/resolution'.post.responses", hasKey("409"))
                .body("paths.'/api/v1/complaints/{id}/acknowledge'.post.operationId", notNullValue())
                .body("paths.'/api/v1/complaints/stats'.get.operationId", org.hamcrest.Matchers.equalTo("complaintStats"))
                .body("paths.'/api/v1/complaints/unknown-customers'.get.operationId", notNullValue())
                .body("components.schemas", hasKey("Problem"));
    }
}
