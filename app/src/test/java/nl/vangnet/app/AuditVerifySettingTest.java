package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import nl.vangnet.config.rules.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code audit.verify-interval}: a duration, or 0 for off. */
class AuditVerifySettingTest {

    @Test
    void defaultIsHourly() {
        assertThat(SettingsLoader.load(null, Map.of(), Map.of()).auditVerifyInterval()).isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @CsvSource({"PT15M, 900", "P1D, 86400", "0, 0", "PT0S, 0"})
    void durationOrZeroForOff(String value, long seconds) {
        assertThat(SettingsLoader.load(null, Map.of("VANGNET_AUDIT_VERIFY_INTERVAL", value), Map.of())
                .auditVerifyInterval()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hourly", "-PT1H", "1h", "60"})
    void badValuesNameTheKey(String value) {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of("VANGNET_AUDIT_VERIFY_INTERVAL", value), Map.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.field()).isEqualTo("audit.verify-interval");
                            assertThat(p.message()).contains("0 for off", "'" + value + "'");
                        }));
    }
}
