package dev.crmsuite.loyalty.goodwill;

import dev.crmsuite.loyalty.access.PartnerVisibility;
import dev.crmsuite.loyalty.account.LoyaltyAccount;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.UUID;

@Path("/api/v1/loyalty/accounts/{customerId}/goodwill")
@Tag(name = "Goodwill", description = "Compensation points requested by resolved complaints")
@Produces(MediaType.APPLICATION_JSON)
public class GoodwillResource {

    @Inject
    EntityManager em;
    @Inject
    PartnerVisibility visibility;

    @Schema(name = "GoodwillRequest", description = "Compensation a complaint asked for, granted or refused")
    public record GoodwillView(@Schema(examples = "7c9e6679-7425-40de-944b-e07fc1f90ae7") String complaintId, UUID customerId,
                               @Schema(examples = "300") long requestedPoints, @Schema(examples = "300") long grantedPoints,
                               @Schema(enumeration = {"GRANTED", "REFUSED"}, examples = "GRANTED") String status,
                               @Schema(description = "Why it was refused, naming the budget; null when granted",
                                       examples = "requested 800 points exceeds the per-complaint budget of 500")
                               String reason,
                               @Schema(description = "The GOODWILL ledger entry when granted, null when refused") UUID entryId,
                               @Schema(description = "When it was decided (also crm.goodwill.decided.v1's decidedAt)") OffsetDateTime requestedAt) {
        static GoodwillView of(GoodwillRequest g) {
            return new GoodwillView(g.complaintId, g.customerId, g.requestedPoints, g.grantedPoints, g.status, g.reason, g.entryId,
                    g.requestedAt);
        }
    }

    @GET
    @RolesAllowed(Scopes.LOYALTY_READ)
    @StaffOnly("compensation decisions name complaints and the goodwill budgets; they are back-office records")
    @Operation(operationId = "listGoodwillRequests", summary = "List goodwill requests",
            description = "The account's compensation requests from resolved complaints, newest first: GRANTED with the ledger "
                    + "entry, or REFUSED with the reason naming the budget it exceeded (each decision is also published as "
                    + "crm.goodwill.decided.v1). Staff only: partners get 403 whatever their scopes.")
    @APIResponse(responseCode = "200", description = "A page of requests")
    @APIResponse(responseCode = "404", description = "No account for this customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<GoodwillView> list(@PathParam("customerId") UUID customerId,
                                   @Parameter(description = "Page size, 1 to 200", example = "20") @QueryParam("limit") Integer limit,
                                   @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        visibility.requireAccountVisible(customerId);
        if (LoyaltyAccount.findById(customerId) == null) {
            throw PartnerVisibility.unknownAccount(customerId);
        }
        int size = PageLimit.of(limit);
        Cursor after = Cursor.decode(cursor, 2);
        String jpql = "from GoodwillRequest where customerId = :customer"
                + (after == null ? "" : " and (requestedAt < :at or (requestedAt = :at and complaintId < :id))")
                + " order by requestedAt desc, complaintId desc";
        TypedQuery<GoodwillRequest> query = em.createQuery(jpql, GoodwillRequest.class).setParameter("customer", customerId);
        if (after != null) {
            try {
                query.setParameter("at", OffsetDateTime.parse(after.get(0))).setParameter("id", after.get(1));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
            }
        }
        return Page.of(query.setMaxResults(size + 1).getResultList(), size, g -> Cursor.of(g.requestedAt, g.complaintId),
                GoodwillView::of);
    }
}
