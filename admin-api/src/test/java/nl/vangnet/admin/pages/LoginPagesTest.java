package nl.vangnet.admin.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoginPagesTest {
    private PagesWorld world;
    private TestBrowser browser;

    @BeforeEach
    void start() {
        world = new PagesWorld();
        world.start();
        browser = new TestBrowser(world.base());
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void theLoginPageIsDutchAndLabelsItsField() throws Exception {
        HttpResponse<String> r = browser.get("/login");
        assertThat(r.statusCode()).isEqualTo(200);
        var doc = TestBrowser.html(r);
        assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("nl");
        assertThat(doc.selectFirst("label[for=toegangssleutel]").text()).isEqualTo("Toegangssleutel");
        assertThat(doc.selectFirst("input#toegangssleutel").attr("name")).isEqualTo("toegangssleutel");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                v -> assertThat(v).contains("default-src 'none'", "frame-ancestors 'none'"));
        assertThat(r.headers().allValues("Set-Cookie")).singleElement().satisfies(c -> assertThat(c)
                .startsWith(PageSessions.LOGIN_COOKIE + "=").contains("HttpOnly", "SameSite=Strict", "Path=/"));
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "vgn_wrong     | 401 | Deze toegangssleutel klopt niet",
        "'   '         | 400 | Vul uw toegangssleutel in",
        "vgn_throttled | 429 | Probeer het over 2 minuten opnieuw",
        "vgn_admin     | 403 | Met dit account (IT-beheerder) kunt u de beoordelingspagina niet gebruiken",
        "vgn_auditor   | 403 | Met dit account (auditor) kunt u de beoordelingspagina niet gebruiken"})
    void aRefusedLoginShowsTheFormAgainWithADutchMessage(String token, int status, String message) throws Exception {
        HttpResponse<String> r = browser.login(token, "/review");
        assertThat(r.statusCode()).isEqualTo(status);
        var doc = TestBrowser.html(r);
        assertThat(doc.selectFirst("[role=alert]").text()).contains(message);
        assertThat(doc.selectFirst("input#toegangssleutel").attr("aria-invalid")).isEqualTo("true");
        assertThat(doc.selectFirst("input[name=next]").val()).isEqualTo("/review");
        assertThat(browser.cookies).doesNotContainKey(PageSessions.COOKIE);
        if (status == 429) {
            assertThat(r.headers().firstValue("Retry-After")).hasValue("90");
        }
    }

    @Test
    void aLoginWithoutTheLoginCookieIsRefused() throws Exception {
        HttpResponse<String> form = browser.get("/login");
        String csrf = TestBrowser.csrf(form);
        browser.cookies.clear();
        HttpResponse<String> r = browser.post("/login", Map.of("_csrf", csrf, "toegangssleutel", "vgn_expert"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("cookie");
        assertThat(world.authenticated).isEmpty();
    }

    @Test
    void aLoginWithAForeignLoginTokenIsRefused() throws Exception {
        browser.get("/login");
        HttpResponse<String> r = browser.post("/login", Map.of("_csrf", "A".repeat(43), "toegangssleutel",
                "vgn_expert"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(world.authenticated).isEmpty();
    }

    @Test
    void aGoodLoginStartsASessionWithAStrictCookieAndGoesToNext() throws Exception {
        HttpResponse<String> r = browser.login("vgn_expert", "/review?x=1");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/review?x=1");
        assertThat(r.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .matches(PageSessions.COOKIE + "=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict"))
                .anySatisfy(c -> assertThat(c).startsWith(PageSessions.LOGIN_COOKIE + "=;").contains("Max-Age=0"));
        assertThat(world.authenticated).containsExactly("gd.jansen@127.0.0.1");
        assertThat(browser.get("/review").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "next={0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL                         | /review",
        "/review                      | /review",
        "/review/registrations/1/evaluation | /review/registrations/1/evaluation",
        "//evil.example/              | /review",
        "https://evil.example/review  | /review",
        "/\\evil.example              | /review",
        "/%2F%2Fevil.example          | /review",
        "javascript:alert(1)          | /review",
        "/login                       | /review",
        "review                       | /review"})
    void afterLoginOnlyLocalPathsAreFollowed(String next, String expected) throws Exception {
        HttpResponse<String> form = browser.get("/login");
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("_csrf", TestBrowser.csrf(form));
        if (next != null) {
            fields.put("next", next);
        }
        fields.put("toegangssleutel", "vgn_linde");
        HttpResponse<String> r = browser.post("/login", fields);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue(expected);
    }

    @Test
    void everyLoginGetsANewSessionId() throws Exception {
        browser.login("vgn_expert", null);
        String first = browser.cookies.get(PageSessions.COOKIE);
        browser.login("vgn_linde", null);
        String second = browser.cookies.get(PageSessions.COOKIE);
        assertThat(second).isNotEqualTo(first);
        TestBrowser planted = new TestBrowser(world.base());
        planted.cookies.put(PageSessions.COOKIE, first);
        assertThat(planted.get("/review").statusCode()).isEqualTo(303);
    }

    @Test
    void theRootGoesToTheReviewPageOrTheLoginPage() throws Exception {
        assertThat(browser.get("/").headers().firstValue("Location")).hasValue("/login");
        browser.login("vgn_expert", null);
        assertThat(browser.get("/").headers().firstValue("Location")).hasValue("/review");
    }

    @Test
    void logoutNeedsTheSessionsTokenAndEndsTheSession() throws Exception {
        browser.login("vgn_expert", null);
        HttpResponse<String> review = browser.get("/review");
        String id = browser.cookies.get(PageSessions.COOKIE);
        assertThat(browser.post("/logout", Map.of("_csrf", "wrong")).statusCode()).isEqualTo(403);
        assertThat(browser.get("/review").statusCode()).isEqualTo(200);
        HttpResponse<String> out = browser.post("/logout", Map.of("_csrf", TestBrowser.csrf(review)));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).hasValue("/login");
        assertThat(browser.cookies).doesNotContainKey(PageSessions.COOKIE);
        TestBrowser replay = new TestBrowser(world.base());
        replay.cookies.put(PageSessions.COOKIE, id);
        assertThat(replay.get("/review").statusCode()).isEqualTo(303);
    }

    @Test
    void aSessionEndsAfterThirtyIdleMinutes() throws Exception {
        browser.login("vgn_expert", null);
        world.idle(Duration.ofMinutes(29));
        assertThat(browser.get("/review").statusCode()).isEqualTo(200);
        world.idle(Duration.ofMinutes(29));
        assertThat(browser.get("/review").statusCode()).isEqualTo(200);
        world.idle(Duration.ofMinutes(31));
        HttpResponse<String> r = browser.get("/review");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/login?next=%2Freview");
    }

    @Test
    void aSessionEndsAfterEightHoursHoweverActive() throws Exception {
        browser.login("vgn_expert", null);
        for (int i = 0; i < 23; i++) {
            world.idle(Duration.ofMinutes(20));
            assertThat(browser.get("/review").statusCode()).as("after %d minutes", (i + 1) * 20).isEqualTo(200);
        }
        world.idle(Duration.ofMinutes(20));
        assertThat(browser.get("/review").statusCode()).isEqualTo(303);
    }
}
