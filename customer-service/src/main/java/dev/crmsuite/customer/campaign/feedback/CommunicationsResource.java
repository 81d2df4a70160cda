package dev.crmsuite.customer.campaign.feedback;

import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.time.SqlTimes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A customer's campaign messages, newest first: what was or will be sent to them (REQUESTED, DELIVERED,
 * BOUNCED, DEFERRED). Held-out and excluded rows are not communications and are left out.
 */
@Path("/api/v1/customers/{id}/communications")
@Tag(name = "Campaign feedback", description = "Delivery reports, RSVPs and attendance of campaign messages")
@Produces(MediaType.APPLICATION_JSON)
public class CommunicationsResource {

    @Schema(name = "CommunicationEvent", description = "The event of an invitation")
    public record EventSummary(@Schema(examples = "Spring collection preview") String title,
                               @Schema(examples = "2026-12-12T10:00:00Z") OffsetDateTime startsAt) {
    }

    @Schema(name = "Communication", description = "One campaign message to the customer")
    public record Communication(@Schema(examples = "7c1e9a40-2b7d-4c59-9a43-0f6d2c1b5e11") UUID deliveryId,
                                @Schema(examples = "3f2a7c10-5e8b-4a61-b0d2-6c9e8f1a2b34") UUID campaignId,
                                @Schema(examples = "Spring preview for our regular customers") String campaignName,
                                @Schema(examples = "EVENT_INVITATION") String kind,
                                @Schema(description = "REQUESTED, DELIVERED, BOUNCED or DEFERRED (waiting for quiet hours to end)",
                                        examples = "DELIVERED") String status,
                                @Schema(description = "DEFERRED: when it will be sent", examples = "2026-12-01T00:00:00Z") OffsetDateTime dueAt,
                                @Schema(examples = "2026-12-01T09:30:00Z") OffsetDateTime requestedAt,
                                @Schema(examples = "2026-12-01T09:31:12Z") OffsetDateTime deliveredAt,
                                @Schema(examples = "2026-12-01T12:02:40Z") OffsetDateTime openedAt,
                                @Schema(description = "Invitations: the guest's answer", examples = "ACCEPTED") String rsvp,
                                @Schema(description = "Invitations: when the guest came", examples = "2026-12-12T10:00:00Z") OffsetDateTime attendedAt,
                                @Schema(description = "Invitations only") EventSummary event) {
    }

    private final Customers customers;
    private final EntityManager em;

    public CommunicationsResource(Customers customers, EntityManager em) {
        this.customers = customers;
        this.em = em;
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "listCustomerCommunications", summary = "A customer's campaign messages",
            description = "Newest first (by request time, or due time while deferred), keyset-paginated: campaign, status, "
                    + "delivery and open times, and for invitations the event, the RSVP and the attendance. A customer a "
                    + "partner may not see is unknown to that partner.")
    @APIResponse(responseCode = "200", description = "A page of messages", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "an invitation", value = "{\"items\":[{\"deliveryId\":\"7c1e9a40-2b7d-4c59-9a43-0f6d2c1b5e11\","
                    + "\"campaignId\":\"3f2a7c10-5e8b-4a61-b0d2-6c9e8f1a2b34\",\"campaignName\":\"Spring preview\",\"kind\":\"EVENT_INVITATION\","
                    + "\"status\":\"DELIVERED\",\"requestedAt\":\"2026-12-01T09:30:00Z\",\"deliveredAt\":\"2026-12-01T09:31:12Z\","
                    + "\"rsvp\":\"ACCEPTED\",\"event\":{\"title\":\"Spring collection preview\",\"startsAt\":\"2026-12-12T10:00:00Z\"}}]}")))
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor; errors[] names the parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Communication> list(@PathParam("id") UUID id,
                                    @Parameter(description = "1 to 200, default 20", example = "20") @QueryParam("limit") Integer limit,
                                    @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int n = PageLimit.of(limit);
        Cursor after = Cursor.decode(cursor, 2);
        customers.require(id);
        // Messages sent to records merged into this customer since are theirs too.
        StringBuilder sql = new StringBuilder("""
                select d.id, d.campaign_id, c.name, c.kind, d.status, d.due_at, d.requested_at, d.delivered_at, d.opened_at, d.rsvp,
                       d.attended_at, cast(c.event as text) as event, coalesce(d.requested_at, d.due_at, timestamptz 'epoch') as sort_at
                  from campaign_delivery d join campaign c on c.id = d.campaign_id
                 where (d.customer_id = ?1 or d.customer_id in (select m.id from customer m where m.merged_into = ?1))
                   and d.status in ('REQUESTED', 'DELIVERED', 'BOUNCED', 'DEFERRED')""");
        if (after != null) {
            sql.append(" and (coalesce(d.requested_at, d.due_at, timestamptz 'epoch'), d.id) < (?2, ?3)");
        }
        sql.append(" order by coalesce(d.requested_at, d.due_at, timestamptz 'epoch') desc, d.id desc limit ").append(n + 1);
        Query query = em.createNativeQuery(sql.toString(), Tuple.class).setParameter(1, id);
        if (after != null) {
            try {
                query.setParameter(2, OffsetDateTime.parse(after.get(0))).setParameter(3, UUID.fromString(after.get(1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
            }
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        return Page.of(rows, n, t -> Cursor.of(SqlTimes.utc(t.get("sort_at")), t.get("id")), CommunicationsResource::item);
    }

    private static Communication item(Tuple t) {
        CampaignEvent e = CampaignEvent.parse(t.get("event", String.class));
        return new Communication(t.get("id", UUID.class), t.get("campaign_id", UUID.class), t.get("name", String.class),
                t.get("kind", String.class), t.get("status", String.class), SqlTimes.utc(t.get("due_at")),
                SqlTimes.utc(t.get("requested_at")), SqlTimes.utc(t.get("delivered_at")), SqlTimes.utc(t.get("opened_at")),
                t.get("rsvp", String.class), SqlTimes.utc(t.get("attended_at")),
                e == null ? null : new EventSummary(e.title(), e.startsAt()));
    }
}
