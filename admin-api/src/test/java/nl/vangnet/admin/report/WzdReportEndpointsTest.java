package nl.vangnet.admin.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.vangnet.admin.AdminApp;
import nl.vangnet.admin.AdminContext;
import nl.vangnet.admin.http.Access;
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.admin.http.TokenAuthenticator;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.policy.SnapshotPublisher;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.store.Database;
import nl.vangnet.config.store.JdbcStore;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link WzdReportEndpoints} in the real admin app ({@link AdminApp#create}, loopback, port 0): every request runs
 * as an auditor with a bearer token of the JDBC store's account, and bad parameters are refused by the endpoint as
 * 400 problems whose field errors name the query parameter.
 */
final class WzdReportEndpointsTest {
    private static final Clock CLOCK = Clock.fixed(ReportData.NOW, ZoneOffset.UTC);
    private static final ObjectMapper JSON = AdminApp.jsonMapper();
    private static final Actor SETUP = new Actor("setup", "IT_ADMIN");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Database database;
    private static SnapshotPublisher publisher;
    private static String token;
    private static Javalin app;

    /** One app for the class: the export only reads. */
    @BeforeAll
    static void start() {
        database = Database.open(Database.h2Memory("report-" + System.nanoTime()), "", "");
        JdbcStore store = new JdbcStore(database, new ModelValidator(Limits.DEFAULTS), CLOCK);
        Account auditor = store.createAccount(SETUP, new Account(0, "auditor", AccountRole.AUDITOR, null, false, null,
                0), null);
        token = store.issueToken(SETUP, auditor.id(), "test", null, null).secret();
        publisher = new SnapshotPublisher(store::load, Limits.DEFAULTS, CLOCK);
        publisher.refresh();
        app = AdminApp.create(new AdminContext(store, store, publisher::current, CLOCK),
                new Access(new TokenAuthenticator(store, CLOCK), Access.NO_SESSIONS),
                WzdReportEndpoints.routes(() -> ReportData.data(true), Limits.DEFAULTS, CLOCK))
                .start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
        publisher.close();
        database.close();
    }

    private HttpResponse<byte[]> get(String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + WzdReportEndpoints.PATH + "?" + query)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theRoute() {
        Endpoint e = WzdReportEndpoints.endpoints(() -> ReportData.data(false), Limits.DEFAULTS, CLOCK).get(0);

        assertThat(e.method()).isEqualTo(HandlerType.GET);
        assertThat(e.path()).isEqualTo("/api/v1/reports/wzd");
        assertThat(e.roles()).isEqualTo(Set.of(AccountRole.AUDITOR, AccountRole.BEHAVIOURAL_EXPERT));
        assertThat(e.surface()).isEqualTo(Endpoint.Surface.API);
        assertThat(e.requestBody()).isNull();
        assertThat(e.responseBody()).isEqualTo(WzdReportResponse.class);
        assertThat(e.status()).isEqualTo(200);
    }

    @Test
    void json() throws Exception {
        HttpResponse<byte[]> r = get("period=2026H1");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        assertThat(r.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"vangnet-wzd-2026H1.json\"");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.at("/period").toString())
                .isEqualTo("{\"from\":\"2026-01-01\",\"to\":\"2026-06-30\",\"label\":\"2026H1\"}");
        assertThat(body.at("/zone").asText()).isEqualTo("Europe/Amsterdam");
        assertThat(body.at("/generatedAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(body.at("/rows")).hasSize(3);
        JsonNode first = body.at("/rows/1");
        assertThat(first.at("/clientCode").asText()).isEqualTo("=HYPERLINK(\"http://127.0.0.1/x\",\"klik\")");
        assertThat(first.at("/registrationId").asLong()).isEqualTo(10);
        assertThat(first.at("/basis").asText()).isEqualTo("WZD");
        assertThat(first.at("/measure").asText())
                .isEqualTo("beperking van het gebruik van communicatiemiddelen (internet)");
        assertThat(first.at("/start").asText()).isEqualTo("2026-01-05");
        assertThat(first.at("/end").asText()).isEqualTo("2026-12-31");
        assertThat(first.at("/endReason").asText()).isEqualTo("REGISTERED_END");
        assertThat(first.at("/evaluationDates").toString()).isEqualTo("[\"2026-04-01\"]");
        assertThat(first.at("/phaseOutSteps").toString())
                .isEqualTo("[{\"step\":1,\"from\":\"2026-03-01\",\"unrestricted\":false}]");
        assertThat(first.at("/evaluationOverdue").asBoolean()).isFalse();
        assertThat(body.at("/locations")).hasSize(3);
        assertThat(body.at("/total").toString()).isEqualTo("{\"registrations\":3,\"unforeseen\":1,"
                + "\"evaluationsHeld\":1,\"registrationsWithOverdueEvaluation\":2}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "period=2026H1&format=csv                          | , | vangnet-wzd-2026H1.csv           | 4",
            "period=2026H1&format=csv&separator=%3B            | ; | vangnet-wzd-2026H1.csv           | 4",
            "period=2026H1&format=csv&separator=%3B&table=locations | ; | vangnet-wzd-2026H1-locations.csv | 4",
            "from=2026-06-01&to=2026-06-30&format=csv          | , | vangnet-wzd-2026-06-01_2026-06-30.csv | 3",
            "period=2027H1&format=csv                          | , | vangnet-wzd-2027H1.csv           | 1",
    })
    void csv(String query, char separator, String fileName, int records) throws Exception {
        HttpResponse<byte[]> r = get(query.trim());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(WzdReportEndpoints.CSV_CONTENT_TYPE);
        assertThat(r.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"" + fileName + "\"");
        List<CSVRecord> parsed = WzdReportCsvTest.parse(r.body(), separator);
        assertThat(parsed).hasSize(records);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("\n=", separator + "=",
                separator + "+", separator + "@", separator + "-");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "format=csv                                | period",
            "period=2026H1&from=2026-01-01&to=2026-02-01 | period",
            "period=1H2026                             | period",
            "from=2026-01-01                           | to",
            "from=1-1-2026&to=2026-02-01               | from",
            "from=2026-01-01&to=2027-02-01             | to",
            "period=2026H1&format=xml                  | format",
            "period=2026H1&format=csv&separator=%7C    | separator",
            "period=2026H1&format=csv&table=devices    | table",
    })
    void badParameters(String query, String field) throws Exception {
        HttpResponse<byte[]> r = get(query.trim());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v.split(";")[0].strip())
                .isEqualTo("application/problem+json")); // the frame adds ";charset=utf-8"
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.at("/status").asInt()).isEqualTo(400);
        assertThat(problem.at("/type").asText()).isEqualTo("/api/v1/problems/bad-request");
        assertThat(problem.at("/instance").asText()).isEqualTo(WzdReportEndpoints.PATH);
        JsonNode errors = problem.at("/errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).at("/field").asText()).isEqualTo(field);
        assertThat(r.headers().firstValue("Content-Disposition")).isEmpty();
    }

    @Test
    void theJsonTotalsPerLocationMatchTheRows() throws Exception {
        JsonNode body = JSON.readTree(get("period=2026H1").body());

        Map<String, Integer> perLocation = new TreeMap<>();
        body.at("/rows").forEach(row -> perLocation.merge(row.at("/location").asText(), 1, Integer::sum));
        Map<String, Integer> totals = new TreeMap<>();
        body.at("/locations").forEach(t -> totals.put(t.at("/location").asText(), t.at("/registrations").asInt()));
        assertThat(totals).isEqualTo(perLocation);
    }
}
