package nl.vangnet.proxy.page;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The page shown instead of a blocked plain-HTTP website: friendly easy-language Dutch ("Deze website is nu niet
 * beschikbaar. Dit hebben we samen afgesproken. Wil je erover praten? Vraag het je begeleider."), readable on a phone
 * and a game console (large text, high contrast, no JavaScript, no external resources, inline CSS). It shows the
 * host the client asked for — which the client already knows — and nothing else about the client: no client code,
 * profile, registration, rule or list names. Its one link ("Waarom? Bekijk je afspraken") goes to the proxy's own
 * "Mijn afspraken" page ({@link MyAgreements}), which shows the client's agreement on their own device.
 *
 * <p>Rendered with Pebble from the classpath template {@value #TEMPLATE}, with HTML autoescaping, so a hostile host
 * name cannot inject markup. The output is polyglot HTML5 (also well-formed XML). Rendering is cheap; render per
 * request. Thread-safe (the compiled template is immutable).
 */
public final class BlockPage {
    /** The {@code Content-Type} of {@link #render}'s bytes. */
    public static final String CONTENT_TYPE = "text/html; charset=utf-8";
    /** The classpath location of the template. */
    public static final String TEMPLATE = "nl/vangnet/proxy/page/block-page.html";
    /** Longer host names (DNS allows 253 characters) are cut off and end with an ellipsis. */
    static final int MAX_HOST_CHARS = 253;

    private final PebbleTemplate template;
    private final String agreementsUrl;

    /** Loads and compiles the template; the link goes to {@code http://mijn.vangnet/afspraken}. */
    public BlockPage() {
        this(MyAgreements.url(MyAgreements.DEFAULT_HOST));
    }

    /**
     * Loads and compiles the template.
     *
     * @param agreementsUrl where the "Waarom? Bekijk je afspraken" link goes ({@link MyAgreements#url()}); must be an
     *                      {@code http://} or {@code https://} URL
     * @throws IllegalArgumentException for another URL
     */
    public BlockPage(String agreementsUrl) {
        Objects.requireNonNull(agreementsUrl, "agreementsUrl");
        if (!agreementsUrl.startsWith("http://") && !agreementsUrl.startsWith("https://")) {
            throw new IllegalArgumentException("the agreements page link must be an http(s) URL, got '"
                    + agreementsUrl + "'");
        }
        this.agreementsUrl = agreementsUrl;
        PebbleEngine engine = new PebbleEngine.Builder()
                .loader(new ClasspathLoader(BlockPage.class.getClassLoader()))
                .autoEscaping(true)
                .defaultEscapingStrategy("html")
                .strictVariables(true)
                .build();
        this.template = engine.getTemplate(TEMPLATE);
    }

    /**
     * The page as UTF-8 bytes.
     *
     * @param host the host the client asked for, shown escaped; {@code null} or empty to leave it out
     */
    public byte[] render(String host) {
        Map<String, Object> context = new HashMap<>();
        context.put("host", shorten(host == null ? "" : host));
        context.put("agreementsUrl", agreementsUrl);
        StringWriter out = new StringWriter(2048);
        try {
            template.evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering the block page failed", e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String shorten(String host) {
        return host.length() <= MAX_HOST_CHARS ? host : host.substring(0, MAX_HOST_CHARS) + "\u2026";
    }
}
