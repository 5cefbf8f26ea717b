package nl.vangnet.admin.api;

import static nl.vangnet.admin.api.ApiFixture.HOME;
import static nl.vangnet.admin.api.ApiFixture.NOW;
import static nl.vangnet.admin.api.ApiFixture.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.admin.http.Json;
import nl.vangnet.admin.http.RouteTable;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.WithdrawalKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route of the app × {anonymous, every role}: 401 for anonymous on protected routes, 403 for roles the route
 * does not allow, 2xx for those it does (with a valid request made fresh per call). A route without a fixture fails,
 * so no future route can slip through.
 */
class RouteRoleTest {
    private static ApiFixture f;
    private static final AtomicInteger SEQ = new AtomicInteger(1);

    /** One request: method and path from the route, with concrete ids, body and headers. */
    record Req(String path, String body, Map<String, String> headers) {
        static Req of(String path) {
            return new Req(path, null, Map.of());
        }
    }

    private static final Map<String, Function<ApiFixture, Req>> FIXTURES = new HashMap<>();

    static {
        FIXTURES.put("GET /health", x -> Req.of("/health"));
        FIXTURES.put("GET /metrics", x -> Req.of("/metrics"));
        FIXTURES.put("GET /api/v1/openapi.json", x -> Req.of("/api/v1/openapi.json"));
        FIXTURES.put("GET /api/v1/docs", x -> Req.of("/api/v1/docs"));
        FIXTURES.put("GET /api/v1/lists", x -> Req.of("/api/v1/lists"));
        FIXTURES.put("POST /api/v1/lists/reload", x -> Req.of("/api/v1/lists/reload"));
        FIXTURES.put("GET /api/v1/node", x -> Req.of("/api/v1/node"));

        FIXTURES.put("GET /api/v1/clients", x -> Req.of("/api/v1/clients"));
        FIXTURES.put("POST /api/v1/clients", x -> new Req("/api/v1/clients", json(new ClientsResource.ClientRequest(
                "C-new-" + SEQ.incrementAndGet(), "dossier/1", HOME, "intake")), Map.of()));
        FIXTURES.put("GET /api/v1/clients/{id}", x -> Req.of("/api/v1/clients/" + x.client(HOME).id()));
        FIXTURES.put("PUT /api/v1/clients/{id}", x -> {
            Client c = x.client(HOME);
            return new Req("/api/v1/clients/" + c.id(), json(new ClientsResource.ClientRequest(c.code(), "dossier/2",
                    HOME, null)), ifMatch(c.version()));
        });
        FIXTURES.put("DELETE /api/v1/clients/{id}", x -> {
            Client c = x.client(HOME);
            return new Req("/api/v1/clients/" + c.id(), null, ifMatch(c.version()));
        });

        FIXTURES.put("GET /api/v1/devices", x -> Req.of("/api/v1/devices"));
        FIXTURES.put("POST /api/v1/devices", x -> new Req("/api/v1/devices", json(new DevicesResource.DeviceRequest(
                x.client(HOME).id(), "tablet", List.of(), List.of(ip()), null, null, null)), Map.of()));
        FIXTURES.put("GET /api/v1/devices/{id}", x -> Req.of("/api/v1/devices/"
                + x.device(x.client(HOME).id(), ip()).id()));
        FIXTURES.put("PUT /api/v1/devices/{id}", x -> {
            var d = x.device(x.client(HOME).id(), ip());
            return new Req("/api/v1/devices/" + d.id(), json(new DevicesResource.DeviceRequest(d.clientId(), "new",
                    List.of(), d.ipAddresses(), null, null, null)), ifMatch(d.version()));
        });
        FIXTURES.put("DELETE /api/v1/devices/{id}", x -> {
            var d = x.device(x.client(HOME).id(), ip());
            return new Req("/api/v1/devices/" + d.id(), null, ifMatch(d.version()));
        });

        FIXTURES.put("GET /api/v1/profiles", x -> Req.of("/api/v1/profiles"));
        FIXTURES.put("POST /api/v1/profiles", x -> new Req("/api/v1/profiles", profileBody("p-" + SEQ
                .incrementAndGet()), Map.of()));
        FIXTURES.put("GET /api/v1/profiles/{id}", x -> Req.of("/api/v1/profiles/" + x.profile().id()));
        FIXTURES.put("PUT /api/v1/profiles/{id}", x -> {
            Profile p = x.profile();
            return new Req("/api/v1/profiles/" + p.id(), profileBody(p.name()), ifMatch(p.version()));
        });
        FIXTURES.put("DELETE /api/v1/profiles/{id}", x -> {
            Profile p = x.profile();
            return new Req("/api/v1/profiles/" + p.id(), null, ifMatch(p.version()));
        });

        FIXTURES.put("GET /api/v1/registrations", x -> Req.of("/api/v1/registrations"));
        FIXTURES.put("POST /api/v1/registrations", x -> new Req("/api/v1/registrations",
                registrationBody(x.client(HOME).id(), x.profile().id()), Map.of()));
        FIXTURES.put("GET /api/v1/registrations/{id}", x -> Req.of("/api/v1/registrations/" + registration(x).id()));
        FIXTURES.put("PUT /api/v1/registrations/{id}", x -> {
            Registration r = registration(x);
            return new Req("/api/v1/registrations/" + r.id(), registrationBody(r.clientId(), r.profileId()),
                    ifMatch(r.version()));
        });
        FIXTURES.put("POST /api/v1/registrations/{id}/evaluations", x -> {
            Registration r = registration(x);
            return new Req("/api/v1/registrations/" + r.id() + "/evaluations", json(
                    new RegistrationsResource.EvaluationRequest(TODAY, new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-8"),
                            EvaluationOutcome.CONTINUE, TODAY.plusMonths(2), "besproken", null)), ifMatch(r.version()));
        });
        FIXTURES.put("POST /api/v1/registrations/{id}/withdrawal", x -> {
            Registration r = registration(x);
            return new Req("/api/v1/registrations/" + r.id() + "/withdrawal", json(
                    new RegistrationsResource.WithdrawalRequest(WithdrawalKind.CONSENT_WITHDRAWN, NOW,
                            new Person(CareRole.PERSOONLIJK_BEGELEIDER, "PB-17"), null, null)), ifMatch(r.version()));
        });
        FIXTURES.put("POST /api/v1/registrations/{id}/phase-out/approve", x -> {
            Registration r = registration(x);
            return new Req("/api/v1/registrations/" + r.id() + "/phase-out/approve", json(
                    new RegistrationsResource.ApproveStepRequest(TODAY.plusDays(7), null)), ifMatch(r.version()));
        });
        FIXTURES.put("GET /api/v1/registrations/{id}/block-counts", x -> Req.of("/api/v1/registrations/"
                + registration(x).id() + "/block-counts"));
        FIXTURES.put("GET /api/v1/check", x -> {
            long clientId = registration(x).clientId();
            x.publisher.refresh();
            return Req.of("/api/v1/check?client=" + clientId + "&host=casino.example");
        });

        FIXTURES.put("GET /api/v1/audit", x -> Req.of("/api/v1/audit?limit=5"));
        FIXTURES.put("GET /api/v1/audit/verify", x -> Req.of("/api/v1/audit/verify"));

        FIXTURES.put("GET /api/v1/accounts", x -> Req.of("/api/v1/accounts"));
        FIXTURES.put("POST /api/v1/accounts", x -> new Req("/api/v1/accounts", json(new AccountsResource
                .AccountRequest("auditor-" + SEQ.incrementAndGet(), AccountRole.AUDITOR, null, null)), Map.of()));
        FIXTURES.put("GET /api/v1/accounts/{id}", x -> Req.of("/api/v1/accounts/" + x.accounts.accounts().get(0).id()));
        FIXTURES.put("GET /api/v1/accounts/{id}/tokens", x -> Req.of("/api/v1/accounts/"
                + x.accounts.accounts().get(0).id() + "/tokens"));
        FIXTURES.put("POST /api/v1/accounts/{id}/tokens", x -> new Req("/api/v1/accounts/"
                + x.accounts.accounts().get(0).id() + "/tokens", json(new AccountsResource.TokenRequest("laptop",
                null, null)), Map.of()));
        FIXTURES.put("DELETE /api/v1/tokens/{id}", x -> {
            var a = x.accounts.createAccount(ApiFixture.SEED, new nl.vangnet.config.model.Account(0, "tmp-"
                    + SEQ.incrementAndGet(), AccountRole.AUDITOR, null, false, null, 0), null);
            return Req.of("/api/v1/tokens/" + x.accounts.issueToken(ApiFixture.SEED, a.id(), null, null, null)
                    .info().id());
        });
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
        Req req = FIXTURES.get(key).apply(f);
        HttpResponse<String> r = f.send(e.method().name(), req.path(), role == null ? null : f.tokens.get(role),
                req.body(), req.headers());
        if (e.isPublic()) {
            assertThat(r.statusCode()).as(key + " " + r.body()).isBetween(200, 299);
        } else if (role == null) {
            assertThat(r.statusCode()).as(key).isEqualTo(e.surface() == Endpoint.Surface.API ? 401 : 303);
            if (e.surface() == Endpoint.Surface.API) {
                assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                        assertThat(v).startsWith("Bearer"));
                assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v ->
                        assertThat(v).startsWith("application/problem+json"));
            }
        } else if (e.roles().contains(role)) {
            assertThat(r.statusCode()).as(key + " as " + role + ": " + r.body()).isBetween(200, 299)
                    .isEqualTo(e.status());
        } else {
            assertThat(r.statusCode()).as(key + " as " + role + ": " + r.body()).isEqualTo(403);
        }
    }

    @Test
    void everyFixtureBelongsToARoute() {
        assertThat(f.routes.endpoints().stream().map(RouteTable::key).toList())
                .containsExactlyInAnyOrderElementsOf(FIXTURES.keySet());
    }
}
