package dev.crmsuite.platform.openapi;

import dev.crmsuite.platform.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.Set;

/**
 * The answers the platform gives to any request before an operation runs, documented once for every
 * operation (an operation's own wording is kept): 400 for a malformed request target (the
 * canonical-path filter, a path parameter that is not of its type); 413 over the body limit for every
 * POST, PUT and PATCH (the limit holds for any body, also one sent to an action that takes none); 415
 * for a body that is not JSON where the operation takes one. Checking every answer of a fuzz run
 * against the document found these undocumented on 40 operations (400), 49 (413) and 11 (415).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = Integer.MIN_VALUE + 3)
public class RequestProblemsDocumented implements OASFilter {

    static final String MALFORMED_TARGET = "Invalid request: a path parameter that is not of its type (an id that is not "
            + "8-4-4-4-12 hex digits), a non-canonical path (//, /./, an encoded / or .), or an invalid percent-encoding in "
            + "the path or query; errors[] or the detail names what";
    static final String TOO_LARGE = "The body is over the body limit (1 MiB unless crm.http.max-body-bytes says otherwise)";
    static final Set<PathItem.HttpMethod> BODY_METHODS = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH);
    static final String NOT_JSON = "The body is not sent as application/json; the detail names what is accepted";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().forEach(RequestProblemsDocumented::document));
    }

    static void document(PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        addUnlessDocumented(responses, "400", MALFORMED_TARGET);
        // The limit is checked on any body, so an action that takes none (POST .../acknowledge) is 413 too.
        if (operation.getRequestBody() != null || BODY_METHODS.contains(method)) {
            addUnlessDocumented(responses, "413", TOO_LARGE);
        }
        if (operation.getRequestBody() != null) {
            addUnlessDocumented(responses, "415", NOT_JSON);
        }
    }

    private static void addUnlessDocumented(APIResponses responses, String status, String description) {
        if (responses.getAPIResponse(status) != null) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem")))));
    }
}
