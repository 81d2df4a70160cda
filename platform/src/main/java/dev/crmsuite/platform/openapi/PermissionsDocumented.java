package dev.crmsuite.platform.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import java.util.List;


/**
 * The permission each operation declares ({@code @RolesAllowed(Scopes.X)}) is in the document:
 * SmallRye OpenAPI lists the scopes as the operation's security requirement, and this filter gives
 * the 401 and 403 it adds the suite's problem+json body instead of a bare description, once for
 * every operation rather than pasted on each.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = Integer.MIN_VALUE + 1)
public class PermissionsDocumented implements OASFilter {

    private static final String PROBLEM = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                List<SecurityRequirement> security = operation.getSecurity();
                if (security == null || security.isEmpty() || operation.getResponses() == null) {
                    continue;
                }
                String scopes = String.join(", ", security.getFirst().getSchemes().values().stream().flatMap(List::stream).toList());
                operation.getResponses().addAPIResponse("401", problem(
                        "No credentials, or credentials that are invalid, expired or revoked"));
                operation.getResponses().addAPIResponse("403", problem(
                        "The credentials do not grant this operation (it needs " + scopes + ")"));
            }
        }
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType("application/problem+json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM))));
    }

}
