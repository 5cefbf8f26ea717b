package nl.vangnet.config.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;

/**
 * The store's SQL for reading and writing entity rows, inside the caller's connection and transaction. Locking
 * reads ({@code lock…}) use {@code SELECT … FOR UPDATE}. Only parameterised SQL; the same statements run on H2
 * and PostgreSQL.
 *
 * <p>Stateless and thread-safe.
 */
final class EntityRows {
    private static final ModelJson JSON = ModelJson.instance();
    private static final String CLIENT_COLUMNS = "id, code, dossier_reference, location, version";
    private static final String DEVICE_COLUMNS = "id, client_id, label, proxy_username, proxy_password_hash, version";

    private EntityRows() {
    }

    // ---- clients -------------------------------------------------------------------------------------------

    static List<Client> clients(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CLIENT_COLUMNS + " FROM client ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            List<Client> out = new ArrayList<>();
            while (rs.next()) {
                out.add(client(rs));
            }
            return out;
        }
    }

    static Optional<Client> client(Connection c, long id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + CLIENT_COLUMNS + " FROM client WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(client(rs)) : Optional.empty();
            }
        }
    }

    static Optional<Long> clientIdByCode(Connection c, String code, long exceptId) throws SQLException {
        return firstLong(c, "SELECT id FROM client WHERE code = ? AND id <> ?", code, exceptId);
    }

    static long insertClient(Connection c, Client client) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO client (code, dossier_reference, location, version) VALUES (?, ?, ?, 1)",
                new String[] {"id"})) {
            ps.setString(1, client.code());
            ps.setString(2, client.dossierReference());
            ps.setString(3, client.location());
            ps.executeUpdate();
            return generatedId(ps);
        }
    }

    static void updateClient(Connection c, Client client, long newVersion) throws SQLException {
        update(c, "UPDATE client SET code = ?, dossier_reference = ?, location = ?, version = ? WHERE id = ?",
                client.code(), client.dossierReference(), client.location(), newVersion, client.id());
    }

    private static Client client(ResultSet rs) throws SQLException {
        return new Client(rs.getLong("id"), rs.getString("code"), rs.getString("dossier_reference"),
                rs.getString("location"), rs.getLong("version"));
    }

    // ---- devices -------------------------------------------------------------------------------------------

    static List<Device> devices(Connection c) throws SQLException {
        Map<Long, List<List<String>>> addresses = addresses(c, null);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + DEVICE_COLUMNS + " FROM device ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            List<Device> out = new ArrayList<>();
            while (rs.next()) {
                out.add(device(rs, addresses));
            }
            return out;
        }
    }

    static Optional<Device> device(Connection c, long id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + DEVICE_COLUMNS + " FROM device WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(device(rs, addresses(c, id))) : Optional.empty();
            }
        }
    }

    /** Device ids of {@code clientId}, in id order. */
    static List<Long> deviceIdsOfClient(Connection c, long clientId) throws SQLException {
        return longs(c, "SELECT id FROM device WHERE client_id = ? ORDER BY id", clientId);
    }

    /** The device (other than {@code exceptId}) that has address {@code address} of {@code kind}, described. */
    static Optional<String> addressOwner(Connection c, String kind, String address, long exceptId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.label, cl.code FROM device_address a "
                + "JOIN device d ON d.id = a.device_id JOIN client cl ON cl.id = d.client_id "
                + "WHERE a.kind = ? AND a.address = ? AND a.device_id <> ?")) {
            ps.setString(1, kind);
            ps.setString(2, address);
            ps.setLong(3, exceptId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(describeDevice(rs.getLong(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** The device (other than {@code exceptId}) with proxy user name {@code username}, described. */
    static Optional<String> usernameOwner(Connection c, String username, long exceptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.label, cl.code FROM device d "
                + "JOIN client cl ON cl.id = d.client_id WHERE d.proxy_username = ? AND d.id <> ?")) {
            ps.setString(1, username);
            ps.setLong(2, exceptId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(describeDevice(rs.getLong(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    static long insertDevice(Connection c, Device d) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO device (client_id, label, proxy_username, "
                + "proxy_password_hash, version) VALUES (?, ?, ?, ?, 1)", new String[] {"id"})) {
            ps.setLong(1, d.clientId());
            ps.setString(2, d.label());
            ps.setString(3, d.proxyUsername());
            ps.setString(4, d.proxyPasswordHash());
            ps.executeUpdate();
            id = generatedId(ps);
        }
        insertAddresses(c, id, d);
        return id;
    }

    static void updateDevice(Connection c, Device d, long newVersion) throws SQLException {
        update(c, "UPDATE device SET client_id = ?, label = ?, proxy_username = ?, proxy_password_hash = ?, "
                + "version = ? WHERE id = ?", d.clientId(), d.label(), d.proxyUsername(), d.proxyPasswordHash(),
                newVersion, d.id());
        update(c, "DELETE FROM device_address WHERE device_id = ?", d.id());
        insertAddresses(c, d.id(), d);
    }

    static void deleteDevice(Connection c, long id) throws SQLException {
        update(c, "DELETE FROM device_address WHERE device_id = ?", id);
        update(c, "DELETE FROM device WHERE id = ?", id);
    }

    private static void insertAddresses(Connection c, long deviceId, Device d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO device_address (device_id, kind, list_index, address) VALUES (?, ?, ?, ?)")) {
            addBatch(ps, deviceId, "MAC", d.macAddresses());
            addBatch(ps, deviceId, "IP", d.ipAddresses());
            if (!d.macAddresses().isEmpty() || !d.ipAddresses().isEmpty()) {
                ps.executeBatch();
            }
        }
    }

    private static void addBatch(PreparedStatement ps, long deviceId, String kind, List<String> values)
            throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setLong(1, deviceId);
            ps.setString(2, kind);
            ps.setInt(3, i);
            ps.setString(4, values.get(i));
            ps.addBatch();
        }
    }

    /** device id → [MAC addresses, IP addresses], each in list order; for one device or (id null) all. */
    private static Map<Long, List<List<String>>> addresses(Connection c, Long deviceId) throws SQLException {
        String sql = "SELECT device_id, kind, address FROM device_address"
                + (deviceId == null ? "" : " WHERE device_id = ?") + " ORDER BY device_id, kind, list_index";
        Map<Long, List<List<String>>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (deviceId != null) {
                ps.setLong(1, deviceId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<List<String>> lists = out.computeIfAbsent(rs.getLong(1),
                            k -> List.of(new ArrayList<>(), new ArrayList<>()));
                    lists.get("MAC".equals(rs.getString(2)) ? 0 : 1).add(rs.getString(3));
                }
            }
        }
        return out;
    }

    private static Device device(ResultSet rs, Map<Long, List<List<String>>> addresses) throws SQLException {
        long id = rs.getLong("id");
        List<List<String>> lists = addresses.getOrDefault(id, List.of(List.of(), List.of()));
        return new Device(id, rs.getLong("client_id"), rs.getString("label"), lists.get(0), lists.get(1),
                rs.getString("proxy_username"), rs.getString("proxy_password_hash"), rs.getLong("version"));
    }

    private static String describeDevice(long id, String label, String clientCode) {
        return "device " + id + (label == null ? "" : " (" + label + ")") + " of client " + clientCode;
    }

    // ---- profiles ------------------------------------------------------------------------------------------

    static List<Profile> profiles(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, body, version FROM profile ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            List<Profile> out = new ArrayList<>();
            while (rs.next()) {
                out.add(profile(rs));
            }
            return out;
        }
    }

    static Optional<Profile> profile(Connection c, long id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, body, version FROM profile WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(profile(rs)) : Optional.empty();
            }
        }
    }

    /** Locks the existing profiles among {@code ids} in ascending id order (a fixed lock order) and returns them. */
    static Map<Long, Profile> lockProfiles(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, Profile> out = new LinkedHashMap<>();
        for (long id : new TreeSet<>(ids)) {
            Optional<Profile> p = profile(c, id, true);
            if (p.isPresent()) {
                out.put(id, p.get());
            }
        }
        return out;
    }

    static Optional<Long> profileIdByName(Connection c, String name, long exceptId) throws SQLException {
        return firstLong(c, "SELECT id FROM profile WHERE name = ? AND id <> ?", name, exceptId);
    }

    static long insertProfile(Connection c, Profile p) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO profile (name, body, version) VALUES (?, ?, 1)",
                new String[] {"id"})) {
            ps.setString(1, p.name());
            ps.setString(2, JSON.write(p));
            ps.executeUpdate();
            id = generatedId(ps);
        }
        update(c, "UPDATE profile SET body = ? WHERE id = ?", JSON.write(p.withIdAndVersion(id, 1)), id);
        return id;
    }

    static void updateProfile(Connection c, Profile p) throws SQLException {
        update(c, "UPDATE profile SET name = ?, body = ?, version = ? WHERE id = ?", p.name(), JSON.write(p),
                p.version(), p.id());
    }

    /** Ids of the registrations that refer to profile {@code profileId} (as profile or in a phase-out step). */
    static List<Long> registrationsUsingProfile(Connection c, long profileId) throws SQLException {
        return longs(c, "SELECT registration_id FROM registration_profile WHERE profile_id = ? "
                + "ORDER BY registration_id", profileId);
    }

    private static Profile profile(ResultSet rs) throws SQLException {
        return JSON.read(rs.getString("body"), Profile.class).withIdAndVersion(rs.getLong("id"),
                rs.getLong("version"));
    }

    // ---- registrations -------------------------------------------------------------------------------------

    static List<Registration> registrations(Connection c) throws SQLException {
        Map<Long, List<Evaluation>> evaluations = evaluations(c, null);
        try (PreparedStatement ps = c.prepareStatement("SELECT id, body, version FROM registration ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            List<Registration> out = new ArrayList<>();
            while (rs.next()) {
                out.add(registration(rs, evaluations));
            }
            return out;
        }
    }

    static Optional<Registration> registration(Connection c, long id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, body, version FROM registration WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(registration(rs, evaluations(c, id))) : Optional.empty();
            }
        }
    }

    /** Registration ids of {@code clientId}, in id order. */
    static List<Long> registrationIdsOfClient(Connection c, long clientId) throws SQLException {
        return longs(c, "SELECT id FROM registration WHERE client_id = ? ORDER BY id", clientId);
    }

    /** A stored registration's period, for the overlap check. */
    record Period(long registrationId, LocalDate start, LocalDate end, LocalDate stoppedOn) {
        /** The last day in effect: the end date, or the day before an evaluation stopped it. */
        LocalDate lastDay() {
            return stoppedOn != null && stoppedOn.minusDays(1).isBefore(end) ? stoppedOn.minusDays(1) : end;
        }
    }

    /** Periods of the non-withdrawn registrations of {@code clientId} other than {@code exceptId}. */
    static List<Period> periodsOfClient(Connection c, long clientId, long exceptId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT r.id, r.start_date, r.end_date, "
                + "(SELECT MIN(e.eval_date) FROM evaluation e WHERE e.registration_id = r.id AND e.outcome = ?) "
                + "FROM registration r WHERE r.client_id = ? AND r.withdrawn_at IS NULL AND r.id <> ? ORDER BY r.id")) {
            ps.setString(1, EvaluationOutcome.STOP.name());
            ps.setLong(2, clientId);
            ps.setLong(3, exceptId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Period> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Period(rs.getLong(1), rs.getObject(2, LocalDate.class),
                            rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)));
                }
                return out;
            }
        }
    }

    static long insertRegistration(Connection c, Registration r) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO registration (client_id, basis, profile_id, "
                + "start_date, evaluation_date, end_date, current_evaluation_date, withdrawn_at, "
                + "host_event_retention_days, body, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                new String[] {"id"})) {
            ps.setLong(1, r.clientId());
            ps.setString(2, r.basis().name());
            ps.setLong(3, r.profileId());
            setDate(ps, 4, r.start());
            setDate(ps, 5, r.evaluationDate());
            setDate(ps, 6, r.end());
            setDate(ps, 7, r.currentEvaluationDate());
            setInstant(ps, 8, r.withdrawal() == null ? null : r.withdrawal().at());
            setHostEventRetention(ps, 9, r);
            ps.setString(10, body(r));
            ps.executeUpdate();
            id = generatedId(ps);
        }
        Registration stored = r.withIdAndVersion(id, 1);
        update(c, "UPDATE registration SET body = ? WHERE id = ?", body(stored), id);
        insertProfileRefs(c, stored);
        return id;
    }

    /** Writes every column of {@code r} (at its id, with its version) and its profile references. */
    static void updateRegistration(Connection c, Registration r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE registration SET basis = ?, profile_id = ?, "
                + "start_date = ?, evaluation_date = ?, end_date = ?, current_evaluation_date = ?, "
                + "withdrawn_at = ?, host_event_retention_days = ?, body = ?, version = ? WHERE id = ?")) {
            ps.setString(1, r.basis().name());
            ps.setLong(2, r.profileId());
            setDate(ps, 3, r.start());
            setDate(ps, 4, r.evaluationDate());
            setDate(ps, 5, r.end());
            setDate(ps, 6, r.currentEvaluationDate());
            setInstant(ps, 7, r.withdrawal() == null ? null : r.withdrawal().at());
            setHostEventRetention(ps, 8, r);
            ps.setString(9, body(r));
            ps.setLong(10, r.version());
            ps.setLong(11, r.id());
            ps.executeUpdate();
        }
        update(c, "DELETE FROM registration_profile WHERE registration_id = ?", r.id());
        insertProfileRefs(c, r);
    }

    /** Every profile id {@code r} refers to: its own and its phase-out steps'. */
    static SortedSet<Long> referencedProfiles(Registration r) {
        SortedSet<Long> ids = new TreeSet<>();
        ids.add(r.profileId());
        for (PhaseOutStep step : r.phaseOut()) {
            if (step.profileId() != null) {
                ids.add(step.profileId());
            }
        }
        return ids;
    }

    private static void insertProfileRefs(Connection c, Registration r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO registration_profile (registration_id, profile_id) VALUES (?, ?)")) {
            for (long profileId : referencedProfiles(r)) {
                ps.setLong(1, r.id());
                ps.setLong(2, profileId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static long insertEvaluation(Connection c, long registrationId, Evaluation e) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO evaluation (registration_id, eval_date, outcome, "
                + "next_evaluation_date, body, recorded_at) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            ps.setLong(1, registrationId);
            setDate(ps, 2, e.date());
            ps.setString(3, e.outcome().name());
            setDate(ps, 4, e.nextEvaluationDate());
            ps.setString(5, JSON.write(e));
            setInstant(ps, 6, e.recordedAt());
            ps.executeUpdate();
            id = generatedId(ps);
        }
        Evaluation stored = withId(e, id);
        update(c, "UPDATE evaluation SET body = ? WHERE id = ?", JSON.write(stored), id);
        return id;
    }

    static Evaluation withId(Evaluation e, long id) {
        return new Evaluation(id, e.date(), e.by(), e.outcome(), e.nextEvaluationDate(), e.notes(), e.recordedAt());
    }

    /** The registration's body: the record without its evaluations (they are rows of table evaluation). */
    private static String body(Registration r) {
        return JSON.write(r.withEvaluations(List.of()));
    }

    private static Map<Long, List<Evaluation>> evaluations(Connection c, Long registrationId) throws SQLException {
        String sql = "SELECT id, registration_id, body, recorded_at FROM evaluation"
                + (registrationId == null ? "" : " WHERE registration_id = ?") + " ORDER BY registration_id, id";
        Map<Long, List<Evaluation>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (registrationId != null) {
                ps.setLong(1, registrationId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Evaluation e = JSON.read(rs.getString("body"), Evaluation.class);
                    out.computeIfAbsent(rs.getLong("registration_id"), k -> new ArrayList<>())
                            .add(new Evaluation(rs.getLong("id"), e.date(), e.by(), e.outcome(),
                                    e.nextEvaluationDate(), e.notes(),
                                    rs.getObject("recorded_at", OffsetDateTime.class).toInstant()));
                }
            }
        }
        return out;
    }

    private static Registration registration(ResultSet rs, Map<Long, List<Evaluation>> evaluations)
            throws SQLException {
        long id = rs.getLong("id");
        return JSON.read(rs.getString("body"), Registration.class)
                .withEvaluations(evaluations.getOrDefault(id, List.of()))
                .withIdAndVersion(id, rs.getLong("version"));
    }

    // ---- applied state ------------------------------------------------------------------------------------

    /** The applied state of a registration as last audited. */
    record AppliedState(String reason, int stepIndex) {
        /** What an absent row stands for: the state before the start. */
        static final AppliedState BEFORE_START = new AppliedState("NOT_STARTED", -1);
    }

    static Map<Long, AppliedState> appliedStates(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT registration_id, reason, step_index FROM registration_applied_state");
                ResultSet rs = ps.executeQuery()) {
            Map<Long, AppliedState> out = new HashMap<>();
            while (rs.next()) {
                out.put(rs.getLong(1), new AppliedState(rs.getString(2), rs.getInt(3)));
            }
            return out;
        }
    }

    /** Inserts the applied state of a registration that has none yet. */
    static void insertAppliedState(Connection c, long registrationId, AppliedState s) throws SQLException {
        update(c, "INSERT INTO registration_applied_state (registration_id, reason, step_index) VALUES (?, ?, ?)",
                registrationId, s.reason(), s.stepIndex());
    }

    /** Compare-and-set: moves the applied state from {@code expected} to {@code next}; false if it was not there. */
    static boolean casAppliedState(Connection c, long registrationId, AppliedState expected, AppliedState next)
            throws SQLException {
        return update(c, "UPDATE registration_applied_state SET reason = ?, step_index = ? "
                + "WHERE registration_id = ? AND reason = ? AND step_index = ?", next.reason(), next.stepIndex(),
                registrationId, expected.reason(), expected.stepIndex()) == 1;
    }

    /** Sets the applied state unconditionally (inserting the row if absent). */
    static void setAppliedState(Connection c, long registrationId, AppliedState s) throws SQLException {
        if (update(c, "UPDATE registration_applied_state SET reason = ?, step_index = ? WHERE registration_id = ?",
                s.reason(), s.stepIndex(), registrationId) == 0) {
            insertAppliedState(c, registrationId, s);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Executes an update with positional parameters; returns the update count. */
    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    static Optional<Long> firstLong(Connection c, String sql, Object... params) throws SQLException {
        List<Long> all = longs(c, sql, params);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    static List<Long> longs(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<Long> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
                return out;
            }
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated id");
            }
            return keys.getLong(1);
        }
    }

    static void setDate(PreparedStatement ps, int index, LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setObject(index, date);
        }
    }

    /** Column {@code host_event_retention_days}: the recorded retention, {@code NULL} without host events. */
    private static void setHostEventRetention(PreparedStatement ps, int index, Registration r) throws SQLException {
        if (r.hostEvents() == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, r.hostEvents().retentionDays());
        }
    }

    static void setInstant(PreparedStatement ps, int index, Instant at) throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        }
    }
}
