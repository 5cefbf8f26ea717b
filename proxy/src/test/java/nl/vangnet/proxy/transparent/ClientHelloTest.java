package nl.vangnet.proxy.transparent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientHelloTest {

    @ParameterizedTest
    @CsvSource({
            "TLSv1.3, www.example.org, 772",
            "TLSv1.2, casino.example, 771",
            "TLSv1.3, xn--bcher-kva.example, 772"})
    void readsTheJdksHello(String protocol, String sni, int version) throws Exception {
        ClientHello hello = ClientHello.parse(Unpooled.wrappedBuffer(Hellos.body(Hellos.jdk(protocol, sni))));
        assertThat(hello.sni()).isEqualTo(sni);
        assertThat(hello.ech()).isFalse();
        assertThat(hello.legacyVersion()).isEqualTo(0x0303);
        assertThat(hello.supportedVersions()).contains(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void withoutSni(String protocol) throws Exception {
        assertThat(ClientHello.parse(Unpooled.wrappedBuffer(Hellos.body(Hellos.jdk(protocol, null)))).sni())
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8})
    void seesTheEchExtension(int length) throws Exception {
        byte[] record = Hellos.withExtension(Hellos.jdk("TLSv1.3", "cloudflare-ech.com"),
                ClientHello.ENCRYPTED_CLIENT_HELLO, new byte[length]);
        ClientHello hello = ClientHello.parse(Unpooled.wrappedBuffer(Hellos.body(record)));
        assertThat(hello.ech()).isTrue();
        assertThat(hello.sni()).isEqualTo("cloudflare-ech.com");
    }

    /** Every truncation of a real hello is refused (never an out-of-bounds read, never a wrong answer). */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void everyTruncationIsMalformed(String protocol) throws Exception {
        byte[] body = Hellos.body(Hellos.jdk(protocol, "www.example.org"));
        for (int n = 0; n < body.length; n++) {
            byte[] cut = Arrays.copyOf(body, n);
            // a hello cut right after the compression methods is a valid extension-less hello
            boolean extensionless = false;
            try {
                ClientHello hello = ClientHello.parse(Unpooled.wrappedBuffer(cut));
                extensionless = hello.sni() == null && hello.supportedVersions().isEmpty();
            } catch (ClientHello.MalformedClientHelloException e) {
                continue;
            }
            assertThat(extensionless).as("truncated at %d", n).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "duplicate extension",
            "trailing byte",
            "bad host"})
    void malformedVariants(String what) throws Exception {
        byte[] record = Hellos.jdk("TLSv1.3", "www.example.org");
        byte[] bad = switch (what) {
            case "duplicate extension" -> Hellos.body(Hellos.withExtension(record, ClientHello.SUPPORTED_VERSIONS,
                    new byte[] {2, 3, 4}));
            case "trailing byte" -> Arrays.copyOf(Hellos.body(record), Hellos.body(record).length + 1);
            default -> Hellos.body(Hellos.withExtension(Hellos.jdk("TLSv1.3", null), ClientHello.SERVER_NAME,
                    new byte[] {0, 6, 0, 0, 3, 'a', '/', 'b'}));
        };
        assertThatThrownBy(() -> ClientHello.parse(Unpooled.wrappedBuffer(bad)))
                .isInstanceOf(ClientHello.MalformedClientHelloException.class)
                .hasMessageStartingWith("malformed ClientHello: ");
    }
}
