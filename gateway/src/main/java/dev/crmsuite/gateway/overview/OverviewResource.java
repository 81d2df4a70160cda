package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import dev.crmsuite.platform.events.EventJson;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

@Path("/api/v1/customers/{id}/overview")
@Tag(name = "Customer 360", description = "One view of a customer, built from every service's events")
@Produces(MediaType.APPLICATION_JSON)
public class OverviewResource {

    @Inject
    OverviewStore store;

    @GET
    @Operation(operationId = "getCustomerOverview", summary = "Customer-360 overview",
            description = "Profile, value, loyalty, complaints, surveys, follow-ups and touchpoints of one customer, served "
                    + "from the gateway's read model. Each section carries asOf, the time of the last event applied to it. "
                    + "With asOf=<time> the view is rebuilt as it was at that time.")
    @APIResponse(responseCode = "200", description = "The overview",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
                    examples = @ExampleObject(name = "registered", value = """
                            {"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d","lastEventAt":"2026-11-22T10:00:00Z",
                             "profile":{"asOf":"2026-11-22T10:00:00Z","kind":"PERSON","name":"Li Wei","email":"li.wei@example.com",
                             "registeredAt":"2026-11-22T10:00:00Z"}}""")))
    @APIResponse(responseCode = "404", description = "No events for this customer (yet)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response overview(
            @Parameter(description = "Customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "Rebuild the view as it was at this time (ISO 8601)", example = "2026-11-22T10:00:00Z")
            @QueryParam("asOf") String asOf) {
        if (asOf != null) {
            OffsetDateTime at;
            try {
                at = OffsetDateTime.parse(asOf);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("asOf", "must be an ISO 8601 date-time with offset, e.g. 2026-11-22T10:00:00Z");
            }
            return json(store.asOf(id, at).orElseThrow(() -> ProblemException.notFound("customer overview", id)));
        }
        return json(store.current(id).orElseThrow(() -> ProblemException.notFound("customer overview", id)));
    }

    private static Response json(ObjectNode document) {
        return Response.ok(EventJson.write(document), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
