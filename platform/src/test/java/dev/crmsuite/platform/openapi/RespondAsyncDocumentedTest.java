package dev.crmsuite.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An operation taking Prefer with a 202 gets the parameter's meaning and the 202's headers; no other does. */
class RespondAsyncDocumentedTest {

    private static Operation operation(boolean prefer, String... statuses) {
        var responses = OASFactory.createAPIResponses();
        for (String status : statuses) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description("own " + status));
        }
        Operation op = OASFactory.createOperation().responses(responses);
        if (prefer) {
            op.addParameter(OASFactory.createParameter().name("Prefer").in(Parameter.In.HEADER));
        }
        return op;
    }

    @Test
    void an_own_409_keeps_its_meaning_and_gains_the_full_queue() {
        Operation async = operation(true, "202", "409");
        new RespondAsyncDocumented().filterOpenAPI(OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/things/recompute", OASFactory.createPathItem().POST(async))));
        assertThat(async.getResponses().getAPIResponse("409").getDescription()).isEqualTo("own 409; or " + RespondAsyncDocumented.FULL);
    }

    @Test
    void the_background_answer_is_documented_where_the_operation_offers_it() {
        Operation async = operation(true, "200", "202");
        Operation preferWithout202 = operation(true, "200");
        Operation plain = operation(false, "200", "202");
        OpenAPI doc = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/things/recompute", OASFactory.createPathItem().POST(async))
                .addPathItem("/api/v1/things/other", OASFactory.createPathItem().POST(preferWithout202).GET(plain)));
        new RespondAsyncDocumented().filterOpenAPI(doc);

        assertThat(async.getParameters().getFirst().getDescription()).isEqualTo(RespondAsyncDocumented.PREFER);
        assertThat(async.getParameters().getFirst().getExample()).isEqualTo("respond-async");
        var accepted = async.getResponses().getAPIResponse("202");
        assertThat(accepted.getDescription()).isEqualTo("own 202");
        assertThat(accepted.getHeaders()).containsKeys("Location", "Preference-Applied");
        assertThat(accepted.getHeaders().get("Location").getDescription()).isEqualTo(RespondAsyncDocumented.LOCATION);
        assertThat(async.getResponses().getAPIResponse("409").getDescription()).isEqualTo(RespondAsyncDocumented.FULL);
        assertThat(async.getResponses().getAPIResponse("409").getContent().getMediaType("application/problem+json")).isNotNull();
        assertThat(preferWithout202.getParameters().getFirst().getDescription()).isNull();
        assertThat(preferWithout202.getResponses().getAPIResponse("409")).isNull();
        assertThat(plain.getResponses().getAPIResponse("409")).isNull();
        assertThat(plain.getResponses().getAPIResponse("202").getHeaders()).isNull();
    }
}
