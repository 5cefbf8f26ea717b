package nl.vangnet.config.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docs/audit.md has a row in its table of actions for every {@link AuditAction}. */
final class AuditActionsDocumentedTest {
    private static final Path DOC = Path.of("..", "docs", "audit.md");

    @ParameterizedTest
    @EnumSource(AuditAction.class)
    void everyActionHasARowInTheAuditDoc(AuditAction action) throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);

        assertThat(doc).as("docs/audit.md row for " + action)
                .containsPattern(Pattern.compile("(?m)^\\| `" + action.name() + "` \\| [^|]+\\|"));
    }
}
