package dev.crmsuite.customer.privacy;

import dev.crmsuite.platform.events.EventJson;
import jakarta.ws.rs.core.Response;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/customers/{id}/export")
@Tag(name = "Privacy", description = "Export and erasure of personal data")
@Produces(MediaType.APPLICATION_JSON)
public class PrivacyResource {

    @Inject
    Privacy privacy;

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Transactional
    @Operation(operationId = "exportCustomer", summary = "Everything held about a customer",
            description = "The profile, purchases, refunds, touchpoints, follow-ups, referrals, losses, timeline and change history, as JSON. "
                    + "Like the timeline, only what the caller's scopes allow; a partner sees nothing naming a customer hidden "
                    + "from partners (merged duplicates, referrals, merges).")
    @APIResponse(responseCode = "200", description = "The export", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "308", description = "Merged: Location names the survivor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@PathParam("id") UUID id) {
        // Written here rather than by the REST layer: its generated serializers treat a JsonNode as a bean.
        return Response.ok(EventJson.write(privacy.export(id)), MediaType.APPLICATION_JSON).build();
    }
}
