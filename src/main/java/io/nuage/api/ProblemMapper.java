package io.nuage.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Maps every failure to RFC 9457 problem+json, once, for the whole API. Nothing here
 * echoes input values or stack traces back: only field paths and fixed messages.
 */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return problem(e, uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = path(e);
        return problem(ApiException.badRequest("unknown_field", "Unknown field '" + field + "'",
                List.of(new FieldError(field, "is not a known field"))), uri);
    }

    @ServerExceptionMapper
    public Response invalidValue(InvalidFormatException e, UriInfo uri) {
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
        return problem(ApiException.badRequest("malformed_json", "The request body is not valid JSON", null), uri);
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
        return problem(new ApiException(status, code, title, detail, null, null), uri);
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, UriInfo uri) {
        // A 500 is a bug: log it with a reference the caller can quote, show nothing else.
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Internal error %s on %s", reference, uri == null ? "?" : uri.getPath());
        return problem(new ApiException(500, "internal_error", "Internal server error",
                "An internal error occurred (reference " + reference + ")", null, null), uri);
    }

    private Response wrongType(JsonMappingException e, UriInfo uri) {
        String field = path(e);
        if (field.isEmpty()) {
            return problem(ApiException.badRequest("malformed_json",
                    "The request body must be a JSON object", null), uri);
        }
        return problem(ApiException.badRequest("invalid_type", "Field '" + field + "' has the wrong type",
                List.of(new FieldError(field, "has the wrong type or format"))), uri);
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

    static Map<String, Object> body(ApiException e, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:nuage:problem:" + e.code());
        body.put("title", e.title());
        body.put("status", e.status());
        body.put("detail", e.getMessage());
        if (instance != null) {
            body.put("instance", instance);
        }
        body.put("code", e.code());
        if (!e.errors().isEmpty()) {
            body.put("errors", e.errors());
        }
        body.putAll(e.extensions());
        return body;
    }

    private static Response problem(ApiException e, UriInfo uri) {
        Response.ResponseBuilder r = Response.status(e.status())
                .type(MediaType.valueOf(PROBLEM_JSON))
                .entity(body(e, uri == null ? null : uri.getPath()));
        if (e.status() == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return r.build();
    }
}
