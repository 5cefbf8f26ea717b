package nl.vangnet.proxy.littleproxy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import nl.vangnet.proxy.decision.ProxyCredentials;

/**
 * Reads {@code Proxy-Authorization: Basic} credentials (RFC 7617). Anything malformed — another scheme, several
 * headers, bad base64, bytes that are not UTF-8, no colon, control characters — counts as no credentials at all; the
 * request then goes on as from an unidentified client (identification by address still applies). Thread-safe
 * (stateless).
 */
final class BasicCredentials {
    private static final String BASIC = "basic";

    private BasicCredentials() {
    }

    /**
     * @param headerValues all {@code Proxy-Authorization} values of the request
     * @return the credentials, or {@code null} when absent or malformed
     */
    static ProxyCredentials parse(List<String> headerValues) {
        if (headerValues == null || headerValues.size() != 1) {
            return null;
        }
        String value = headerValues.get(0).strip();
        int space = value.indexOf(' ');
        if (space != BASIC.length() || !value.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        String token = value.substring(space + 1).strip();
        if (token.isEmpty()) {
            return null;
        }
        String decoded;
        try {
            byte[] bytes = Base64.getDecoder().decode(token);
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            return null;
        }
        return new ProxyCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
