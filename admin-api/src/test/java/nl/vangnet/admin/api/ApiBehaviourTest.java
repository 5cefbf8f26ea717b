package nl.vangnet.admin.api;

import static nl.vangnet.admin.api.ApiFixture.HOME;
import static nl.vangnet.admin.api.ApiFixture.OTHER_HOME;
import static nl.vangnet.admin.api.RouteRoleTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.vangnet.admin.http.Json;
import nl.vangnet.admin.http.RouteTable;
import nl.vangnet.admin.report.WzdReportEndpoints;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Problems, ETags, paging, location scoping, check, phase-out approval and the OpenAPI document, over the whole app
 * and the real store ({@link ApiFixture}).
 */
class ApiBehaviourTest {
    private static ApiFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ApiFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private static JsonNode body(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    private static String it() {
        return f.tokens.get(AccountRole.IT_ADMIN);
    }

    private static String care() {
        return f.tokens.get(AccountRole.CARE_PROFESSIONAL);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "POST|/api/v1/devices|400|{\"clientId\":1,\"colour\":\"red\"}|colour",
        "POST|/api/v1/devices|400|{\"clientId\":\"one\"}|clientId",
        "POST|/api/v1/devices|400|{not json|body",
        "POST|/api/v1/devices|400||body",
        "POST|/api/v1/profiles|400|{\"name\":\"x\",\"blockedDomains\":[{\"value\":\"a.example\",\"risk\":\"NOPE\"}]}"
                + "|blockedDomains[0].risk",
        "POST|/api/v1/devices|422|{\"clientId\":999999,\"label\":\"x\"}|clientId",
        "GET|/api/v1/devices?limit=0|400||limit",
        "GET|/api/v1/devices?offset=-1|400||offset",
        "GET|/api/v1/devices/abc|400||id",
        "GET|/api/v1/devices/424242|404||",
        "GET|/api/v1/nothing-here|404||",
        "DELETE|/api/v1/lists|405||",
    })
    void failuresAreProblemsNamingTheField(String method, String path, int status, String body, String field)
            throws Exception {
        HttpResponse<String> r = f.send(method, path, it(), body, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = body(r);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("type").asText()).startsWith("/api/v1/problems/");
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("instance").asText()).isEqualTo(path.split("\\?")[0]);
        assertThat(r.body()).doesNotContain("Exception", "<html");
        if (field != null) {
            assertThat(p.get("errors").findValuesAsText("field")).contains(field);
        }
    }

    @Test
    void etagsGuardWrites() throws Exception {
        Client c = f.client(HOME);
        String path = "/api/v1/clients/" + c.id();
        HttpResponse<String> read = f.send("GET", path, care(), null, Map.of());
        assertThat(read.headers().firstValue("ETag")).hasValue("\"" + c.version() + "\"");
        String change = json(new ClientsResource.ClientRequest(c.code(), "dossier/9", HOME, "moved file"));
        assertThat(f.send("PUT", path, care(), change, Map.of()).statusCode()).isEqualTo(428);
        assertThat(f.send("PUT", path, care(), change, Map.of("If-Match", "W/\"x\"")).statusCode()).isEqualTo(400);
        HttpResponse<String> ok = f.send("PUT", path, care(), change, Map.of("If-Match", "\"" + c.version() + "\""));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("ETag")).hasValue("\"" + (c.version() + 1) + "\"");
        HttpResponse<String> stale = f.send("PUT", path, care(), change, Map.of("If-Match", "\"" + c.version()
                + "\""));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(body(stale).get("type").asText()).endsWith("stale-version");
        assertThat(f.send("DELETE", path, care(), null, Map.of()).statusCode()).isEqualTo(428);
    }

    @Test
    void validationProblemsListEveryField() throws Exception {
        HttpResponse<String> r = f.send("POST", "/api/v1/registrations", care(), "{\"clientId\":"
                + f.client(HOME).id() + "}", Map.of());
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(body(r).get("errors").findValuesAsText("field")).contains("basis", "start", "end");
    }

    @Test
    void listsArePaged() throws Exception {
        for (int i = 0; i < 3; i++) {
            f.client(OTHER_HOME);
        }
        JsonNode page = body(f.get("/api/v1/clients?location=" + OTHER_HOME.replace(" ", "%20") + "&limit=2",
                AccountRole.IT_ADMIN));
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("limit").asInt()).isEqualTo(2);
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(3);
        String next = page.get("next").asText();
        assertThat(next).contains("offset=2", "limit=2", "location=");
        JsonNode second = body(f.get(next, AccountRole.IT_ADMIN));
        assertThat(second.get("offset").asInt()).isEqualTo(2);
        Set<String> ids = new HashSet<>();
        page.get("items").forEach(n -> ids.add(n.get("id").asText()));
        second.get("items").forEach(n -> assertThat(ids.add(n.get("id").asText())).isTrue());
    }

    @Test
    void careProfessionalsSeeTheirLocationOnly() throws Exception {
        Client other = f.client(OTHER_HOME);
        Profile p = f.profile();
        Registration r = f.registration(other.id(), p.id());
        assertThat(f.send("GET", "/api/v1/clients/" + other.id(), care(), null, Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(f.send("GET", "/api/v1/registrations/" + r.id(), care(), null, Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(f.send("POST", "/api/v1/registrations/" + r.id() + "/withdrawal", care(), "{}",
                Map.of("If-Match", "\"" + r.version() + "\"")).statusCode()).isEqualTo(404);
        assertThat(f.send("GET", "/api/v1/registrations/" + r.id(), f.otherCareToken, null, Map.of())
                .statusCode()).isEqualTo(200);
        JsonNode mine = body(f.send("GET", "/api/v1/registrations?limit=500", care(), null, Map.of()));
        mine.get("items").forEach(n -> assertThat(n.get("clientId").asLong()).isNotEqualTo(other.id()));
        HttpResponse<String> elsewhere = f.send("POST", "/api/v1/clients", care(),
                json(new ClientsResource.ClientRequest("C-x1", "d", OTHER_HOME, null)), Map.of());
        assertThat(elsewhere.statusCode()).isEqualTo(422);
        f.publisher.refresh();
        assertThat(f.send("GET", "/api/v1/check?client=" + other.id() + "&host=a.example", care(), null,
                Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void devicePasswordsAreHashedAndNeverReturned() throws Exception {
        Client c = f.client(HOME);
        HttpResponse<String> r = f.send("POST", "/api/v1/devices", it(), json(new DevicesResource.DeviceRequest(
                c.id(), "laptop", java.util.List.of(), java.util.List.of("10.77.0.1"), "laptop-1", "geheim-wachtwoord",
                null)), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).doesNotContain("geheim", "pbkdf2").contains("\"proxyPasswordSet\":true");
        Device stored = f.store.device(body(r).get("id").asLong()).orElseThrow();
        assertThat(stored.proxyPasswordHash()).startsWith("pbkdf2-sha256$");
    }

    /** No route but a registration restricts anyone: a device with a profile in the store is unrestricted. */
    @Test
    void checkExplainsTheDecisionAndNeedsARegistrationToRestrict() throws Exception {
        Client c = f.client(HOME);
        f.device(c.id(), "10.66.0.1");
        Profile p = f.profile();
        f.publisher.refresh();
        JsonNode free = body(f.get("/api/v1/check?address=10.66.0.1&host=www.casino.example",
                AccountRole.IT_ADMIN));
        assertThat(free.get("decision").asText()).isEqualTo("tunnel");
        assertThat(free.get("reason").asText()).isEqualTo("no_registration");

        Registration r = f.registration(c.id(), p.id());
        f.publisher.refresh();
        JsonNode blocked = body(f.get("/api/v1/check?address=10.66.0.1&host=www.casino.example&kind=http",
                AccountRole.BEHAVIOURAL_EXPERT));
        assertThat(blocked.get("decision").asText()).isEqualTo("block");
        assertThat(blocked.get("reason").asText()).isEqualTo("blocked_domain");
        assertThat(blocked.get("registrationId").asLong()).isEqualTo(r.id());
        assertThat(blocked.get("profileId").asLong()).isEqualTo(p.id());
        assertThat(blocked.get("profileName").asText()).isEqualTo(p.name());
        assertThat(blocked.get("rule").asText()).isEqualTo("casino.example");
        assertThat(blocked.get("basis").asText()).isEqualTo("VOLUNTARY");
        assertThat(blocked.get("phaseOutStep").asInt()).isZero();
        assertThat(blocked.get("blockPage").asBoolean()).isTrue();

        JsonNode other = body(f.get("/api/v1/check?client=" + c.id() + "&host=example.org", AccountRole.IT_ADMIN));
        assertThat(other.get("reason").asText()).isEqualTo("not_restricted_host");
        assertThat(other.get("devices")).hasSize(1);

        JsonNode later = body(f.get("/api/v1/check?client=" + c.id() + "&host=casino.example&at="
                + ApiFixture.TODAY.plusMonths(4) + "T10:00:00Z", AccountRole.IT_ADMIN));
        assertThat(later.get("reason").asText()).isEqualTo("not_in_effect");
        assertThat(later.get("registrationState").asText()).isEqualTo("ENDED");

        JsonNode unknown = body(f.get("/api/v1/check?address=192.0.2.200&host=casino.example",
                AccountRole.IT_ADMIN));
        assertThat(unknown.get("reason").asText()).isEqualTo("no_registration");
        assertThat(f.get("/api/v1/check?address=10.66.0.1", AccountRole.IT_ADMIN).statusCode()).isEqualTo(400);
        assertThat(f.get("/api/v1/check?address=nope&host=x.example", AccountRole.IT_ADMIN).statusCode())
                .isEqualTo(400);
    }

    /**
     * The real {@code approvePhaseOutStep} of the store: the pending step moves to the approved date, {@code /check}
     * applies it from that date on, the approval is audited with the account, a stale version is 412 and a date that
     * is not earlier (or in the past) a 422 naming {@code from}.
     */
    @Test
    void approvingAPhaseOutStepMovesItAndCheckAppliesItFromTheNewDate() throws Exception {
        Client c = f.client(HOME);
        String n = Long.toString(System.nanoTime());
        Profile strict = f.store.createProfile(ApiFixture.SEED, new Profile(0, "strict-" + n, "casino and dating",
                List.of(), List.of(), List.of(Rule.always("casino.example", Risk.GAMBLING),
                        Rule.always("dating.example", Risk.DATING)), List.of(), false, List.of(), false, false, 0),
                null);
        Profile light = f.store.createProfile(ApiFixture.SEED, new Profile(0, "light-" + n, "dating only",
                List.of(), List.of(), List.of(Rule.always("dating.example", Risk.DATING)), List.of(), false,
                List.of(), false, false, 0), null);
        LocalDate planned = ApiFixture.TODAY.plusMonths(1);
        Registration r = f.store.createRegistration(ApiFixture.SEED, ApiFixture.voluntary(c.id(), strict.id(),
                List.of(new PhaseOutStep(planned, light.id()),
                        PhaseOutStep.unrestricted(ApiFixture.TODAY.plusMonths(2).plusDays(15)))), null);
        String path = "/api/v1/registrations/" + r.id() + "/phase-out/approve";
        LocalDate approved = ApiFixture.TODAY.plusDays(7);
        String expert = f.tokens.get(AccountRole.BEHAVIOURAL_EXPERT);

        HttpResponse<String> ok = f.send("POST", path, expert, json(new RegistrationsResource.ApproveStepRequest(
                approved, "goes well")), ifMatch(r.version()));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.headers().firstValue("ETag")).hasValue("\"" + (r.version() + 1) + "\"");
        JsonNode steps = body(ok).get("phaseOut");
        assertThat(steps.get(0).get("from").asText()).isEqualTo(approved.toString());
        assertThat(steps.get(0).get("profileId").asLong()).isEqualTo(light.id());
        assertThat(f.store.registration(r.id()).orElseThrow().phaseOut().get(0).from()).isEqualTo(approved);

        String check = "/api/v1/check?client=" + c.id() + "&host=casino.example&at=";
        JsonNode before = body(f.get(check + approved.minusDays(1) + "T10:00:00Z", AccountRole.BEHAVIOURAL_EXPERT));
        assertThat(before.get("decision").asText()).isEqualTo("block");
        assertThat(before.get("phaseOutStep").asInt()).isZero();
        assertThat(before.get("profileId").asLong()).isEqualTo(strict.id());
        JsonNode from = body(f.get(check + approved + "T10:00:00Z", AccountRole.BEHAVIOURAL_EXPERT));
        assertThat(from.get("phaseOutStep").asInt()).isEqualTo(1);
        assertThat(from.get("profileId").asLong()).isEqualTo(light.id());
        assertThat(from.get("reason").asText()).isEqualTo("not_restricted_host");
        assertThat(body(f.get("/api/v1/check?client=" + c.id() + "&host=dating.example&at=" + approved
                + "T10:00:00Z", AccountRole.BEHAVIOURAL_EXPERT)).get("decision").asText()).isEqualTo("block");

        JsonNode audit = body(f.get("/api/v1/audit?entityType=registration&entityId=" + r.id()
                + "&action=PHASE_OUT_STEP_APPROVED", AccountRole.AUDITOR));
        assertThat(audit.get("items")).singleElement().satisfies(event -> {
            assertThat(event.get("actorAccount").asText()).isEqualTo("behavioural-expert");
            assertThat(event.get("actorRole").asText()).isEqualTo("BEHAVIOURAL_EXPERT");
            assertThat(event.get("reason").asText()).contains("goes well");
        });

        HttpResponse<String> stale = f.send("POST", path, expert, json(new RegistrationsResource.ApproveStepRequest(
                approved.minusDays(1), null)), ifMatch(r.version()));
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
        assertThat(body(stale).get("type").asText()).endsWith("stale-version");
        assertThat(stale.headers().firstValue("ETag")).hasValue("\"" + (r.version() + 1) + "\"");

        for (LocalDate bad : List.of(ApiFixture.TODAY.minusDays(1), approved, planned.plusDays(1))) {
            HttpResponse<String> refused = f.send("POST", path, expert, json(
                    new RegistrationsResource.ApproveStepRequest(bad, null)), ifMatch(r.version() + 1));
            assertThat(refused.statusCode()).as(bad + ": " + refused.body()).isEqualTo(422);
            assertThat(body(refused).get("errors").findValuesAsText("field")).as(bad.toString()).contains("from");
        }
        assertThat(f.store.registration(r.id()).orElseThrow().version()).isEqualTo(r.version() + 1);
        assertThat(f.send("POST", path, f.tokens.get(AccountRole.CARE_PROFESSIONAL), json(
                new RegistrationsResource.ApproveStepRequest(approved.minusDays(1), null)), ifMatch(r.version() + 1))
                .statusCode()).isEqualTo(403);
    }

    private static Map<String, String> ifMatch(long version) {
        return Map.of("If-Match", "\"" + version + "\"");
    }

    @Test
    void auditIsFilteredAndPagedBySequence() throws Exception {
        Client c = f.client(HOME);
        f.store.updateClient(ApiFixture.SEED, new Client(c.id(), c.code(), "dossier/b", HOME, c.version()), "fix");
        JsonNode page = body(f.get("/api/v1/audit?entityType=client&entityId=" + c.id() + "&limit=1",
                AccountRole.AUDITOR));
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("action").asText()).isEqualTo("CLIENT_CREATED");
        JsonNode next = body(f.get(page.get("next").asText(), AccountRole.AUDITOR));
        assertThat(next.get("items").get(0).get("action").asText()).isEqualTo("CLIENT_UPDATED");
        assertThat(f.get("/api/v1/audit?action=NOPE", AccountRole.AUDITOR).statusCode()).isEqualTo(400);
        assertThat(body(f.get("/api/v1/audit/verify", AccountRole.AUDITOR)).get("ok").asBoolean()).isTrue();
    }

    @Test
    void issuedTokensWorkOnceShownAndCanBeRevoked() throws Exception {
        long accountId = f.accounts.accounts().get(0).id();
        JsonNode issued = body(f.send("POST", "/api/v1/accounts/" + accountId + "/tokens", it(),
                "{\"label\":\"laptop\"}", Map.of()));
        String secret = issued.get("secret").asText();
        assertThat(secret).startsWith("vgn_");
        assertThat(f.send("GET", "/api/v1/accounts/" + accountId + "/tokens", it(), null, Map.of()).body())
                .doesNotContain(secret);
    }

    @Test
    void theOpenApiDocumentCoversEveryRegisteredRoute() throws Exception {
        JsonNode doc = body(f.send("GET", "/api/v1/openapi.json", null, null, Map.of()));
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        Set<String> documented = new HashSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
        Set<String> registered = new HashSet<>();
        // routes only: not the before/after handlers that time every request (RequestMetrics)
        f.app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .filter(h -> h.getEndpoint().getMethod().isHttpMethod()).forEach(h -> registered.add(
                        h.getEndpoint().getMethod().name() + " " + h.getEndpoint().getPath()));
        assertThat(registered).hasSizeGreaterThan(30)
                .as("the whole app, as the launcher builds it: pages and the IGJ report too")
                .contains("GET /", "POST /login", "GET /review", "POST /review/registrations/{id}/phase-out",
                        "GET " + WzdReportEndpoints.PATH);
        assertThat(documented).containsAll(registered);
        assertThat(doc.get("paths").get(WzdReportEndpoints.PATH).get("get").get("parameters")
                .findValuesAsText("name")).contains("period", "from", "to", "format", "separator", "table");
        assertThat(documented).containsExactlyInAnyOrderElementsOf(f.routes.endpoints().stream()
                .map(RouteTable::key).toList());
        JsonNode check = doc.get("paths").get("/api/v1/check").get("get");
        assertThat(check.get("parameters").findValuesAsText("name")).contains("client", "host", "at");
        assertThat(check.get("responses").has("401")).isTrue();
        JsonNode put = doc.get("paths").get("/api/v1/registrations/{id}").get("put");
        assertThat(put.get("parameters").findValuesAsText("name")).contains("id", "If-Match");
        assertThat(put.get("responses").fieldNames()).toIterable().contains("200", "412", "428", "422");
        assertThat(doc.get("components").get("securitySchemes").get("bearer").get("scheme").asText())
                .isEqualTo("bearer");
        doc.findValuesAsText("$ref").forEach(ref -> {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            assertThat(doc.get("components").get("schemas").has(name)).as(ref).isTrue();
        });
        assertThat(doc.get("components").get("schemas").toString()).contains("\"phaseOut\"", "\"afterSeq\"".isEmpty()
                ? "" : "\"items\"");
    }

    @Test
    void theDocsPageServesSwaggerUiFromTheClasspath() throws Exception {
        HttpResponse<String> page = f.send("GET", "/api/v1/docs", null, null, Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/api/v1/docs/assets/swagger-ui-bundle.js", "/api/v1/openapi.json")
                .doesNotContain("https://");
        HttpResponse<String> script = f.send("GET", "/api/v1/docs/assets/swagger-ui-bundle.js", null, null,
                Map.of());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body().length()).isGreaterThan(100_000);
    }
}
