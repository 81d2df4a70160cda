package dev.crmsuite.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** If-Match is required exactly where its absence is answered 428. */
class PreconditionsDocumentedTest {

    private static Operation answering(String... statuses) {
        var responses = OASFactory.createAPIResponses();
        for (String status : statuses) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(status));
        }
        return OASFactory.createOperation().responses(responses);
    }

    private static OpenAPI document(Operation patch, Operation get) {
        return OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/v1/things/{id}", OASFactory.createPathItem().PATCH(patch).GET(get)));
    }

    @Test
    void a_declared_if_match_becomes_required_where_428_is_documented_and_stays_optional_elsewhere() {
        Operation patch = answering("200", "412", "428")
                .addParameter(OASFactory.createParameter().name("if-match").in(Parameter.In.HEADER).description("The ETag you read"));
        Operation get = answering("200", "304")
                .addParameter(OASFactory.createParameter().name("If-Match").in(Parameter.In.HEADER));
        new PreconditionsDocumented().filterOpenAPI(document(patch, get));

        assertThat(patch.getParameters()).singleElement().satisfies(p -> {
            assertThat(p.getRequired()).isTrue();
            assertThat(p.getDescription()).isEqualTo("The ETag you read");
        });
        assertThat(get.getParameters().getFirst().getRequired()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void an_operation_documenting_428_without_the_parameter_gets_a_required_one() {
        Operation patch = answering("200", "428");
        new PreconditionsDocumented().filterOpenAPI(document(patch, answering("200")));

        assertThat(patch.getParameters()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("If-Match");
            assertThat(p.getIn()).isEqualTo(Parameter.In.HEADER);
            assertThat(p.getRequired()).isTrue();
        });
    }
}
