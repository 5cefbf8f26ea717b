package nl.vangnet.admin.http;

import java.time.Duration;
import java.util.Objects;

/** The outcome of presenting a token to the {@link Authenticator}: a value, never {@code null}. */
public sealed interface AuthResult permits AuthResult.Authenticated, AuthResult.Rejected, AuthResult.Throttled {

    /** The token belongs to an enabled account. */
    record Authenticated(Principal principal) implements AuthResult {
        public Authenticated {
            Objects.requireNonNull(principal, "principal");
        }
    }

    /** The token is unknown, revoked, expired or of a disabled account (the failure was audited). */
    record Rejected(String detail) implements AuthResult {
    }

    /** Too many failures from this address: try again after {@code retryAfter} (not checked, not audited). */
    record Throttled(Duration retryAfter) implements AuthResult {
    }
}
