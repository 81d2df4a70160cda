package dev.crmsuite.platform.problem;

import dev.crmsuite.platform.web.AllowedMethods;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.crmsuite.platform.inbox.Failures;
import dev.crmsuite.platform.web.PartialUpdates;
import dev.crmsuite.platform.web.RequestIds;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one error mapping of the suite: whatever goes wrong, the client gets
 * {@code application/problem+json}. Bad input is always a 4xx naming the field; only a real fault
 * of ours is a 500, and that one carries no internals, just the request id to quote.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final AllowedMethods allowedMethods;

    public ProblemMappers(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_BASE + e.slug(), e.title(), e.status(), e.getMessage(), path(uri),
                RequestIds.current(), e.errors(), e.extensions()));
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, path(uri),
                RequestIds.current(), errors, null));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return respond(jsonProblem(e, path(uri)));
    }

    // Quarkus ships mappers for these Jackson subtypes; the most specific type wins, so ours must name them too.
    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return respond(jsonProblem(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return respond(jsonProblem(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return respond(jsonProblem(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e, UriInfo uri) {
        return respond(jsonProblem(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        return respond(jsonProblem(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, Request request, HttpHeaders headers) {
        if (e.getResponse().getEntity() instanceof Problem ready) {
            // Already a problem (e.g. a query parameter naming itself): only the path is added here.
            return respond(new Problem(ready.type(), ready.title(), ready.status(), ready.detail(), path(uri),
                    ready.requestId(), ready.errors(), ready.extensions()));
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return respond(jsonProblem(json, path(uri)));
            }
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "no resource at " + path(uri);
            case 405 -> "method not allowed on " + path(uri);
            case 415 -> unsupportedMediaType(request.getMethod(), headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
            case 406 -> "this resource answers application/json";
            default -> e.getMessage();
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.TYPE_BASE + slug(title), title, status, detail, path(uri),
                        RequestIds.current(), null, null));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) == null) {
            allowedMethods.allow(uri.getPath()).ifPresent(allow -> builder.header(HttpHeaders.ALLOW, allow));
        }
        return builder.build();
    }

    /**
     * A 415 names what the operation accepts. The mapper cannot see the unmatched method's
     * {@code @Consumes}, but the suite has one rule per method (PartialUpdates for PATCH, JSON for the rest).
     */
    static String unsupportedMediaType(String method, String sent) {
        String accepted = "PATCH".equalsIgnoreCase(method) ? PartialUpdates.ACCEPTED : "application/json";
        String what = sent == null || sent.isBlank() ? "a body without Content-Type"
                : sent.strip().length() > 100 ? sent.strip().substring(0, 100) + "…" : sent.strip();
        return what + " is not accepted here: send the request body as " + accepted;
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return concurrentUpdate(uri);
    }

    private static Response concurrentUpdate(UriInfo uri) {
        return respond(new Problem(Problem.TYPE_BASE + "concurrent-update", "Concurrent update", 409,
                "the resource was changed by another request at the same time; read it again and retry",
                path(uri), RequestIds.current(), null, null));
    }

    /** No caller, or one the service cannot verify: 401, with the scheme the gateway accepts. */
    @ServerExceptionMapper({io.quarkus.security.UnauthorizedException.class, io.quarkus.security.AuthenticationFailedException.class,
            io.quarkus.security.AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(new Problem(Problem.TYPE_BASE + "unauthenticated", "Unauthorized", 401,
                        "send a bearer token or a partner API key", path(uri), RequestIds.current(), null, null))
                .build();
    }

    /** A caller without the scope the operation declares. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_BASE + "forbidden", "Forbidden", 403,
                "your credentials do not grant this operation", path(uri), RequestIds.current(), null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        // A version conflict found only when the transaction flushes at commit arrives wrapped.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return concurrentUpdate(uri);
            }
        }
        SQLException sql = sqlCause(e);
        if (sql != null && sql.getSQLState() != null) {
            // Constraint checks in the database are the last line of defence: still the client's fault.
            switch (sql.getSQLState()) {
                case "23505" -> {
                    return respond(new Problem(Problem.TYPE_BASE + "duplicate", "Conflict", 409,
                            "a resource with the same unique value already exists", path(uri), RequestIds.current(), null, null));
                }
                case "23503", "23514", "23502", "22001", "22003", "22007", "22008", "22P02", "22P05", "22021" -> {
                    return respond(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400,
                            "a value is out of range or refers to something that does not exist", path(uri),
                            RequestIds.current(), null, null));
                }
                // Lost a race for a lock (deadlock, serialization failure, NOWAIT): the database is fine and
                // the transaction was undone, so the honest answer is "retry", not "unreachable".
                case "40P01", "40001", "55P03" -> {
                    LOG.warnf("concurrent change on %s: %s", path(uri), sql.getMessage());
                    return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "1")
                            .entity(new Problem(Problem.TYPE_BASE + "unavailable", "Service unavailable", 503,
                                    "the request met a concurrent change to the same data and was undone; nothing was written; retry",
                                    path(uri), RequestIds.current(), null, null))
                            .build();
                }
                default -> {
                }
            }
        }
        if (Failures.isTransient(e)) {
            LOG.warnf("service unavailable for %s: %s", path(uri), e.toString());
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "2")
                    .entity(new Problem(Problem.TYPE_BASE + "unavailable", "Service unavailable", 503,
                            "a backing store is unreachable; retry shortly", path(uri), RequestIds.current(), null, null))
                    .build();
        }
        LOG.errorf(e, "unexpected failure on %s", path(uri));
        return respond(new Problem(Problem.TYPE_BASE + "internal", "Internal error", 500,
                "an unexpected error occurred; quote the request id when reporting it", path(uri),
                RequestIds.current(), null, null));
    }

    static Problem jsonProblem(JsonProcessingException e, String path) {
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            return new Problem(Problem.TYPE_BASE + "malformed-json", "Malformed JSON", 400,
                    "the request body is not valid JSON: " + parserMessage(e), path, RequestIds.current(), null, null);
        }
        String field = fieldPath(mapping.getPath());
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            field = fieldPath(unknown.getPath());
            message = "unknown field";
        } else if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
            message = invalid.getTargetType().isEnum()
                    ? "must be one of " + List.of(invalid.getTargetType().getEnumConstants())
                    : "must be a " + describe(invalid.getTargetType());
        } else if (mapping.getCause() instanceof ProblemException problem) {
            message = problem.getMessage();
        } else if (mapping.getCause() instanceof IllegalArgumentException illegal) {
            message = illegal.getMessage();
        } else {
            message = "has the wrong type or shape";
        }
        if (field.isEmpty()) {
            field = "body";
        }
        return new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, field + ": " + message, path,
                RequestIds.current(), List.of(new Problem.FieldError(field, message)), null);
    }

    /**
     * The parser's complaint without its internals: Jackson appends the source description and the
     * feature flags that hide it ("Source: REDACTED (`StreamReadFeature...`"); the client gets the
     * first line of the complaint and where in the body it is.
     */
    static String parserMessage(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        int cut = message.indexOf('\n');
        if (cut >= 0) {
            message = message.substring(0, cut);
        }
        int source = message.indexOf(" at [Source");
        if (source >= 0) {
            message = message.substring(0, source);
        }
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            message += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return message.trim();
    }

    private static String describe(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (type.getName().startsWith("java.time")) {
            return "date-time in ISO 8601 format";
        }
        if (type == java.util.UUID.class) {
            return "UUID";
        }
        return type.getSimpleName();
    }

    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // Drop the method and parameter nodes ("create.body.email" -> "email"): clients know fields, not our Java.
        List<String> names = new ArrayList<>();
        boolean sawParameter = false;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                sawParameter = true;
                names.add(node.getName());
                continue;
            }
            // Bean Validation puts a list element's index on the node *inside* it: items[0].quantity
            // arrives as "items" then "quantity" with index 0, so the index belongs to the previous name.
            if (node.isInIterable() && !names.isEmpty()) {
                String container = names.removeLast();
                names.add(container + (node.getIndex() != null ? "[" + node.getIndex() + "]"
                        : node.getKey() != null ? "[" + node.getKey() + "]" : ""));
            }
            String name = node.getName() == null ? "" : node.getName();
            if (!name.isEmpty() && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                names.add(name); // "<list element>" and the like are Java, not fields
            }
        }
        if (sawParameter && names.size() > 1) {
            names.removeFirst(); // the parameter itself when a field inside it is at fault
        }
        return names.isEmpty() ? "body" : String.join(".", names);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

}
