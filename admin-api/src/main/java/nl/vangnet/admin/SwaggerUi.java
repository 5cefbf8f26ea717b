package nl.vangnet.admin;

import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.admin.http.RouteTable;

/**
 * The two public documentation routes: the OpenAPI document and a Swagger UI page whose scripts come from the
 * swagger-ui webjar on the classpath (no CDN). Stateless and thread-safe.
 */
final class SwaggerUi {
    private static final String POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private SwaggerUi() {
    }

    /** The webjar's version, which names its resource directory. */
    static String version() {
        try (InputStream in = SwaggerUi.class.getResourceAsStream(POM)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the classpath (" + POM + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RouteTable routes(String openApiPath, String docsPath, Supplier<String> document) {
        String page = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>Vangnet admin API</title>
                <link rel="stylesheet" href="%1$s/assets/swagger-ui.css">
                </head>
                <body>
                <div id="swagger-ui"></div>
                <script src="%1$s/assets/swagger-ui-bundle.js"></script>
                <script>
                window.ui = SwaggerUIBundle({url: "%2$s", dom_id: "#swagger-ui", deepLinking: true});
                </script>
                <noscript>The browsable documentation needs JavaScript; the document itself is at
                <a href="%2$s">%2$s</a>.</noscript>
                </body>
                </html>
                """.formatted(docsPath, openApiPath);
        return RouteTable.builder()
                .add(new Endpoint(HandlerType.GET, openApiPath, Set.of(), Endpoint.Surface.API,
                        "This document (OpenAPI 3.1), generated from the route table", null, null, 200,
                        (ctx, p) -> ctx.contentType("application/json").result(document.get())))
                .add(new Endpoint(HandlerType.GET, docsPath, Set.of(), Endpoint.Surface.API,
                        "Browsable API documentation (Swagger UI)", null, null, 200,
                        (ctx, p) -> ctx.html(page)))
                .build();
    }
}
