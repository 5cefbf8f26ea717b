package nl.vangnet.config.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The canonical form and chain hash that docs/audit.md specifies. The expected values were computed independently
 * with Python: {@code json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False)} and
 * {@code hashlib.sha256(prev_hash.encode("ascii") + canonical.encode("utf-8")).hexdigest()}.
 */
class AuditLogCanonicalFormTest {
    private static final Instant AT = Instant.parse("2026-01-15T09:00:00.123456789Z");
    private static final String REASON = "verhuisd naar \"Het Anker\"\n\tcliënt ✓ \u0001\\";

    @Test
    void theCanonicalFormIsSortedCompactJsonWithMicrosecondUtcTime() {
        String canonical = AuditLog.canonicalForm(7, AT, "pb-17", "PERSOONLIJK_BEGELEIDER", "CLIENT_UPDATED", "client",
                42, "{\"code\":\"C-1\"}", "{\"code\":\"C-1\",\"location\":\"Het Anker\"}", REASON);

        assertThat(canonical).isEqualTo("{\"action\":\"CLIENT_UPDATED\",\"actorAccount\":\"pb-17\","
                + "\"actorRole\":\"PERSOONLIJK_BEGELEIDER\","
                + "\"after\":\"{\\\"code\\\":\\\"C-1\\\",\\\"location\\\":\\\"Het Anker\\\"}\","
                + "\"at\":\"2026-01-15T09:00:00.123456Z\",\"before\":\"{\\\"code\\\":\\\"C-1\\\"}\",\"entityId\":42,"
                + "\"entityType\":\"client\","
                + "\"reason\":\"verhuisd naar \\\"Het Anker\\\"\\n\\tcliënt ✓ \\u0001\\\\\",\"seq\":7}");
        assertThat(AuditLog.chainHash("ab".repeat(32), canonical))
                .isEqualTo("e92b75e14a9ab6111555ab0a51050e9f628f45b0994d8aea0fbb7bc77f5f0ffc");
    }

    @Test
    void missingValuesAreJsonNull() {
        String canonical = AuditLog.canonicalForm(7, AT, "pb-17", "PERSOONLIJK_BEGELEIDER", "CLIENT_UPDATED", "client",
                42, null, "{\"code\":\"C-1\",\"location\":\"Het Anker\"}", null);

        assertThat(canonical).contains("\"before\":null", "\"reason\":null");
        assertThat(AuditLog.chainHash(AuditLog.GENESIS_HASH, canonical))
                .isEqualTo("492727fa7b8e6d1c780a8a04789e6097f63afba55505b9f2c70c7074d3cd42f7");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-01-15T09:00:00Z               | 2026-01-15T09:00:00.000000Z",
        "2026-01-15T09:00:00.5Z             | 2026-01-15T09:00:00.500000Z",
        "2026-01-15T09:00:00.123456999Z     | 2026-01-15T09:00:00.123456Z",
        "2026-03-29T01:30:00.000001Z        | 2026-03-29T01:30:00.000001Z"
    })
    void timesAreWrittenInUtcWithExactlySixFractionDigitsAfterTruncation(String at, String written) {
        String canonical = AuditLog.canonicalForm(1, Instant.parse(at), "a", "r", "CLIENT_CREATED", "client", 1,
                null, null, null);

        assertThat(canonical).contains("\"at\":\"" + written + "\"");
        assertThat(AuditLog.truncate(Instant.parse(at))).isEqualTo(Instant.parse(written));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`\"`       | `\\\"`",
        "`\\`       | `\\\\`",
        "`\n`       | `\\n`",
        "`\r`       | `\\r`",
        "`\t`       | `\\t`",
        "`\b`       | `\\b`",
        "`\f`       | `\\f`",
        "`\u001f`   | `\\u001f`",
        "`/`        | `/`",
        "`é`        | `é`",
        "`\u2028`   | `\u2028`"
    })
    void stringsEscapeExactlyWhatJsonRequires(String raw, String escaped) {
        String canonical = AuditLog.canonicalForm(1, AT, "a", "r", "CLIENT_CREATED", "client", 1, null, null, raw);

        assertThat(canonical).contains("\"reason\":\"" + escaped + "\"");
    }

    @Test
    void everyFieldTakesPartInTheHash() {
        String base = AuditLog.canonicalForm(1, AT, "a", "r", "CLIENT_CREATED", "client", 1, "b", "c", "d");
        String[] variants = {
            AuditLog.canonicalForm(2, AT, "a", "r", "CLIENT_CREATED", "client", 1, "b", "c", "d"),
            AuditLog.canonicalForm(1, AT.plusMillis(1), "a", "r", "CLIENT_CREATED", "client", 1, "b", "c", "d"),
            AuditLog.canonicalForm(1, AT, "x", "r", "CLIENT_CREATED", "client", 1, "b", "c", "d"),
            AuditLog.canonicalForm(1, AT, "a", "x", "CLIENT_CREATED", "client", 1, "b", "c", "d"),
            AuditLog.canonicalForm(1, AT, "a", "r", "CLIENT_DELETED", "client", 1, "b", "c", "d"),
            AuditLog.canonicalForm(1, AT, "a", "r", "CLIENT_CREATED", "device", 1, "b", "c", "d"),
            AuditLog.canonicalForm(1, AT, "a", "r", "CLIENT_CREATED", "client", 2, "b", "c", "d"),
            AuditLog.canonicalForm(1, AT, "a", "r", "CLIENT_CREATED", "client", 1, null, "c", "d"),
            AuditLog.canonicalForm(1, AT, "a", "r", "CLIENT_CREATED", "client", 1, "b", "x", "d"),
            AuditLog.canonicalForm(1, AT, "a", "r", "CLIENT_CREATED", "client", 1, "b", "c", "x"),
        };
        String hash = AuditLog.chainHash(AuditLog.GENESIS_HASH, base);

        for (String variant : variants) {
            assertThat(AuditLog.chainHash(AuditLog.GENESIS_HASH, variant)).isNotEqualTo(hash);
        }
        assertThat(AuditLog.chainHash("1".repeat(64), base)).isNotEqualTo(hash);
        assertThat(hash).hasSize(64).matches("[0-9a-f]{64}");
    }
}
