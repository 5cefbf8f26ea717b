package nl.vangnet.admin.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.config.store.AccountStore;
import nl.vangnet.config.store.IssuedToken;
import nl.vangnet.config.store.NotFoundException;
import nl.vangnet.config.store.StaleVersionException;
import nl.vangnet.config.store.TokenInfo;

/**
 * Test-scope {@link AccountStore} in memory, until JdbcStore implements it (the accounts helper's V3 migration).
 * Thread-safe enough for the tests (concurrent maps).
 */
final class MemoryAccounts implements AccountStore {
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Account> accounts = new ConcurrentHashMap<>();
    private final Map<Long, TokenInfo> tokens = new ConcurrentHashMap<>();
    private final Map<String, Long> tokenByHash = new ConcurrentHashMap<>();
    final List<String> failedLogins = new CopyOnWriteArrayList<>();

    MemoryAccounts(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<Account> accounts() {
        return accounts.values().stream().sorted(Comparator.comparing(Account::name)).toList();
    }

    @Override
    public Optional<Account> account(long id) {
        return Optional.ofNullable(accounts.get(id));
    }

    @Override
    public Optional<Account> accountByName(String name) {
        return accounts.values().stream().filter(a -> a.name().equalsIgnoreCase(name)).findFirst();
    }

    @Override
    public long accountCount() {
        return accounts.size();
    }

    @Override
    public Account createAccount(Actor actor, Account a, String reason) {
        if (a.name() == null || a.name().isEmpty()) {
            throw ValidationException.of("name", "is required");
        }
        if (a.role() == null) {
            throw ValidationException.of("role", "is required");
        }
        if (a.role().needsLocation() != (a.location() != null)) {
            throw ValidationException.of("location", "required for care professionals only");
        }
        if (accountByName(a.name()).isPresent()) {
            throw ValidationException.of("name", "is taken");
        }
        long id = ids.incrementAndGet();
        Account stored = new Account(id, a.name().toLowerCase(), a.role(), a.location(), false, clock.instant(), 1);
        accounts.put(id, stored);
        return stored;
    }

    @Override
    public Account setAccountDisabled(Actor actor, long accountId, long expectedVersion, boolean disabled,
            String reason) {
        Account a = account(accountId).orElseThrow(() -> new NotFoundException("account", accountId));
        if (a.version() != expectedVersion) {
            throw new StaleVersionException("account", accountId, expectedVersion, a.version());
        }
        Account changed = new Account(a.id(), a.name(), a.role(), a.location(), disabled, a.createdAt(),
                a.version() + 1);
        accounts.put(accountId, changed);
        return changed;
    }

    @Override
    public IssuedToken issueToken(Actor actor, long accountId, String label, Instant expiresAt, String reason) {
        account(accountId).orElseThrow(() -> new NotFoundException("account", accountId));
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = "vgn_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new IssuedToken(store(accountId, secret, label, expiresAt), secret);
    }

    @Override
    public TokenInfo importToken(Actor actor, long accountId, String secret, String label, String reason) {
        return store(accountId, secret, label, null);
    }

    private TokenInfo store(long accountId, String secret, String label, Instant expiresAt) {
        long id = ids.incrementAndGet();
        TokenInfo t = new TokenInfo(id, accountId, label, secret.substring(0, 12), clock.instant(), expiresAt, null);
        tokens.put(id, t);
        tokenByHash.put(hash(secret), id);
        return t;
    }

    @Override
    public List<TokenInfo> tokens(long accountId) {
        List<TokenInfo> out = new ArrayList<>(tokens.values().stream().filter(t -> t.accountId() == accountId)
                .toList());
        out.sort(Comparator.comparing(TokenInfo::id).reversed());
        return out;
    }

    @Override
    public TokenInfo revokeToken(Actor actor, long tokenId, String reason) {
        TokenInfo t = tokens.get(tokenId);
        if (t == null) {
            throw new NotFoundException("token", tokenId);
        }
        if (t.revokedAt() != null) {
            return t;
        }
        TokenInfo revoked = new TokenInfo(t.id(), t.accountId(), t.label(), t.prefix(), t.createdAt(),
                t.expiresAt(), clock.instant());
        tokens.put(tokenId, revoked);
        return revoked;
    }

    @Override
    public Optional<Account> authenticate(String secret, Instant now) {
        Long id = tokenByHash.get(hash(secret));
        if (id == null || !tokens.get(id).usableAt(now)) {
            return Optional.empty();
        }
        return account(tokens.get(id).accountId()).filter(a -> !a.disabled());
    }

    @Override
    public void recordFailedLogin(String detail, Instant at) {
        failedLogins.add(detail);
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
