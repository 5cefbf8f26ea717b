package nl.vangnet.config.store;

import java.util.Objects;

/**
 * A freshly issued bearer token: its stored description and the secret, which exists only in this value and is
 * shown to the user once. Immutable.
 *
 * @param info   what is stored
 * @param secret the token to present as {@code Authorization: Bearer <secret>}: {@code vgn_} followed by 43
 *               base64url characters (256 random bits)
 */
public record IssuedToken(TokenInfo info, String secret) {
    public IssuedToken {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "IssuedToken[" + info + ", secret=***]";
    }
}
