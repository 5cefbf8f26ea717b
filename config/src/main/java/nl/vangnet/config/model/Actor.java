package nl.vangnet.config.model;

import java.util.Objects;

/**
 * Who makes a change: an account and the role it acted in. Recorded with every audit event.
 * {@link #SYSTEM} is Vangnet itself (lapses, step changes it applies on the clock).
 */
public record Actor(String account, String role) {
    /** Vangnet itself. */
    public static final Actor SYSTEM = new Actor("system", "SYSTEM");

    public Actor {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(role, "role");
    }
}
