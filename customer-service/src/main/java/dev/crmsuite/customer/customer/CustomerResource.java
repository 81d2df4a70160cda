package dev.crmsuite.customer.customer;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.web.IdempotentCreates;
import dev.crmsuite.platform.web.Versions;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

@Path("/api/v1/customers")
@Tag(name = "Customers", description = "Customer profiles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomerResource {

    @Inject
    CustomerRegistration registration;
    @Inject
    IdempotentCreates idempotent;

    @POST
    @Transactional
    @Operation(operationId = "registerCustomer", summary = "Register a customer",
            description = "Creates a customer and publishes crm.customer.registered.v1. Send an Idempotency-Key to retry safely.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A customer with this email exists; existingCustomerId names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(
            @Parameter(description = "Makes a retried create return the first response", example = "b3b4c1d2-retry-1")
            @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey,
            @Valid @NotNull NewCustomer request) {
        return idempotent.execute("customers", idempotencyKey, request, () -> {
            Customer customer = registration.register(request);
            return Response.created(URI.create("/api/v1/customers/" + customer.id))
                    .tag(Versions.etag(customer.version))
                    .entity(CustomerView.of(customer)).build();
        });
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getCustomer", summary = "Read a customer",
            description = "Returns the customer profile with its ETag (the version to send in If-Match on updates).")
    @APIResponse(responseCode = "200", description = "The customer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(description = "Customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                        @PathParam("id") UUID id) {
        Customer customer = Customer.<Customer>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("customer", id));
        return Response.ok(CustomerView.of(customer)).tag(Versions.etag(customer.version)).build();
    }
}
