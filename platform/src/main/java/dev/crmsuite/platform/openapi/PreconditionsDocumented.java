package dev.crmsuite.platform.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * An operation that answers 428 without {@code If-Match} requires that header, so the document says
 * {@code required: true} for it — once here, from the 428 the operation documents, instead of a
 * {@code required} flag each resource could forget (a JAX-RS {@code @HeaderParam} is always optional to
 * SmallRye OpenAPI). An operation documenting 428 but declaring no If-Match parameter gets one.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = Integer.MIN_VALUE + 2)
public class PreconditionsDocumented implements OASFilter {

    static final String IF_MATCH = "If-Match";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getResponses() == null || operation.getResponses().getAPIResponse("428") == null) {
                    continue;
                }
                Parameter ifMatch = operation.getParameters() == null ? null : operation.getParameters().stream()
                        .filter(p -> p.getIn() == Parameter.In.HEADER && IF_MATCH.equalsIgnoreCase(p.getName()))
                        .findFirst().orElse(null);
                if (ifMatch == null) {
                    ifMatch = OASFactory.createParameter().name(IF_MATCH).in(Parameter.In.HEADER)
                            .description("The ETag you read; without it the answer is 428")
                            .schema(OASFactory.createSchema().type(java.util.List.of(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING)));
                    operation.addParameter(ifMatch);
                }
                ifMatch.required(true);
            }
        }
    }
}
