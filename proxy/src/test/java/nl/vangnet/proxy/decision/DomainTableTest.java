package nl.vangnet.proxy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DomainTableTest {
    private static final DomainTable<String> TABLE = DomainTable.of(Map.of("example.com", "a", "b.example.com", "b",
            "10.0.0.1", "ip", "com", "tld", "::1", "v6", "2.3", "digits"));

    /** The suffixes {@link HostName#parent} walks through, nearest first. */
    private static List<String> byParent(String host) {
        List<String> out = new ArrayList<>();
        for (String d = host; d != null; d = HostName.parent(d)) {
            out.add(d);
        }
        return out;
    }

    private static List<String> byOffset(String host) {
        List<String> out = new ArrayList<>();
        long marks = DomainTable.marks(host);
        for (int off = 0; off >= 0; off = DomainTable.nextSuffix(host, off, marks)) {
            out.add(host.substring(off));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "com", "example.com", "a.b.example.com", "10.0.0.1", "a.10.0.0.1", "1.2.3",
        "x.1.2.3", "::1", "a.b::1", "fe80::1.2", "a..b", "a.b.", "..", "a.", "xn--bcher-kva.de", "a-1.2x.3"})
    void walksTheSameSuffixesAsHostNameParent(String host) {
        assertThat(byOffset(host)).isEqualTo(byParent(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "com", "example.com", "a.b.example.com", "10.0.0.1", "a.10.0.0.1", "1.2.3",
        "x.2.3", "::1", "a.b::1", "b.example.comx", "xample.com", "example.co"})
    void findsWhatAMapFindsForEverySuffix(String host) {
        Map<String, String> map = Map.of("example.com", "a", "b.example.com", "b", "10.0.0.1", "ip", "com", "tld",
                "::1", "v6", "2.3", "digits");
        for (int off = 0; off <= host.length(); off++) {
            assertThat(TABLE.get(host, off)).as("%s from %d", host, off).isEqualTo(map.get(host.substring(off)));
        }
    }
}
