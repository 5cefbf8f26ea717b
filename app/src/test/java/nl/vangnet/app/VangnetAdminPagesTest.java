package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.store.AccountStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's admin app with its real wiring of the pages and the inspection export (all-in-one demo on an
 * embedded H2 file, loopback): a behavioural expert logs in through the login form and sees the review page, the
 * session ends once the account is disabled (the launcher's session check asks the store), and an auditor downloads
 * the Wzd export with a bearer token.
 */
class VangnetAdminPagesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final Actor SETUP = new Actor("setup", "IT_ADMIN");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private Settings settings() {
        return SettingsLoader.load(null, Map.of(), Map.of(Setting.STORE_H2_PATH, dir.resolve("db").toString(),
                Setting.PROXY_BIND, "127.0.0.1:0", Setting.ADMIN_BIND, "127.0.0.1:0",
                Setting.PROXY_ALLOWED_DESTINATIONS, "127.0.0.0/8"));
    }

    private HttpResponse<String> send(Vangnet v, HttpRequest.Builder b, String path) throws Exception {
        return http.send(b.uri(URI.create("http://127.0.0.1:" + v.adminAddress().getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String cookie(HttpResponse<String> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no cookie " + name + " in " + r.headers().map()))
                .split(";", 2)[0];
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void theAdminAppServesThePagesAndTheExportWithTheLaunchersWiring() throws Exception {
        try (Vangnet v = Vangnet.start(settings(), true, CLOCK)) {
            AccountStore accounts = (AccountStore) v.store();
            Account expert = accounts.createAccount(SETUP, new Account(0, "gd.e2e", AccountRole.BEHAVIOURAL_EXPERT,
                    null, false, null, 0), null);
            String expertToken = accounts.issueToken(SETUP, expert.id(), "test", null, null).secret();
            Account auditor = accounts.createAccount(SETUP, new Account(0, "audit.e2e", AccountRole.AUDITOR, null,
                    false, null, 0), null);
            String auditorToken = accounts.issueToken(SETUP, auditor.id(), "test", null, null).secret();

            HttpResponse<String> anonymous = send(v, HttpRequest.newBuilder().GET(), "/review");
            assertThat(anonymous.statusCode()).isEqualTo(303);
            assertThat(anonymous.headers().firstValue("Location")).hasValue("/login?next=%2Freview");

            HttpResponse<String> form = send(v, HttpRequest.newBuilder().GET(), "/login?next=%2Freview");
            assertThat(form.statusCode()).isEqualTo(200);
            Matcher csrf = CSRF.matcher(form.body());
            assertThat(csrf.find()).as(form.body()).isTrue();
            HttpResponse<String> login = send(v, HttpRequest.newBuilder()
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", cookie(form, "vangnet_login"))
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(csrf.group(1)) + "&next=%2Freview"
                            + "&toegangssleutel=" + enc(expertToken))), "/login");
            assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
            assertThat(login.headers().firstValue("Location")).hasValue("/review");
            String session = cookie(login, "vangnet_session");

            HttpResponse<String> review = send(v, HttpRequest.newBuilder().header("Cookie", session).GET(),
                    "/review");
            assertThat(review.statusCode()).isEqualTo(200);
            assertThat(review.body()).contains("lang=\"nl\"", "id=\"registratie-", "gd.e2e");

            accounts.setAccountDisabled(SETUP, expert.id(), expert.version(), true, "left");
            HttpResponse<String> disabled = send(v, HttpRequest.newBuilder().header("Cookie", session).GET(),
                    "/review");
            assertThat(disabled.statusCode()).isEqualTo(303);
            assertThat(disabled.headers().firstValue("Location")).hasValue("/login?next=%2Freview");

            HttpResponse<String> export = send(v, HttpRequest.newBuilder()
                    .header("Authorization", "Bearer " + auditorToken).GET(), "/api/v1/reports/wzd?period=2026H2");
            assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
            assertThat(export.headers().firstValue("Content-Disposition"))
                    .hasValue("attachment; filename=\"vangnet-wzd-2026H2.json\"");
            assertThat(export.body()).contains("\"label\":\"2026H2\"", "\"rows\":[{");
            HttpResponse<String> bad = send(v, HttpRequest.newBuilder()
                    .header("Authorization", "Bearer " + auditorToken).GET(), "/api/v1/reports/wzd?period=H2");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("\"field\":\"period\"");
            assertThat(send(v, HttpRequest.newBuilder().GET(), "/api/v1/reports/wzd?period=2026H2").statusCode())
                    .isEqualTo(401);
        }
    }
}
