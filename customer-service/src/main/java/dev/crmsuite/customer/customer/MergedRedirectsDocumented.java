package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.List;

/**
 * Every operation on one customer ({@value #PREFIX}...) answers 308 when that customer was merged into
 * another ({@link MergedRedirects}), whatever the operation: reads, writes, lists under the customer.
 * Documented here once for all of them, so a new operation cannot forget it (before, seven operations
 * pasted it and twenty answered it undocumented).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class MergedRedirectsDocumented implements OASFilter {

    static final String PREFIX = "/api/v1/customers/{id}";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
                return;
            }
            item.getOperations().values().forEach(operation -> {
                if (operation.getResponses() == null) {
                    operation.setResponses(OASFactory.createAPIResponses());
                }
                operation.getResponses().addAPIResponse("308", OASFactory.createAPIResponse()
                        .description("The customer was merged into another (customer-merged): Location is this path and query under "
                                + "the survivor, and the problem's survivingCustomerId names it. A client that follows redirects "
                                + "lands there; 308 repeats a write with its body.")
                        .addHeader("Location", OASFactory.createHeader().description("This path under the surviving customer")
                                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)))
                        .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("Problem")))));
            });
        });
    }
}
