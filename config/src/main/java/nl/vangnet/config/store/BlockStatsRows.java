package nl.vangnet.config.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The store's SQL for block statistics (tables {@code block_count} and {@code block_event}), inside the caller's
 * connection and transaction. Only parameterised SQL; the same statements run on H2 and PostgreSQL.
 *
 * <p>Concurrency: {@link #record} locks the row of every registration it writes for ({@code SELECT … FOR UPDATE},
 * in ascending id order) before it touches that registration's statistics. The same lock is held by every change
 * of a registration ({@code updateRegistration}, {@code recordWithdrawal}), so block writes of several nodes for
 * one registration take turns (which makes update-then-insert of a count safe), and a withdrawal and a block write
 * never interleave: either the write comes first and the withdrawal deletes what it wrote, or the write comes
 * second and sees the withdrawal.
 *
 * <p>Stateless and thread-safe.
 */
final class BlockStatsRows {
    private static final Comparator<CountKey> KEY_ORDER = Comparator.comparingLong(CountKey::registrationId)
            .thenComparing(CountKey::day).thenComparing(CountKey::category);

    private BlockStatsRows() {
    }

    /** How many rows {@link #deleteAll} deleted. */
    record Deleted(int counts, int events) {
    }

    /** A registration's state as far as block statistics are concerned, read under lock. */
    private record Target(Integer hostEventRetentionDays) {
    }

    private record CountKey(long registrationId, LocalDate day, String category) {
    }

    /**
     * Adds the counts of {@code batch} and inserts its events, for registrations that exist and are not withdrawn;
     * events only for registrations that record host events, and only while younger than their retention at
     * {@code now}. Everything else is dropped.
     */
    static void record(Connection c, BlockBatch batch, Instant now) throws SQLException {
        TreeSet<Long> ids = new TreeSet<>();
        batch.counts().forEach(n -> ids.add(n.registrationId()));
        batch.events().forEach(e -> ids.add(e.registrationId()));
        Map<Long, Target> targets = lockTargets(c, ids);

        Map<CountKey, Long> sums = new TreeMap<>(KEY_ORDER);
        for (BlockCount n : batch.counts()) {
            if (targets.containsKey(n.registrationId())) {
                sums.merge(new CountKey(n.registrationId(), n.day(), n.category()), n.blocks(), Long::sum);
            }
        }
        addCounts(c, sums);

        List<BlockEvent> kept = new ArrayList<>();
        for (BlockEvent e : batch.events()) {
            Target t = targets.get(e.registrationId());
            if (t != null && t.hostEventRetentionDays() != null
                    && !e.at().isBefore(cutoff(now, t.hostEventRetentionDays()))) {
                kept.add(e);
            }
        }
        insertEvents(c, kept);
    }

    /** Locks the existing, not withdrawn registrations among {@code ids}, in ascending id order. */
    private static Map<Long, Target> lockTargets(Connection c, TreeSet<Long> ids) throws SQLException {
        Map<Long, Target> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT withdrawn_at, host_event_retention_days "
                + "FROM registration WHERE id = ? FOR UPDATE")) {
            for (long id : ids) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getObject(1) == null) {
                        int days = rs.getInt(2);
                        out.put(id, new Target(rs.wasNull() ? null : days));
                    }
                }
            }
        }
        return out;
    }

    /** Adds {@code sums} to the stored counts: update the existing rows, insert the others. */
    private static void addCounts(Connection c, Map<CountKey, Long> sums) throws SQLException {
        if (sums.isEmpty()) {
            return;
        }
        List<Map.Entry<CountKey, Long>> entries = new ArrayList<>(sums.entrySet());
        int[] updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE block_count SET blocks = blocks + ? "
                + "WHERE registration_id = ? AND block_day = ? AND category = ?")) {
            for (Map.Entry<CountKey, Long> e : entries) {
                ps.setLong(1, e.getValue());
                bindKey(ps, 2, e.getKey());
                ps.addBatch();
            }
            updated = ps.executeBatch();
        }
        boolean inserting = false;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO block_count (registration_id, block_day, "
                + "category, blocks) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < entries.size(); i++) {
                if (updated[i] == 0) {
                    bindKey(ps, 1, entries.get(i).getKey());
                    ps.setLong(4, entries.get(i).getValue());
                    ps.addBatch();
                    inserting = true;
                }
            }
            if (inserting) {
                ps.executeBatch();
            }
        }
    }

    private static void bindKey(PreparedStatement ps, int first, CountKey k) throws SQLException {
        ps.setLong(first, k.registrationId());
        EntityRows.setDate(ps, first + 1, k.day());
        ps.setString(first + 2, k.category());
    }

    private static void insertEvents(Connection c, List<BlockEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO block_event (registration_id, at, host, reason, "
                + "list_id) VALUES (?, ?, ?, ?, ?)")) {
            for (BlockEvent e : events) {
                ps.setLong(1, e.registrationId());
                EntityRows.setInstant(ps, 2, e.at());
                ps.setString(3, e.host());
                ps.setString(4, e.reason());
                if (e.listId() == null) {
                    ps.setNull(5, Types.VARCHAR);
                } else {
                    ps.setString(5, e.listId());
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The counts of {@code registrationId} from {@code from} through {@code to}, by day and category. */
    static List<BlockCount> counts(Connection c, long registrationId, LocalDate from, LocalDate to)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT block_day, category, blocks FROM block_count "
                + "WHERE registration_id = ? AND block_day >= ? AND block_day <= ? ORDER BY block_day, category")) {
            ps.setLong(1, registrationId);
            EntityRows.setDate(ps, 2, from);
            EntityRows.setDate(ps, 3, to);
            try (ResultSet rs = ps.executeQuery()) {
                List<BlockCount> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new BlockCount(registrationId, rs.getObject(1, LocalDate.class), rs.getString(2),
                            rs.getLong(3)));
                }
                return out;
            }
        }
    }

    /** At most {@code limit} events of {@code registrationId} in {@code [from, to)}, oldest first. */
    static List<BlockEvent> events(Connection c, long registrationId, Instant from, Instant to, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, at, host, reason, list_id FROM block_event "
                + "WHERE registration_id = ? AND at >= ? AND at < ? ORDER BY at, id LIMIT ?")) {
            ps.setLong(1, registrationId);
            EntityRows.setInstant(ps, 2, from);
            EntityRows.setInstant(ps, 3, to);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<BlockEvent> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new BlockEvent(rs.getLong(1), registrationId,
                            rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
                return out;
            }
        }
    }

    /**
     * Deletes the events that may no longer be kept at {@code now}: those of registrations that record no need
     * for them (any more) or are withdrawn, and those older than their registration's retention. Returns how
     * many were deleted.
     */
    static int purge(Connection c, Instant now) throws SQLException {
        int deleted = EntityRows.update(c, "DELETE FROM block_event WHERE registration_id IN (SELECT id FROM "
                + "registration WHERE host_event_retention_days IS NULL OR withdrawn_at IS NOT NULL)");
        List<Long> retentions = EntityRows.longs(c, "SELECT DISTINCT host_event_retention_days FROM registration "
                + "WHERE host_event_retention_days IS NOT NULL AND withdrawn_at IS NULL");
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM block_event WHERE at < ? AND registration_id IN "
                + "(SELECT id FROM registration WHERE host_event_retention_days = ? AND withdrawn_at IS NULL)")) {
            for (long days : retentions) {
                EntityRows.setInstant(ps, 1, cutoff(now, (int) days));
                ps.setInt(2, (int) days);
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }

    /** Deletes every count and event of {@code registrationId}. */
    static Deleted deleteAll(Connection c, long registrationId) throws SQLException {
        int counts = EntityRows.update(c, "DELETE FROM block_count WHERE registration_id = ?", registrationId);
        int events = EntityRows.update(c, "DELETE FROM block_event WHERE registration_id = ?", registrationId);
        return new Deleted(counts, events);
    }

    /** The oldest instant an event may have at {@code now} with a retention of {@code days} (of 24 hours). */
    static Instant cutoff(Instant now, int days) {
        return now.minus(Duration.ofDays(days));
    }
}
