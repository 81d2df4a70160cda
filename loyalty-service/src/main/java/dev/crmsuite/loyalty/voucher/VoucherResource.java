package dev.crmsuite.loyalty.voucher;

import dev.crmsuite.platform.web.CanonicalUuid;
import dev.crmsuite.loyalty.access.PartnerVisibility;
import dev.crmsuite.loyalty.voucher.VoucherViews.BatchView;
import dev.crmsuite.loyalty.voucher.VoucherViews.CancelRequest;
import dev.crmsuite.loyalty.voucher.VoucherViews.NewVoucher;
import dev.crmsuite.loyalty.voucher.VoucherViews.NewVoucherBatch;
import dev.crmsuite.loyalty.voucher.VoucherViews.RedeemRequest;
import dev.crmsuite.loyalty.voucher.VoucherViews.VoucherView;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import dev.crmsuite.platform.web.IdempotentCreates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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
import java.util.UUID;

@Path("/api/v1/loyalty/vouchers")
@Tag(name = "Vouchers", description = "Vouchers and gift coupons: issue, redeem once, cancel")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VoucherResource {

    @Inject
    Vouchers vouchers;
    @Inject
    IdempotentCreates idempotent;
    @Inject
    EntityManager em;
    @Inject
    PartnerVisibility visibility;
    @Inject
    Callers callers;

    @POST
    @RolesAllowed(Scopes.LOYALTY_WRITE)
    @Transactional
    @Operation(operationId = "issueVoucher", summary = "Issue a voucher",
            description = "Issues one voucher (money off or a percentage) with validity dates, to a customer or unassigned. "
                    + "A voucher issued to a customer publishes crm.voucher.issued.v1. Send an Idempotency-Key to retry safely. "
                    + "A partner may name only a customer who shares their data with partners.")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VoucherView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "customerId names no customer the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response issue(@Parameter(description = "Makes a retried create return the first response", example = "welcome-4711")
                          @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey,
                          @Valid @NotNull NewVoucher request) {
        // Before the idempotency record, so a key used while the customer was visible replays nothing once they are not.
        vouchers.requireVisibleCustomer(request.customerId());
        return idempotent.execute(callers.idempotencyScope("vouchers"), idempotencyKey, request, () -> {
            Voucher voucher = vouchers.issue(request);
            return Response.created(URI.create("/api/v1/loyalty/vouchers/" + voucher.code)).entity(VoucherView.of(voucher, vouchers.now())).build();
        });
    }

    @POST
    @RolesAllowed(Scopes.LOYALTY_WRITE)
    @StaffOnly("mass issuance of bearer codes is a back-office campaign operation; partners receive batches from staff")
    @Path("/batches")
    @Transactional
    @Operation(operationId = "issueVoucherBatch", summary = "Issue a batch of voucher codes",
            description = "Creates count unassigned codes with the same value and validity, e.g. for a mailing. Staff only: "
                    + "partners get 403 whatever their scopes.")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response batch(@Parameter(description = "Makes a retried create return the first response", example = "mailing-2026-12")
                          @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey,
                          @Valid @NotNull NewVoucherBatch request) {
        return idempotent.execute(callers.idempotencyScope("voucher-batches"), idempotencyKey, request, () -> {
            List<Voucher> issued = vouchers.batch(request);
            UUID batchId = issued.getFirst().batchId;
            return Response.created(URI.create("/api/v1/loyalty/vouchers?batchId=" + batchId))
                    .entity(new BatchView(batchId, issued.size(), issued.stream().map(v -> VoucherView.of(v, vouchers.now())).toList())).build();
        });
    }

    @GET
    @RolesAllowed(Scopes.LOYALTY_READ)
    @Transactional
    @Operation(operationId = "listVouchers", summary = "List vouchers",
            description = "Vouchers of a customer or of a batch, oldest first, keyset paginated. A partner sees only vouchers of "
                    + "customers who share their data with partners (an empty page for any other customer, as for an unknown one), "
                    + "and redeemedBy only for such a customer.")
    @APIResponse(responseCode = "200", description = "A page of vouchers")
    @APIResponse(responseCode = "400", description = "Neither customerId nor batchId, or a bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<VoucherView> list(@Parameter(description = "Vouchers issued to this customer (8-4-4-4-12 hex digits)")
                                  @QueryParam("customerId") String customerParam,
                                  @Parameter(description = "Vouchers of this batch (8-4-4-4-12 hex digits)")
                                  @QueryParam("batchId") String batchParam,
                                  @Parameter(description = "Page size, 1 to 200", example = "20") @QueryParam("limit") Integer limit,
                                  @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        UUID customerId = queryId(customerParam, "customerId");
        UUID batchId = queryId(batchParam, "batchId");
        if (customerId == null && batchId == null) {
            throw ProblemException.invalid("customerId", "give customerId or batchId");
        }
        int size = PageLimit.of(limit);
        Cursor after = Cursor.decode(cursor, 2);
        // Filtered in the query, so a partner's pages are full and the cursor names only a voucher it sees.
        String sql = "select v.* from voucher v where " + (customerId != null ? "v.customer_id = :owner" : "v.batch_id = :owner")
                + " and (v.customer_id is null or " + visibility.visibleSql("v.customer_id") + ")"
                + (after == null ? "" : " and (v.created_at > :at or (v.created_at = :at and v.id > :id))") + " order by v.created_at, v.id";
        var query = em.createNativeQuery(sql, Voucher.class).setParameter("owner", customerId != null ? customerId : batchId);
        if (after != null) {
            try {
                query.setParameter("at", OffsetDateTime.parse(after.get(0))).setParameter("id", UUID.fromString(after.get(1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
            }
        }
        @SuppressWarnings("unchecked")
        List<Voucher> rows = query.setMaxResults(size + 1).getResultList();
        return Page.of(rows, size, v -> Cursor.of(v.createdAt, v.id), this::view);
    }

    @GET
    @RolesAllowed(Scopes.LOYALTY_READ)
    @Path("/{code}")
    @Transactional
    @Operation(operationId = "getVoucher", summary = "Read a voucher", description = "A voucher by its code (case-insensitive).")
    @APIResponse(responseCode = "200", description = "The voucher",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VoucherView.class)))
    @APIResponse(responseCode = "404", description = "No such code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VoucherView get(@PathParam("code") String code) {
        return view(vouchers.find(code));
    }

    @POST
    @RolesAllowed(Scopes.LOYALTY_WRITE)
    @Path("/{code}/redemption")
    @Transactional
    @Operation(operationId = "redeemVoucher", summary = "Redeem a voucher",
            description = "Redeems the code once. A second redemption is 409; a cancelled voucher is 409; outside its validity "
                    + "dates or presented by another customer than its owner is 422; a voucher bound to a customer needs customerId "
                    + "(422 voucher-customer-required without it). A partner may name only a customer who "
                    + "shares their data with partners (422 unknown-customer otherwise).")
    @APIResponse(responseCode = "200", description = "Redeemed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VoucherView.class)))
    @APIResponse(responseCode = "404", description = "No such code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "Invalid request body; errors[] names the fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already redeemed or cancelled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Not valid now, not this customer's voucher, or customerId names no customer the caller may see",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VoucherView redeem(@PathParam("code") String code, @Valid RedeemRequest request) {
        return view(vouchers.redeem(code, request));
    }

    @POST
    @RolesAllowed(Scopes.LOYALTY_WRITE)
    @Path("/{code}/cancellation")
    @Transactional
    @Operation(operationId = "cancelVoucher", summary = "Cancel a voucher",
            description = "Withdraws an unredeemed voucher; it can no longer be redeemed. Cancelling twice is harmless.")
    @APIResponse(responseCode = "200", description = "Cancelled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VoucherView.class)))
    @APIResponse(responseCode = "404", description = "No such code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "Invalid request body; errors[] names the fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already redeemed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VoucherView cancel(@PathParam("code") String code, @Valid CancelRequest request) {
        return view(vouchers.cancel(code, request == null ? null : request.reason()));
    }

    /** Strict: an id with spaces around it or short groups is refused, not read into someone else's id. */
    private static UUID queryId(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return CanonicalUuid.parse(value).orElseThrow(() -> ProblemException.invalid(name, "must be a UUID (8-4-4-4-12 hex digits)"));
    }

    private VoucherView view(Voucher voucher) {
        return VoucherView.of(voucher, vouchers.redeemerVisible(voucher), vouchers.now());
    }
}
