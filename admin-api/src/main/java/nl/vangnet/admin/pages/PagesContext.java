package nl.vangnet.admin.pages;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Function;
import nl.vangnet.admin.http.Authenticator;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.VangnetStore;

/**
 * What the pages need from the rest of the admin app. Immutable; the parts are thread-safe.
 *
 * @param store         the store (reads, evaluations, phase-out approvals; every write with the account's actor)
 * @param authenticator checks the token typed into the login form (rate-limits and audits failures)
 * @param sessions      the login sessions; also the {@link nl.vangnet.admin.http.SessionAuth} the frame asks
 * @param limits        the organisation's limits (zone, warning days, grace), as the store and snapshot use them
 * @param clock         what "now" is
 * @param describer     a profile in plain Dutch words ("gokken en datingsites geblokkeerd, internet 07:00–22:00")
 */
public record PagesContext(VangnetStore store, Authenticator authenticator, PageSessions sessions, Limits limits,
        Clock clock, Function<Profile, String> describer) {
    public PagesContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(describer, "describer");
    }

    Instant now() {
        return clock.instant();
    }

    /** Today in the organisation's zone. */
    LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, limits.zone());
    }
}
