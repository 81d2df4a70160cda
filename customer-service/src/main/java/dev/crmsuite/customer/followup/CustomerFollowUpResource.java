package dev.crmsuite.customer.followup;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
import io.quarkus.panache.common.Parameters;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Path("/api/v1/customers/{id}/follow-ups")
@Tag(name = "Follow-ups", description = "After-sale calls and other tasks with owner, due date and outcome")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomerFollowUpResource {

    @Inject
    FollowUps followUps;
    @Inject
    Customers customers;

    @POST
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @Transactional
    @Operation(operationId = "scheduleFollowUp", summary = "Schedule a follow-up by hand",
            description = "Owner defaults to the account manager, else crm.customer.follow-up.default-owner. Publishes crm.follow-up.scheduled.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "event invitation",
            value = "{\"dueAt\":\"2026-11-29T09:00:00Z\",\"reason\":\"invite to the spring customer event\"}")))
    @APIResponse(responseCode = "201", description = "Scheduled", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FollowUpModels.FollowUpView.class)))
    @APIResponse(responseCode = "400", description = "Invalid follow-up; errors[] names the fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response schedule(@PathParam("id") UUID id, @Valid @NotNull FollowUpModels.NewFollowUp in) {
        Customer c = customers.require(id);
        FollowUp f = followUps.schedule(c, in.owner(), in.dueAt(), in.reason().trim(), FollowUpModels.Rule.MANUAL, in.urgent(), null);
        return Response.created(URI.create("/api/v1/follow-ups/" + f.id)).entity(FollowUpModels.FollowUpView.of(f, followUps.now())).build();
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "listCustomerFollowUps", summary = "A customer's follow-ups", description = "Latest due first, keyset-paginated.")
    @APIResponse(responseCode = "200", description = "A page of follow-ups")
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<FollowUpModels.FollowUpView> forCustomer(@PathParam("id") UUID id,
                                                         @Parameter(description = "1 to 200, default 20", example = "20") @QueryParam("limit") Integer limit,
                                                         @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        customers.require(id);
        int n = PageLimit.of(limit);
        Cursor c = Cursor.decode(cursor, 2);
        List<FollowUp> rows = c == null
                ? FollowUp.find("customerId = ?1 order by dueAt desc, id desc", id).range(0, n).list()
                : FollowUp.find("customerId = ?1 and (dueAt < ?2 or (dueAt = ?2 and id < ?3)) order by dueAt desc, id desc",
                id, Timeline.cursorTime(c.get(0)), Timeline.cursorId(c.get(1))).range(0, n).list();
        OffsetDateTime now = followUps.now();
        return Page.of(rows, n, f -> Cursor.of(f.dueAt, f.id), f -> FollowUpModels.FollowUpView.of(f, now));
    }

}
