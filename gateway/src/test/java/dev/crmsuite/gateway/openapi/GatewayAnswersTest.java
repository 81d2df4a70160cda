package dev.crmsuite.gateway.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.events.EventJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the merged document says about security and about the answers the gateway gives itself. */
class GatewayAnswersTest {

    private static ObjectNode document() throws Exception {
        ObjectNode doc = (ObjectNode) EventJson.MAPPER.readTree("""
                {"components":{"securitySchemes":{"InternalToken":{"type":"http","scheme":"bearer"}}},
                 "paths":{
                  "/api/v1/survey-invitations/{token}":{"get":{"responses":{"200":{"description":"ok"}}}},
                  "/api/v1/customers/{id}":{"get":{"security":[{"InternalToken":["customers:read"]}],
                      "responses":{"200":{"description":"ok"},"401":{"description":"platform's"},
                                   "403":{"description":"platform's"},"503":{"description":"the service's own"}}}},
                  "/api/v1/admin/api-keys":{"post":{"security":[{"InternalToken":["admin"]}],
                      "responses":{"201":{"description":"issued"},"403":{"description":"platform's"}}}},
                  "/api/v1/complaints":{"post":{"security":[{"InternalToken":["complaints:write"]}],
                      "responses":{"201":{"description":"filed"},"400":{"description":"bad body"}}}},
                  "/api/v1/customers/{id}/purchases":{"post":{"security":[{"InternalToken":["customers:write"]}],
                      "parameters":[{"name":"idempotency-key","in":"header","schema":{"type":"string"}}],
                      "responses":{"201":{"description":"recorded"},"409":{"description":"externalOrderId reused"}}}},
                  "/api/v1/partner/openapi":{"get":{"security":[{"InternalToken":[]}],
                      "responses":{"200":{"description":"ok"},"403":{"description":"platform's"}}}}}}""");
        SuiteOpenApi.publicSecurity(doc);
        SuiteOpenApi.addGatewayAnswers(doc);
        return doc;
    }

    @Test
    void the_internal_scheme_becomes_the_public_ones_with_the_same_scopes() throws Exception {
        ObjectNode doc = document();
        assertThat(doc.at("/components/securitySchemes").has("InternalToken")).isFalse();
        assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/components/securitySchemes/apiKey/name").asText()).isEqualTo("X-API-Key");
        assertThat(doc.at("/paths/~1api~1v1~1customers~1{id}/get/security").toString())
                .isEqualTo("[{\"bearerAuth\":[\"customers:read\"]},{\"apiKey\":[\"customers:read\"]}]");
        assertThat(doc.at("/paths/~1api~1v1~1partner~1openapi/get/security").toString())
                .isEqualTo("[{\"bearerAuth\":[]},{\"apiKey\":[]}]");
        // Public: an explicit empty requirement, so the document-wide default does not apply.
        assertThat(doc.at("/paths/~1api~1v1~1survey-invitations~1{token}/get/security").toString()).isEqualTo("[]");
    }

    @Test
    void a_public_proxied_operation_gets_only_the_rate_limit_and_upstream_answers() throws Exception {
        var responses = document().at("/paths/~1api~1v1~1survey-invitations~1{token}/get/responses");
        assertThat(responses.has("401")).isFalse();
        assertThat(responses.has("403")).isFalse();
        assertThat(responses.path("429").path("headers").has("Retry-After")).isTrue();
        assertThat(responses.path("503").at("/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(responses.has("504")).isTrue();
    }

    @Test
    void a_proxied_operation_with_a_scope_gets_all_and_keeps_what_it_documents() throws Exception {
        var responses = document().at("/paths/~1api~1v1~1customers~1{id}/get/responses");
        assertThat(responses.path("401").path("description").asText()).isEqualTo("platform's");
        assertThat(responses.path("401").path("headers").has("WWW-Authenticate")).isTrue();
        assertThat(responses.path("403").path("description").asText()).isEqualTo("platform's");
        assertThat(responses.path("429").path("headers").has("RateLimit-Limit")).isTrue();
        assertThat(responses.path("429").path("headers").has("RateLimit-Reset")).isTrue();
        assertThat(responses.path("503").path("description").asText()).isEqualTo("the service's own");
        assertThat(responses.has("504")).isTrue();
    }

    @Test
    void the_gateways_own_operations_get_no_upstream_timeout_and_any_caller_no_403() throws Exception {
        ObjectNode doc = document();
        var admin = doc.at("/paths/~1api~1v1~1admin~1api-keys/post/responses");
        assertThat(admin.has("401")).isTrue();
        assertThat(admin.has("403")).isTrue();
        assertThat(admin.has("503")).isTrue(); // credentials could not be checked
        assertThat(admin.has("504")).isFalse();
        var partner = doc.at("/paths/~1api~1v1~1partner~1openapi/get/responses");
        assertThat(partner.has("401")).isTrue();
        assertThat(partner.has("403")).isFalse();
    }

    @Test
    void every_proxied_post_documents_the_gateways_answers_to_an_idempotency_key_without_changing_its_parameters() throws Exception {
        ObjectNode doc = document();
        var complaints = doc.at("/paths/~1api~1v1~1complaints/post");
        // No parameter added: a new one would change the operation's method in generated clients.
        assertThat(complaints.has("parameters")).isFalse();
        assertThat(complaints.at("/responses/409/description").asText()).contains("idempotency-key-in-flight");
        assertThat(complaints.at("/responses/409/headers").has("Retry-After")).isTrue();
        assertThat(complaints.at("/responses/422/description").asText()).contains("idempotency-key-reused");
        assertThat(complaints.at("/responses/400/description").asText()).startsWith("bad body; ").contains("Idempotency-Key");
        // What the operation documents stays, with the gateway's meaning added.
        var purchases = doc.at("/paths/~1api~1v1~1customers~1{id}~1purchases/post");
        assertThat(purchases.path("parameters")).hasSize(1);
        assertThat(purchases.at("/responses/409/description").asText()).startsWith("externalOrderId reused; or idempotency-key-in-flight");
        // The gateway's own operations are not proxied: nothing added.
        var keys = doc.at("/paths/~1api~1v1~1admin~1api-keys/post");
        assertThat(keys.has("parameters")).isFalse();
        assertThat(keys.at("/responses").has("409")).isFalse();
    }
}
