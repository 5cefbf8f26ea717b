package nl.vangnet.config.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.rules.ValidationException;

/**
 * The hash-chained, append-only audit log in tables {@code audit_event} and {@code audit_head}. Every method works
 * inside the caller's {@link Connection} and transaction, so that an event is appended in the same transaction as
 * the change it records, and commits or rolls back with it.
 *
 * <p>Each event's {@code hash} is {@code lowercase-hex(SHA-256(ASCII(prevHash) ‖ UTF-8(canonical event)))}, where
 * the canonical event is the JSON object built by {@link #canonicalForm}; the first event's {@code prevHash} is
 * {@link #GENESIS_HASH}. The single row of {@code audit_head} holds the last sequence number and hash: appends lock
 * it ({@code SELECT … FOR UPDATE}), which makes sequence numbers gap-free under concurrency, and {@link #verify}
 * checks the chain's end against it, which makes deleting the last events detectable. docs/audit.md spells the
 * canonical form out for independent verification.
 *
 * <p>Thread-safe: stateless; concurrency between appends is handled by the database lock on {@code audit_head}.
 */
public final class AuditLog {
    /** The {@code prevHash} of the first event: 64 zeros. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private static final DateTimeFormatter AT_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final String COLUMNS = "seq, at, actor_account, actor_role, action, entity_type, entity_id, "
            + "before_json, after_json, reason, prev_hash, hash";

    /**
     * Appends one event: locks the head, takes the next sequence number, hashes, inserts and moves the head. The
     * caller commits (or rolls back) the transaction. {@code at} is truncated to microseconds before it is hashed
     * and stored.
     */
    public AuditEvent append(Connection connection, Actor actor, AuditAction action, String entityType,
            long entityId, String beforeJson, String afterJson, String reason, Instant at) throws SQLException {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entityType, "entityType");
        Instant when = truncate(Objects.requireNonNull(at, "at"));
        long lastSeq;
        String lastHash;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("audit_head has no row: the schema was not migrated");
            }
            lastSeq = rs.getLong(1);
            lastHash = rs.getString(2).strip();
        }
        long seq = lastSeq + 1;
        String canonical = canonicalForm(seq, when, actor.account(), actor.role(), action.name(), entityType,
                entityId, beforeJson, afterJson, reason);
        String hash = chainHash(lastHash, canonical);
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO audit_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setObject(2, OffsetDateTime.ofInstant(when, ZoneOffset.UTC));
            ps.setString(3, actor.account());
            ps.setString(4, actor.role());
            ps.setString(5, action.name());
            ps.setString(6, entityType);
            ps.setLong(7, entityId);
            ps.setString(8, beforeJson);
            ps.setString(9, afterJson);
            ps.setString(10, reason);
            ps.setString(11, lastHash);
            ps.setString(12, hash);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.setString(2, hash);
            ps.executeUpdate();
        }
        return new AuditEvent(seq, when, actor.account(), actor.role(), action, entityType, entityId, beforeJson,
                afterJson, reason, lastHash, hash);
    }

    /** The last sequence number (0 when the log is empty). */
    public long lastSeq(Connection connection) throws SQLException {
        return readHead(connection).lastSeq();
    }

    /**
     * Walks every event in sequence order and reports the first broken link: a missing sequence number (deleted
     * event), a {@code prev_hash} that is not the previous event's hash (reordered, inserted or deleted event), a
     * hash that does not match the recomputed hash (edited event), or an end of chain that does not match the head
     * (last events deleted, events added without the log, or head edited). Works under READ COMMITTED while
     * other transactions append: events appended after the walk started are accepted when they are covered by
     * the head read at the end.
     */
    public AuditVerification verify(Connection connection) throws SQLException {
        Head headAtStart = readHead(connection);
        long expectedSeq = 1;
        String prevHash = GENESIS_HASH;
        long checked = 0;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM audit_event ORDER BY seq")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong("seq");
                    if (seq != expectedSeq) {
                        return broken(checked, expectedSeq, seq > expectedSeq
                                ? "event " + expectedSeq + " is missing (deleted): the next stored event is " + seq
                                : "unexpected sequence number " + seq + " where " + expectedSeq + " was expected");
                    }
                    String storedPrev = trimmed(rs.getString("prev_hash"));
                    String storedHash = trimmed(rs.getString("hash"));
                    if (!prevHash.equals(storedPrev)) {
                        return broken(checked, seq, "event " + seq + " does not follow event " + (seq - 1)
                                + ": its prev_hash is not the previous event's hash (events reordered, inserted"
                                + " or deleted)");
                    }
                    String recomputed = chainHash(storedPrev, canonicalForm(seq,
                            rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor_account"),
                            rs.getString("actor_role"), rs.getString("action"), rs.getString("entity_type"),
                            rs.getLong("entity_id"), rs.getString("before_json"), rs.getString("after_json"),
                            rs.getString("reason")));
                    if (!recomputed.equals(storedHash)) {
                        return broken(checked, seq, "event " + seq
                                + " was edited: its content does not match its hash");
                    }
                    if (seq == headAtStart.lastSeq() && !storedHash.equals(headAtStart.lastHash())) {
                        return broken(checked, seq, "event " + seq
                                + " does not match the head anchor (events replaced or head edited)");
                    }
                    prevHash = storedHash;
                    expectedSeq++;
                    checked++;
                }
            }
        }
        long lastSeq = expectedSeq - 1;
        if (lastSeq < headAtStart.lastSeq()) {
            return broken(checked, lastSeq + 1, "the log ends at event " + lastSeq + " but the head records "
                    + headAtStart.lastSeq() + " events: the last events were deleted");
        }
        if (lastSeq > headAtStart.lastSeq()) {
            Head headAtEnd = readHead(connection);
            if (lastSeq > headAtEnd.lastSeq()) {
                return broken(checked, headAtEnd.lastSeq() + 1, "events after " + headAtEnd.lastSeq()
                        + " are not covered by the head: added outside the audit log, or the head was edited");
            }
            if (lastSeq == headAtEnd.lastSeq() && !prevHash.equals(headAtEnd.lastHash())) {
                return broken(checked, lastSeq, "event " + lastSeq
                        + " does not match the head anchor (events replaced or head edited)");
            }
        }
        return new AuditVerification(true, checked, null, null);
    }

    /**
     * Events matching {@code query}, in sequence order. {@code from} is inclusive, {@code to} exclusive. Only
     * parameterised SQL.
     *
     * @throws ValidationException for a limit outside 1..1000 or a negative {@code afterSeq}
     */
    public List<AuditEvent> query(Connection connection, AuditQuery query) throws SQLException {
        Objects.requireNonNull(query, "query");
        List<Problem> problems = new ArrayList<>();
        if (query.limit() < 1 || query.limit() > 1000) {
            problems.add(new Problem("limit", "must be between 1 and 1000, was " + query.limit()));
        }
        if (query.afterSeq() < 0) {
            problems.add(new Problem("afterSeq", "must not be negative, was " + query.afterSeq()));
        }
        ValidationException.throwIfAny(problems);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_event WHERE seq > ?");
        List<Object> params = new ArrayList<>();
        params.add(query.afterSeq());
        if (query.entityType() != null) {
            sql.append(" AND entity_type = ?");
            params.add(query.entityType());
        }
        if (query.entityId() != null) {
            sql.append(" AND entity_id = ?");
            params.add(query.entityId());
        }
        if (query.action() != null) {
            sql.append(" AND action = ?");
            params.add(query.action().name());
        }
        if (query.actorAccount() != null) {
            sql.append(" AND actor_account = ?");
            params.add(query.actorAccount());
        }
        if (query.from() != null) {
            sql.append(" AND at >= ?");
            params.add(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        }
        if (query.to() != null) {
            sql.append(" AND at < ?");
            params.add(OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        }
        sql.append(" ORDER BY seq LIMIT ?");
        params.add(query.limit());
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<AuditEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new AuditEvent(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                            rs.getString("actor_account"), rs.getString("actor_role"),
                            AuditAction.valueOf(rs.getString("action")), rs.getString("entity_type"),
                            rs.getLong("entity_id"), rs.getString("before_json"), rs.getString("after_json"),
                            rs.getString("reason"), trimmed(rs.getString("prev_hash")),
                            trimmed(rs.getString("hash"))));
                }
            }
            return events;
        }
    }

    /**
     * The canonical form of an event that is hashed: a JSON object with exactly the keys {@code action,
     * actorAccount, actorRole, after, at, before, entityId, entityType, reason, seq} in that (sorted) order, no
     * whitespace; {@code seq} and {@code entityId} as JSON integers; {@code at} as a string
     * {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} (UTC, always six fraction digits); every other value a JSON string (the
     * before/after JSON text as a string, not as nested JSON) or {@code null}. Strings escape {@code "} and
     * {@code \} with a backslash, {@code \b \f \n \r \t} by their short forms, other characters below U+0020 as
     * {@code \}{@code u00xx} (lower-case hex); everything else is written as is (UTF-8).
     */
    public static String canonicalForm(long seq, Instant at, String actorAccount, String actorRole, String action,
            String entityType, long entityId, String before, String after, String reason) {
        StringBuilder sb = new StringBuilder(256 + length(before) + length(after) + length(reason));
        sb.append("{\"action\":");
        string(sb, action);
        sb.append(",\"actorAccount\":");
        string(sb, actorAccount);
        sb.append(",\"actorRole\":");
        string(sb, actorRole);
        sb.append(",\"after\":");
        string(sb, after);
        sb.append(",\"at\":");
        string(sb, AT_FORMAT.format(truncate(at)));
        sb.append(",\"before\":");
        string(sb, before);
        sb.append(",\"entityId\":").append(entityId);
        sb.append(",\"entityType\":");
        string(sb, entityType);
        sb.append(",\"reason\":");
        string(sb, reason);
        sb.append(",\"seq\":").append(seq);
        return sb.append('}').toString();
    }

    /** {@code lowercase-hex(SHA-256(ASCII(prevHash) ‖ UTF-8(canonical)))}. */
    public static String chainHash(String prevHash, String canonical) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code at} truncated to microseconds, the precision both H2 and PostgreSQL store. */
    public static Instant truncate(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    private static Head readHead(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("audit_head has no row: the schema was not migrated or the head was deleted");
            }
            return new Head(rs.getLong(1), trimmed(rs.getString(2)));
        }
    }

    private static AuditVerification broken(long checked, long seq, String problem) {
        return new AuditVerification(false, checked, seq, problem);
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.strip();
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static void string(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private record Head(long lastSeq, String lastHash) {
    }
}
