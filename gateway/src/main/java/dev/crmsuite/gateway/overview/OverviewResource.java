package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.platform.consent.PartnerConsents;
import dev.crmsuite.platform.events.EventJson;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

    private final OverviewStore store;
    private final Callers callers;
    private final PartnerConsents consents;

    private final java.time.Clock clock;

    public OverviewResource(OverviewStore store, Callers callers, PartnerConsents consents, java.time.Clock clock) {
        this.clock = clock;
        this.store = store;
        this.callers = callers;
        this.consents = consents;
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "getCustomerOverview", summary = "Customer-360 overview",
            description = "Profile, value, lifecycle, follow-ups and touchpoints of one customer, and, for callers whose "
                    + "scopes allow them, loyalty (loyalty:read), complaints (complaints:read) and surveys/NPS (surveys:read): "
                    + "a section the caller may not read is left out of the answer, as is the time of its events from "
                    + "lastEventAt. Served from the gateway's read model; each section carries asOf, the time of the last event "
                    + "applied to it. With asOf=<time> the view is rebuilt as it was at that time. A partner asking about a "
                    + "customer who did not consent to partner sharing gets the same 404 as for an unknown id.")
    @APIResponse(responseCode = "200", description = "The overview, with the sections the caller's scopes allow",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerOverview.class),
                    examples = @ExampleObject(name = "registered", value = """
                            {"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d","lastEventAt":"2026-11-22T10:00:00Z",
                             "profile":{"asOf":"2026-11-22T10:00:00Z","kind":"PERSON","name":"Li Wei","email":"li.wei@example.com",
                             "registeredAt":"2026-11-22T10:00:00Z"}}""")))
    @APIResponse(responseCode = "400", description = "asOf is not an ISO 8601 date-time",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No events for this customer (yet), or a customer hidden from partners",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response overview(
            @Parameter(description = "Customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id,
            @Parameter(description = "Rebuild the view as it was at this time (ISO 8601)", example = "2026-11-22T10:00:00Z")
            @QueryParam("asOf") String asOf) {
        OffsetDateTime at = null;
        if (asOf != null) {
            try {
                at = OffsetDateTime.parse(asOf);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("asOf", "must be an ISO 8601 date-time with offset, e.g. 2026-11-22T10:00:00Z");
            }
        }
        // A hidden customer answers exactly as an unknown id: same check order, same problem.
        if (consents.hiddenFromCaller(id)) {
            throw ProblemException.notFound("customer overview", id);
        }
        var document = at != null ? store.asOf(id, at) : store.current(id);
        ObjectNode overview = document.orElseThrow(() -> ProblemException.notFound("customer overview", id));
        OverviewSections.keepReadable(overview, callers.require());
        OverviewRevenue.asOfRead(overview, at != null ? at : OffsetDateTime.now(clock));
        return Response.ok(EventJson.write(overview), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
