package nl.vangnet.admin.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP-level refusal of an API request, answered as a {@link ProblemDetails} body with {@link #status()} (and the
 * extra response {@link #headers()}). Thrown by the frame (authentication, access, preconditions, paging) and by
 * controllers for bad query parameters; model-level problems use the store's exceptions instead. Immutable.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String kind;
    private final String title;
    private final transient List<FieldError> errors;
    private final transient Map<String, String> headers;

    /**
     * @param status  the HTTP status
     * @param kind    the problem kind, the last segment of its {@code type} URI (e.g. {@code bad-request})
     * @param title   the fixed summary of the kind
     * @param detail  what went wrong in this request
     * @param errors  field-level errors, may be empty
     * @param headers extra response headers (e.g. {@code Retry-After}), may be empty
     */
    public ApiException(int status, String kind, String title, String detail, List<FieldError> errors,
            Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.title = Objects.requireNonNull(title, "title");
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    /** 400: a query parameter, path parameter or header is not what the route accepts. */
    public static ApiException badParameter(String field, String message) {
        return new ApiException(400, "bad-request", "Bad request", field + ": " + message,
                List.of(new FieldError(field, message)), Map.of());
    }

    /** 401 with {@code WWW-Authenticate: Bearer}. */
    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", "Unauthorized", detail, List.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"vangnet\""));
    }

    /** 403: authenticated, but the role may not use this route. */
    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail, List.of(), Map.of());
    }

    /** 404: no such resource (or one the principal may not know about). */
    public static ApiException notFound(String detail) {
        return new ApiException(404, "not-found", "Not found", detail, List.of(), Map.of());
    }

    /** 428: a write of an existing resource without {@code If-Match}. */
    public static ApiException preconditionRequired(String detail) {
        return new ApiException(428, "precondition-required", "Precondition required", detail, List.of(),
                Map.of());
    }

    /** 429 with {@code Retry-After} in whole seconds (at least 1). */
    public static ApiException tooManyRequests(long retryAfterSeconds) {
        long s = Math.max(1, retryAfterSeconds);
        return new ApiException(429, "too-many-requests", "Too many requests",
                "too many failed logins from this address; try again in " + s + " s", List.of(),
                Map.of("Retry-After", Long.toString(s)));
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
