package dev.crmsuite.customer.insight;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the {@value PossibleDuplicatesOnCreate#HEADER} header on the registration's 201: the
 * header is added by a response filter of this package, which the annotations of the registration
 * operation cannot describe from here.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class InsightOpenApi implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        PathItem customers = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem("/api/v1/customers");
        Operation register = customers == null ? null : customers.getPOST();
        APIResponse created = register == null || register.getResponses() == null ? null : register.getResponses().getAPIResponse("201");
        if (created == null) {
            return;
        }
        Header header = OASFactory.createHeader()
                .description("Present when the new customer looks like existing ones (same phone or mailbox, similar name with "
                        + "the same address or company domain...): their ids, comma-separated, best match first (at most "
                        + PossibleDuplicatesOnCreate.MAX_NAMED + "). The customer is registered all the same; show a warning and "
                        + "offer GET /api/v1/customers/{id}/duplicates and a merge. A partner is named only customers visible to it.")
                .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING))
                .example("7d1c5c0e-2f7b-4b7e-9a55-0a8f3c0d9e11,5a0e2b8c-1f3d-4c6a-8b7e-2d9f0a1c3e55");
        created.addHeader(PossibleDuplicatesOnCreate.HEADER, header);
        if (created.getDescription() != null && !created.getDescription().contains(PossibleDuplicatesOnCreate.HEADER)) {
            created.setDescription(created.getDescription() + "; " + PossibleDuplicatesOnCreate.HEADER
                    + " names existing customers who look like this one");
        }
    }
}
