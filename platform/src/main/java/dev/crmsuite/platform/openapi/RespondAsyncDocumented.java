package dev.crmsuite.platform.openapi;

import dev.crmsuite.platform.problem.Problem;
import dev.crmsuite.platform.web.Preferences;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.List;

/**
 * An operation that takes {@code Prefer} and documents a 202 runs in the background when asked to
 * (RFC 7240, {@link Preferences}): the parameter's meaning and the 202's {@code Location} and
 * {@code Preference-Applied} headers are the same everywhere, so they are written once here. The
 * resource declares the header ({@code @HeaderParam(Preferences.HEADER)}) and its own 202: what the run
 * looks like. So is the 409 too-many-runs of a full background queue.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = Integer.MIN_VALUE + 4)
public class RespondAsyncDocumented implements OASFilter {

    static final String PREFER = "respond-async: answer 202 at once, with the run to follow (RFC 7240). wait=<seconds>: "
            + "without respond-async, the longest wait for the result before the answer is 202 with the run to follow (the service "
            + "waits at most its own limit). Other preferences are ignored";
    static final String LOCATION = "The run: GET it until its status is SUCCEEDED or FAILED";
    static final String FULL = "too-many-runs: as many runs of this kind as an instance holds are already queued or running; "
            + "follow them and ask again once one has ended";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            item.getOperations().values().forEach(RespondAsyncDocumented::document);
        }
    }

    static void document(Operation operation) {
        APIResponse accepted = operation.getResponses() == null ? null : operation.getResponses().getAPIResponse("202");
        Parameter prefer = operation.getParameters() == null ? null : operation.getParameters().stream()
                .filter(p -> p.getIn() == Parameter.In.HEADER && Preferences.HEADER.equalsIgnoreCase(p.getName()))
                .findFirst().orElse(null);
        if (accepted == null || prefer == null) {
            return;
        }
        if (prefer.getDescription() == null) {
            prefer.description(PREFER);
        }
        if (prefer.getExample() == null) {
            prefer.example(Preferences.RESPOND_ASYNC);
        }
        if (accepted.getHeaders() == null || !accepted.getHeaders().containsKey("Location")) {
            accepted.addHeader("Location", OASFactory.createHeader().description(LOCATION).schema(text()));
        }
        if (accepted.getHeaders() == null || !accepted.getHeaders().containsKey(Preferences.APPLIED)) {
            accepted.addHeader(Preferences.APPLIED, OASFactory.createHeader().description(Preferences.RESPOND_ASYNC).schema(text()));
        }
        APIResponse conflict = operation.getResponses().getAPIResponse("409");
        if (conflict == null) {
            operation.getResponses().addAPIResponse("409", OASFactory.createAPIResponse().description(FULL)
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("Problem")))));
        } else if (conflict.getDescription() == null || !conflict.getDescription().contains(FULL)) {
            conflict.description((conflict.getDescription() == null ? "" : conflict.getDescription() + "; or ") + FULL);
        }
    }

    private static Schema text() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
    }
}
