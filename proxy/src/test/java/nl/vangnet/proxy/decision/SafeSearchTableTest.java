package nl.vangnet.proxy.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SafeSearchTableTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "www.google.com, forcesafesearch.google.com",
        "www.google.nl, forcesafesearch.google.com",
        "www.google.be, forcesafesearch.google.com",
        "www.google.de, forcesafesearch.google.com",
        "www.google.fr, forcesafesearch.google.com",
        "www.google.co.uk, forcesafesearch.google.com",
        "www.google.es, forcesafesearch.google.com",
        "www.google.it, forcesafesearch.google.com",
        "www.google.pl, forcesafesearch.google.com",
        "www.google.com.tr, forcesafesearch.google.com",
        "www.google.co.ma, forcesafesearch.google.com",
        "www.youtube.com, restrict.youtube.com",
        "m.youtube.com, restrict.youtube.com",
        "youtubei.googleapis.com, restrict.youtube.com",
        "youtube.googleapis.com, restrict.youtube.com",
        "www.youtube-nocookie.com, restrict.youtube.com",
        "www.bing.com, strict.bing.com",
        "duckduckgo.com, safe.duckduckgo.com",
        "www.duckduckgo.com, safe.duckduckgo.com",
    })
    void defaultTableHasTheSearchEngines(String host, String enforced) {
        assertThat(SafeSearchTable.defaults().enforcedHost(host)).isEqualTo(enforced);
    }

    @Test
    void defaultTableOnlyPointsAtTheEnforcedHostsAndMatchesExactly() {
        SafeSearchTable table = SafeSearchTable.defaults();
        assertThat(table.size()).isGreaterThan(180);
        assertThat(Set.copyOf(table.entries().values())).containsExactlyInAnyOrder("forcesafesearch.google.com",
                "restrict.youtube.com", "strict.bing.com", "safe.duckduckgo.com");
        assertThat(table.enforcedHost("google.com")).isNull();
        assertThat(table.enforcedHost("a.www.google.com")).isNull();
        assertThat(table.enforcedHost("forcesafesearch.google.com")).isNull();
        assertThat(table.enforcedHost("www.example.com")).isNull();
    }

    @Test
    void parsesCommentsBlankLinesCaseAndLineEndings() {
        SafeSearchTable t = SafeSearchTable.parse("# test table\r\n\r\n  WWW.Search.Test.\tLocalhost  # stand-in\r\n"
                + "zoek.test 127.0.0.1\nvind.test [::1]\n", "test");
        assertThat(t.entries()).containsExactly(
                java.util.Map.entry("www.search.test", "localhost"),
                java.util.Map.entry("zoek.test", "127.0.0.1"),
                java.util.Map.entry("vind.test", "::1"));
        assertThat(SafeSearchTable.parse("", "empty").size()).isZero();
        assertThat(SafeSearchTable.empty().enforcedHost("www.google.com")).isNull();
    }

    @Test
    void loadsFromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("safesearch.txt");
        Files.writeString(file, "www.zoeken.test  127.0.0.1\n", StandardCharsets.UTF_8);
        assertThat(SafeSearchTable.load(file).enforcedHost("www.zoeken.test")).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> SafeSearchTable.load(dir.resolve("missing.txt")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void malformedFileNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.txt");
        Files.writeString(file, "# ok\nwww.google.com forcesafesearch.google.com\nwww.bing.com\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SafeSearchTable.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SafeSearch table " + file + " line 3: expected two names, 'host enforced-host', but"
                        + " found 1: 'www.bing.com'");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("www.bing.com\n", "line 1: expected two names, 'host enforced-host', but found 1:"
                        + " 'www.bing.com'"),
                Arguments.of("\n\na b c\n", "line 3: expected two names, 'host enforced-host', but found 3: 'a b c'"),
                Arguments.of("www.exa_mple.com safe.example\n", "line 1: host 'www.exa_mple.com' is not a host name:"
                        + " only letters, digits, '-' and '.' are allowed"),
                Arguments.of("www.example.com safe..example\n", "line 1: enforced host 'safe..example' has an empty"
                        + " label"),
                Arguments.of("www.example.com -safe.example\n", "line 1: enforced host '-safe.example' has a label"
                        + " that starts or ends with '-'"),
                Arguments.of("www.example.com 1.2.3\n", "line 1: enforced host '1.2.3' is neither an IP address"
                        + " nor a host name"),
                Arguments.of("www.example.com " + "a".repeat(64) + ".example\n", "line 1: enforced host '"
                        + "a".repeat(64) + ".example' has a label longer than 63 characters"),
                Arguments.of("www.example.com example.com:443\n", "line 1: enforced host 'example.com:443' is not a"
                        + " host name: only letters, digits, '-' and '.' are allowed"),
                Arguments.of("a.example b.example\nA.Example. c.example\n", "line 2: 'a.example' is listed twice"
                        + " (first on line 1)"),
                Arguments.of("www.example.com WWW.example.com.\n", "line 1: 'www.example.com' is rerouted to"
                        + " itself"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void malformedLinesAreClearErrors(String text, String message) {
        assertThatThrownBy(() -> SafeSearchTable.parse(text, "t.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SafeSearch table t.txt " + message);
    }
}
