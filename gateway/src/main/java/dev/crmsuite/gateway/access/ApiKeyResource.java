package dev.crmsuite.gateway.access;

import dev.crmsuite.gateway.openapi.StaffOnlyDocumented;
import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.security.Scopes;
import dev.crmsuite.platform.security.StaffOnly;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
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
 * Partner API keys, managed by staff with the admin scope only: a partner key can never manage keys,
 * whatever it holds (and it can never hold admin).
 */
@Path("/api/v1/admin/api-keys")
@Tag(name = "Admin", description = "Partner API keys and read-model maintenance (staff with the admin scope)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.ADMIN)
@StaffOnly("issuing and revoking partner credentials")
public class ApiKeyResource {

    private final ApiKeys keys;

    public ApiKeyResource(ApiKeys keys) {
        this.keys = keys;
    }

    @Schema(name = "NewApiKey", description = "A partner key to issue")
    public record NewApiKey(
            @NotBlank @Size(max = 100) @Schema(examples = "Acme Dealers", required = true) String partner,
            @NotEmpty @Size(max = 20) @Schema(description = "Scopes granted, from the closed set: customers:read, customers:write, "
                    + "loyalty:read, loyalty:write, complaints:read, complaints:write, surveys:read, surveys:write, campaigns:read, "
                    + "campaigns:write, webhooks:manage. "
                    + "admin can never be given to a partner key; an unknown scope is refused (400 naming it).",
                    examples = "[\"customers:read\"]", required = true)
            Set<@NotNull String> scopes,
            @NotNull @Min(1) @Max(100_000) @Schema(description = "Requests per minute", examples = "120", required = true)
            Integer requestsPerMinute) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = StaffOnlyDocumented.EXTENSION, value = "true", parseValue = true)
    @Operation(operationId = "createApiKey", summary = "Issue a partner API key",
            description = "Returns the key once; only its hash is stored, so a retried create is not replayed (no "
                    + "Idempotency-Key): revoke a key whose answer was lost and issue another. Send it as X-API-Key.")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiKeys.IssuedKey.class)))
    @APIResponse(responseCode = "400", description = "Invalid request: an unknown scope, or admin for a partner key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull NewApiKey request) {
        ApiKeys.IssuedKey key = keys.create(request.partner().trim(), request.scopes(), request.requestsPerMinute());
        return Response.created(URI.create("/api/v1/admin/api-keys/" + key.id())).entity(key).build();
    }

    @GET
    @Extension(name = StaffOnlyDocumented.EXTENSION, value = "true", parseValue = true)
    @Operation(operationId = "listApiKeys", summary = "List partner API keys",
            description = "Every key, without secrets, oldest first. Keyset paginated like every list of the suite: "
                    + "{items, nextCursor}; pass nextCursor as cursor for the next page (null on the last).")
    @APIResponse(responseCode = "200", description = "A page of the keys")
    @APIResponse(responseCode = "400", description = "A bad limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ApiKeys.IssuedKey> list(@Parameter(description = "Page size, 1 to 200 (default 20)", example = "20") @QueryParam("limit") Integer limit,
                                        @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = PageLimit.of(limit);
        return Page.of(keys.list(TimeAndId.decode(cursor), size + 1), size, k -> Cursor.of(k.createdAt(), k.id()), k -> k);
    }

    @POST
    @Path("/{id}/rotation")
    @Extension(name = StaffOnlyDocumented.EXTENSION, value = "true", parseValue = true)
    @Operation(operationId = "rotateApiKey", summary = "Rotate a partner API key",
            description = "Issues a new key with the same partner, scopes and limit, and revokes the old one. A key has at "
                    + "most one successor: of rotations sent at the same time one gets the new key, the others 409.")
    @APIResponse(responseCode = "201", description = "The new key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiKeys.IssuedKey.class)))
    @APIResponse(responseCode = "404", description = "No such key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The key is revoked or already rotated (api-key-revoked); nothing was issued",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response rotate(@PathParam("id") UUID id) {
        ApiKeys.IssuedKey key = keys.rotate(id);
        return Response.created(URI.create("/api/v1/admin/api-keys/" + key.id())).entity(key).build();
    }

    @DELETE
    @Path("/{id}")
    @Extension(name = StaffOnlyDocumented.EXTENSION, value = "true", parseValue = true)
    @Operation(operationId = "revokeApiKey", summary = "Revoke a partner API key",
            description = "The key stops working on every gateway replica within 10 seconds.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void revoke(@PathParam("id") UUID id) {
        keys.revoke(id);
    }
}
