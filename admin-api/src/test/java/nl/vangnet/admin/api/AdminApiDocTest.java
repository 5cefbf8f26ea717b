package nl.vangnet.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.admin.http.RouteTable;
import org.junit.jupiter.api.Test;

/** docs/admin-api.md's route table says exactly what the route table declares (route, roles, success status). */
class AdminApiDocTest {
    static String row(Endpoint e) {
        String roles = e.isPublic() ? "public" : e.roles().stream().map(Enum::name).sorted()
                .collect(Collectors.joining(", "));
        return "| `" + RouteTable.key(e) + "` | " + roles + " | " + e.status() + " |";
    }

    @Test
    void theRolesTableMatchesTheRouteTable() throws Exception {
        List<String> expected;
        try (ApiFixture f = new ApiFixture()) {
            expected = f.routes.endpoints().stream().map(AdminApiDocTest::row).toList();
        }
        String doc = Files.readString(Path.of("..", "docs", "admin-api.md"));
        List<String> documented = doc.lines().filter(l -> l.matches("\\| `[A-Z]+ /.*")).toList();
        assertThat(documented).as("docs/admin-api.md rows; expected:\n" + String.join("\n", expected))
                .containsExactlyElementsOf(expected);
    }
}
