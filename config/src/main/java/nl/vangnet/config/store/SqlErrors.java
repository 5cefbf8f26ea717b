package nl.vangnet.config.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nl.vangnet.config.rules.Problem;

/**
 * Classifies {@link SQLException}s of H2 and PostgreSQL: which ones are constraint violations (mapped to the field
 * they concern, by the constraint names of {@code V1__schema.sql} and {@code V3__accounts.sql}) and which are
 * transient conflicts worth retrying (deadlock, serialization failure, lock timeout). The store validates before it writes, so a constraint
 * violation means a concurrent transaction won a race; it still becomes a field-level problem, never a stack trace.
 *
 * <p>Stateless and thread-safe.
 */
final class SqlErrors {
    private static final Set<String> H2_CONFLICTS = Set.of("40001", "HYT00", "90131");
    private static final Set<String> PG_CONFLICTS = Set.of("40001", "40P01", "55P03");

    private SqlErrors() {
    }

    /** Whether {@code e} (or a cause) is an integrity-constraint violation (SQLSTATE class 23). */
    static boolean isConstraintViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if (state != null && state.startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code e} is a transient conflict with a concurrent transaction that a retry may overcome. */
    static boolean isTransientConflict(SQLException e, Database.Dialect dialect) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return (dialect == Database.Dialect.H2 ? H2_CONFLICTS : PG_CONFLICTS).contains(state);
    }

    /**
     * The problem a constraint violation stands for. {@code deleting} tells a refused delete (the row is still
     * referenced) from a refused insert or update (a referenced row does not exist).
     */
    static List<Problem> problemsOf(SQLException e, boolean deleting) {
        String text = describe(e);
        if (text.contains("uq_client_code")) {
            return List.of(new Problem("code", "this client code is already used by another client"));
        }
        if (text.contains("uq_device_address")) {
            boolean mac = text.contains("'mac'") || text.contains("(mac,");
            return List.of(new Problem(mac ? "macAddresses" : "ipAddresses",
                    (mac ? "a MAC" : "an IP") + " address of this device is already used by another device"));
        }
        if (text.contains("uq_device_proxy_username")) {
            return List.of(new Problem("proxyUsername", "this proxy user name is already used by another device"));
        }
        if (text.contains("uq_profile_name")) {
            return List.of(new Problem("name", "this profile name is already used by another profile"));
        }
        if (text.contains("fk_device_client")) {
            return List.of(deleting ? new Problem("devices", "the client still has devices")
                    : new Problem("clientId", "the client does not exist"));
        }
        if (text.contains("fk_registration_client")) {
            return List.of(deleting ? new Problem("registrations", "the client still has registrations")
                    : new Problem("clientId", "the client does not exist"));
        }
        if (text.contains("fk_registration_profile")) {
            return List.of(deleting ? new Problem("registrations", "the profile is used by a registration")
                    : new Problem("profileId", "a profile this registration refers to does not exist"));
        }
        if (text.contains("uq_account_name")) {
            return List.of(new Problem("name", "this account name is already taken"));
        }
        if (text.contains("uq_account_token_hash")) {
            return List.of(new Problem("secret", "this token is already in use: choose another secret"));
        }
        if (text.contains("fk_account_token_account")) {
            return List.of(new Problem("accountId", "the account does not exist"));
        }
        if (text.contains("fk_evaluation_registration") || text.contains("fk_applied_state_registration")) {
            return List.of(new Problem("registrationId", "the registration does not exist"));
        }
        return List.of(new Problem("", "the database refused the change as inconsistent with the stored data"
                + " (SQLSTATE " + e.getSQLState() + "); reload and try again"));
    }

    private static String describe(SQLException e) {
        StringBuilder sb = new StringBuilder();
        for (SQLException s = e; s != null; s = s.getNextException()) {
            sb.append(s.getMessage()).append('\n');
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
