package dev.crmsuite.e2e.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentedAnswersTest {

    static final String DOCUMENT = """
            {"openapi": "3.1.0",
             "paths": {"/api/v1/things/{id}": {"get": {"responses": {
                "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                "204": {"description": "nothing"},
                "4XX": {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}}},
             "components": {"schemas": {
                "Thing": {"type": "object", "required": ["id", "name"], "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "name": {"type": "string", "maxLength": 5},
                    "parts": {"type": "array", "items": {"$ref": "#/components/schemas/Part"}}}},
                "Part": {"type": "object", "required": ["count"], "properties": {"count": {"type": "integer", "minimum": 0}}},
                "Problem": {"type": "object", "required": ["status"], "properties": {"status": {"type": "integer"}}}}}}
            """;
    static final String OP = "/api/v1/things/{id}";
    static final String ID = "0b0e7c4e-8a35-4d7a-9d1b-6c1f0c2d3e4f";

    final DocumentedAnswers answers;

    DocumentedAnswersTest() throws Exception {
        JsonNode document = new ObjectMapper().readTree(DOCUMENT);
        answers = new DocumentedAnswers(document);
    }

    @Test
    void a_documented_answer_has_no_findings() {
        assertThat(answers.check("GET", OP, 200, "application/json;charset=UTF-8",
                "{\"id\":\"" + ID + "\",\"name\":\"box\",\"parts\":[{\"count\":2}]}")).isEmpty();
        assertThat(answers.check("GET", OP, 204, "", "")).isEmpty();
        assertThat(answers.check("GET", OP, 404, "application/problem+json", "{\"status\":404}")).as("4XX covers it").isEmpty();
    }

    @Test
    void an_undocumented_status_is_a_finding() {
        assertThat(answers.check("GET", OP, 503, "application/problem+json", "{\"status\":503}"))
                .singleElement().asString().contains("status 503 is not documented").contains("200, 204, 4XX");
    }

    @Test
    void an_undocumented_media_type_or_an_unexpected_body_is_a_finding() {
        assertThat(answers.check("GET", OP, 200, "text/plain", "box")).singleElement().asString()
                .contains("media type 'text/plain' is not documented");
        assertThat(answers.check("GET", OP, 204, "application/json", "{}")).singleElement().asString()
                .contains("documented without a body");
        assertThat(answers.check("GET", OP, 200, "application/json", "{not json")).singleElement().asString()
                .contains("not JSON");
    }

    @Test
    void a_body_that_breaks_its_schema_is_a_finding_down_references_and_formats() {
        assertThat(answers.check("GET", OP, 200, "application/json", "{\"id\":\"" + ID + "\"}"))
                .singleElement().asString().contains("does not match its schema").contains("name");
        assertThat(answers.check("GET", OP, 200, "application/json", "{\"id\":\"" + ID + "\",\"name\":\"box\",\"parts\":[{\"count\":-1}]}"))
                .singleElement().asString().contains("/parts/0/count");
        assertThat(answers.check("GET", OP, 200, "application/json", "{\"id\":\"not-a-uuid\",\"name\":\"box\"}"))
                .singleElement().asString().contains("id");
        assertThat(answers.check("GET", OP, 404, "application/problem+json", "{\"status\":\"404\"}"))
                .singleElement().asString().contains("status");
    }

    @Test
    void an_operation_the_document_lacks_is_a_finding() {
        assertThat(answers.check("DELETE", OP, 204, "", "")).singleElement().asString().contains("no operation DELETE");
    }
}
