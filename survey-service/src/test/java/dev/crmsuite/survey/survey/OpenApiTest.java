package dev.crmsuite.survey.survey;

import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Every operation is in the OpenAPI document under its operationId, with its problem responses. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    @Test
    void documents_every_operation() {
        String doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        for (String operation : new String[]{"createSurvey", "listSurveys", "getSurvey", "updateSurveyDraft", "publishSurvey",
                "getSurveyVersion", "getSurveyResults", "listSurveyInvitations", "openSurveyInvitation",
                "submitSurveyResponse", "getSatisfaction"}) {
            assertThat(doc).contains("\"operationId\" : \"" + operation + "\"");
        }
        assertThat(doc).contains("application/problem+json").contains("\"/api/v1/survey-invitations/{token}/responses\"");
    }
}
