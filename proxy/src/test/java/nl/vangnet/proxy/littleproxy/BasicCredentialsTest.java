package nl.vangnet.proxy.littleproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import nl.vangnet.proxy.decision.ProxyCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BasicCredentialsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Basic dGFibGV0LTc6Z2VoZWlt|tablet-7|geheim",
            "basic dGFibGV0LTc6Z2VoZWlt|tablet-7|geheim",
            "BASIC   dGFibGV0LTc6Z2VoZWlt  |tablet-7|geheim",
            "Basic dGFibGV0LTc6Z2U6aGVpbQ==|tablet-7|ge:heim",
            "Basic dGFibGV0LTc6|tablet-7|''",
            "Basic OmdlaGVpbQ==|''|geheim"
    })
    void readsBasicCredentials(String header, String user, String password) {
        assertThat(BasicCredentials.parse(List.of(header))).isEqualTo(new ProxyCredentials(user, password));
    }

    @Test
    void readsUtf8() {
        String token = Base64.getEncoder().encodeToString("zoë:wachtwoord€".getBytes(StandardCharsets.UTF_8));
        assertThat(BasicCredentials.parse(List.of("Basic " + token)))
                .isEqualTo(new ProxyCredentials("zoë", "wachtwoord€"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Basic", "Basic ", "Bearer dGFibGV0LTc6Z2VoZWlt", "Basicx dGFibGV0LTc6Z2VoZWlt",
            "Basic not*base64", "Basic dGFibGV0LTc=", "Basic //79", "Basic dGFi\nbGV0", "Digest username=\"x\"",
            "Basic dXNlcgE6cGFzcw=="})
    void malformedHeadersMeanNoCredentials(String header) {
        assertThat(BasicCredentials.parse(List.of(header))).isNull();
    }

    @Test
    void absentOrRepeatedHeadersMeanNoCredentials() {
        assertThat(BasicCredentials.parse(List.of())).isNull();
        assertThat(BasicCredentials.parse(null)).isNull();
        assertThat(BasicCredentials.parse(List.of("Basic dGFibGV0LTc6Z2VoZWlt", "Basic dGFibGV0LTc6Z2VoZWlt")))
                .isNull();
    }
}
