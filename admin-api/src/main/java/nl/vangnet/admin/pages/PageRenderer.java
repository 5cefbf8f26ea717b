package nl.vangnet.admin.pages;

import io.javalin.http.Context;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the pages' Pebble templates (classpath {@value #PREFIX}) with HTML autoescaping and strict variables,
 * and sends them with the pages' response headers: no caching (the pages show client data), a Content Security
 * Policy without scripts or external resources, no framing, no referrer. Thread-safe (compiled templates are
 * immutable and cached by the engine).
 */
final class PageRenderer {
    static final String PREFIX = "nl/vangnet/admin/pages/";
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private final PebbleEngine engine = new PebbleEngine.Builder()
            .loader(loader())
            .autoEscaping(true)
            .defaultEscapingStrategy("html")
            .strictVariables(true)
            .build();

    private static ClasspathLoader loader() {
        ClasspathLoader l = new ClasspathLoader(PageRenderer.class.getClassLoader());
        l.setPrefix(PREFIX);
        l.setSuffix(".html");
        return l;
    }

    /** The template {@code name} rendered with {@code model}. */
    String render(String name, Map<String, Object> model) {
        StringWriter out = new StringWriter(8192);
        try {
            engine.getTemplate(name).evaluate(out, new HashMap<>(model), Dutch.NL);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering page " + name + " failed", e);
        }
        return out.toString();
    }

    /** Renders {@code name} and sends it with {@code status} and the pages' headers. */
    void send(Context ctx, int status, String name, Map<String, Object> model) {
        String html = render(name, model);
        ctx.status(status);
        headers(ctx);
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    /** A 303 See Other to {@code location} with the pages' headers. */
    static void redirect(Context ctx, String location) {
        headers(ctx);
        ctx.status(303).header("Location", location);
    }

    static void headers(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
    }
}
