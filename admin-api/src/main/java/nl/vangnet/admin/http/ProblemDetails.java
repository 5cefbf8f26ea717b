package nl.vangnet.admin.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}), the only shape of an API error. Immutable.
 *
 * @param type     a URI naming the kind of problem ({@code about:blank} when the status says it all, else
 *                 {@code /api/v1/problems/<kind>}; {@code docs/admin-api.md} describes each kind)
 * @param title    the short, fixed summary of the kind of problem
 * @param status   the HTTP status code
 * @param detail   what went wrong in this request, in plain English
 * @param instance the request path
 * @param errors   for validation problems: every offending field; omitted otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetails(String type, String title, int status, String detail, String instance,
        List<FieldError> errors) {
    /** The media type of a problem details body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public ProblemDetails {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }
}
