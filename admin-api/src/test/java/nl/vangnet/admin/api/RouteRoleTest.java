package nl.vangnet.admin.api;

import static nl.vangnet.admin.api.ApiFixture.HOME;
import static nl.vangnet.admin.api.ApiFixture.NOW;
import static nl.vangnet.admin.api.ApiFixture.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.admin.http.Json;
import nl.vangnet.admin.http.RouteTable;
import nl.vangnet.admin.pages.PageSession;
import nl.vangnet.admin.pages.PageSessions;
import nl.vangnet.admin.report.WzdReportEndpoints;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.WithdrawalKind;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route of the whole admin app — the core API, the pages and the IGJ report, built as the launcher builds it
 * ({@link ApiFixture}) — × {anonymous, every role}. API routes: 401 problem for anonymous, 403 for roles the route
 * does not allow, the declared status for those it does (bearer token). Page routes: 303 to {@code /login?next=}
 * for anonymous, the frame's 403 page for roles not allowed, the declared status for those allowed (a page session
 * of that role, {@link nl.vangnet.admin.pages.PageSessions#open}; POSTs carry the session's CSRF token). Public routes
 * answer their declared status to everyone. Every request is valid and made fresh per call. A route without a
 * fixture fails, so no future route can slip through.
 */
class RouteRoleTest {
    private static ApiFixture f;
    private static final AtomicInteger SEQ = new AtomicInteger(1);

    /** One request: method and path from the route, with concrete ids, body and headers. */
    record Req(String path, String body, Map<String, String> headers) {
        static Req of(String path) {
            return new Req(path, null, Map.of());
        }

        /** A POSTed HTML form ({@code application/x-www-form-urlencoded}), with {@code cookie} when not null. */
        static Req form(String path, Map<String, String> fields, String cookie) {
            Map<String, String> headers = new HashMap<>();
            headers.put("Content-Type", "application/x-www-form-urlencoded");
            if (cookie != null) {
                headers.put("Cookie", cookie);
            }
            return new Req(path, fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&")), headers);
        }
    }

    /**
     * Who calls: nobody, or an account of {@code role} with its bearer token (API routes) or a fresh page session
     * (page routes).
     */
    record Caller(AccountRole role, String token, PageSession session) {
        static final Caller ANONYMOUS = new Caller(null, null, null);

        /** The session's CSRF token, or nothing (an anonymous form has none). */
        String csrf() {
            return session == null ? "" : session.csrfToken();
        }
    }

    private static final Map<String, BiFunction<ApiFixture, Caller, Req>> FIXTURES = new HashMap<>();

    private static void api(String key, Function<ApiFixture, Req> fixture) {
        page(key, (x, caller) -> fixture.apply(x));
    }

    private static void page(String key, BiFunction<ApiFixture, Caller, Req> fixture) {
        if (FIXTURES.put(key, fixture) != null) {
            throw new IllegalStateException("two fixtures for " + key);
        }
    }

    static {
        api("GET /health", x -> Req.of("/health"));
        api("GET /metrics", x -> Req.of("/metrics"));
        api("GET /api/v1/openapi.json", x -> Req.of("/api/v1/openapi.json"));
        api("GET /api/v1/docs", x -> Req.of("/api/v1/docs"));
        api("GET /api/v1/lists", x -> Req.of("/api/v1/lists"));
        api("POST /api/v1/lists/reload", x -> Req.of("/api/v1/lists/reload"));
        api("GET /api/v1/node", x -> Req.of("/api/v1/node"));

        api("GET /api/v1/clients", x -> Req.of("/api/v1/clients"));
        api("POST /api/v1/clients", x -> new Req("/api/v1/clients", json(new ClientsResource.ClientRequest(
                "C-new-" + SEQ.incrementAndGet(), "dossier/1", HOME, "intake")), Map.of()));
        api("GET /api/v1/clients/{id}", x -> Req.of("/api/v1/clients/" + x.client(HOME).id()));
        api("PUT /api/v1/clients/{id}", x -> {
            Client c = x.client(HOME);
            return new Req("/api/v1/clients/" + c.id(), json(new ClientsResource.ClientRequest(c.code(), "dossier/2",
                    HOME, null)), ifMatch(c.version()));
        });
        api("DELETE /api/v1/clients/{id}", x -> {
            Client c = x.client(HOME);
            return new Req("/api/v1/clients/" + c.id(), null, ifMatch(c.version()));
        });

        api("GET /api/v1/devices", x -> Req.of("/api/v1/devices"));
        api("POST /api/v1/devices", x -> new Req("/api/v1/devices", json(new DevicesResource.DeviceRequest(
                x.client(HOME).id(), "tablet", List.of(), List.of(ip()), null, null, null)), Map.of()));
        api("GET /api/v1/devices/{id}", x -> Req.of("/api/v1/devices/"
                + x.device(x.client(HOME).id(), ip()).id()));
        api("PUT /api/v1/devices/{id}", x -> {
            var d = x.device(x.client(HOME).id(), ip());
            return new Req("/api/v1/devices/" + d.id(), json(new DevicesResource.DeviceRequest(d.clientId(), "new",
                    List.of(), d.ipAddresses(), null, null, null)), ifMatch(d.version()));
        });
        api("DELETE /api/v1/devices/{id}", x -> {
            var d = x.device(x.client(HOME).id(), ip());
            return new Req("/api/v1/devices/" + d.id(), null, ifMatch(d.version()));
        });

        api("GET /api/v1/profiles", x -> Req.of("/api/v1/profiles"));
        api("POST /api/v1/profiles", x -> new Req("/api/v1/profiles", profileBody("p-" + SEQ
                .incrementAndGet()), Map.of()));
        api("GET /api/v1/profiles/{id}", x -> Req.of("/api/v1/profiles/" + x.profile().id()));
        api("PUT /api/v1/profiles/{id}", x -> {
            Profile p = x.profile();
            return new Req("/api/v1/profiles/" + p.id(), profileBody(p.name()), ifMatch(p.version()));
        });
        api("DELETE /api/v1/profiles/{id}", x -> {
            Profile p = x.profile();
            return new Req("/api/v1/profiles/" + p.id(), null, ifMatch(p.version()));
        });

        api("GET /api/v1/registrations", x -> Req.of("/api/v1/registrations"));
        api("POST /api/v1/registrations", x -> new Req("/api/v1/registrations",
                registrationBody(x.client(HOME).id(), x.profile().id()), Map.of()));
        api("GET /api/v1/registrations/{id}", x -> Req.of("/api/v1/registrations/" + registration(x).id()));
        api("PUT /api/v1/registrations/{id}", x -> {
            Registration r = registration(x);
            return new Req("/api/v1/registrations/" + r.id(), registrationBody(r.clientId(), r.profileId()),
                    ifMatch(r.version()));
        });
        api("POST /api/v1/registrations/{id}/evaluations", x -> {
            Registration r = registration(x);
            return new Req("/api/v1/registrations/" + r.id() + "/evaluations", json(
                    new RegistrationsResource.EvaluationRequest(TODAY, new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-8"),
                            EvaluationOutcome.CONTINUE, TODAY.plusMonths(2), "besproken", null)), ifMatch(r.version()));
        });
        api("POST /api/v1/registrations/{id}/withdrawal", x -> {
            Registration r = registration(x);
            return new Req("/api/v1/registrations/" + r.id() + "/withdrawal", json(
                    new RegistrationsResource.WithdrawalRequest(WithdrawalKind.CONSENT_WITHDRAWN, NOW,
                            new Person(CareRole.PERSOONLIJK_BEGELEIDER, "PB-17"), null, null)), ifMatch(r.version()));
        });
        api("POST /api/v1/registrations/{id}/phase-out/approve", x -> {
            Registration r = registration(x);
            return new Req("/api/v1/registrations/" + r.id() + "/phase-out/approve", json(
                    new RegistrationsResource.ApproveStepRequest(TODAY.plusDays(7), null)), ifMatch(r.version()));
        });
        api("GET /api/v1/registrations/{id}/block-counts", x -> Req.of("/api/v1/registrations/"
                + registration(x).id() + "/block-counts"));
        api("GET /api/v1/check", x -> {
            long clientId = registration(x).clientId();
            x.publisher.refresh();
            return Req.of("/api/v1/check?client=" + clientId + "&host=casino.example");
        });

        api("GET /api/v1/audit", x -> Req.of("/api/v1/audit?limit=5"));
        api("GET /api/v1/audit/verify", x -> Req.of("/api/v1/audit/verify"));

        api("GET /api/v1/accounts", x -> Req.of("/api/v1/accounts"));
        api("POST /api/v1/accounts", x -> new Req("/api/v1/accounts", json(new AccountsResource
                .AccountRequest("auditor-" + SEQ.incrementAndGet(), AccountRole.AUDITOR, null, null)), Map.of()));
        api("GET /api/v1/accounts/{id}", x -> Req.of("/api/v1/accounts/" + x.accounts.accounts().get(0).id()));
        api("GET /api/v1/accounts/{id}/tokens", x -> Req.of("/api/v1/accounts/"
                + x.accounts.accounts().get(0).id() + "/tokens"));
        api("POST /api/v1/accounts/{id}/tokens", x -> new Req("/api/v1/accounts/"
                + x.accounts.accounts().get(0).id() + "/tokens", json(new AccountsResource.TokenRequest("laptop",
                null, null)), Map.of()));
        api("DELETE /api/v1/tokens/{id}", x -> {
            var a = x.accounts.createAccount(ApiFixture.SEED, new nl.vangnet.config.model.Account(0, "tmp-"
                    + SEQ.incrementAndGet(), AccountRole.AUDITOR, null, false, null, 0), null);
            return Req.of("/api/v1/tokens/" + x.accounts.issueToken(ApiFixture.SEED, a.id(), null, null, null)
                    .info().id());
        });

        api("GET /api/v1/reports/wzd", x -> Req.of(WzdReportEndpoints.PATH + "?period=2026H1"));

        page("GET /", (x, c) -> Req.of("/"));
        page("GET /login", (x, c) -> Req.of("/login?next=%2Freview"));
        page("POST /login", (x, c) -> {
            // the double-submit token: the login form's cookie and its hidden field, as a browser sends them
            HttpResponse<String> form = get(x, "/login", null);
            String loginCookie = form.headers().allValues("Set-Cookie").stream()
                    .filter(v -> v.startsWith(PageSessions.LOGIN_COOKIE + "=")).findFirst()
                    .orElseThrow(() -> new AssertionError("GET /login sets no " + PageSessions.LOGIN_COOKIE))
                    .split(";", 2)[0];
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(PageSessions.CSRF_FIELD, Jsoup.parse(form.body())
                    .selectFirst("form[action=\"/login\"] input[name=" + PageSessions.CSRF_FIELD + "]").val());
            fields.put("next", "/review");
            fields.put("toegangssleutel", x.tokens.get(AccountRole.BEHAVIOURAL_EXPERT));
            return Req.form("/login", fields, loginCookie);
        });
        page("POST /logout", (x, c) -> Req.form("/logout", Map.of(PageSessions.CSRF_FIELD, c.csrf()), null));
        page("GET /review", (x, c) -> Req.of("/review"));
        page("GET /review/registrations/{id}/evaluation", (x, c) -> Req.of("/review/registrations/"
                + registration(x).id() + "/evaluation"));
        page("POST /review/registrations/{id}/evaluation", (x, c) -> {
            String path = "/review/registrations/" + registration(x).id() + "/evaluation";
            return Req.form(path, formFields(x, path, c, Map.of("uitkomst", "CONTINUE",
                    "volgende", TODAY.plusMonths(2).toString(), "notities", "besproken")), null);
        });
        page("GET /review/registrations/{id}/phase-out", (x, c) -> Req.of("/review/registrations/"
                + registration(x).id() + "/phase-out"));
        page("POST /review/registrations/{id}/phase-out", (x, c) -> {
            String path = "/review/registrations/" + registration(x).id() + "/phase-out";
            return Req.form(path, formFields(x, path, c, Map.of("vanaf", TODAY.plusDays(7).toString())), null);
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(ApiFixture x, String path, PageSession session) {
        try {
            return x.send("GET", path, null, null, session == null ? Map.of()
                    : Map.of("Cookie", PageSessions.COOKIE + "=" + session.id()));
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path, e);
        }
    }

    /**
     * The fields of the page's POST form at {@code path} as a behavioural expert's browser fills them in (the form
     * read with a session of that role), with {@code changes}, and the caller's CSRF token.
     */
    private static Map<String, String> formFields(ApiFixture x, String path, Caller caller,
            Map<String, String> changes) {
        HttpResponse<String> page = get(x, path, x.session(AccountRole.BEHAVIOURAL_EXPERT));
        assertThat(page.statusCode()).as("GET " + path + ": " + page.body()).isEqualTo(200);
        Element form = Jsoup.parse(page.body()).selectFirst("form[method=post][action=\"" + path + "\"]");
        assertThat(form).as("the form posting to " + path).isNotNull();
        assertThat(form.select("input, textarea, select").eachAttr("name")).as("the fields of " + path)
                .contains(PageSessions.CSRF_FIELD).containsAll(changes.keySet());
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input, textarea, select")) {
            if (input.attr("type").equals("radio") && !input.hasAttr("checked")) {
                continue;
            }
            fields.put(input.attr("name"), input.tagName().equals("textarea") ? input.wholeText() : input.val());
        }
        fields.putAll(changes);
        fields.put(PageSessions.CSRF_FIELD, caller.csrf());
        return fields;
    }

    private static Registration registration(ApiFixture x) {
        return x.registration(x.client(HOME).id(), x.profile().id());
    }

    private static String ip() {
        int n = SEQ.incrementAndGet();
        return "10.9." + (n / 250) + "." + (n % 250 + 1);
    }

    private static Map<String, String> ifMatch(long version) {
        return Map.of("If-Match", "\"" + version + "\"");
    }

    static String json(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String profileBody(String name) {
        return json(new ProfilesResource.ProfileRequest(name, "test", List.of(), List.of(),
                List.of(nl.vangnet.config.model.Rule.always("casino.example", nl.vangnet.config.model.Risk.GAMBLING)),
                List.of(), false, List.of(), false, false, null));
    }

    static String registrationBody(long clientId, long profileId) {
        Registration r = ApiFixture.voluntary(clientId, profileId);
        return json(new RegistrationsResource.RegistrationRequest(r.clientId(), r.basis(), r.dossierReference(),
                r.decidedBy(), r.decidedOn(), r.profileId(), r.start(), r.evaluationDate(), r.end(), r.risks(),
                r.weighing(), r.consent(), r.consulted(), r.phaseOut(), r.hostEvents(), "agreed"));
    }

    @BeforeAll
    static void start() throws Exception {
        f = new ApiFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    static Stream<Arguments> routesByRole() throws Exception {
        try (ApiFixture table = new ApiFixture()) {
            List<Arguments> out = new ArrayList<>();
            for (Endpoint e : table.routes.endpoints()) {
                out.add(Arguments.of(RouteTable.key(e), e, null));
                for (AccountRole role : AccountRole.values()) {
                    out.add(Arguments.of(RouteTable.key(e), e, role));
                }
            }
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0} as {2}")
    @MethodSource("routesByRole")
    void everyRouteAnswersEveryRoleAsDeclared(String key, Endpoint e, AccountRole role) throws Exception {
        assertThat(FIXTURES).as("a fixture for " + key).containsKey(key);
        boolean page = e.surface() == Endpoint.Surface.PAGE;
        Caller caller = role == null ? Caller.ANONYMOUS
                : new Caller(role, page ? null : f.tokens.get(role), page ? f.session(role) : null);
        Req req = FIXTURES.get(key).apply(f, caller);
        Map<String, String> headers = new HashMap<>(req.headers());
        if (caller.session() != null) {
            headers.merge("Cookie", PageSessions.COOKIE + "=" + caller.session().id(), (a, b) -> a + "; " + b);
        }
        HttpResponse<String> r = f.send(e.method().name(), req.path(), caller.token(), req.body(), headers);
        String what = key + " as " + role + ": " + r.statusCode() + " " + r.headers().firstValue("Location")
                .orElse("") + " " + r.body();
        if (e.isPublic()) {
            assertThat(r.statusCode()).as(what).isEqualTo(e.status());
        } else if (role == null && !page) {
            assertThat(r.statusCode()).as(what).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("Bearer"));
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("application/problem+json"));
        } else if (role == null) {
            assertThat(r.statusCode()).as(what).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).as(what).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("/login?next=" + enc(req.path().split("\\?")[0])));
        } else if (e.roles().contains(role)) {
            assertThat(r.statusCode()).as(what).isBetween(200, 399).isEqualTo(e.status());
        } else {
            assertThat(r.statusCode()).as(what).isEqualTo(403);
            if (page) {
                assertThat(r.body()).as(what).contains("Geen toegang", role.name());
            } else {
                assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                        assertThat(v).startsWith("application/problem+json"));
            }
        }
    }

    @Test
    void everyFixtureBelongsToARoute() {
        assertThat(f.routes.endpoints().stream().map(RouteTable::key).toList())
                .containsExactlyInAnyOrderElementsOf(FIXTURES.keySet());
    }
}
