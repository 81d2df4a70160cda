package dev.crmsuite.gateway.openapi;

import dev.crmsuite.platform.security.Callers;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the calling credentials may do, as an OpenAPI document: for partners building against the API. */
@Path("/api/v1/partner/openapi")
@Tag(name = "Partner", description = "What the calling credentials may do")
@Produces(MediaType.APPLICATION_JSON)
public class PartnerOpenApiResource {

    private final SuiteOpenApi openApi;
    private final Callers callers;

    public PartnerOpenApiResource(SuiteOpenApi openApi, Callers callers) {
        this.openApi = openApi;
        this.callers = callers;
    }

    @GET
    @Authenticated
    @Operation(operationId = "getPartnerOpenApi", summary = "The API as your credentials see it",
            description = "The merged OpenAPI document cut down to the operations your scopes allow (and the public ones). "
                    + "Any authenticated caller.")
    @APIResponse(responseCode = "200", description = "An OpenAPI 3.1 document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    public Response document() {
        return Response.ok(SuiteOpenApi.write(openApi.forCaller(callers.require())), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
