package nl.vangnet.proxy.netty;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import nl.vangnet.proxy.page.AgreementsPage;
import nl.vangnet.proxy.page.BlockPage;
import nl.vangnet.proxy.page.PacFile;

/**
 * The proxy's own answers, as complete responses: always with {@code Content-Length}, {@code Date} and
 * {@code Connection: close} (the proxy closes the client connection after each of them), and — except the PAC file —
 * {@code Cache-Control: no-store}. A response to {@code HEAD} has the same headers and no body. Bodies are short
 * plain Dutch; they say nothing about the client. Thread-safe (stateless).
 */
public final class Responses {
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String BLOCKED_TEXT = "Deze website is nu niet beschikbaar.\n";
    public static final String REFUSED_TEXT = "Dit adres is via deze proxy niet bereikbaar.\n";
    public static final String UNRESOLVABLE_TEXT = "Deze website is niet gevonden.\n";
    public static final String UPSTREAM_FAILED_TEXT = "Deze website reageert nu niet.\n";
    public static final String BAD_REQUEST_TEXT = "Dit verzoek klopt niet.\n";
    public static final String NOT_A_PROXY_REQUEST_TEXT = "Dit is een proxy. De instellingen staan op /proxy.pac.\n";
    public static final String CLIENT_LIMIT_TEXT = "Te veel verbindingen tegelijk. Probeer het zo opnieuw.\n";
    public static final String TOTAL_LIMIT_TEXT = "De proxy is nu te druk. Probeer het zo opnieuw.\n";
    public static final String RETRY_AFTER_SECONDS = "10";
    public static final String PAC_CACHE = "max-age=300";
    public static final String NOT_FOUND_TEXT = "Deze pagina bestaat niet.\n";
    public static final String METHOD_NOT_ALLOWED_TEXT = "Deze pagina kun je alleen bekijken.\n";
    public static final String PAGE_FAILED_TEXT = "Deze pagina werkt nu niet. Probeer het later opnieuw.\n";

    private Responses() {
    }

    public static FullHttpResponse blockPage(byte[] page, boolean head, Instant now) {
        return response(HttpResponseStatus.FORBIDDEN, BlockPage.CONTENT_TYPE, page, head, now, "no-store");
    }

    public static FullHttpResponse blocked(boolean head, Instant now) {
        return text(HttpResponseStatus.FORBIDDEN, BLOCKED_TEXT, head, now);
    }

    public static FullHttpResponse destinationRefused(boolean head, Instant now) {
        return text(HttpResponseStatus.FORBIDDEN, REFUSED_TEXT, head, now);
    }

    public static FullHttpResponse unresolvable(boolean head, Instant now) {
        return text(HttpResponseStatus.BAD_GATEWAY, UNRESOLVABLE_TEXT, head, now);
    }

    /** 502: the upstream connection could not be made. */
    public static FullHttpResponse upstreamFailed(boolean head, Instant now) {
        return text(HttpResponseStatus.BAD_GATEWAY, UPSTREAM_FAILED_TEXT, head, now);
    }

    public static FullHttpResponse badRequest(boolean head, Instant now) {
        return text(HttpResponseStatus.BAD_REQUEST, BAD_REQUEST_TEXT, head, now);
    }

    public static FullHttpResponse notAProxyRequest(boolean head, Instant now) {
        return text(HttpResponseStatus.BAD_REQUEST, NOT_A_PROXY_REQUEST_TEXT, head, now);
    }

    public static FullHttpResponse clientLimit(boolean head, Instant now) {
        FullHttpResponse r = text(HttpResponseStatus.TOO_MANY_REQUESTS, CLIENT_LIMIT_TEXT, head, now);
        r.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return r;
    }

    public static FullHttpResponse totalLimit(boolean head, Instant now) {
        FullHttpResponse r = text(HttpResponseStatus.SERVICE_UNAVAILABLE, TOTAL_LIMIT_TEXT, head, now);
        r.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return r;
    }

    public static FullHttpResponse pac(byte[] script, boolean head, Instant now) {
        return response(HttpResponseStatus.OK, PacFile.CONTENT_TYPE, script, head, now, PAC_CACHE);
    }

    /** 200 with one of the proxy's own HTML pages ("Mijn afspraken"); never cached, since it depends on the client. */
    public static FullHttpResponse page(byte[] html, boolean head, Instant now) {
        return response(HttpResponseStatus.OK, AgreementsPage.CONTENT_TYPE, html, head, now, "no-store");
    }

    /** 404: a path that the proxy's own pages host does not serve. */
    public static FullHttpResponse notFound(boolean head, Instant now) {
        return text(HttpResponseStatus.NOT_FOUND, NOT_FOUND_TEXT, head, now);
    }

    /** 405 with {@code Allow: GET, HEAD}: the proxy's own pages can only be read. */
    public static FullHttpResponse methodNotAllowed(Instant now) {
        FullHttpResponse r = text(HttpResponseStatus.METHOD_NOT_ALLOWED, METHOD_NOT_ALLOWED_TEXT, false, now);
        r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        return r;
    }

    /** 500: one of the proxy's own pages could not be made. */
    public static FullHttpResponse pageFailed(boolean head, Instant now) {
        return text(HttpResponseStatus.INTERNAL_SERVER_ERROR, PAGE_FAILED_TEXT, head, now);
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body, boolean head, Instant now) {
        return response(status, TEXT, body.getBytes(StandardCharsets.UTF_8), head, now, "no-store");
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body,
            boolean head, Instant now, String cacheControl) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        HttpHeaders h = r.headers();
        h.set(HttpHeaderNames.DATE, DateFormatter.format(Date.from(now)));
        h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        h.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        h.set(HttpHeaderNames.CACHE_CONTROL, cacheControl);
        h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return r;
    }
}
