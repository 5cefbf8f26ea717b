package nl.vangnet.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import io.javalin.json.JavalinJackson;
import nl.vangnet.config.policy.PolicySnapshot;

/**
 * Builds the admin API's Javalin app. Stateless factory; the returned app is not started (tests use it in-process,
 * the launcher calls {@code start(host, port)}).
 */
public final class AdminApp {
    /** How long {@code POST /api/lists/reload} waits for the reload before answering 202 Accepted. */
    static final Duration RELOAD_WAIT = Duration.ofSeconds(60);

    private AdminApp() {
    }

    /** The JSON mapper of the API: ISO-8601 instants, no timestamps as numbers. */
    public static ObjectMapper jsonMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** The admin API for this context, not started. */
    public static Javalin create(AdminContext context) {
        return create(context, RELOAD_WAIT, cfg -> { });
    }

    /**
     * The admin API for this context, not started, with {@code server} applied to the Javalin config after the
     * defaults (the launcher adds its TLS or plain connector there, see {@code nl.vangnet.app.admintls}).
     */
    public static Javalin create(AdminContext context, Consumer<JavalinConfig> server) {
        return create(context, RELOAD_WAIT, server);
    }

    static Javalin create(AdminContext context, Duration reloadWait) {
        return create(context, reloadWait, cfg -> { });
    }

    private static Javalin create(AdminContext context, Duration reloadWait, Consumer<JavalinConfig> server) {
        return Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(jsonMapper(), false));
            server.accept(cfg);
        }).get("/health", ctx -> {
            PolicySnapshot s = context.snapshots().get();
            ctx.json(new HealthResponse("UP", s.version(), s.dataVersion(), s.compiledAt()));
        }).get("/metrics", ctx -> {
            String accept = ctx.header("Accept");
            ctx.contentType(context.metrics().contentType(accept)).result(context.metrics().scrape(accept));
        }).get("/api/lists", ctx -> ctx.json(context.lists().status()))
                .post("/api/lists/reload", ctx -> {
                    try {
                        ctx.json(context.lists().reload().get(reloadWait.toMillis(), TimeUnit.MILLISECONDS));
                    } catch (TimeoutException e) {
                        ctx.status(HttpStatus.ACCEPTED).header("Location", "/api/lists")
                                .json(Map.of("status", "reloading", "detail", "the reload takes longer than "
                                        + reloadWait.toSeconds() + " s; GET /api/lists shows when it is done"));
                    }
                });
    }
}
