package dev.crmsuite.gateway.overview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmsuite.gateway.personal.PersonalCopies;
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
import java.util.Map;

@Path("/api/v1/customers/{id}/overview")
@Tag(name = "Customer 360", description = "One view of a customer, built from every service's events")
@Produces(MediaType.APPLICATION_JSON)
public class OverviewResource {

    private final OverviewStore store;
    private final Callers callers;
    private final PartnerConsents consents;
    private final PersonalCopies personal;

    private final java.time.Clock clock;

    public OverviewResource(OverviewStore store, Callers callers, PartnerConsents consents, PersonalCopies personal,
                            java.time.Clock clock) {
        this.clock = clock;
        this.personal = personal;
        this.store = store;
        this.callers = callers;
        this.consents = consents;
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "getCustomerOverview", summary = "Customer-360 overview",
            description = "Profile, value, lifecycle, churn risk, follow-ups and touchpoints of one customer, and, for callers "
                    + "whose scopes allow them, loyalty (loyalty:read), complaints (complaints:read), surveys/NPS (surveys:read) "
                    + "and communications (campaigns:read: the last five campaign messages with their delivery status, first "
                    + "open, RSVP and attendance, and the event invitations still to come that the customer did not decline): "
                    + "a section the caller may not read is left out of the answer, as is the time of its events from "
                    + "lastEventAt. Served from the gateway's read model; each section carries asOf, the time of the last event "
                    + "applied to it. With asOf=<time> the view is rebuilt as it was at that time. A partner asking about a "
                    + "customer who did not consent to partner sharing gets the same 404 as for an unknown id.")
    @APIResponse(responseCode = "200", description = "The overview, with the sections the caller's scopes allow",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerOverview.class),
                    examples = {@ExampleObject(name = "registered", value = """
                            {"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d","lastEventAt":"2026-11-22T10:00:00Z",
                             "profile":{"asOf":"2026-11-22T10:00:00Z","kind":"PERSON","name":"Li Wei","email":"li.wei@example.com",
                             "registeredAt":"2026-11-22T10:00:00Z"}}"""),
                    @ExampleObject(name = "with communications and risk", value = """
                            {"customerId":"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d","lastEventAt":"2027-03-02T08:15:00Z",
                             "profile":{"asOf":"2026-11-22T10:00:00Z","kind":"PERSON","name":"Li Wei","registeredAt":"2026-11-22T10:00:00Z"},
                             "risk":{"asOf":"2027-02-20T02:00:00Z","level":"MEDIUM","previousLevel":"LOW",
                             "reasons":["no purchase for 62 days, usually every 30"],"assessedAt":"2027-02-20T02:00:00Z"},
                             "communications":{"asOf":"2027-03-02T08:15:00Z",
                              "last":[{"deliveryId":"5f0e4b7a-8c1d-4e2f-9a3b-6c7d8e9f0a1b","campaignId":"c3a1e2d4-5b6c-4d7e-8f90-a1b2c3d4e5f6",
                                       "kind":"EVENT_INVITATION","subject":"Spring show at the Pudong showroom",
                                       "requestedAt":"2027-03-01T09:00:00Z","status":"DELIVERED","openedAt":"2027-03-01T12:30:00Z",
                                       "rsvp":"ACCEPTED"},
                                      {"deliveryId":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","campaignId":"d4b2f3e5-6c7d-4e8f-9a01-b2c3d4e5f6a7",
                                       "kind":"NEWSLETTER","subject":"February news","requestedAt":"2027-02-01T09:00:00Z",
                                       "status":"BOUNCED"}],
                              "openInvitations":[{"deliveryId":"5f0e4b7a-8c1d-4e2f-9a3b-6c7d8e9f0a1b",
                                       "campaignId":"c3a1e2d4-5b6c-4d7e-8f90-a1b2c3d4e5f6",
                                       "event":{"title":"Spring show","startsAt":"2027-04-10T10:00:00+08:00","location":"Pudong showroom"},
                                       "rsvp":"ACCEPTED"}]}}""")}))
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
        ObjectNode overview;
        Map<PersonalCopies.Ref, ObjectNode> copies;
        if (at == null) {
            // A hidden customer answers exactly as an unknown id: the same problem, from the same read.
            OverviewStore.CurrentRead read = store.current(id)
                    .filter(r -> r.sharedWithPartners() || !callers.partnerCalling())
                    .orElseThrow(() -> ProblemException.notFound("customer overview", id));
            overview = read.document();
            copies = read.copies();
        } else {
            // (as above: the consent is checked before the rebuild, so the answer is the unknown id's)
            if (consents.hiddenFromCaller(id)) {
                throw ProblemException.notFound("customer overview", id);
            }
            overview = store.asOf(id, at).orElseThrow(() -> ProblemException.notFound("customer overview", id));
            // Personal fields come from the copy of the personal topics, as they are now.
            copies = personal.find(OverviewPersonalFields.objectIds(overview));
        }
        OverviewSections.keepReadable(overview, callers.require());
        OverviewPersonalFields.merge(overview, copies);
        OffsetDateTime readAt = at != null ? at : OffsetDateTime.now(clock);
        OverviewRevenue.asOfRead(overview, readAt);
        OverviewCommunications.asOfRead(overview, readAt);
        return Response.ok(EventJson.write(overview), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
