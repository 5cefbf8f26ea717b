package nl.vangnet.config.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.Actor;

/**
 * Accounts and bearer tokens of the admin API. Thread-safe. Writes follow the {@link VangnetStore} contract: one
 * transaction that validates (field-level {@link nl.vangnet.config.rules.ValidationException}), checks the version
 * ({@link StaleVersionException}), writes and appends the audit event (entity type {@code account}), or writes
 * nothing. Token secrets are never stored or audited: only their SHA-256 hash and {@link TokenInfo#prefix()}.
 */
public interface AccountStore {

    /** Every account, ordered by name. */
    List<Account> accounts();

    Optional<Account> account(long id);

    /** The account with this name (case-insensitive), if any. */
    Optional<Account> accountByName(String name);

    /** How many accounts exist (0 on a fresh store: time to bootstrap the first admin). */
    long accountCount();

    /**
     * Creates an account (audited {@code ACCOUNT_CREATED}). Refused with a field-level problem when the name is not
     * valid or taken, the role is missing, a {@code CARE_PROFESSIONAL} has no location, or another role has one.
     */
    Account createAccount(Actor actor, Account account, String reason);

    /**
     * Disables or enables an account (audited {@code ACCOUNT_DISABLED} / {@code ACCOUNT_ENABLED}); a disabled
     * account's tokens are refused at once.
     */
    Account setAccountDisabled(Actor actor, long accountId, long expectedVersion, boolean disabled, String reason);

    /**
     * Issues a new random token for an account (audited {@code TOKEN_ISSUED}, without the secret).
     *
     * Refused with a field-level problem when the label is too long or has control characters ({@code label}),
     * {@code expiresAt} is not after now ({@code expiresAt}), or the account is disabled ({@code accountId}).
     *
     * @param label     what the token is for, may be {@code null}; at most 100 characters
     * @param expiresAt when it stops working (after now), or {@code null} for never
     * @throws NotFoundException when the account does not exist
     */
    IssuedToken issueToken(Actor actor, long accountId, String label, Instant expiresAt, String reason);

    /**
     * Stores a token whose secret was chosen outside Vangnet (the bootstrap token from the environment), like
     * {@link #issueToken}. Refused ({@code secret}) when the secret is shorter than 32 characters, longer than 512,
     * not visible ASCII (no spaces), or already in use; the problem never repeats the secret.
     */
    TokenInfo importToken(Actor actor, long accountId, String secret, String label, String reason);

    /** The tokens of an account, newest first (revoked and expired ones included). */
    List<TokenInfo> tokens(long accountId);

    /** Revokes a token (audited {@code TOKEN_REVOKED}); revoking a revoked token changes nothing and is not audited. */
    TokenInfo revokeToken(Actor actor, long tokenId, String reason);

    /**
     * The enabled account that {@code secret} authenticates at {@code now}, if any: the token exists (by hash), is
     * not revoked or expired, and its account is not disabled. Reads only; does not audit.
     */
    Optional<Account> authenticate(String secret, Instant now);

    /**
     * Audits a failed login ({@code LOGIN_FAILED}, actor {@code anonymous}, entity {@code account} 0) with what was
     * presented, described without the secret (e.g. "unknown token vgn_Ab3dE5gH… from 192.0.2.7").
     */
    void recordFailedLogin(String detail, Instant at);
}
