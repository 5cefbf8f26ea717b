package nl.vangnet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The configuration reference in the README and the example file must list every setting, with its default. */
class SettingsDocumentationTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @ParameterizedTest
    @EnumSource(Setting.class)
    void readmeDocumentsEverySettingWithItsEnvironmentVariableAndDefault(Setting s) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String row = readme.lines().filter(l -> l.startsWith("| `" + s.key() + "` |")).findFirst().orElse("");
        assertThat(row).as("README row for " + s.key()).contains("`" + s.environmentVariable() + "`");
        assertThat(row).contains(s.defaultValue().isEmpty() ? "*(empty)*" : "`" + s.defaultValue() + "`");
    }

    @Test
    void exampleFileHasEveryKeyWithItsDefaultAndLoads() throws IOException {
        Path file = ROOT.resolve("config/vangnet.properties");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        long families = 0;
        for (Setting s : Setting.values()) {
            if (s.isFamily()) {
                families++;
                assertThat(Files.readString(file)).as(s.key()).contains("#   " + s.familyPrefix());
            } else {
                assertThat(p.getProperty(s.key())).as(s.key()).isEqualTo(s.defaultValue());
            }
        }
        assertThat(p.stringPropertyNames()).hasSize(Setting.values().length - (int) families);
        assertThat(SettingsLoader.load(file, Map.of(), Map.of()))
                .isEqualTo(SettingsLoader.load(null, Map.of(), Map.of()));
    }
}
