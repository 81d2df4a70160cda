package dev.crmsuite.customer.privacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
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

@Path("/api/v1/customers/{id}/erasure")
@Tag(name = "Privacy", description = "Export and erasure of personal data")
@Produces(MediaType.APPLICATION_JSON)
public class ErasureResource {

    @Inject
    Privacy privacy;

    @POST
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @StaffOnly("erasure is a data-subject request handled by staff; it cannot be undone")
    @Transactional
    @Operation(operationId = "eraseCustomer", summary = "Erase a customer's personal data",
            description = "Anonymises names, contact points, address, attributes, tags and free texts here (also in merged "
                    + "duplicates), keeps ids, amounts, dates, stages and segments for anonymous aggregates, and publishes "
                    + "crm.customer.erased.v1 so every service removes its personal data too. Idempotent. Staff only: partners get 403.")
    @APIResponse(responseCode = "200", description = "Erased", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Privacy.ErasureView.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Privacy.ErasureView erase(@PathParam("id") UUID id) {
        return privacy.erase(id);
    }
}
