package dev.crmsuite.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.events.EventJson;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Same-name schemas of different services are told apart in the merged document, identical ones merged. */
class SchemaCollisionTest {

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) EventJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // The touchpoint channel of customer-service and the complaint channel of complaint-service: both "Channel".
    static final String CUSTOMER = """
            {"openapi":"3.1.0","paths":{"/api/v1/customers/{id}/touchpoints":{"post":{
               "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/NewTouchpoint"}}}},
               "responses":{"201":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Touchpoint"}}}},
                            "400":{"description":"bad","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}}},
             "components":{"schemas":{
               "Channel":{"type":"string","enum":["PHONE","EMAIL","VISIT","EVENT","LETTER"]},
               "NewTouchpoint":{"type":"object","properties":{"channel":{"$ref":"#/components/schemas/Channel"}}},
               "Touchpoint":{"type":"object","properties":{"id":{"type":"string"},"channel":{"$ref":"#/components/schemas/Channel"}}},
               "Problem":{"type":"object","properties":{"status":{"type":"integer"}}}}}}""";
    static final String COMPLAINT = """
            {"openapi":"3.1.0","paths":{"/api/v1/complaints":{"post":{
               "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/NewTouchpoint"}}}},
               "responses":{"201":{"description":"ok","content":{"application/json":{"schema":{"type":"array","items":{"$ref":"#/components/schemas/Channel"}}}}},
                            "400":{"description":"bad","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}}},
             "components":{"schemas":{
               "Channel":{"type":"string","enum":["PHONE","EMAIL","IN_PERSON","SOCIAL"]},
               "NewTouchpoint":{"type":"object","properties":{"channel":{"$ref":"#/components/schemas/Channel"}}},
               "Problem":{"type":"object","properties":{"status":{"type":"integer"}}}}}}""";

    private static ObjectNode merge(ObjectNode gateway) {
        Map<String, ObjectNode> parts = new TreeMap<>();
        parts.put("customer", parse(CUSTOMER));
        parts.put("complaint", parse(COMPLAINT));
        SuiteOpenApi.mergeParts(gateway, parts);
        return gateway;
    }

    @Test
    void differing_same_name_schemas_each_get_their_services_name_and_their_operations_point_at_them() {
        ObjectNode merged = merge(parse("{\"paths\":{},\"components\":{\"schemas\":{}}}"));
        JsonNode schemas = merged.at("/components/schemas");
        assertThat(schemas.has("Channel")).isFalse();
        assertThat(schemas.at("/CustomerChannel/enum").toString()).contains("VISIT", "EVENT", "LETTER");
        assertThat(schemas.at("/ComplaintChannel/enum").toString()).contains("IN_PERSON", "SOCIAL");
        // The same text refers to different channels, so the schemas using them differ too.
        assertThat(schemas.at("/CustomerNewTouchpoint/properties/channel/$ref").asText()).isEqualTo("#/components/schemas/CustomerChannel");
        assertThat(schemas.at("/ComplaintNewTouchpoint/properties/channel/$ref").asText()).isEqualTo("#/components/schemas/ComplaintChannel");
        assertThat(schemas.at("/Touchpoint/properties/channel/$ref").asText()).isEqualTo("#/components/schemas/CustomerChannel");
        // Identical definitions stay one schema under their own name.
        assertThat(schemas.has("Problem")).isTrue();
        assertThat(schemas.has("CustomerProblem") || schemas.has("ComplaintProblem")).isFalse();
        assertThat(DocumentedRefs.assertAsDocumented(merged, "customer", parse(CUSTOMER))).isEqualTo(3);
        assertThat(DocumentedRefs.assertAsDocumented(merged, "complaint", parse(COMPLAINT))).isEqualTo(3);
    }

    @Test
    void the_gateways_own_schema_keeps_its_name_and_a_service_that_differs_gets_its_own() {
        ObjectNode merged = merge(parse("""
                {"paths":{},"components":{"schemas":{"Problem":{"type":"object","properties":{"status":{"type":"integer"},"title":{"type":"string"}}}}}}"""));
        JsonNode schemas = merged.at("/components/schemas");
        assertThat(schemas.at("/Problem/properties").has("title")).isTrue();
        assertThat(schemas.has("CustomerProblem")).isTrue();
        assertThat(schemas.has("ComplaintProblem")).isTrue();
        DocumentedRefs.assertAsDocumented(merged, "customer", parse(CUSTOMER));
        DocumentedRefs.assertAsDocumented(merged, "complaint", parse(COMPLAINT));
    }

    @Test
    void a_prefixed_name_that_is_taken_is_not_overwritten() {
        String customer = CUSTOMER.replace("\"Problem\":{", "\"CustomerChannel\":{\"type\":\"boolean\"},\"Problem\":{");
        Map<String, ObjectNode> parts = new TreeMap<>();
        parts.put("customer", parse(customer));
        parts.put("complaint", parse(COMPLAINT));
        ObjectNode merged = parse("{\"paths\":{},\"components\":{\"schemas\":{}}}");
        SuiteOpenApi.mergeParts(merged, parts);
        assertThat(merged.at("/components/schemas/CustomerChannel/type").asText()).isEqualTo("boolean");
        DocumentedRefs.assertAsDocumented(merged, "customer", parse(customer));
        DocumentedRefs.assertAsDocumented(merged, "complaint", parse(COMPLAINT));
    }
}
