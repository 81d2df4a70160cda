package dev.crmsuite.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every operation documents the platform's answers to a malformed request; those with a body, 413 and 415 too. */
class RequestProblemsDocumentedTest {

    private static Operation answering(String... statuses) {
        var responses = OASFactory.createAPIResponses();
        for (String status : statuses) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description("own " + status));
        }
        return OASFactory.createOperation().responses(responses);
    }

    @Test
    void a_read_gets_400_only_and_a_write_with_a_body_gets_413_and_415_too_keeping_its_own_wording() {
        Operation get = answering("200", "404");
        Operation post = answering("201", "400").requestBody(OASFactory.createRequestBody());
        Operation action = answering("200");
        OpenAPI doc = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/things/{id}", OASFactory.createPathItem().GET(get).POST(post))
                .addPathItem("/api/v1/things/{id}/start", OASFactory.createPathItem().POST(action)));
        new RequestProblemsDocumented().filterOpenAPI(doc);

        assertThat(get.getResponses().getAPIResponse("400").getDescription()).isEqualTo(RequestProblemsDocumented.MALFORMED_TARGET);
        assertThat(get.getResponses().getAPIResponse("400").getContent().getMediaType("application/problem+json").getSchema().getRef())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(get.getResponses().getAPIResponses()).doesNotContainKeys("413", "415");
        assertThat(post.getResponses().getAPIResponse("400").getDescription()).isEqualTo("own 400");
        assertThat(post.getResponses().getAPIResponse("413").getDescription()).isEqualTo(RequestProblemsDocumented.TOO_LARGE);
        assertThat(post.getResponses().getAPIResponse("415").getDescription()).isEqualTo(RequestProblemsDocumented.NOT_JSON);
        // An action without a body still has the body limit, and nothing to be of a wrong type.
        assertThat(action.getResponses().getAPIResponses()).containsKeys("400", "413").doesNotContainKey("415");
    }
}
