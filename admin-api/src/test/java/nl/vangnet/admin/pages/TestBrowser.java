package nl.vangnet.admin.pages;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A minimal browser for the page tests: keeps the cookies it is sent (a {@code Max-Age=0} deletes one), follows
 * no redirects, posts url-encoded forms. Not thread-safe.
 */
final class TestBrowser {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    final Map<String, String> cookies = new LinkedHashMap<>();

    TestBrowser(String base) {
        this.base = base;
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        for (String c : r.headers().allValues("Set-Cookie")) {
            String pair = c.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            if (c.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, pair.substring(pair.indexOf('=') + 1));
            }
        }
        return r;
    }

    static Document html(HttpResponse<String> r) {
        return Jsoup.parse(r.body());
    }

    /** The CSRF token of the page's first form. */
    static String csrf(HttpResponse<String> r) {
        return html(r).selectFirst("input[name=_csrf]").val();
    }

    /** Opens the login page and logs in with {@code token}; returns the answer to the POST. */
    HttpResponse<String> login(String token, String next) throws Exception {
        HttpResponse<String> form = get("/login" + (next == null ? ""
                : "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", csrf(form));
        fields.put("next", html(form).selectFirst("input[name=next]").val());
        fields.put("toegangssleutel", token);
        return post("/login", fields);
    }

    /** The form fields of the page's form {@code selector} with their current values, plus {@code changes}. */
    static Map<String, String> form(HttpResponse<String> page, String selector, Map<String, String> changes) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var input : html(page).select(selector + " input, " + selector + " textarea")) {
            String type = input.attr("type");
            if (type.equals("radio") && !input.hasAttr("checked")) {
                continue;
            }
            out.put(input.attr("name"), input.tagName().equals("textarea") ? input.wholeText() : input.val());
        }
        out.putAll(changes);
        return out;
    }
}
