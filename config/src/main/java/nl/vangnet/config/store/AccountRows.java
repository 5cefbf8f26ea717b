package nl.vangnet.config.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;

/**
 * The store's SQL for accounts and bearer tokens ({@code V3__accounts.sql}), inside the caller's connection and
 * transaction, and the token secrets: {@value #SECRET_PREFIX} followed by 256 random bits in base64url without
 * padding, stored only as the lower-case hex SHA-256 of their UTF-8 bytes. Only parameterised SQL; the same
 * statements run on H2 and PostgreSQL.
 *
 * <p>Stateless and thread-safe ({@link SecureRandom} is).
 */
final class AccountRows {
    /** What every token issued by Vangnet starts with. */
    static final String SECRET_PREFIX = "vgn_";
    /** How many leading characters of a token are kept to recognise it. */
    static final int PREFIX_LENGTH = 12;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ACCOUNT_COLUMNS = "id, name, role, location, disabled, created_at, version";
    private static final String TOKEN_COLUMNS = "id, account_id, label, prefix, created_at, expires_at, revoked_at";

    private AccountRows() {
    }

    // ---- secrets -------------------------------------------------------------------------------------------

    /** A new secret: {@code vgn_} + base64url of 32 bytes from {@link SecureRandom}, no padding (47 characters). */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The lower-case hex SHA-256 of the secret's UTF-8 bytes: what is stored and looked up. */
    static String hash(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The first {@value #PREFIX_LENGTH} characters of {@code secret}, kept to recognise it. */
    static String prefix(String secret) {
        return secret.substring(0, Math.min(PREFIX_LENGTH, secret.length()));
    }

    // ---- accounts ------------------------------------------------------------------------------------------

    static List<Account> accounts(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + " FROM account ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            List<Account> out = new ArrayList<>();
            while (rs.next()) {
                out.add(account(rs));
            }
            return out;
        }
    }

    static Optional<Account> account(Connection c, long id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(rs)) : Optional.empty();
            }
        }
    }

    /** The account named {@code name}, which must already be in the stored (lower-case) form. */
    static Optional<Account> accountByName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(rs)) : Optional.empty();
            }
        }
    }

    static long count(Connection c) throws SQLException {
        return EntityRows.firstLong(c, "SELECT COUNT(*) FROM account").orElse(0L);
    }

    static long insertAccount(Connection c, Account a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO account (name, role, location, disabled,"
                + " created_at, version) VALUES (?, ?, ?, ?, ?, 1)", new String[] {"id"})) {
            ps.setString(1, a.name());
            ps.setString(2, a.role().name());
            ps.setString(3, a.location());
            ps.setBoolean(4, a.disabled());
            EntityRows.setInstant(ps, 5, a.createdAt());
            ps.executeUpdate();
            return generatedId(ps);
        }
    }

    static void setDisabled(Connection c, long id, boolean disabled, long newVersion) throws SQLException {
        EntityRows.update(c, "UPDATE account SET disabled = ?, version = ? WHERE id = ?", disabled, newVersion, id);
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("name"), AccountRole.valueOf(rs.getString("role")),
                rs.getString("location"), rs.getBoolean("disabled"), instant(rs, "created_at"),
                rs.getLong("version"));
    }

    // ---- tokens --------------------------------------------------------------------------------------------

    /** Stores a token (its hash and prefix, never the secret); returns what is stored. */
    static TokenInfo insertToken(Connection c, long accountId, String secret, String label, Instant createdAt,
            Instant expiresAt) throws SQLException {
        String prefix = prefix(secret);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO account_token (account_id, label, prefix,"
                + " token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            ps.setLong(1, accountId);
            ps.setString(2, label);
            ps.setString(3, prefix);
            ps.setString(4, hash(secret));
            EntityRows.setInstant(ps, 5, createdAt);
            EntityRows.setInstant(ps, 6, expiresAt);
            ps.executeUpdate();
            return new TokenInfo(generatedId(ps), accountId, label, prefix, createdAt, expiresAt, null);
        }
    }

    /** Whether a token with this secret's hash exists (for any account). */
    static boolean tokenExists(Connection c, String secret) throws SQLException {
        return EntityRows.firstLong(c, "SELECT id FROM account_token WHERE token_hash = ?", hash(secret))
                .isPresent();
    }

    /** The tokens of an account, newest first. */
    static List<TokenInfo> tokens(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TOKEN_COLUMNS + " FROM account_token"
                + " WHERE account_id = ? ORDER BY created_at DESC, id DESC")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                List<TokenInfo> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(token(rs));
                }
                return out;
            }
        }
    }

    static Optional<TokenInfo> token(Connection c, long id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + TOKEN_COLUMNS + " FROM account_token WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(token(rs)) : Optional.empty();
            }
        }
    }

    static void revoke(Connection c, long tokenId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE account_token SET revoked_at = ? WHERE id = ?")) {
            EntityRows.setInstant(ps, 1, at);
            ps.setLong(2, tokenId);
            ps.executeUpdate();
        }
    }

    /** A token found by the hash of its secret, with its account. */
    record Presented(TokenInfo token, Account account) {
    }

    static Optional<Presented> byHash(Connection c, String secret) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT t.id, t.account_id, t.label, t.prefix, t.created_at,"
                + " t.expires_at, t.revoked_at, a.id AS a_id, a.name, a.role, a.location, a.disabled,"
                + " a.created_at AS a_created_at, a.version FROM account_token t JOIN account a ON a.id = t.account_id"
                + " WHERE t.token_hash = ?")) {
            ps.setString(1, hash(secret));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Account a = new Account(rs.getLong("a_id"), rs.getString("name"),
                        AccountRole.valueOf(rs.getString("role")), rs.getString("location"),
                        rs.getBoolean("disabled"), instant(rs, "a_created_at"), rs.getLong("version"));
                return Optional.of(new Presented(token(rs), a));
            }
        }
    }

    private static TokenInfo token(ResultSet rs) throws SQLException {
        return new TokenInfo(rs.getLong("id"), rs.getLong("account_id"), rs.getString("label"),
                rs.getString("prefix"), instant(rs, "created_at"), instant(rs, "expires_at"),
                instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated id");
            }
            return keys.getLong(1);
        }
    }
}
