package nl.vangnet.app.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestrictedMembersTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "192.168.77.10, 192.168.77.10",
        "2001:db8:0:0:0:0:0:1, 2001:db8::1",
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:DB8:AB:CD:0:0:0:0, 2001:db8:ab:cd::"})
    void literalsAreTheShortForm(String address, String expected) throws UnknownHostException {
        assertThat(RestrictedMembers.literal(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "02:00:5E:10:00:01, 02:00:5e:10:00:01",
        "02-00-5e-10-00-01, 02:00:5e:10:00:01",
        "02005e100001, 02:00:5e:10:00:01",
        "' aa:bb:cc:dd:ee:ff ', aa:bb:cc:dd:ee:ff",
        "02:00:5e:10:00, ''",
        "02:00:5e-10:00:01, ''",
        "zz:00:5e:10:00:01, ''"})
    void macsAreLowerCasedWithColonsOrRejected(String mac, String expected) {
        assertThat(RestrictedMembers.mac(mac).orElse("")).isEqualTo(expected);
    }

    @Test
    void setsAreSortedAndDistinctSoEqualityIsSetEquality() {
        RestrictedMembers a = new RestrictedMembers(List.of("10.0.0.2", "10.0.0.1", "10.0.0.1"), List.of(),
                List.of("aa:bb:cc:dd:ee:ff"));
        RestrictedMembers b = new RestrictedMembers(List.of("10.0.0.1", "10.0.0.2"), List.of(),
                List.of("aa:bb:cc:dd:ee:ff"));
        assertThat(a).isEqualTo(b);
        assertThat(a.v4()).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(a.size()).isEqualTo(3);
        assertThat(RestrictedMembers.NONE.isEmpty()).isTrue();
    }
}
