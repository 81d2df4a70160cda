package dev.crmsuite.customer.audience;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.crmsuite.platform.paging.Page;
import dev.crmsuite.platform.paging.PageLimit;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Callers;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import dev.crmsuite.platform.web.IdempotentCreates;
import dev.crmsuite.platform.web.PartialUpdates;
import dev.crmsuite.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** Audiences: saved, named filters over customers that campaigns are sent to (back-office only). */
@Path("/api/v1/audiences")
@Tag(name = "Audiences", description = "Saved, named filters over customers, evaluated when a campaign run is sent")
@Produces(MediaType.APPLICATION_JSON)
@StaffOnly("an audience is a filter over every customer, whatever their partner-sharing consent: back-office targeting")
public class AudienceResource {

    static final String EXAMPLE = "{\"id\":\"9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b\",\"name\":\"Lapsed gold members\","
            + "\"description\":\"Gold and platinum members who bought in the last year, but not in the last 90 days\","
            + "\"filter\":{\"segments\":null,\"valueTiers\":null,\"stages\":null,\"tags\":{\"allOf\":null,\"anyOf\":[\"golf\",\"tennis\"]},"
            + "\"attributes\":null,\"loyaltyTiers\":[\"GOLD\",\"PLATINUM\"],\"lastPurchase\":{\"after\":\"2030-04-01T00:00:00Z\","
            + "\"before\":null,\"noneInLastDays\":90},\"lifetimeValue\":{\"min\":10000.00,\"max\":null}},\"createdBy\":\"zhang.min\","
            + "\"createdAt\":\"2031-03-20T08:00:00Z\",\"updatedAt\":\"2031-03-20T08:00:00Z\",\"version\":0}";
    static final String CREATE_EXAMPLE = "{\"name\":\"Lapsed gold members\",\"description\":\"Gold and platinum members who bought in "
            + "the last year, but not in the last 90 days\",\"filter\":{\"loyaltyTiers\":[\"GOLD\",\"PLATINUM\"],"
            + "\"tags\":{\"anyOf\":[\"golf\",\"tennis\"]},\"lastPurchase\":{\"after\":\"2030-04-01T00:00:00Z\",\"noneInLastDays\":90},"
            + "\"lifetimeValue\":{\"min\":10000.00}}}";
    static final String FILTER_RULES = " Filter: segments, valueTiers, stages and loyaltyTiers are lists (any value matches), "
            + "tags.allOf / tags.anyOf, attributes (key = value, compared as text), lastPurchase (after, before, noneInLastDays: no "
            + "purchase in the last N days, never-buyers included), lifetimeValue (min, max, in the reporting currency). Dimensions "
            + "combine with AND; an absent one does not filter. Merged-away and erased customers are never members.";

    private final Audiences audiences;
    private final IdempotentCreates idempotent;
    private final Callers callers;

    public AudienceResource(Audiences audiences, IdempotentCreates idempotent, Callers callers) {
        this.audiences = audiences;
        this.idempotent = idempotent;
        this.callers = callers;
    }

    @POST
    @RolesAllowed(Scopes.CAMPAIGNS_WRITE)
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createAudience", summary = "Save an audience",
            description = "Saves a named filter over customers; it is evaluated each time it is used (a campaign run, a preview), never "
                    + "frozen. The name is unique among audiences, case-insensitively. Send an Idempotency-Key to retry safely (keys "
                    + "are per caller)." + FILTER_RULES)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AudienceModels.NewAudience.class),
            examples = {@ExampleObject(name = "lapsed gold members", value = CREATE_EXAMPLE),
                    @ExampleObject(name = "relational customers in Shanghai", value = "{\"name\":\"Relational, Shanghai\","
                            + "\"filter\":{\"segments\":[\"RELATIONAL\",\"KEY_ACCOUNT\"],\"attributes\":{\"preferredStore\":\"Shanghai-3\"}}}")}))
    @APIResponse(responseCode = "201", description = "Saved; Location names it, ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AudienceModels.AudienceView.class),
                    examples = @ExampleObject(name = "saved", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid audience (unknown value, too many values, bad attribute key); errors[] names the fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another audience has this name (existingAudienceId names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A range that can never match (lastPurchase.after not before before, lifetimeValue.min "
            + "above max), or an Idempotency-Key reused with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Parameter(description = "Makes a retried create return the first response", example = "lapsed-gold-1")
                           @HeaderParam(IdempotentCreates.HEADER) String idempotencyKey,
                           @Valid @NotNull AudienceModels.NewAudience request) {
        return idempotent.execute(callers.idempotencyScope("audiences"), idempotencyKey, request, () -> {
            Audience a = audiences.create(request);
            return Response.created(URI.create("/api/v1/audiences/" + a.id)).tag(Versions.etag(a.version)).entity(audiences.view(a)).build();
        });
    }

    @GET
    @RolesAllowed(Scopes.CAMPAIGNS_READ)
    @Operation(operationId = "listAudiences", summary = "List audiences",
            description = "Saved audiences, newest first, keyset-paginated (pass nextCursor as cursor). Deleted ones are not listed.")
    @APIResponse(responseCode = "200", description = "A page of audiences")
    @APIResponse(responseCode = "400", description = "The limit or cursor is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Page<AudienceModels.AudienceView> list(
            @Parameter(description = "Page size, 1 to 200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return audiences.list(cursor, PageLimit.of(limit));
    }

    @GET
    @RolesAllowed(Scopes.CAMPAIGNS_READ)
    @Path("/{id}")
    @Operation(operationId = "getAudience", summary = "Read an audience",
            description = "The saved filter and its ETag (the version to send in If-Match when changing or deleting it).")
    @APIResponse(responseCode = "200", description = "The audience", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AudienceModels.AudienceView.class), examples = @ExampleObject(name = "saved", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such audience (or it was deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response get(@Parameter(description = "Audience id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                        @PathParam("id") UUID id) {
        Audience a = audiences.require(id);
        return Response.ok(audiences.view(a)).tag(Versions.etag(a.version)).build();
    }

    @PATCH
    @RolesAllowed(Scopes.CAMPAIGNS_WRITE)
    @Path("/{id}")
    @Transactional
    @Consumes({PartialUpdates.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(operationId = "updateAudience", summary = "Change an audience (JSON Merge Patch)",
            description = "RFC 7396, sent as application/merge-patch+json or, with the same meaning, as application/json (any other "
                    + "Content-Type is 415): members present replace, null removes, objects merge (filter, and inside it tags, "
                    + "attributes, lastPurchase, lifetimeValue); lists are replaced whole. \"filter\": null removes every dimension "
                    + "(the audience then holds every customer). Requires If-Match with the ETag you read. Campaigns sent later "
                    + "use the changed filter." + FILTER_RULES)
    @RequestBody(content = {
            @Content(mediaType = PartialUpdates.MERGE_PATCH, schema = @Schema(implementation = AudienceModels.NewAudience.class),
                    examples = @ExampleObject(name = "add a tier, drop the tag rule", value = "{\"filter\":{\"loyaltyTiers\":[\"SILVER\",\"GOLD\","
                            + "\"PLATINUM\"],\"tags\":null}}")),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AudienceModels.NewAudience.class),
                    examples = @ExampleObject(name = "rename", value = "{\"name\":\"Lapsed members, silver and up\"}"))})
    @APIResponse(responseCode = "200", description = "The changed audience with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AudienceModels.AudienceView.class),
                    examples = @ExampleObject(name = "saved", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid patch; errors[] names the fields", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such audience (or it was deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Another audience has this name", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale: someone changed the audience since you read it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is neither application/merge-patch+json nor application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A range that can never match", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response update(@Parameter(description = "Audience id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                           @PathParam("id") UUID id,
                           @Parameter(description = "The ETag you read (GET answers it); required: without it the answer is 428, with a stale one 412",
                                   example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
                           String patch) throws JsonProcessingException {
        Audience a = audiences.patch(id, ifMatch, patch);
        return Response.ok(audiences.view(a)).tag(Versions.etag(a.version)).build();
    }

    @DELETE
    @RolesAllowed(Scopes.CAMPAIGNS_WRITE)
    @Path("/{id}")
    @Transactional
    @Operation(operationId = "deleteAudience", summary = "Delete an audience",
            description = "The audience is no longer listed or usable; campaigns already sent to it keep naming it. Refused (409, "
                    + "campaignIds names them) while a campaign that is not sent or cancelled (DRAFT, SCHEDULED, SENDING) uses it. "
                    + "Requires If-Match with the ETag you read.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such audience (or it was already deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A campaign still to be sent uses it (campaignIds)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response delete(@Parameter(description = "Audience id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                           @PathParam("id") UUID id,
                           @Parameter(description = "The ETag you read; required: without it the answer is 428, with a stale one 412",
                                   example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        audiences.delete(id, ifMatch);
        return Response.noContent().build();
    }

    @GET
    @RolesAllowed(Scopes.CAMPAIGNS_READ)
    @Path("/{id}/preview")
    @Transactional
    @Operation(operationId = "previewAudience", summary = "Who an audience holds now",
            description = "Evaluates the saved filter now: how many customers it holds, and the first `limit` of them by customer id "
                    + "(id, name, segment, value tier, stage, loyalty tier), to check a filter before a campaign uses it. Every "
                    + "customer counts, whatever their consents: consent and the contact budget are applied when a campaign is sent.")
    @APIResponse(responseCode = "200", description = "The count and the first members", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AudienceModels.Preview.class), examples = @ExampleObject(name = "preview", value = "{\"count\":1250,"
            + "\"members\":[{\"id\":\"0b8f8a36-3c6f-4d55-9a57-5b1c0a9f1e2d\",\"displayName\":\"Li Wei\",\"segment\":\"RELATIONAL\","
            + "\"valueTier\":\"A\",\"stage\":\"REPEAT_BUYER\",\"loyaltyTier\":\"GOLD\"}]}")))
    @APIResponse(responseCode = "400", description = "The limit is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such audience (or it was deleted)", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public AudienceModels.Preview preview(@Parameter(description = "Audience id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                                          @PathParam("id") UUID id,
                                          @Parameter(description = "How many members to show, 1 to 200 (default 20)", example = "20")
                                          @QueryParam("limit") Integer limit) {
        return audiences.preview(id, PageLimit.of(limit));
    }
}
