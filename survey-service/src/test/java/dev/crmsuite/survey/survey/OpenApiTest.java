package dev.crmsuite.survey.survey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crmsuite.platform.testing.InternalTokens;
import dev.crmsuite.platform.testing.KafkaBroker;
import dev.crmsuite.platform.testing.PostgresDatabase;
import dev.crmsuite.platform.testing.TopicRecords;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Every operation is in the OpenAPI document under its operationId, with its problem responses and its permission. */
@QuarkusTest
@WithTestResource(value = PostgresDatabase.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    /** The only operations anyone may call without a scope: a customer answering by the secret token of their link. */
    private static final Set<String> PUBLIC = Set.of("openSurveyInvitation", "submitSurveyResponse");

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

    @Test
    void every_operation_but_the_public_ones_declares_its_permission() {
        // The document is documentation: it is served without credentials.
        JsonNode doc = TopicRecords.parse(given().header("Authorization", InternalTokens.NO_TOKEN).queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().asString());
        List<String> undeclared = new ArrayList<>();
        List<String> publicSeen = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> {
            assertThat(path.getKey()).startsWith("/api/v1/");
            path.getValue().properties().stream()
                    .filter(op -> List.of("get", "post", "put", "patch", "delete").contains(op.getKey()))
                    .forEach(op -> {
                        String id = op.getValue().path("operationId").asText();
                        JsonNode security = op.getValue().path("security");
                        if (PUBLIC.contains(id)) {
                            publicSeen.add(id);
                            assertThat(security.isMissingNode() || security.isEmpty()).as(id + " is public").isTrue();
                            return;
                        }
                        if (security.isEmpty() || security.get(0).path("InternalToken").isEmpty()) {
                            undeclared.add(op.getKey().toUpperCase() + " " + path.getKey());
                            return;
                        }
                        assertThat(security.get(0).get("InternalToken").get(0).asText()).as(id).matches("surveys:(read|write)");
                        for (String status : new String[]{"401", "403"}) {
                            assertThat(op.getValue().path("responses").path(status).path("content").has("application/problem+json"))
                                    .as(id + " documents " + status).isTrue();
                        }
                    });
        });
        assertThat(undeclared).as("operations without a declared permission").isEmpty();
        assertThat(publicSeen).containsExactlyInAnyOrderElementsOf(PUBLIC);
        assertThat(doc.path("components").path("securitySchemes").has("InternalToken")).isTrue();
    }
}
