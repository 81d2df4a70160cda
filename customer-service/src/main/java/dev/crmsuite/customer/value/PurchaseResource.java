package dev.crmsuite.customer.value;

import dev.crmsuite.customer.customer.Customers;
import dev.crmsuite.customer.timeline.Timeline;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
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
import java.util.List;
import java.util.UUID;

@Path("/api/v1/customers/{id}/purchases")
@Tag(name = "Value", description = "Purchases, refunds, revenue, Pareto tiers, lifetime value")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PurchaseResource {

    @Inject
    Purchases purchases;
    @Inject
    Customers customers;

    @POST
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @Transactional
    @Operation(operationId = "recordPurchase", summary = "Record a purchase",
            description = "Idempotent by externalOrderId per customer: recording the same order again returns the first purchase "
                    + "(200) and publishes nothing. A new purchase (201) updates revenue, lifetime value, segment and stage, "
                    + "schedules the high-value follow-up calls, and publishes crm.purchase.recorded.v1 with the customer's "
                    + "segment, tier and stage.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "tv",
            value = "{\"externalOrderId\":\"ORD-2026-0001\",\"amount\":5999.00,\"currency\":\"CNY\",\"discounted\":false,"
                    + "\"items\":[{\"sku\":\"TV-55-OLED\",\"name\":\"55in OLED TV\",\"quantity\":1,\"unitPrice\":5999.00}]}")))
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PurchaseModels.PurchaseView.class)))
    @APIResponse(responseCode = "200", description = "Already recorded under this externalOrderId: the first purchase",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PurchaseModels.PurchaseView.class)))
    @APIResponse(responseCode = "400", description = "Invalid purchase; errors[] names the fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "externalOrderId already recorded with a different amount",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response record(@PathParam("id") UUID id, @Valid @NotNull PurchaseModels.NewPurchase purchase) {
        Purchases.Recorded r = purchases.record(id, purchase);
        PurchaseModels.PurchaseView view = PurchaseModels.PurchaseView.of(r.purchase());
        URI location = URI.create("/api/v1/customers/" + r.purchase().customerId + "/purchases/" + r.purchase().id);
        return r.created() ? Response.created(location).entity(view).build()
                : Response.ok(view).location(location).build();
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Operation(operationId = "listPurchases", summary = "A customer's purchases", description = "Newest first, keyset-paginated.")
    @APIResponse(responseCode = "200", description = "A page of purchases")
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<PurchaseModels.PurchaseView> list(@PathParam("id") UUID id,
                                                  @Parameter(description = "1 to 200, default 20", example = "20") @QueryParam("limit") Integer limit,
                                                  @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        customers.require(id);
        int n = PageLimit.of(limit);
        Cursor c = Cursor.decode(cursor, 2);
        List<Purchase> rows = c == null
                ? Purchase.find("customerId = ?1 order by purchasedAt desc, id desc", id).range(0, n).list()
                : Purchase.find("customerId = ?1 and (purchasedAt < ?2 or (purchasedAt = ?2 and id < ?3)) order by purchasedAt desc, id desc",
                id, Timeline.cursorTime(c.get(0)), Timeline.cursorId(c.get(1))).range(0, n).list();
        return Page.of(rows, n, p -> Cursor.of(p.purchasedAt, p.id), PurchaseModels.PurchaseView::of);
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Path("/{purchaseId}")
    @Operation(operationId = "getPurchase", summary = "One purchase", description = "With the amount refunded so far.")
    @APIResponse(responseCode = "200", description = "The purchase", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PurchaseModels.PurchaseView.class)))
    @APIResponse(responseCode = "404", description = "No such customer or purchase", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PurchaseModels.PurchaseView get(@PathParam("id") UUID id, @PathParam("purchaseId") UUID purchaseId) {
        customers.require(id);
        return Purchase.<Purchase>findByIdOptional(purchaseId).filter(p -> p.customerId.equals(id))
                .map(PurchaseModels.PurchaseView::of).orElseThrow(() -> ProblemException.notFound("purchase", purchaseId));
    }

    @GET
    @RolesAllowed(Scopes.CUSTOMERS_READ)
    @Path("/{purchaseId}/refunds")
    @Operation(operationId = "listRefunds", summary = "A purchase's refunds",
            description = "Oldest first, keyset-paginated: every refund recorded against the purchase, with its amount and "
                    + "reason. A purchase of a customer a partner may not see is unknown to that partner.")
    // the page schema is derived from the return type; PurchaseRefund's fields carry the examples
    @APIResponse(responseCode = "200", description = "A page of refunds")
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer or purchase", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<PurchaseModels.RefundEntry> refunds(@PathParam("id") UUID id, @PathParam("purchaseId") UUID purchaseId,
                                                    @Parameter(description = "1 to 200, default 20", example = "20") @QueryParam("limit") Integer limit,
                                                    @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        get(id, purchaseId);
        int n = PageLimit.of(limit);
        Cursor c = Cursor.decode(cursor, 2);
        List<Refund> rows = c == null
                ? Refund.find("purchaseId = ?1 order by refundedAt, id", purchaseId).range(0, n).list()
                : Refund.find("purchaseId = ?1 and (refundedAt > ?2 or (refundedAt = ?2 and id > ?3)) order by refundedAt, id",
                purchaseId, Timeline.cursorTime(c.get(0)), Timeline.cursorId(c.get(1))).range(0, n).list();
        return Page.of(rows, n, r -> Cursor.of(r.refundedAt, r.id), PurchaseModels.RefundEntry::of);
    }

    @POST
    @RolesAllowed(Scopes.CUSTOMERS_WRITE)
    @Path("/{purchaseId}/refunds")
    @Transactional
    @Operation(operationId = "refundPurchase", summary = "Refund a purchase, fully or partly",
            description = "Without amount: everything not yet refunded. Revenue, lifetime value, segment and stage follow; "
                    + "publishes crm.purchase.refunded.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "partial",
            value = "{\"amount\":1000.00,\"reason\":\"damaged on delivery\"}")))
    @APIResponse(responseCode = "201", description = "Refunded", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PurchaseModels.RefundView.class)))
    @APIResponse(responseCode = "400", description = "Invalid amount", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such customer or purchase", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already fully refunded", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "More than what is left to refund", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response refund(@PathParam("id") UUID id, @PathParam("purchaseId") UUID purchaseId, @Valid PurchaseModels.NewRefund refund) {
        PurchaseModels.RefundView r = purchases.refund(id, purchaseId, refund);
        return Response.created(URI.create("/api/v1/customers/" + r.customerId() + "/purchases/" + purchaseId)).entity(r).build();
    }
}
