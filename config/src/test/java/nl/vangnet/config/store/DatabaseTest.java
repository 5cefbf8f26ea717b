package nl.vangnet.config.store;

import nl.vangnet.config.policy.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseTest {

    @ParameterizedTest
    @CsvSource({
        "jdbc:h2:file:/var/lib/vangnet/db, H2",
        "jdbc:h2:mem:x, H2",
        "JDBC:H2:mem:x, H2",
        "jdbc:postgresql://db.example:5432/vangnet, POSTGRESQL",
        "' jdbc:postgresql:vangnet', POSTGRESQL"
    })
    void theDialectFollowsTheUrl(String url, Database.Dialect dialect) {
        assertThat(Database.Dialect.of(url)).isEqualTo(dialect);
    }

    @ParameterizedTest
    @CsvSource({"jdbc:mysql://localhost/x", "jdbc:sqlite:x.db", "postgresql://localhost/x", "''"})
    void otherUrlsAreRefused(String url) {
        assertThatThrownBy(() -> Database.Dialect.of(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported JDBC URL");
        assertThatThrownBy(() -> Database.open(url, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theH2UrlsUsePostgresModeWithLowerCaseNames(@TempDir Path dir) {
        assertThat(Database.h2File(dir.resolve("vangnet"))).isEqualTo("jdbc:h2:file:" + dir.resolve("vangnet")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        assertThat(Database.h2Memory("t")).isEqualTo(
                "jdbc:h2:mem:t;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @Test
    void openMigratesTheSchemaAndConnectionsStartWithoutAutoCommit(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(Database.h2File(dir.resolve("vangnet")), null, null)) {
            assertThat(db.dialect()).isEqualTo(Database.Dialect.H2);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                assertThat(c.getAutoCommit()).isFalse();
                assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
                assertThat(tables(s)).contains("client", "device", "device_address", "profile", "registration",
                        "registration_profile", "evaluation", "registration_applied_state", "audit_event",
                        "audit_head");
                try (ResultSet rs = s.executeQuery("SELECT last_seq, last_hash FROM audit_head")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isZero();
                    assertThat(rs.getString(2)).isEqualTo("0".repeat(64));
                }
            }
        }
    }

    @Test
    void theFileDatabaseKeepsItsDataAcrossReopeningWithoutMigratingAgain(@TempDir Path dir) {
        String url = Database.h2File(dir.resolve("vangnet"));
        MutableClock clock = new MutableClock(Instant.parse("2026-01-15T09:00:00Z"), Limits.AMSTERDAM);
        try (Database db = Database.open(url, "sa", "")) {
            new JdbcStore(db, new ModelValidator(Limits.DEFAULTS), clock)
                    .createClient(new Actor("it", "IT_ADMIN"), Fixtures.client("C-1"), null);
        }

        try (Database db = Database.open(url, "sa", "")) {
            JdbcStore store = new JdbcStore(db, new ModelValidator(Limits.DEFAULTS), clock);
            assertThat(store.clients()).extracting(c -> c.code()).containsExactly("C-1");
            assertThat(store.dataVersion()).isEqualTo(1);
            assertThat(store.verifyAudit().ok()).isTrue();
        }
        assertThat(dir.resolve("vangnet.mv.db")).exists();
    }

    private static List<String> tables(Statement s) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
