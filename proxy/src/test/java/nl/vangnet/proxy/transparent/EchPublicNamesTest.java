package nl.vangnet.proxy.transparent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled list and operator list files: format, and a clear message naming file and line for bad lines. */
class EchPublicNamesTest {
    @TempDir
    Path dir;

    @Test
    void defaultsContainCloudflare() {
        assertThat(EchPublicNames.defaults()).contains("cloudflare-ech.com")
                .allSatisfy(EchPublicNames::requireValid);
    }

    @Test
    void readsNamesSkippingCommentsAndBlankLines() throws IOException {
        Path file = write("""
                # front-ends
                cloudflare-ech.com

                   \t
                ech.example.net   # trailing comment
                  padded.example.org \t
                #commented.example.com
                cloudflare-ech.com
                """);
        assertThat(EchPublicNames.read(file))
                .containsExactlyInAnyOrder("cloudflare-ech.com", "ech.example.net", "padded.example.org");
    }

    @Test
    void anEmptyFileOrOnlyCommentsIsAnEmptySet() throws IOException {
        assertThat(EchPublicNames.read(write(""))).isEmpty();
        assertThat(EchPublicNames.read(write("# nothing\n\n#\n"))).isEmpty();
    }

    @Test
    void theSetIsImmutable() throws IOException {
        var names = EchPublicNames.read(write("a.example\n"));
        assertThatThrownBy(() -> names.add("b.example")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "Cloudflare-ECH.com        | not a DNS name: 'Cloudflare-ECH.com' (names must be lower case); expected e.g. cloudflare-ech.com",
            "cloudflare-ech.com.       | not a DNS name: 'cloudflare-ech.com.'; expected e.g. cloudflare-ech.com",
            "localhost                 | not a DNS name: 'localhost'; expected e.g. cloudflare-ech.com",
            "a b.example               | not a DNS name: 'a b.example'; expected e.g. cloudflare-ech.com",
            "*.example.com             | not a DNS name: '*.example.com'; expected e.g. cloudflare-ech.com",
            "-bad.example              | not a DNS name: '-bad.example'; expected e.g. cloudflare-ech.com",
            "bad-.example              | not a DNS name: 'bad-.example'; expected e.g. cloudflare-ech.com",
            "127.0.0.1                 | not a DNS name: '127.0.0.1'; expected e.g. cloudflare-ech.com",
            "b\u00fccher.example       | not a DNS name: 'b\u00fccher.example'; expected e.g. cloudflare-ech.com"})
    void badLinesNameTheFileAndLine(String bad, String message) throws IOException {
        Path file = write("# list\n\nok.example\n" + bad + "\n");
        assertThatThrownBy(() -> EchPublicNames.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " line 4: " + message);
    }

    @ParameterizedTest(name = "label of {0} characters -> accepted {1}")
    @CsvSource({"63, true", "64, false"})
    void labelLength(int length, boolean accepted) throws IOException {
        Path file = write("a".repeat(length) + ".example\n");
        if (accepted) {
            assertThat(EchPublicNames.read(file)).hasSize(1);
        } else {
            assertThatThrownBy(() -> EchPublicNames.read(file)).hasMessageStartingWith(file + " line 1: ");
        }
    }

    @Test
    void aMissingFileIsAnIoException() {
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> EchPublicNames.read(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining("missing.txt");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "ech", ".txt"), text, StandardCharsets.UTF_8);
    }
}
