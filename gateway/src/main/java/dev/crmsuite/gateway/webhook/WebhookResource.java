package dev.crmsuite.gateway.webhook;

import dev.crmsuite.gateway.access.Caller;
import dev.crmsuite.platform.problem.Problem;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.DefaultValue;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Path("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Partner subscriptions to CRM events, delivered as signed CloudEvents")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    @Inject
    Webhooks webhooks;
    @Inject
    CurrentVertxRequest request;

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
    @Operation(operationId = "createWebhook", summary = "Subscribe to events",
            description = "Events about customers who consented to partner sharing are POSTed to the URL as CloudEvents JSON, "
                    + "signed: Webhook-Signature = v1=hex(HMAC-SHA256(secret, Webhook-Id + '.' + Webhook-Timestamp + '.' + body)). "
                    + "Failed deliveries are retried with exponential backoff; a subscription that keeps failing is disabled. "
                    + "The secret is returned once.")
    @APIResponse(responseCode = "201", description = "Subscribed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Webhooks.Subscription.class)))
    @APIResponse(responseCode = "400", description = "Invalid request, e.g. a URL on a private network",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull NewWebhook request) {
        Caller caller = caller();
        Webhooks.Subscription created = webhooks.subscribe(caller.id(), caller.name(), request.url(), request.eventTypes(),
                request.description());
        return Response.created(URI.create("/api/v1/webhooks/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "List your subscriptions", description = "Subscriptions created with your credentials.")
    @APIResponse(responseCode = "200", description = "Your subscriptions")
    public List<Webhooks.Subscription> list() {
        return webhooks.list(caller().id());
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
    @Operation(operationId = "listWebhookAttempts", summary = "Delivery attempts", description = "The latest delivery attempts, newest first.")
    @APIResponse(responseCode = "200", description = "Attempts")
    @APIResponse(responseCode = "404", description = "No such subscription of yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<Webhooks.Attempt> attempts(@PathParam("id") UUID id,
                                           @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return webhooks.attempts(caller().id(), id, limit);
    }

    @POST
    @Path("/{id}/enable")
    @Operation(operationId = "enableWebhook", summary = "Re-enable a disabled subscription",
            description = "Resets the failure count; pending deliveries resume.")
    @APIResponse(responseCode = "200", description = "Enabled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Webhooks.Subscription.class)))
    public Webhooks.Subscription enable(@PathParam("id") UUID id) {
        return webhooks.enable(caller().id(), id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Unsubscribe", description = "Deletes the subscription and its pending deliveries.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id) {
        webhooks.delete(caller().id(), id);
    }

    private Caller caller() {
        Caller caller = request.getCurrent().get(Caller.ROUTING_CONTEXT_KEY);
        if (caller == null) {
            throw new IllegalStateException("webhook endpoints are only reached through the access filter");
        }
        return caller;
    }
}
