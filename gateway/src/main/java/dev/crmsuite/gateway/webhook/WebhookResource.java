package dev.crmsuite.gateway.webhook;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.problem.ProblemException;
import dev.crmsuite.platform.security.Caller;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.web.IdempotentCreates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.HeaderParam;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import dev.crmsuite.platform.paging.TimeAndId;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.Cursor;
import dev.crmsuite.platform.paging.PageLimit;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Webhook subscriptions, for callers with {@code webhooks:manage}. Each subscription belongs to the
 * caller that created it; another caller's is answered as absent.
 */
@Path("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Partner subscriptions to CRM events, delivered as signed CloudEvents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.WEBHOOKS_MANAGE)
public class WebhookResource {

    private final Webhooks webhooks;
    private final Callers callers;
    private final IdempotentCreates idempotent;

    public WebhookResource(Webhooks webhooks, Callers callers, IdempotentCreates idempotent) {
        this.webhooks = webhooks;
        this.callers = callers;
        this.idempotent = idempotent;
    }

    @Schema(name = "NewWebhook", description = "A subscription to CRM events")
    public record NewWebhook(
            @NotBlank @Size(max = 2000) @Schema(description = "HTTPS URL that receives the events", examples = "https://partner.example.com/crm-events", required = true)
            String url,
            @NotEmpty @Size(max = 50) @Schema(description = "Event types, exact or with a trailing *", examples = "[\"crm.purchase.recorded.v1\",\"crm.points.*\"]", required = true)
            Set<@NotNull @Pattern(regexp = "\\*|crm\\.[a-z.\\-]+(\\*|\\.v[0-9]+)") String> eventTypes,
            @Size(max = 500) @Schema(examples = "Dealer portal sync") String description) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(operationId = "createWebhook", summary = "Subscribe to events",
            description = "Events about customers who consented to partner sharing are POSTed to the URL as CloudEvents JSON, "
                    + "signed as Standard Webhooks (https://www.standardwebhooks.com): headers webhook-id (the delivery's id, the same "
                    + "on every retry), webhook-timestamp (Unix seconds) and webhook-signature = v1,base64(HMAC-SHA256(key, "
                    + "webhook-id + '.' + webhook-timestamp + '.' + body)), where key is the base64-decoded part of the secret after "
                    + "whsec_; during a secret rotation it lists one v1,... per live secret, space-separated. Any Standard Webhooks "
                    + "library verifies them, e.g. new Webhook(secret).verify(body, headers). "
                    + "Failed deliveries are retried with exponential backoff; a subscription that keeps failing is disabled. "
                    + "Each event type needs the read scope of the data it carries (crm.customer.*, crm.purchase.*, "
                    + "crm.touchpoint.*, crm.follow-up.*: customers:read; crm.account.*, crm.points.*, crm.tier.*, crm.reward.*, "
                    + "crm.voucher.*, crm.referral.*: loyalty:read; crm.complaint.*: complaints:read; crm.survey.*: surveys:read; "
                    + "crm.campaign.*: campaigns:read; * or any wider pattern: all five; a type no service publishes: none). "
                    + "A campaign's crm.campaign.delivery-requested.v1 also reaches the partner it names as deliveryPartner (your "
                    + "API key id) without the partner-sharing consent; other partners get it only with that consent and with "
                    + "rsvpToken null; campaign-level events (crm.campaign.scheduled/sent/cancelled.v1) reach staff subscriptions "
                    + "only. The secret is returned once. A retry with the same Idempotency-Key "
                    + "and body replays the first answer.")
    @APIResponse(responseCode = "201", description = "Subscribed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Webhooks.Subscription.class)))
    @APIResponse(responseCode = "400", description = "Invalid request, e.g. a URL on a private network",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "You already hold the most subscriptions one caller may "
            + "(too-many-subscriptions; crm.gateway.webhooks.max-subscriptions-per-owner, 25 unless configured)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull NewWebhook request,
                           @Parameter(description = "Makes a retried create safe: the same key and body replay the first answer")
                           @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey) {
        Caller caller = callers.require();
        for (String type : request.eventTypes()) {
            var missing = EventReadScopes.needed(type).stream().filter(scope -> !caller.has(scope)).sorted().toList();
            if (!missing.isEmpty()) {
                throw new ProblemException(403, "forbidden", "Forbidden",
                        "subscribing to " + type + " needs " + String.join(", ", missing));
            }
        }
        return idempotent.execute(callers.idempotencyScope("webhooks"), idempotencyKey, request, () -> {
            Webhooks.Subscription created = webhooks.subscribe(caller.id(), caller.actor(), request.url(), request.eventTypes(),
                    request.description());
            return Response.created(URI.create("/api/v1/webhooks/" + created.id())).entity(created).build();
        });
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "List your subscriptions",
            description = "Subscriptions created with your credentials, oldest first. Keyset paginated like every list of "
                    + "the suite: {items, nextCursor}; pass nextCursor as cursor for the next page (null on the last).")
    @APIResponse(responseCode = "200", description = "A page of your subscriptions")
    @APIResponse(responseCode = "400", description = "A bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Webhooks.Subscription> list(@Parameter(description = "Page size, 1 to 200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
                                            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = PageLimit.of(limit);
        return Page.of(webhooks.list(caller().id(), TimeAndId.decode(cursor), size + 1), size,
                s -> Cursor.of(s.createdAt(), s.id()), s -> s);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhook", summary = "Read a subscription", description = "Its status, and why it was disabled if it was.")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Webhooks.Subscription.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Webhooks.Subscription get(@PathParam("id") UUID id) {
        return webhooks.get(caller().id(), id);
    }

    @GET
    @Path("/{id}/attempts")
    @Operation(operationId = "listWebhookAttempts", summary = "Delivery attempts",
            description = "The delivery attempts, newest first. Keyset paginated like every list of the suite: "
                    + "{items, nextCursor}; pass nextCursor as cursor for the next page (null on the last).")
    @APIResponse(responseCode = "200", description = "A page of attempts")
    @APIResponse(responseCode = "400", description = "A bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Webhooks.Attempt> attempts(@PathParam("id") UUID id,
                                           @Parameter(description = "Page size, 1 to 200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
                                           @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = PageLimit.of(limit);
        Cursor after = Cursor.decode(cursor, 1);
        long before;
        try {
            before = after == null ? Long.MAX_VALUE : Long.parseLong(after.get(0));
        } catch (NumberFormatException e) {
            throw dev.crmsuite.platform.problem.ProblemException.invalid("cursor", "is not a cursor this endpoint issued");
        }
        return Page.of(webhooks.attempts(caller().id(), id, before, size + 1), size,
                a -> Cursor.of(a.seq()), Webhooks.AttemptRow::attempt);
    }

    @POST
    @Path("/{id}/enable")
    @Operation(operationId = "enableWebhook", summary = "Re-enable a disabled subscription",
            description = "Resets the failure count; pending deliveries resume.")
    @APIResponse(responseCode = "200", description = "Enabled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Webhooks.Subscription.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Webhooks.Subscription enable(@PathParam("id") UUID id) {
        return webhooks.enable(caller().id(), id);
    }

    @POST
    @Path("/{id}/secret-rotation")
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate the signing secret",
            description = "Issues a new secret (returned once). Until the overlap ends (24 hours by default) deliveries carry "
                    + "two signatures, webhook-signature: v1,<new> v1,<old>, so the receiver keeps verifying with the old secret "
                    + "until it has deployed the new one; Standard Webhooks libraries accept a delivery if any signature matches.")
    @APIResponse(responseCode = "200", description = "The subscription with its new secret",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Webhooks.Subscription.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Webhooks.Subscription rotateSecret(@PathParam("id") UUID id) {
        return webhooks.rotateSecret(caller().id(), id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Unsubscribe", description = "Deletes the subscription and its pending deliveries.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathParam("id") UUID id) {
        webhooks.delete(caller().id(), id);
    }

    private Caller caller() {
        return callers.require();
    }
}
