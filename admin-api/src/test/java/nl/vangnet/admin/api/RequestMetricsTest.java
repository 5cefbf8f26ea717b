package nl.vangnet.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import nl.vangnet.admin.AdminApp;
import nl.vangnet.admin.RequestMetrics;
import nl.vangnet.config.model.AccountRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every request reaches the {@link RequestMetrics} once, labelled with the endpoint's path template (never the
 * requested path) and the final status — also when access is refused or a handler fails.
 */
class RequestMetricsTest {
    private static ApiFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ApiFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> {3} {4}")
    @CsvSource(nullValues = "-", value = {
        "GET,    /health,                               -,                 /health,                     200",
        "GET,    /metrics,                              -,                 /metrics,                    200",
        "GET,    /api/v1/clients/4711,                  -,                 /api/v1/clients/{id},        401",
        "GET,    /api/v1/clients/4711,                  AUDITOR,           /api/v1/clients/{id},        403",
        "GET,    /api/v1/clients/4711,                  IT_ADMIN,          /api/v1/clients/{id},        404",
        "GET,    /api/v1/clients/abc,                   IT_ADMIN,          /api/v1/clients/{id},        400",
        "POST,   /api/v1/clients,                       CARE_PROFESSIONAL, /api/v1/clients,             422",
        "GET,    /api/v1/clients,                       IT_ADMIN,          /api/v1/clients,             200",
        "GET,    /api/v1/no-such-thing/4711,            IT_ADMIN,          unmatched,                   404",
        "DELETE, /health,                               -,                 unmatched,                   405",
        "GET,    /api/v1/docs/assets/swagger-ui.css,    -,                 /api/v1/docs/assets/*,       200",
        "GET,    /api/v1/docs/assets/no-such-file.css,  -,                 /api/v1/docs/assets/*,       404",
    })
    void everyRequestIsReportedByRouteTemplateAndFinalStatus(String method, String path, AccountRole role,
            String route, int status) throws Exception {
        f.requests.clear();
        HttpResponse<String> response = f.send(method, path, role == null ? null : f.tokens.get(role),
                method.equals("POST") ? "{}" : null, Map.of());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(awaitOne()).isEqualTo(method + " " + route + " " + status);
    }

    @Test
    void unmatchedAndAssetRoutesAreTheConstants() {
        assertThat(RequestMetrics.UNMATCHED).isEqualTo("unmatched");
        assertThat(AdminApp.DOCS_ASSETS_ROUTE).isEqualTo(AdminApp.DOCS_PATH + "/assets/*");
    }

    @ParameterizedTest
    @CsvSource({"200, 200", "404, 404", "599, 599", "100, 100", "99, other", "600, other", "0, other", "-1, other"})
    void statusLabelsAreABoundedSet(int status, String label) {
        assertThat(RequestMetrics.statusLabel(status)).isEqualTo(label);
    }

    /** The report is made before the response is sent; it is there once the client has the response. */
    private static String awaitOne() throws InterruptedException {
        for (int i = 0; i < 100 && f.requests.isEmpty(); i++) {
            Thread.sleep(10);
        }
        List<String> seen = List.copyOf(f.requests);
        assertThat(seen).hasSize(1);
        return seen.get(0);
    }
}
