package nl.vangnet.admin.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.config.store.NotFoundException;
import nl.vangnet.config.store.StaleVersionException;
import nl.vangnet.config.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure of an API request to an RFC 9457 problem ({@code application/problem+json}): never a stack
 * trace or HTML. {@link ApiException} → its status; {@link ValidationException} → 422 with every field;
 * {@link NotFoundException} → 404; {@link StaleVersionException} → 412; {@link StoreUnavailableException} → 503;
 * anything else → 500 (logged, with nothing of the request). Unknown API routes → 404, a wrong method → 405.
 * Stateless and thread-safe.
 */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    /** The prefix of every problem type URI. */
    public static final String TYPE_PREFIX = "/api/v1/problems/";

    private Problems() {
    }

    /** Registers the exception and error mappers on {@code app}. */
    public static void install(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            write(ctx, e.status(), e.kind(), e.title(), e.getMessage(), e.errors());
        });
        app.exception(ValidationException.class, (e, ctx) -> write(ctx, 422, "validation", "Validation failed",
                e.problems().size() == 1 ? e.problems().get(0).toString()
                        : e.problems().size() + " fields are not valid; see errors",
                e.problems().stream().map(Problems::field).toList()));
        app.exception(NotFoundException.class, (e, ctx) -> write(ctx, 404, "not-found", "Not found",
                e.getMessage(), List.of()));
        app.exception(StaleVersionException.class, (e, ctx) -> {
            ctx.header("ETag", "\"" + e.actualVersion() + "\"");
            write(ctx, 412, "stale-version", "Precondition failed", e.getMessage(), List.of());
        });
        app.exception(StoreUnavailableException.class, (e, ctx) -> {
            LOG.warn("store unavailable: {}", e.getMessage());
            ctx.header("Retry-After", "5");
            write(ctx, 503, "store-unavailable", "Service unavailable",
                    "the database cannot be reached; try again shortly", List.of());
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure of {} {}", ctx.method(), ctx.endpointHandlerPath(), e);
            write(ctx, 500, "internal", "Internal server error",
                    "the request failed unexpectedly; the server log has the cause", List.of());
        });
        app.error(404, ctx -> {
            if (isApi(ctx) && !answered(ctx)) {
                write(ctx, 404, "not-found", "Not found", "no route " + ctx.method() + " " + ctx.path()
                        + "; see /api/v1/openapi.json", List.of());
            }
        });
        app.error(405, ctx -> {
            if (isApi(ctx) && !answered(ctx)) {
                write(ctx, 405, "method-not-allowed", "Method not allowed", ctx.method() + " is not allowed on "
                        + ctx.path() + "; see /api/v1/openapi.json", List.of());
            }
        });
    }

    /** Writes a problem response. */
    public static void write(Context ctx, int status, String kind, String title, String detail,
            List<FieldError> errors) {
        ProblemDetails body = new ProblemDetails(TYPE_PREFIX + kind, title, status, detail, ctx.path(), errors);
        ctx.status(status).contentType(ProblemDetails.MEDIA_TYPE).json(body);
        ctx.contentType(ProblemDetails.MEDIA_TYPE);
    }

    private static FieldError field(Problem p) {
        return new FieldError(p.field(), p.message());
    }

    private static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    private static boolean answered(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(ProblemDetails.MEDIA_TYPE);
    }
}
