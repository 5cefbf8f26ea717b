package nl.vangnet.proxy.page;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.vangnet.config.text.ClientAgreement;
import nl.vangnet.config.text.PlainDutch;

/**
 * The "Mijn afspraken" page that the proxy shows a client on their own device: in easy Dutch what is agreed, why,
 * until when and who to talk to ({@link ClientAgreement}), or — for a client without a restriction in effect and for
 * an unknown device — only the sentence {@value PlainDutch#NO_AGREEMENTS}, so that the page reveals nothing.
 * Accessible and readable on a small phone and a game console: {@code lang="nl"}, large text, high contrast, no
 * JavaScript, no external resources, inline CSS.
 *
 * <p>Rendered with Pebble from the classpath template {@value #TEMPLATE}, with HTML autoescaping. The output is
 * polyglot HTML5 (also well-formed XML). Thread-safe (the compiled template is immutable).
 */
public final class AgreementsPage {
    /** The {@code Content-Type} of the rendered bytes. */
    public static final String CONTENT_TYPE = "text/html; charset=utf-8";
    /** The classpath location of the template. */
    public static final String TEMPLATE = "nl/vangnet/proxy/page/agreements-page.html";

    private final PebbleTemplate template;
    private final byte[] none;

    /** Loads and compiles the template. */
    public AgreementsPage() {
        PebbleEngine engine = new PebbleEngine.Builder()
                .loader(new ClasspathLoader(AgreementsPage.class.getClassLoader()))
                .autoEscaping(true)
                .defaultEscapingStrategy("html")
                .strictVariables(true)
                .build();
        this.template = engine.getTemplate(TEMPLATE);
        this.none = evaluate(context(false, "", List.of(), List.of(), List.of(), List.of()));
    }

    /** The page for a client with an agreement in effect, as UTF-8 bytes. */
    public byte[] render(ClientAgreement agreement) {
        Objects.requireNonNull(agreement, "agreement");
        return evaluate(context(true, agreement.summary(), agreement.agreed(), agreement.why(), agreement.until(),
                agreement.talkTo()));
    }

    /** The page for everybody else: only {@value PlainDutch#NO_AGREEMENTS}. The same bytes every time. */
    public byte[] renderNone() {
        return none.clone();
    }

    private static Map<String, Object> context(boolean restricted, String summary, List<String> agreed,
            List<String> why, List<String> until, List<String> talkTo) {
        Map<String, Object> context = new HashMap<>();
        context.put("restricted", restricted);
        context.put("noAgreements", PlainDutch.NO_AGREEMENTS);
        context.put("summary", summary);
        context.put("agreed", agreed);
        context.put("why", why);
        context.put("until", until);
        context.put("talkTo", talkTo);
        return context;
    }

    private byte[] evaluate(Map<String, Object> context) {
        StringWriter out = new StringWriter(4096);
        try {
            template.evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering the agreements page failed", e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
