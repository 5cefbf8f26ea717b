package nl.vangnet.admin.http;

import java.util.Objects;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.Actor;

/**
 * The authenticated account behind a request. Immutable.
 *
 * @param accountId the account's id
 * @param account   the account's name
 * @param role      its role
 * @param location  for {@link AccountRole#CARE_PROFESSIONAL}: the only location whose clients it may see and change;
 *                  {@code null} otherwise
 */
public record Principal(long accountId, String account, AccountRole role, String location) {
    public Principal {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(role, "role");
    }

    /** The principal of a stored account. */
    public static Principal of(Account a) {
        return new Principal(a.id(), a.name(), a.role(), a.location());
    }

    /** Who this principal writes as in the audit log. */
    public Actor actor() {
        return new Actor(account, role.name());
    }

    /** Whether this principal may see and change data of clients at {@code clientLocation}. */
    public boolean mayAccessLocation(String clientLocation) {
        return role != AccountRole.CARE_PROFESSIONAL || Objects.equals(location, clientLocation);
    }
}
