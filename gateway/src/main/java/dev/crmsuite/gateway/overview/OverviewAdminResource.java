package dev.crmsuite.gateway.overview;

import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import dev.crmsuite.gateway.openapi.StaffOnlyDocumented;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

@Path("/api/v1/admin/overview/rebuild")
@Tag(name = "Admin")
@Produces(MediaType.APPLICATION_JSON)
public class OverviewAdminResource {

    private final OverviewStore store;

    public OverviewAdminResource(OverviewStore store) {
        this.store = store;
    }

    @POST
    @RolesAllowed(Scopes.ADMIN)
    @StaffOnly("maintenance of the read model behind every customer's overview")
    @Extension(name = StaffOnlyDocumented.EXTENSION, value = "true", parseValue = true)
    @Operation(operationId = "rebuildCustomerOverview", summary = "Rebuild the customer-360 read model",
            description = "Clears the read model and replays crm.customers, crm.loyalty, crm.complaints and crm.surveys "
                    + "from the beginning on every gateway replica, and the personal topics crm.customers.personal and "
                    + "crm.complaints.personal into the gateway's copy of the personal fields the overview shows. The projection is deterministic, so the rebuilt "
                    + "views equal the old ones for everything the topics still retain. Staff with the admin scope only.")
    @APIResponse(responseCode = "202", description = "Rebuild started; the new generation is returned")
    public Response rebuild() {
        long generation = store.startRebuild();
        return Response.accepted(Map.of("generation", generation)).build();
    }
}
