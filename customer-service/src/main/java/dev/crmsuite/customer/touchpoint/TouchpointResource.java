package dev.crmsuite.customer.touchpoint;

import dev.crmsuite.customer.customer.Customer;
import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.customer.lifecycle.Lifecycle;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.platform.outbox.Outbox;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.privacy.PersonalData;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import jakarta.annotation.security.RolesAllowed;
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
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/customers/{id}/touchpoints")
@Tag(name = "Touchpoints", description = "Every interaction before, during and after the sale")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TouchpointResource {

    @Inject
    Customers customers;
    @Inject
    Timeline timeline;
    @Inject
    Lifecycle lifecycle;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;
    @Inject
    Callers callers;
    @Inject
    PersonalData personalData;

    @POST
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @Transactional
    @Operation(operationId = "logTouchpoint", summary = "Log an interaction",
            description = "Adds it to the timeline, lets the lifecycle rules see it (contacts before a first purchase make a "
                    + "PROSPECT HESITANT), and publishes crm.touchpoint.logged.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "after-sale call",
            value = "{\"channel\":\"PHONE\",\"direction\":\"OUTBOUND\",\"phase\":\"AFTER_SALE\",\"staff\":\"zhang.min\",\"summary\":\"TV works well\"}")))
    @APIResponse(responseCode = "201", description = "Logged", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TouchpointModels.TouchpointView.class)))
    @APIResponse(responseCode = "400", description = "Invalid touchpoint; errors[] names the fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response log(@PathParam("id") UUID id, @Valid @NotNull TouchpointModels.NewTouchpoint in) {
        Customer c = customers.lock(id);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (in.occurredAt() != null && in.occurredAt().isAfter(now.plusMinutes(5))) {
            throw ProblemException.invalid("occurredAt", "must not be in the future");
        }
        Touchpoint t = new Touchpoint();
        t.id = UUID.randomUUID();
        t.customerId = c.id;
        t.channel = in.channel().name();
        t.direction = in.direction().name();
        t.phase = in.phase().name();
        t.staff = in.staff() != null && !in.staff().isBlank() ? in.staff().trim() : callers.actor();
        t.occurredAt = in.occurredAt() == null ? now : in.occurredAt();
        t.summary = in.summary();
        t.persist();
        timeline.add(c.id, t.occurredAt, "TOUCHPOINT", t.id.toString(),
                in.channel() + " " + in.direction() + " (" + in.phase() + ")" + (t.summary == null ? "" : ": " + t.summary),
                Map.of("channel", t.channel, "direction", t.direction, "phase", t.phase, "staff", t.staff));
        outbox.append(c.id.toString(), TouchpointModels.Logged.TYPE, new TouchpointModels.Logged(t.id, c.id, in.channel(),
                in.direction(), in.phase(), t.staff, t.occurredAt));
        if (t.summary != null) {
            personalData.record(c.id, TouchpointModels.Personal.THING, t.id.toString(), TouchpointModels.Personal.of(t));
        }
        Touchpoint.getEntityManager().flush();
        lifecycle.refresh(c);
        return Response.created(URI.create("/api/v1/customers/" + c.id + "/touchpoints/" + t.id))
                .entity(TouchpointModels.TouchpointView.of(t)).build();
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "listTouchpoints", summary = "A customer's touchpoints",
            description = "Newest first, keyset-paginated; `channel` keeps only the touchpoints of that channel.")
    @APIResponse(responseCode = "200", description = "A page of touchpoints")
    @APIResponse(responseCode = "400", description = "Invalid limit, cursor or channel; errors[] names the parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<TouchpointModels.TouchpointView> list(@PathParam("id") UUID id,
                                                      @Parameter(description = "Only touchpoints of this channel",
                                                              schema = @Schema(implementation = TouchpointModels.Channel.class), example = "PHONE")
                                                      @QueryParam("channel") String channel,
                                                      @Parameter(description = "1 to 200, default 20", example = "20") @QueryParam("limit") Integer limit,
                                                      @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        // read as text so an unknown channel is a 400 naming the parameter, not JAX-RS' 404 for an unconvertible query value
        TouchpointModels.Channel only = TouchpointModels.Channel.parse(channel);
        customers.require(id);
        int n = PageLimit.of(limit);
        Cursor c = Cursor.decode(cursor, 2);
        // the channel is part of the query, so pages are full and the cursor continues within the filter
        String ofChannel = only == null ? "" : " and channel = :channel";
        Map<String, Object> params = new java.util.HashMap<>(Map.of("customer", id));
        if (only != null) {
            params.put("channel", only.name());
        }
        List<Touchpoint> rows;
        if (c == null) {
            rows = Touchpoint.find("customerId = :customer" + ofChannel + " order by occurredAt desc, id desc", params).range(0, n).list();
        } else {
            params.put("at", Timeline.cursorTime(c.get(0)));
            params.put("after", Timeline.cursorId(c.get(1)));
            rows = Touchpoint.find("customerId = :customer" + ofChannel
                    + " and (occurredAt < :at or (occurredAt = :at and id < :after)) order by occurredAt desc, id desc", params)
                    .range(0, n).list();
        }
        return Page.of(rows, n, t -> Cursor.of(t.occurredAt, t.id), TouchpointModels.TouchpointView::of);
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Path("/{touchpointId}")
    @Operation(operationId = "getTouchpoint", summary = "One touchpoint",
            description = "What the Location of logTouchpoint names. A touchpoint of a customer a partner may not see is "
                    + "unknown to that partner.")
    @APIResponse(responseCode = "200", description = "The touchpoint", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TouchpointModels.TouchpointView.class),
            examples = @ExampleObject(name = "after-sale call", value = "{\"id\":\"5b0d7f0e-8a51-4d3c-9f38-2f4a3e1c9d10\","
                    + "\"customerId\":\"0f8c2d3e-1b4a-4c5d-8e6f-7a8b9c0d1e2f\",\"channel\":\"PHONE\",\"direction\":\"OUTBOUND\","
                    + "\"phase\":\"AFTER_SALE\",\"staff\":\"zhang.min\",\"occurredAt\":\"2026-11-22T09:30:00Z\",\"summary\":\"TV works well\"}")))
    @APIResponse(responseCode = "404", description = "No such customer or touchpoint",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TouchpointModels.TouchpointView get(@PathParam("id") UUID id, @PathParam("touchpointId") UUID touchpointId) {
        customers.require(id);
        return Touchpoint.<Touchpoint>findByIdOptional(touchpointId).filter(t -> t.customerId.equals(id))
                .map(TouchpointModels.TouchpointView::of).orElseThrow(() -> ProblemException.notFound("touchpoint", touchpointId));
    }
}
