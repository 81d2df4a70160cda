package dev.crmsuite.loyalty.reward;

import dev.crmsuite.loyalty.access.PartnerVisibility;
import dev.crmsuite.loyalty.ledger.LedgerEntry;
import dev.crmsuite.loyalty.reward.RewardViews.RedemptionRequest;
import dev.crmsuite.loyalty.reward.RewardViews.RedemptionView;
import dev.crmsuite.loyalty.account.LoyaltyAccount;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.web.IdempotentCreates;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.UUID;

@Path("/api/v1/loyalty/accounts/{customerId}/redemptions")
@Tag(name = "Redemptions", description = "Points spent on rewards or discounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RedemptionResource {

    @Inject
    Redemptions redemptions;
    @Inject
    IdempotentCreates idempotent;
    @Inject
    PartnerVisibility visibility;
    @Inject
    Callers callers;

    @POST
    @RolesAllowed(Scopes.LOYALTY_WRITE)
    @Transactional
    @Operation(operationId = "redeemPoints", summary = "Redeem points",
            description = "Spends points on a reward (rewardId, quantity) or on a cash-equivalent discount (points). Never takes "
                    + "the balance below zero, however many requests run at once; stock-limited rewards never oversell. "
                    + "A retry with the same Idempotency-Key returns the first result.")
    @APIResponse(responseCode = "201", description = "Redeemed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RedemptionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No account for this customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not enough points (insufficient-points), out of stock, or account closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Unknown reward, or an Idempotency-Key reused with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redeem(@PathParam("customerId") UUID customerId,
                           @Parameter(description = "Makes a retried redemption return the first result", example = "checkout-8812")
                           @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey,
                           @Valid @NotNull RedemptionRequest request) {
        // Before the idempotency record: a refused redemption leaves nothing behind, and a key used while the
        // customer was visible replays nothing once they are not.
        visibility.requireAccountVisible(customerId);
        return idempotent.execute(callers.idempotencyScope("redemptions:" + customerId), idempotencyKey, request, () -> {
            RedemptionView view = redemptions.redeem(customerId, request);
            return Response.created(URI.create("/api/v1/loyalty/accounts/" + customerId + "/redemptions/" + view.redemptionId()))
                    .entity(view).build();
        });
    }

    @GET
    @RolesAllowed(Scopes.LOYALTY_READ)
    @Transactional
    @Operation(operationId = "listRedemptions", summary = "List redemptions",
            description = "The account's redemptions, newest first, keyset paginated.")
    @APIResponse(responseCode = "200", description = "A page of redemptions")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No account for this customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<RedemptionView> list(@PathParam("customerId") UUID customerId,
                                     @Parameter(description = "Page size, 1 to 200", example = "20") @QueryParam("limit") Integer limit,
                                     @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        visibility.requireAccountVisible(customerId);
        if (LoyaltyAccount.findById(customerId) == null) {
            throw PartnerVisibility.unknownAccount(customerId);
        }
        int size = PageLimit.of(limit);
        Cursor after = Cursor.decode(cursor, 2);
        String jpql = "from Redemption where customerId = ?1"
                + (after == null ? "" : " and (createdAt < ?2 or (createdAt = ?2 and id < ?3))") + " order by createdAt desc, id desc";
        var query = Redemption.getEntityManager().createQuery(jpql, Redemption.class).setParameter(1, customerId);
        if (after != null) {
            try {
                query.setParameter(2, OffsetDateTime.parse(after.get(0))).setParameter(3, UUID.fromString(after.get(1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
            }
        }
        List<Redemption> rows = query.setMaxResults(size + 1).getResultList();
        Map<UUID, Long> balances = rows.isEmpty() ? Map.of() : LedgerEntry.<LedgerEntry>list("id in ?1",
                        rows.stream().map(r -> r.entryId).toList()).stream()
                .collect(Collectors.toMap(e -> e.id, e -> e.balanceAfter));
        return Page.of(rows, size, r -> Cursor.of(r.createdAt, r.id), r -> Redemptions.view(r, balances.getOrDefault(r.entryId, 0L)));
    }

    @GET
    @RolesAllowed(Scopes.LOYALTY_READ)
    @Path("/{redemptionId}")
    @Transactional
    @Operation(operationId = "getRedemption", summary = "Read a redemption", description = "One redemption of this account.")
    @APIResponse(responseCode = "200", description = "The redemption",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RedemptionView.class)))
    @APIResponse(responseCode = "404", description = "No such redemption on this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RedemptionView get(@PathParam("customerId") UUID customerId, @PathParam("redemptionId") UUID redemptionId) {
        Redemption redemption = visibility.hidden(customerId) ? null : Redemption.findById(redemptionId);
        if (redemption == null || !redemption.customerId.equals(customerId)) {
            throw ProblemException.notFound("redemption", redemptionId);
        }
        LedgerEntry entry = LedgerEntry.find("id", redemption.entryId).firstResult();
        return Redemptions.view(redemption, entry.balanceAfter);
    }
}
