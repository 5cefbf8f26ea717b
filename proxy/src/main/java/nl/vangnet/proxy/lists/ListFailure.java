package nl.vangnet.proxy.lists;

import java.time.Instant;
import java.util.Objects;

/**
 * Why a list (or a services source) could not be reloaded; its previous contents stayed in use.
 *
 * @param message what failed: the source spec and the reason
 * @param at      when the reload that failed started
 */
public record ListFailure(String message, Instant at) {
    public ListFailure {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }
}
