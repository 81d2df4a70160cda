package dev.crmsuite.gateway.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.events.EventJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which operations get the gateway's own answers (401/403/429/503/504) in the merged document. */
class GatewayAnswersTest {

    private static ObjectNode document() throws Exception {
        return (ObjectNode) EventJson.MAPPER.readTree("""
                {"paths":{
                  "/api/v1/survey-invitations/{token}":{"get":{"responses":{"200":{"description":"ok"}}}},
                  "/api/v1/customers/{id}":{"get":{"responses":{"200":{"description":"ok"},
                      "503":{"description":"the service's own"}}}},
                  "/api/v1/admin/api-keys":{"post":{"responses":{"201":{"description":"issued"}}}},
                  "/api/v1/partner/openapi":{"get":{"responses":{"200":{"description":"ok"}}}}}}""");
    }

    @Test
    void a_public_proxied_operation_gets_only_the_upstream_answers() throws Exception {
        ObjectNode doc = document();
        SuiteOpenApi.addGatewayAnswers(doc);
        var responses = doc.at("/paths/~1api~1v1~1survey-invitations~1{token}/get/responses");
        assertThat(responses.has("401")).isFalse();
        assertThat(responses.has("403")).isFalse();
        assertThat(responses.has("429")).isFalse();
        assertThat(responses.path("503").at("/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(responses.has("504")).isTrue();
    }

    @Test
    void a_proxied_operation_with_a_scope_gets_all_and_keeps_what_it_documents() throws Exception {
        ObjectNode doc = document();
        SuiteOpenApi.addGatewayAnswers(doc);
        var responses = doc.at("/paths/~1api~1v1~1customers~1{id}/get/responses");
        assertThat(responses.path("401").path("headers").has("WWW-Authenticate")).isTrue();
        assertThat(responses.path("403").path("description").asText()).contains("customers:read");
        assertThat(responses.path("429").path("headers").has("Retry-After")).isTrue();
        assertThat(responses.path("429").path("headers").has("RateLimit-Limit")).isTrue();
        assertThat(responses.path("429").path("headers").has("RateLimit-Reset")).isTrue();
        assertThat(responses.path("503").path("description").asText()).isEqualTo("the service's own");
        assertThat(responses.has("504")).isTrue();
    }

    @Test
    void the_gateways_own_operations_get_no_upstream_timeout_and_any_caller_no_403() throws Exception {
        ObjectNode doc = document();
        SuiteOpenApi.addGatewayAnswers(doc);
        var admin = doc.at("/paths/~1api~1v1~1admin~1api-keys/post/responses");
        assertThat(admin.path("403").path("description").asText()).contains("admin");
        assertThat(admin.has("503")).isTrue(); // access could not be checked
        assertThat(admin.has("504")).isFalse();
        var partner = doc.at("/paths/~1api~1v1~1partner~1openapi/get/responses");
        assertThat(partner.has("401")).isTrue();
        assertThat(partner.has("403")).isFalse();
    }
}
