package nl.vangnet.admin.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
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
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ValidationException;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link WzdReportEndpoints} through a minimal test-only registration on Javalin (loopback, port 0): the route
 * table's own frame does authentication and problem details in the app; here every request runs as an auditor and
 * a {@link ValidationException} becomes a 400 problem naming the query parameter, as the frame is to do.
 */
final class WzdReportEndpointsTest {
    private static final Clock CLOCK = Clock.fixed(ReportData.NOW, ZoneOffset.UTC);
    private static final ObjectMapper JSON = AdminApp.jsonMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;

    @BeforeEach
    void start() {
        List<Endpoint> endpoints = WzdReportEndpoints.endpoints(() -> ReportData.data(true), Limits.DEFAULTS, CLOCK);
        Principal auditor = new Principal(3, "auditor", AccountRole.AUDITOR, null);
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(JSON, false));
        });
        for (Endpoint e : endpoints) {
            app.addHttpHandler(e.method(), e.path(), ctx -> e.handler().handle(ctx, auditor));
        }
        app.exception(ValidationException.class, (e, ctx) -> ctx.status(400).contentType("application/problem+json")
                .result(JSON.createObjectNode().put("title", "Bad request").put("status", 400)
                        .set("errors", JSON.valueToTree(e.problems())).toString()));
        app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<byte[]> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + WzdReportEndpoints.PATH + "?" + query)).build(), HttpResponse.BodyHandlers.ofByteArray());
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
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode errors = JSON.readTree(r.body()).at("/errors");
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
