package dev.crmsuite.loyalty.voucher;

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
import dev.crmsuite.platform.web.IdempotentCreates;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
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

    @POST
    @Transactional
    @Operation(operationId = "issueVoucher", summary = "Issue a voucher",
            description = "Issues one voucher (money off or a percentage) with validity dates, to a customer or unassigned. "
                    + "A voucher issued to a customer publishes crm.voucher.issued.v1. Send an Idempotency-Key to retry safely.")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VoucherView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response issue(@Parameter(description = "Makes a retried create return the first response", example = "welcome-4711")
                          @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey,
                          @Valid @NotNull NewVoucher request) {
        return idempotent.execute("vouchers", idempotencyKey, request, () -> {
            Voucher voucher = vouchers.issue(request);
            return Response.created(URI.create("/api/v1/loyalty/vouchers/" + voucher.code)).entity(VoucherView.of(voucher)).build();
        });
    }

    @POST
    @Path("/batches")
    @Transactional
    @Operation(operationId = "issueVoucherBatch", summary = "Issue a batch of voucher codes",
            description = "Creates count unassigned codes with the same value and validity, e.g. for a mailing.")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "400", description = "Invalid request; errors[] names the field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response batch(@Parameter(description = "Makes a retried create return the first response", example = "mailing-2026-12")
                          @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey,
                          @Valid @NotNull NewVoucherBatch request) {
        return idempotent.execute("voucher-batches", idempotencyKey, request, () -> {
            List<Voucher> issued = vouchers.batch(request);
            UUID batchId = issued.getFirst().batchId;
            return Response.created(URI.create("/api/v1/loyalty/vouchers?batchId=" + batchId))
                    .entity(new BatchView(batchId, issued.size(), issued.stream().map(VoucherView::of).toList())).build();
        });
    }

    @GET
    @Operation(operationId = "listVouchers", summary = "List vouchers",
            description = "Vouchers of a customer or of a batch, oldest first, keyset paginated.")
    @APIResponse(responseCode = "200", description = "A page of vouchers")
    @APIResponse(responseCode = "400", description = "Neither customerId nor batchId, or a bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<VoucherView> list(@QueryParam("customerId") UUID customerId, @QueryParam("batchId") UUID batchId,
                                  @Parameter(description = "Page size, 1 to 200", example = "20") @QueryParam("limit") Integer limit,
                                  @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        if (customerId == null && batchId == null) {
            throw ProblemException.invalid("customerId", "give customerId or batchId");
        }
        int size = PageLimit.of(limit);
        Cursor after = Cursor.decode(cursor, 2);
        String jpql = "from Voucher where " + (customerId != null ? "customerId = :owner" : "batchId = :owner")
                + (after == null ? "" : " and (createdAt > :at or (createdAt = :at and id > :id))") + " order by createdAt, id";
        TypedQuery<Voucher> query = em.createQuery(jpql, Voucher.class).setParameter("owner", customerId != null ? customerId : batchId);
        if (after != null) {
            try {
                query.setParameter("at", OffsetDateTime.parse(after.get(0))).setParameter("id", UUID.fromString(after.get(1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
            }
        }
        return Page.of(query.setMaxResults(size + 1).getResultList(), size, v -> Cursor.of(v.createdAt, v.id), VoucherView::of);
    }

    @GET
    @Path("/{code}")
    @Operation(operationId = "getVoucher", summary = "Read a voucher", description = "A voucher by its code (case-insensitive).")
    @APIResponse(responseCode = "200", description = "The voucher",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VoucherView.class)))
    @APIResponse(responseCode = "404", description = "No such code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VoucherView get(@PathParam("code") String code) {
        Voucher voucher = Voucher.find("code", Vouchers.normalise(code)).firstResult();
        if (voucher == null) {
            throw ProblemException.notFound("voucher", code);
        }
        return VoucherView.of(voucher);
    }

    @POST
    @Path("/{code}/redemption")
    @Transactional
    @Operation(operationId = "redeemVoucher", summary = "Redeem a voucher",
            description = "Redeems the code once. A second redemption is 409; a cancelled voucher is 409; outside its validity "
                    + "dates or presented by another customer than its owner is 422.")
    @APIResponse(responseCode = "200", description = "Redeemed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VoucherView.class)))
    @APIResponse(responseCode = "404", description = "No such code",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", description = "Invalid request body; errors[] names the fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already redeemed or cancelled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Not valid now, or not this customer's voucher",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VoucherView redeem(@PathParam("code") String code, @Valid RedeemRequest request) {
        return VoucherView.of(vouchers.redeem(code, request));
    }

    @POST
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
        return VoucherView.of(vouchers.cancel(code, request == null ? null : request.reason()));
    }
}
