package nl.vangnet.config.model;

import java.time.Instant;

/**
 * An account of the admin API and pages: a person (or system such as a monitoring job) that acts in one role.
 * Accounts authenticate with bearer tokens ({@link nl.vangnet.config.store.AccountStore#issueToken}); an account has
 * no password. Immutable.
 *
 * @param id        database id, 0 when new
 * @param name      unique login name: 1–64 characters of {@code a-z 0-9 . _ -}, starting with a letter or digit
 *                  (e.g. {@code j.devries}); stored lower case
 * @param role      what the account may do
 * @param location  for {@link AccountRole#CARE_PROFESSIONAL}: the location (house) whose clients the account works
 *                  with (required); {@code null} for the other roles
 * @param disabled  a disabled account's tokens are refused
 * @param createdAt when it was created (set by the store)
 * @param version   optimistic-concurrency version, 0 when new
 */
public record Account(long id, String name, AccountRole role, String location, boolean disabled, Instant createdAt,
        long version) {
    public Account {
        name = Text.trim(name);
        location = Text.trim(location);
    }

    /** The actor this account writes as in the audit log. */
    public Actor actor() {
        return new Actor(name, role == null ? "UNKNOWN" : role.name());
    }

    public Account withIdAndVersion(long newId, long newVersion) {
        return new Account(newId, name, role, location, disabled, createdAt, newVersion);
    }
}
