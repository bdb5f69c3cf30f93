package io.nuage.api;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nuage.db.DatabaseOutage;
import io.nuage.errors.FieldError;
import io.nuage.errors.NuageError;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Maps every failure to RFC 9457 problem+json, once, for the whole API: a {@link NuageError}
 * by its kind ({@link Problem#of}), and the HTTP layer's own failures. Nothing here
 * echoes input values or stack traces back: only field paths and fixed messages.
 */
@Singleton
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** A database restart takes seconds: clients retry soon, spread by their own jitter. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final DatabaseOutage outage;

    ProblemMapper(DatabaseOutage outage) {
        this.outage = outage;
    }

    @ServerExceptionMapper
    public Response refused(NuageError e, UriInfo uri) {
        return problem(Problem.of(e), uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = path(e);
        return problem(Problem.of(NuageError.invalid("unknown_field", "Unknown field '" + field + "'",
                List.of(new FieldError(field, "is not a known field")))), uri);
    }

    @ServerExceptionMapper
    public Response invalidValue(InvalidFormatException e, UriInfo uri) {
        if (e.getValue() instanceof String text && text.indexOf(NulCharacters.NUL) >= 0) {
            return problem(Problem.of(NulCharacters.refused(path(e))), uri);
        }
        return wrongType(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return wrongType(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidInstance(ValueInstantiationException e, UriInfo uri) {
        return wrongType(e, uri);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        return problem(Problem.of(NuageError.invalid("malformed_json", "The request body is not valid JSON", null)), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return json instanceof JsonMappingException mapping ? wrongType(mapping, uri) : malformed(json, uri);
        }
        if (status >= 500) {
            return internal(e, uri);
        }
        String code = switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No such path: " + uri.getPath();
            case 405 -> "This method is not allowed on " + uri.getPath();
            case 415 -> "Send the request body as application/json";
            case 406 -> "This resource answers in application/json";
            default -> title;
        };
        return problem(Problem.http(status, code, title, detail), uri);
    }

    /**
     * The API's one reader of the cluster (an instance's console and its log) met a cluster error: unreachable, a
     * refusal, a timeout. The cluster's problem, as a gateway answers it, not a bug of Nuage's.
     */
    @ServerExceptionMapper
    public Response cluster(KubernetesClientException e, UriInfo uri) {
        LOG.warnf("The cluster failed a request on %s: HTTP %d", logged(uri), e.getCode());
        return problem(Problem.http(502, "console_unavailable", "Bad gateway",
                "The cluster did not answer the request for the instance's console; try again"), uri);
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, UriInfo uri) {
        if (outage.unavailable(e)) {
            // Not a bug: the database is away. One line per outage is logged, not one per request.
            return problem(Problem.http(503, "service_unavailable", "Service unavailable",
                    "The database cannot be reached; retry later"), uri);
        }
        // A 500 is a bug: log it with a reference the caller can quote, show nothing else.
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Internal error %s on %s", reference, logged(uri));
        return problem(Problem.http(500, "internal_error", "Internal server error",
                "An internal error occurred (reference " + reference + ")"), uri);
    }

    /** The path as sent, still percent-encoded: decoded, a line break in it would start a forged line in the log. */
    private static String logged(UriInfo uri) {
        return uri == null ? "?" : uri.getRequestUri().getRawPath();
    }

    private Response wrongType(JsonMappingException e, UriInfo uri) {
        String field = path(e);
        if (field.isEmpty()) {
            return problem(Problem.of(NuageError.invalid("malformed_json",
                    "The request body must be a JSON object", null)), uri);
        }
        return problem(Problem.of(NuageError.invalid("invalid_type", "Field '" + field + "' has the wrong type",
                List.of(new FieldError(field, expected(e))))), uri);
    }

    /** What the field takes, from the type Jackson was reading into (StrictJson says which coercions it refuses). */
    private static String expected(JsonMappingException e) {
        Class<?> type = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (type == null) {
            return "has the wrong type or format";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "must be an integer";
        }
        if (type == Double.class || type == double.class || type == java.math.BigDecimal.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "must be an RFC 3339 time, e.g. 2026-01-01T00:00:00Z";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return java.util.Map.class.isAssignableFrom(type) || type.isRecord() ? "must be an object" : "has the wrong type or format";
    }

    /** The JSON path of the failing field, e.g. {@code quota.vcpus} or {@code regions[1]}. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static Response problem(Problem e, UriInfo uri) {
        return problem(e, uri == null ? null : uri.getPath());
    }

    /** The answer of a problem, with the headers its status calls for; {@code path} is the request's. */
    static Response problem(Problem e, String path) {
        Response.ResponseBuilder r = Response.status(e.status())
                .type(MediaType.valueOf(PROBLEM_JSON))
                .entity(e.body(path));
        if (e.status() == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (e.status() == 503) {
            r.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        if (e.facts().get(NuageError.RETRY_AFTER) != null) {
            r.header(HttpHeaders.RETRY_AFTER, e.facts().get(NuageError.RETRY_AFTER));
        }
        if (e.status() == 429) { // draft-ietf-httpapi-ratelimit-headers
            r.header("RateLimit-Limit", e.facts().get("limit")).header("RateLimit-Remaining", 0)
                    .header("RateLimit-Reset", e.facts().get(NuageError.RETRY_AFTER));
        }
        if (e.status() == 412) {
            r.header(HttpHeaders.ETAG, e.facts().get("etag")); // the version to read again, as a GET would answer it
        }
        return r.build();
    }
}
