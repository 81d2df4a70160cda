package dev.crmsuite.loyalty.account;

import dev.crmsuite.loyalty.access.PartnerVisibility;
import dev.crmsuite.loyalty.ledger.EntryKind;
import dev.crmsuite.loyalty.ledger.Ledger;
import dev.crmsuite.loyalty.ledger.LedgerEntry;
import dev.crmsuite.loyalty.ledger.LedgerViews;
import dev.crmsuite.loyalty.ledger.LedgerViews.AdjustmentRequest;
import dev.crmsuite.loyalty.ledger.LedgerViews.EntryView;
import dev.crmsuite.loyalty.ledger.LedgerViews.LotView;
import dev.crmsuite.loyalty.ledger.ManualPostings;
import dev.crmsuite.loyalty.tier.TierPolicy;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import dev.crmsuite.platform.web.IdempotentCreates;
import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.QueryParam;
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
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

@Path("/api/v1/loyalty/accounts/{customerId}")
@Tag(name = "Loyalty accounts", description = "Club membership, balance, ledger and lots")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    @Inject
    Ledger ledger;
    @Inject
    TierPolicy tiers;
    @Inject
    ManualPostings manual;
    @Inject
    IdempotentCreates idempotent;
    @Inject
    Clock clock;
    @Inject
    PartnerVisibility visibility;
    @Inject
    Callers callers;

    @GET
    @RolesAllowed(Scopes.LOYALTY_READ)
    @Transactional
    @Operation(operationId = "getLoyaltyAccount", summary = "Read a loyalty account",
            description = "Balance, tier, points expiring next, lifetime totals and join date. Accounts open automatically "
                    + "when customer-service registers a customer.")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "404", description = "No account for this customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(description = "Customer id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                        @PathParam("customerId") UUID customerId) {
        LoyaltyAccount account = find(customerId);
        return Response.ok(AccountView.of(account, ledger.expiringNext(customerId),
                        tiers.qualifyingPoints(account, OffsetDateTime.now(clock))))
                .tag(Versions.etag(account.version)).build();
    }

    @GET
    @RolesAllowed(Scopes.LOYALTY_READ)
    @Path("/ledger")
    @Transactional
    @Operation(operationId = "listLedgerEntries", summary = "List ledger entries",
            description = "The account's points movements, newest first, keyset paginated. The sum of all entries is the balance.")
    @APIResponse(responseCode = "200", description = "A page of entries")
    @APIResponse(responseCode = "400", description = "Bad limit, cursor or kind",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No account for this customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<EntryView> ledger(@PathParam("customerId") UUID customerId,
                                  @Parameter(description = "Page size, 1 to 200", example = "20") @QueryParam("limit") Integer limit,
                                  @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
                                  @Parameter(description = "Only entries of this kind", example = "EARN") @QueryParam("kind") String kind) {
        find(customerId);
        return manual.ledgerPage(customerId, parseKind(kind), limit, cursor);
    }

    @GET
    @RolesAllowed(Scopes.LOYALTY_READ)
    @Path("/lots")
    @Transactional
    @Operation(operationId = "listPointLots", summary = "List point lots",
            description = "Earned points grouped in lots, oldest first, each with its expiry date and what remains of it. "
                    + "Redemptions consume the oldest lots first.")
    @APIResponse(responseCode = "200", description = "A page of lots")
    @APIResponse(responseCode = "404", description = "No account for this customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<LotView> lots(@PathParam("customerId") UUID customerId,
                              @Parameter(description = "Only lots with points left", example = "true") @QueryParam("open") Boolean open,
                              @Parameter(description = "Page size, 1 to 200", example = "20") @QueryParam("limit") Integer limit,
                              @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        find(customerId);
        return manual.lotPage(customerId, Boolean.TRUE.equals(open), limit, cursor);
    }

    @POST
    @RolesAllowed(Scopes.LOYALTY_WRITE)
    @StaffOnly("manual postings create or destroy points outside every earning rule and budget; partners earn through "
            + "purchases and spend through redemptions")
    @Path("/adjustments")
    @Transactional
    @Operation(operationId = "postManualAdjustment", summary = "Adjust points by hand",
            description = "Posts an ADJUST (either sign) or BONUS entry with a reason. GOODWILL is not accepted (400 naming kind): "
                    + "goodwill is granted only through a resolved complaint's compensation, within the goodwill budgets. A negative adjustment never takes "
                    + "the balance below zero. Send an Idempotency-Key to retry safely. Staff only: partners get 403 "
                    + "whatever their scopes.")
    @APIResponse(responseCode = "201", description = "Posted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No account for this customer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not enough points, or the account is closed or merged",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response adjust(@PathParam("customerId") UUID customerId,
                           @Parameter(description = "Makes a retried request return the first response", example = "adj-4711-1")
                           @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey,
                           @Valid @NotNull AdjustmentRequest request) {
        // Staff only, so never hidden today; checked before anything is written all the same.
        visibility.requireAccountVisible(customerId);
        return idempotent.execute(callers.idempotencyScope("adjustments:" + customerId), idempotencyKey, request, () -> {
            LedgerEntry entry = manual.post(customerId, request);
            return Response.created(URI.create("/api/v1/loyalty/accounts/" + customerId + "/ledger"))
                    .entity(LedgerViews.EntryView.of(entry)).build();
        });
    }

    private static EntryKind parseKind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return EntryKind.valueOf(kind.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "must be one of " + java.util.List.of(EntryKind.values()));
        }
    }

    /** The account, or the one answer for an unknown account and for one of a customer hidden from the caller. */
    private LoyaltyAccount find(UUID customerId) {
        visibility.requireAccountVisible(customerId);
        LoyaltyAccount account = LoyaltyAccount.findById(customerId);
        if (account == null) {
            throw PartnerVisibility.unknownAccount(customerId);
        }
        return account;
    }
}
