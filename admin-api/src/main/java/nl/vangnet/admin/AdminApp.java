package nl.vangnet.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import nl.vangnet.admin.api.ApiRoutes;
import nl.vangnet.admin.http.Access;
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.admin.http.Json;
import nl.vangnet.admin.http.OpenApiDocument;
import nl.vangnet.admin.http.Problems;
import nl.vangnet.admin.http.RouteTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the admin app's Javalin instance from one route table: the core API ({@link ApiRoutes}), the endpoint
 * groups passed in ({@code more}: the pages, the reports — each a {@link RouteTable}, the one place where other
 * groups join), and the OpenAPI document and its UI generated from that same table. Every route is wrapped in the
 * {@link Access} check; every API failure is a problem ({@link Problems}). Stateless factory; the returned app is not
 * started (tests use it in-process, the launcher calls {@code start(host, port)}).
 *
 * <p>Every request is reported to the {@link RequestMetrics} once its status is final (after the exception
 * handlers), labelled with the matched endpoint's path template; see {@link RequestMetrics#request}.
 */
public final class AdminApp {
    /** How long {@code POST /api/v1/lists/reload} waits for the reload before answering 202 Accepted. */
    static final Duration RELOAD_WAIT = Duration.ofSeconds(60);
    /** Where the OpenAPI document is served. */
    public static final String OPENAPI_PATH = "/api/v1/openapi.json";
    /** Where the browsable API documentation (Swagger UI) is served. */
    public static final String DOCS_PATH = "/api/v1/docs";
    /** The route label of the documentation's static files (under {@value #DOCS_PATH}{@code /assets/}). */
    public static final String DOCS_ASSETS_ROUTE = DOCS_PATH + "/assets/*";
    /** Request attributes of the timing: when handling started, and the matched endpoint's path template. */
    private static final String STARTED = "vangnet.request.started";
    private static final String ROUTE = "vangnet.request.route";
    private static final Logger LOG = LoggerFactory.getLogger(AdminApp.class);
    private static final String SWAGGER_UI = "/META-INF/resources/webjars/swagger-ui/";

    private AdminApp() {
    }

    /** The JSON mapper of the API: ISO-8601 instants, no timestamps as numbers, unknown fields refused. */
    public static ObjectMapper jsonMapper() {
        return Json.mapper();
    }

    /** The admin app for this context, with the core API and {@code more} endpoint groups; not started. */
    public static Javalin create(AdminContext context, Access access, RouteTable... more) {
        return create(context, access, cfg -> { }, RequestMetrics.NONE, RELOAD_WAIT, more);
    }

    /**
     * The same, with {@code server} applied to the Javalin config after the defaults (the launcher adds its TLS or
     * plain connector there, see {@code nl.vangnet.app.admintls}).
     */
    public static Javalin create(AdminContext context, Access access, Consumer<JavalinConfig> server,
            RouteTable... more) {
        return create(context, access, server, RequestMetrics.NONE, RELOAD_WAIT, more);
    }

    /** The same, with every request reported to {@code requestMetrics} (the launcher's request-duration histogram). */
    public static Javalin create(AdminContext context, Access access, Consumer<JavalinConfig> server,
            RequestMetrics requestMetrics, RouteTable... more) {
        return create(context, access, server, requestMetrics, RELOAD_WAIT, more);
    }

    static Javalin create(AdminContext context, Access access, Duration reloadWait, RouteTable... more) {
        return create(context, access, cfg -> { }, RequestMetrics.NONE, reloadWait, more);
    }

    private static Javalin create(AdminContext context, Access access, Consumer<JavalinConfig> server,
            RequestMetrics requestMetrics, Duration reloadWait, RouteTable... more) {
        Objects.requireNonNull(requestMetrics, "requestMetrics");
        RouteTable routes = routes(context, reloadWait, more);
        String swaggerVersion = SwaggerUi.version();
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.prefer405over404 = true;
            cfg.jsonMapper(new JavalinJackson(jsonMapper(), false));
            server.accept(cfg);
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = DOCS_PATH + "/assets";
                sf.directory = SWAGGER_UI + swaggerVersion;
                sf.location = Location.CLASSPATH;
            });
        });
        Problems.install(app);
        app.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        app.after(ctx -> report(requestMetrics, ctx));
        for (Endpoint e : routes.endpoints()) {
            app.addHttpHandler(e.method(), e.path(), ctx -> {
                ctx.attribute(ROUTE, e.path());
                Access.Outcome outcome = access.check(ctx, e);
                if (outcome.proceed()) {
                    ctx.status(e.status());
                    e.handler().handle(ctx, outcome.principal());
                    if (e.method() != HandlerType.GET && e.method() != HandlerType.HEAD
                            && ctx.statusCode() < 400) {
                        afterWrite(context);
                    }
                }
            });
        }
        return app;
    }

    /** Reports one answered request; never fails it. */
    private static void report(RequestMetrics metrics, Context ctx) {
        Long started = ctx.attribute(STARTED);
        String route = ctx.attribute(ROUTE);
        if (route == null) {
            route = ctx.path().startsWith(DOCS_PATH + "/assets/") ? DOCS_ASSETS_ROUTE : RequestMetrics.UNMATCHED;
        }
        try {
            metrics.request(route, ctx.method().name(), ctx.statusCode(),
                    started == null ? 0 : System.nanoTime() - started);
        } catch (RuntimeException e) {
            LOG.warn("request metrics failed: {}", e.toString());
        }
    }

    private static void afterWrite(AdminContext context) {
        try {
            context.afterWrite().run();
        } catch (RuntimeException e) {
            LOG.warn("after a write: {} (the write is stored; the policy snapshot follows by polling)",
                    e.toString());
        }
    }

    /**
     * The app's whole route table: the core API, {@code more}, and the two documentation routes, in that order. The
     * OpenAPI document is built from it once.
     */
    public static RouteTable routes(AdminContext context, Duration reloadWait, RouteTable... more) {
        RouteTable table = ApiRoutes.create(context, reloadWait);
        for (RouteTable t : more) {
            table = table.plus(t);
        }
        AtomicReference<String> document = new AtomicReference<>();
        RouteTable all = table.plus(SwaggerUi.routes(OPENAPI_PATH, DOCS_PATH, document::get));
        try {
            document.set(Json.mapper().writeValueAsString(OpenApiDocument.build(all, "Vangnet admin API",
                    version())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document cannot be written", e);
        }
        return all;
    }

    private static String version() {
        String v = AdminApp.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** The routes of a table that Javalin will serve, for tests that compare. */
    static List<String> keys(RouteTable table) {
        return table.endpoints().stream().map(RouteTable::key).toList();
    }
}
