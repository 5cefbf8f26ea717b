package nl.vangnet.config.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
    private static final String SECRET_HASH = PasswordHasher.hash("geheim-42".toCharArray());

    @ParameterizedTest
    @ValueSource(strings = {"geheim-42", "", "a", "wachtwoord met spaties", "ünïcødé-€",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void roundTrip(String password) {
        String hash = PasswordHasher.hash(password.toCharArray());
        assertThat(PasswordHasher.looksLikeHash(hash)).isTrue();
        assertThat(PasswordHasher.matches(password.toCharArray(), hash)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"geheim-41", "Geheim-42", "geheim-42 ", "geheim", "", "geheim-42geheim-42"})
    void wrongPasswordDoesNotMatch(String wrong) {
        assertThat(PasswordHasher.matches(wrong.toCharArray(), SECRET_HASH)).isFalse();
    }

    @Test
    void formatSaltAndIterations() {
        String[] parts = SECRET_HASH.split("\\$");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(Integer.parseInt(parts[1])).isGreaterThanOrEqualTo(210_000);
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
        assertThat(PasswordHasher.hash("geheim-42".toCharArray())).as("random salt").isNotEqualTo(SECRET_HASH);
    }

    static Stream<Arguments> notHashes() {
        String[] p = SECRET_HASH.split("\\$");
        String shortSalt = Base64.getEncoder().encodeToString(new byte[8]);
        String shortHash = Base64.getEncoder().encodeToString(new byte[16]);
        return Stream.of(
                Arguments.of("plain password", "geheim-42"),
                Arguments.of("empty", ""),
                Arguments.of("other algorithm", "bcrypt$" + p[1] + "$" + p[2] + "$" + p[3]),
                Arguments.of("too few iterations", p[0] + "$1000$" + p[2] + "$" + p[3]),
                Arguments.of("absurd iterations", p[0] + "$999999999$" + p[2] + "$" + p[3]),
                Arguments.of("short salt", p[0] + "$" + p[1] + "$" + shortSalt + "$" + p[3]),
                Arguments.of("short hash", p[0] + "$" + p[1] + "$" + p[2] + "$" + shortHash),
                Arguments.of("not base64", p[0] + "$" + p[1] + "$" + p[2] + "$" + "!!!!"),
                Arguments.of("missing part", p[0] + "$" + p[1] + "$" + p[2]),
                Arguments.of("extra part", SECRET_HASH + "$x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notHashes")
    void refusesWhatIsNotAHash(String name, String value) {
        assertThat(PasswordHasher.looksLikeHash(value)).isFalse();
        assertThat(PasswordHasher.matches("geheim-42".toCharArray(), value)).isFalse();
    }

    @ParameterizedTest
    @NullSource
    void nullIsNotAHashAndNeverMatches(String value) {
        assertThat(PasswordHasher.looksLikeHash(value)).isFalse();
        assertThat(PasswordHasher.matches("geheim-42".toCharArray(), value)).isFalse();
        assertThat(PasswordHasher.matches(null, SECRET_HASH)).isFalse();
    }

    @Test
    void tamperedHashDoesNotMatch() {
        String[] p = SECRET_HASH.split("\\$");
        byte[] hash = Base64.getDecoder().decode(p[3]);
        hash[0] ^= 1;
        String tampered = p[0] + "$" + p[1] + "$" + p[2] + "$" + Base64.getEncoder().encodeToString(hash);
        assertThat(PasswordHasher.looksLikeHash(tampered)).isTrue();
        assertThat(PasswordHasher.matches("geheim-42".toCharArray(), tampered)).isFalse();
    }

    @Test
    void hashingNullIsAProgrammingError() {
        assertThatNullPointerException().isThrownBy(() -> PasswordHasher.hash(null));
    }

    @Test
    void clearOverwritesThePassword() {
        char[] pw = "geheim".toCharArray();
        PasswordHasher.clear(pw);
        assertThat(pw).containsOnly('\0');
    }
}
