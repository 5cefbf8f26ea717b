package nl.vangnet.app;

import java.util.List;
import java.util.Optional;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.rules.AccountValidator;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.config.store.AccountStore;
import nl.vangnet.config.store.IssuedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first admin account: when the store has no accounts at all, creates account {@value #ADMIN}
 * ({@code IT_ADMIN}) and gives it a token, either the one in environment variable {@value #ENV} or a new random
 * one that the caller shows once. Later starts find accounts and do nothing, so a token is never shown twice.
 * Written as {@code system}. Stateless and thread-safe; two nodes starting at once on one database create one
 * admin (the loser sees the name taken and does nothing).
 */
final class AdminBootstrap {
    /** The environment variable that may hold the first admin's token (at least 32 visible ASCII characters). */
    static final String ENV = "VANGNET_ADMIN_TOKEN";
    /** The name of the first admin account. */
    static final String ADMIN = "admin";
    static final String LABEL = "bootstrap";
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private AdminBootstrap() {
    }

    /**
     * The first admin and its token.
     *
     * @param account the created account
     * @param secret  the issued token, to show once; {@code null} when the token came from {@value #ENV}
     */
    record FirstAdmin(Account account, String secret) {
        boolean imported() {
            return secret == null;
        }

        @Override
        public String toString() {
            return "FirstAdmin[" + account.name() + (imported() ? ", token from " + ENV : ", token ***") + "]";
        }
    }

    /**
     * Creates the first admin when the store has no accounts.
     *
     * @param envToken the value of {@value #ENV}, or {@code null}/blank when unset
     * @return the admin and its token, or empty when accounts exist already (or another node just created them)
     * @throws ValidationException (field {@value #ENV}) when {@code envToken} is set but not a usable token; then
     *                             nothing is written
     */
    static Optional<FirstAdmin> bootstrapIfEmpty(AccountStore store, String envToken) {
        if (store.accountCount() > 0) {
            return Optional.empty();
        }
        String imported = envToken == null || envToken.isBlank() ? null : envToken.strip();
        if (imported != null) {
            List<Problem> problems = AccountValidator.secret(imported);
            if (!problems.isEmpty()) {
                throw ValidationException.of(ENV, problems.get(0).message());
            }
        }
        Account admin;
        try {
            admin = store.createAccount(Actor.SYSTEM, new Account(0, ADMIN, AccountRole.IT_ADMIN, null, false, null,
                    0), "first start: no accounts yet, so the first IT_ADMIN account is created");
        } catch (ValidationException e) {
            if (store.accountByName(ADMIN).isPresent()) {
                LOG.info("first admin account was created by another node at the same time");
                return Optional.empty();
            }
            throw e;
        }
        if (imported != null) {
            store.importToken(Actor.SYSTEM, admin.id(), imported, LABEL, "first start: token from " + ENV);
            LOG.info("created the first admin account '{}' with the token from {}", ADMIN, ENV);
            return Optional.of(new FirstAdmin(admin, null));
        }
        IssuedToken token = store.issueToken(Actor.SYSTEM, admin.id(), LABEL, null,
                "first start: token shown once on standard output");
        LOG.info("created the first admin account '{}'; its token is shown once on standard output", ADMIN);
        return Optional.of(new FirstAdmin(admin, token.secret()));
    }
}
