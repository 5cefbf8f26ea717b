package nl.vangnet.config.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link ChangeListener}'s arguments and life cycle without a database (the PostgreSQL side: its own test). */
final class ChangeListenerTest {
    private static final ChangeListener.Handler IGNORE = new ChangeListener.Handler() {
        @Override
        public boolean changed(long dataVersion) {
            return false;
        }

        @Override
        public void listening() {
        }
    };

    @ParameterizedTest(name = "min {0}, max {1}")
    @CsvSource({"PT0S, PT1S, minBackoff must be positive", "PT-1S, PT1S, minBackoff must be positive",
            "PT2S, PT1S, must not be shorter than minBackoff"})
    void badBackoffsAreRefused(Duration min, Duration max, String message) {
        assertThatThrownBy(() -> new ChangeListener(() -> null, IGNORE, ChangeListener.Metrics.NONE, min, max))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void startsOnceAndNotAfterClose() {
        ChangeListener twice = new ChangeListener(() -> {
            throw new java.sql.SQLException("no database here");
        }, IGNORE, ChangeListener.Metrics.NONE, Duration.ofMillis(10), Duration.ofMillis(10));
        twice.start();
        assertThatThrownBy(twice::start).isInstanceOf(IllegalStateException.class).hasMessage("already started");
        assertThat(twice.listening()).isFalse();
        twice.close();
        twice.close();

        ChangeListener closed = new ChangeListener(() -> null, IGNORE, ChangeListener.Metrics.NONE,
                Duration.ofMillis(10), Duration.ofMillis(10));
        closed.close();
        assertThatThrownBy(closed::start).isInstanceOf(IllegalStateException.class).hasMessage("closed");
    }

    @ParameterizedTest
    @EnumSource(ChangeListener.Result.class)
    void resultLabelsAreLowerCaseNames(ChangeListener.Result r) {
        assertThat(r.label()).isEqualTo(r.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void theH2DatabaseRunsOnlyTheSharedMigrationsAndPostgresAlsoItsOwn() {
        assertThat(Database.migrationLocations(Database.Dialect.H2)).containsExactly("classpath:db/migration");
        assertThat(Database.migrationLocations(Database.Dialect.POSTGRESQL))
                .containsExactly("classpath:db/migration", "classpath:db/postgresql");
    }
}
