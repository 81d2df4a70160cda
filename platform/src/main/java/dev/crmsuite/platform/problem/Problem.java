package dev.crmsuite.platform.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details: the one error body of every service. {@code errors} lists the fields
 * at fault for validation problems; {@code extensions} carries problem-specific members (for
 * example the existing customer's id on a duplicate email).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details, returned for every 4xx and 5xx response.")
public record Problem(
        @Schema(description = "URI identifying the problem type", examples = "https://crmsuite.dev/problems/validation")
        String type,
        @Schema(description = "Short, human-readable summary of the problem type", examples = "Invalid request")
        String title,
        @Schema(description = "HTTP status code", examples = "400")
        int status,
        @Schema(description = "Explanation specific to this occurrence", examples = "email: must be a well-formed email address")
        String detail,
        @Schema(description = "The request path", examples = "/api/v1/customers")
        String instance,
        @Schema(description = "Request id to quote when reporting the problem", examples = "1f6c0c8e-7d0b-4a59-bb8e-1a1b1c1d1e1f")
        String requestId,
        @Schema(description = "Fields at fault, for validation problems")
        List<FieldError> errors,
        @Schema(hidden = true)
        Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://crmsuite.dev/problems/";

    @JsonAnyGetter
    public Map<String, Object> anyExtensions() {
        return extensions == null ? Map.of() : extensions;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Map<String, Object> extensions() {
        return extensions;
    }

    @Schema(name = "FieldError", description = "One invalid field of a request")
    public record FieldError(
            @Schema(description = "JSON path of the field, or the parameter name", examples = "email") String field,
            @Schema(description = "What is wrong with it", examples = "must be a well-formed email address") String message) {
    }
}
