package nl.vangnet.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import nl.vangnet.config.policy.PolicySnapshot;

/**
 * Builds the admin API's Javalin app. Stateless factory; the returned app is not started (tests use it in-process,
 * the launcher calls {@code start(host, port)}).
 */
public final class AdminApp {
    private AdminApp() {
    }

    /** The JSON mapper of the API: ISO-8601 instants, no timestamps as numbers. */
    public static ObjectMapper jsonMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public static Javalin create(AdminContext context) {
        return Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(jsonMapper(), false));
        }).get("/health", ctx -> {
            PolicySnapshot s = context.snapshots().get();
            ctx.json(new HealthResponse("UP", s.version(), s.dataVersion(), s.compiledAt()));
        });
    }
}
