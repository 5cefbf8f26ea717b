package nl.vangnet.config.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import nl.vangnet.config.audit.AuditAction;
import nl.vangnet.config.audit.AuditEvent;
import nl.vangnet.config.audit.AuditLog;
import nl.vangnet.config.audit.AuditQuery;
import nl.vangnet.config.audit.AuditVerification;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Withdrawal;
import nl.vangnet.config.policy.EffectivePolicy;
import nl.vangnet.config.policy.EffectiveReason;
import nl.vangnet.config.policy.RegistrationState;
import nl.vangnet.config.rules.AccountValidator;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ModelValidator;
import nl.vangnet.config.rules.PhaseOutVerifier;
import nl.vangnet.config.rules.Problem;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.config.store.EntityRows.AppliedState;
import nl.vangnet.config.store.EntityRows.Period;

/**
 * The JDBC {@link VangnetStore}, for the embedded H2 database and for PostgreSQL with the same SQL.
 *
 * <p>Every write is one READ COMMITTED transaction that locks the row it changes ({@code SELECT … FOR UPDATE}),
 * compares the caller's version ({@link StaleVersionException}), normalises and validates the input with the
 * {@link ModelValidator} plus the rules that need the stored data (unique client codes, profile names, proxy user
 * names and MAC/IP addresses, references that must exist, no overlapping registrations of one client, no delete of
 * what is still in use, no profile change that breaks a registration that uses it), writes, and appends its audit
 * event; or rolls back and writes nothing. Locks are taken in a fixed order (the changed entity, then the client,
 * then profiles by ascending id, then the audit head) so writers do not deadlock. A constraint violation raised by
 * the database because a concurrent transaction won a race becomes a {@link ValidationException}; deadlocks and
 * lock timeouts are retried a few times.
 *
 * <p>"Today" for validation is the date of the store's clock in the limits' zone.
 *
 * <p>Block statistics ({@link #recordBlocks}, {@link #purgeBlockEvents}) are written in their own transactions
 * without an audit event: they are statistics, not changes. A block write locks the rows of the registrations it
 * writes for (ascending ids), the same lock every change of a registration takes, so writers on several nodes take
 * turns per registration and a withdrawal (which deletes the registration's statistics in its own transaction)
 * never leaves statistics behind. Retention cut-offs are computed from the caller's {@code now}; the store's clock
 * only decides which incoming events are already too old to keep.
 *
 * <p>Accounts and tokens ({@link AccountStore}) follow the same rules, audited under entity type {@code account}
 * (token events carry the token's {@link TokenInfo}, never the secret or its hash). A token is stored as the
 * SHA-256 of its secret; {@link #authenticate} looks it up by that hash (a 256-bit random secret needs no
 * constant-time comparison). Failed logins are audited as {@code anonymous} with entity {@code account} 0.
 *
 * <p>Thread-safe: no mutable state besides the connection pool.
 */
public final class JdbcStore implements VangnetStore, AccountStore {
    private static final int ATTEMPTS = 3;
    /** The most block events {@link #blockEvents} returns at once. */
    private static final int MAX_BLOCK_EVENTS = 1000;
    /** The longest failed-login description kept in the audit log (longer ones are cut). */
    private static final int MAX_LOGIN_DETAIL = 500;
    /** Who a failed login is audited as. */
    static final Actor ANONYMOUS = new Actor("anonymous", "ANONYMOUS");

    private final DataSource dataSource;
    private final Database.Dialect dialect;
    private final ModelValidator validator;
    private final Limits limits;
    private final Clock clock;
    private final AuditLog auditLog = new AuditLog();
    private final ModelJson json = ModelJson.instance();

    /** A store on {@code database}. The caller keeps owning the database and closes it after the store. */
    public JdbcStore(Database database, ModelValidator validator, Clock clock) {
        this(Objects.requireNonNull(database, "database").dataSource(), database.dialect(), validator, clock);
    }

    /**
     * A store on a data source whose schema is already migrated (see {@link Database}). The caller keeps owning
     * the data source.
     */
    public JdbcStore(DataSource dataSource, Database.Dialect dialect, ModelValidator validator, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.limits = validator.limits();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Database.Dialect dialect() {
        return dialect;
    }

    // ---- reads ---------------------------------------------------------------------------------------------

    @Override
    public PolicyData load() {
        return read("load", true, c -> new PolicyData(EntityRows.clients(c), EntityRows.devices(c),
                EntityRows.profiles(c), EntityRows.registrations(c), auditLog.lastSeq(c)));
    }

    @Override
    public long dataVersion() {
        return read("read the data version", false, auditLog::lastSeq);
    }

    @Override
    public List<Client> clients() {
        return read("list clients", false, EntityRows::clients);
    }

    @Override
    public Optional<Client> client(long id) {
        return read("read a client", false, c -> EntityRows.client(c, id, false));
    }

    @Override
    public List<Device> devices() {
        return read("list devices", false, EntityRows::devices);
    }

    @Override
    public Optional<Device> device(long id) {
        return read("read a device", false, c -> EntityRows.device(c, id, false));
    }

    @Override
    public List<Profile> profiles() {
        return read("list profiles", false, EntityRows::profiles);
    }

    @Override
    public Optional<Profile> profile(long id) {
        return read("read a profile", false, c -> EntityRows.profile(c, id, false));
    }

    @Override
    public List<Registration> registrations() {
        return read("list registrations", true, EntityRows::registrations);
    }

    @Override
    public Optional<Registration> registration(long id) {
        return read("read a registration", true, c -> EntityRows.registration(c, id, false));
    }

    @Override
    public List<AuditEvent> audit(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        return read("read the audit log", false, c -> auditLog.query(c, query));
    }

    @Override
    public AuditVerification verifyAudit() {
        return read("verify the audit log", false, auditLog::verify);
    }

    // ---- clients -------------------------------------------------------------------------------------------

    @Override
    public Client createClient(Actor actor, Client client, String reason) {
        requireArguments(actor, client);
        return write("create a client", false, c -> {
            List<Problem> problems = new ArrayList<>(validator.client(client));
            checkClient(c, client, 0, problems);
            ValidationException.throwIfAny(problems);
            long id = EntityRows.insertClient(c, client);
            Client stored = client.withIdAndVersion(id, 1);
            audit(c, actor, AuditAction.CLIENT_CREATED, "client", id, null, stored, reason);
            return stored;
        });
    }

    @Override
    public Client updateClient(Actor actor, Client client, String reason) {
        requireArguments(actor, client);
        return write("update a client", false, c -> {
            Client stored = EntityRows.client(c, client.id(), true)
                    .orElseThrow(() -> new NotFoundException("client", client.id()));
            checkVersion("client", stored.id(), client.version(), stored.version());
            List<Problem> problems = new ArrayList<>(validator.client(client));
            checkClient(c, client, client.id(), problems);
            ValidationException.throwIfAny(problems);
            Client updated = client.withIdAndVersion(stored.id(), stored.version() + 1);
            EntityRows.updateClient(c, updated, updated.version());
            audit(c, actor, AuditAction.CLIENT_UPDATED, "client", stored.id(), stored, updated, reason);
            return updated;
        });
    }

    @Override
    public void deleteClient(Actor actor, long id, long expectedVersion, String reason) {
        Objects.requireNonNull(actor, "actor");
        write("delete a client", true, c -> {
            Client stored = EntityRows.client(c, id, true).orElseThrow(() -> new NotFoundException("client", id));
            checkVersion("client", id, expectedVersion, stored.version());
            List<Problem> problems = new ArrayList<>();
            List<Long> devices = EntityRows.deviceIdsOfClient(c, id);
            if (!devices.isEmpty()) {
                problems.add(new Problem("devices", "client " + stored.code() + " still has " + devices.size()
                        + " device(s) (" + ids("device", devices) + "); delete them first"));
            }
            List<Long> registrations = EntityRows.registrationIdsOfClient(c, id);
            if (!registrations.isEmpty()) {
                problems.add(new Problem("registrations", "client " + stored.code() + " has "
                        + registrations.size() + " registration(s) (" + ids("registration", registrations)
                        + "); the dossier record of a restriction is kept, so the client cannot be deleted"));
            }
            ValidationException.throwIfAny(problems);
            EntityRows.update(c, "DELETE FROM client WHERE id = ?", id);
            audit(c, actor, AuditAction.CLIENT_DELETED, "client", id, stored, null, reason);
            return null;
        });
    }

    private static void checkClient(Connection c, Client client, long selfId, List<Problem> problems)
            throws SQLException {
        if (client.code() == null) {
            addUnlessReported(problems, new Problem("code", "a client code is required"));
            return;
        }
        EntityRows.clientIdByCode(c, client.code(), selfId).ifPresent(other -> addUnlessReported(problems,
                new Problem("code", "client code " + client.code() + " is already used by client " + other)));
    }

    // ---- devices -------------------------------------------------------------------------------------------

    @Override
    public Device createDevice(Actor actor, Device device, String reason) {
        requireArguments(actor, device);
        return write("create a device", false, c -> {
            Device d = validator.normalise(device);
            List<Problem> problems = new ArrayList<>(validator.device(d));
            checkDevice(c, d, 0, problems);
            ValidationException.throwIfAny(problems);
            long id = EntityRows.insertDevice(c, d);
            Device stored = d.withIdAndVersion(id, 1);
            audit(c, actor, AuditAction.DEVICE_CREATED, "device", id, null, stored, reason);
            return stored;
        });
    }

    @Override
    public Device updateDevice(Actor actor, Device device, String reason) {
        requireArguments(actor, device);
        return write("update a device", false, c -> {
            Device stored = EntityRows.device(c, device.id(), true)
                    .orElseThrow(() -> new NotFoundException("device", device.id()));
            checkVersion("device", stored.id(), device.version(), stored.version());
            Device d = validator.normalise(device);
            List<Problem> problems = new ArrayList<>(validator.device(d));
            checkDevice(c, d, stored.id(), problems);
            ValidationException.throwIfAny(problems);
            Device updated = d.withIdAndVersion(stored.id(), stored.version() + 1);
            EntityRows.updateDevice(c, updated, updated.version());
            audit(c, actor, AuditAction.DEVICE_UPDATED, "device", stored.id(), stored, updated, reason);
            return updated;
        });
    }

    @Override
    public void deleteDevice(Actor actor, long id, long expectedVersion, String reason) {
        Objects.requireNonNull(actor, "actor");
        write("delete a device", true, c -> {
            Device stored = EntityRows.device(c, id, true).orElseThrow(() -> new NotFoundException("device", id));
            checkVersion("device", id, expectedVersion, stored.version());
            EntityRows.deleteDevice(c, id);
            audit(c, actor, AuditAction.DEVICE_DELETED, "device", id, stored, null, reason);
            return null;
        });
    }

    private static void checkDevice(Connection c, Device d, long selfId, List<Problem> problems)
            throws SQLException {
        if (EntityRows.client(c, d.clientId(), false).isEmpty()) {
            addUnlessReported(problems, new Problem("clientId", "client " + d.clientId() + " does not exist"));
        }
        checkAddresses(c, "MAC", "macAddresses", d.macAddresses(), selfId, problems);
        checkAddresses(c, "IP", "ipAddresses", d.ipAddresses(), selfId, problems);
        if (d.proxyUsername() != null) {
            EntityRows.usernameOwner(c, d.proxyUsername(), selfId).ifPresent(owner -> addUnlessReported(problems,
                    new Problem("proxyUsername", "proxy user name " + d.proxyUsername() + " is already used by "
                            + owner)));
        }
    }

    private static void checkAddresses(Connection c, String kind, String field, List<String> addresses, long selfId,
            List<Problem> problems) throws SQLException {
        String label = kind.equals("MAC") ? "MAC address " : "IP address ";
        for (int i = 0; i < addresses.size(); i++) {
            String path = field + "[" + i + "]";
            String address = addresses.get(i);
            int first = addresses.indexOf(address);
            if (first < i) {
                addUnlessReported(problems, new Problem(path, label + address + " is listed twice (also "
                        + field + "[" + first + "])"));
                continue;
            }
            EntityRows.addressOwner(c, kind, address, selfId).ifPresent(owner -> addUnlessReported(problems,
                    new Problem(path, label + address + " is already used by " + owner
                            + "; an address belongs to at most one device")));
        }
    }

    // ---- profiles ------------------------------------------------------------------------------------------

    @Override
    public Profile createProfile(Actor actor, Profile profile, String reason) {
        requireArguments(actor, profile);
        return write("create a profile", false, c -> {
            Profile p = validator.normalise(profile);
            List<Problem> problems = new ArrayList<>(validator.profile(p));
            checkProfileName(c, p, 0, problems);
            ValidationException.throwIfAny(problems);
            long id = EntityRows.insertProfile(c, p);
            Profile stored = p.withIdAndVersion(id, 1);
            audit(c, actor, AuditAction.PROFILE_CREATED, "profile", id, null, stored, reason);
            return stored;
        });
    }

    @Override
    public Profile updateProfile(Actor actor, Profile profile, String reason) {
        requireArguments(actor, profile);
        return write("update a profile", false, c -> {
            Profile stored = EntityRows.profile(c, profile.id(), true)
                    .orElseThrow(() -> new NotFoundException("profile", profile.id()));
            checkVersion("profile", stored.id(), profile.version(), stored.version());
            Profile updated = validator.normalise(profile).withIdAndVersion(stored.id(), stored.version() + 1);
            List<Problem> problems = new ArrayList<>(validator.profile(updated));
            checkProfileName(c, updated, stored.id(), problems);
            checkDependents(c, updated, problems);
            ValidationException.throwIfAny(problems);
            EntityRows.updateProfile(c, updated);
            audit(c, actor, AuditAction.PROFILE_UPDATED, "profile", stored.id(), stored, updated, reason);
            return updated;
        });
    }

    @Override
    public void deleteProfile(Actor actor, long id, long expectedVersion, String reason) {
        Objects.requireNonNull(actor, "actor");
        write("delete a profile", true, c -> {
            Profile stored = EntityRows.profile(c, id, true).orElseThrow(() -> new NotFoundException("profile", id));
            checkVersion("profile", id, expectedVersion, stored.version());
            List<Long> users = EntityRows.registrationsUsingProfile(c, id);
            if (!users.isEmpty()) {
                throw ValidationException.of("registrations", "profile " + stored.name() + " is used by "
                        + ids("registration", users) + " (as its profile or in its phase-out schedule)");
            }
            EntityRows.update(c, "DELETE FROM profile WHERE id = ?", id);
            audit(c, actor, AuditAction.PROFILE_DELETED, "profile", id, stored, null, reason);
            return null;
        });
    }

    private static void checkProfileName(Connection c, Profile p, long selfId, List<Problem> problems)
            throws SQLException {
        if (p.name() == null) {
            addUnlessReported(problems, new Problem("name", "a profile name is required"));
            return;
        }
        EntityRows.profileIdByName(c, p.name(), selfId).ifPresent(other -> addUnlessReported(problems,
                new Problem("name", "profile name " + p.name() + " is already used by profile " + other)));
    }

    /**
     * Re-validates every registration that uses {@code updated} with the new profile, and reports the problems the
     * change would cause (those it has with the new version but not with the stored one), under
     * {@code registrations[<id>].<field>}.
     */
    private void checkDependents(Connection c, Profile updated, List<Problem> problems) throws SQLException {
        LocalDate today = today();
        Map<Long, Optional<Profile>> cache = new HashMap<>();
        for (long registrationId : EntityRows.registrationsUsingProfile(c, updated.id())) {
            Optional<Registration> r = EntityRows.registration(c, registrationId, false);
            if (r.isEmpty()) {
                continue;
            }
            Set<Problem> before = new LinkedHashSet<>(validator.registration(r.get(), id -> cached(c, cache, id),
                    today));
            List<Problem> after = validator.registration(r.get(),
                    id -> id == updated.id() ? Optional.of(updated) : cached(c, cache, id), today);
            for (Problem p : after) {
                if (!before.contains(p)) {
                    problems.add(new Problem("registrations[" + registrationId + "]"
                            + (p.field().isEmpty() || p.field().startsWith("[") ? "" : ".") + p.field(),
                            "registration " + registrationId + " uses this profile and would become invalid: "
                                    + p.message()));
                }
            }
        }
    }

    private static Optional<Profile> cached(Connection c, Map<Long, Optional<Profile>> cache, long id) {
        return cache.computeIfAbsent(id, k -> {
            try {
                return EntityRows.profile(c, k, false);
            } catch (SQLException e) {
                throw new WrappedSqlException(e);
            }
        });
    }

    // ---- registrations -------------------------------------------------------------------------------------

    @Override
    public Registration createRegistration(Actor actor, Registration registration, String reason) {
        requireArguments(actor, registration);
        return write("create a registration", false, c -> {
            List<Problem> problems = new ArrayList<>();
            Registration r = registration.withIdAndVersion(0, 0);
            Map<Long, Profile> profiles = lockForRegistration(c, r);
            problems.addAll(validator.registration(r, id -> Optional.ofNullable(profiles.get(id)), today()));
            if (!r.evaluations().isEmpty()) {
                addUnlessReported(problems, new Problem("evaluations", "a new registration has no evaluations: "
                        + "record them with recordEvaluation once the registration is stored"));
            }
            if (r.withdrawal() != null) {
                addUnlessReported(problems, new Problem("withdrawal", "a new registration has no withdrawal: "
                        + "record it with recordWithdrawal once the registration is stored"));
            }
            checkRegistration(c, r, profiles, problems);
            ValidationException.throwIfAny(problems);
            long id = EntityRows.insertRegistration(c, r);
            EntityRows.insertAppliedState(c, id, AppliedState.BEFORE_START);
            Registration stored = r.withIdAndVersion(id, 1);
            audit(c, actor, AuditAction.REGISTRATION_CREATED, "registration", id, null, stored, reason);
            return stored;
        });
    }

    @Override
    public Registration updateRegistration(Actor actor, Registration registration, String reason) {
        requireArguments(actor, registration);
        return write("update a registration", false, c -> {
            Registration stored = EntityRows.registration(c, registration.id(), true)
                    .orElseThrow(() -> new NotFoundException("registration", registration.id()));
            checkVersion("registration", stored.id(), registration.version(), stored.version());
            List<Problem> problems = new ArrayList<>();
            Registration r = registration.withEvaluations(stored.evaluations()).withWithdrawal(stored.withdrawal())
                    .withIdAndVersion(stored.id(), stored.version());
            Map<Long, Profile> profiles = lockForRegistration(c, r);
            problems.addAll(validator.registration(r, id -> Optional.ofNullable(profiles.get(id)), today()));
            if (r.clientId() != stored.clientId()) {
                addUnlessReported(problems, new Problem("clientId", "a registration stays with client "
                        + stored.clientId() + "; end or withdraw it and register anew for another client"));
            }
            checkRegistration(c, r, profiles, problems);
            ValidationException.throwIfAny(problems);
            Registration updated = r.withIdAndVersion(stored.id(), stored.version() + 1);
            EntityRows.updateRegistration(c, updated);
            audit(c, actor, AuditAction.REGISTRATION_UPDATED, "registration", stored.id(), stored, updated, reason);
            return updated;
        });
    }

    @Override
    public Registration recordEvaluation(Actor actor, long registrationId, long expectedVersion,
            Evaluation evaluation, String reason) {
        requireArguments(actor, evaluation);
        return write("record an evaluation", false, c -> {
            Registration stored = EntityRows.registration(c, registrationId, true)
                    .orElseThrow(() -> new NotFoundException("registration", registrationId));
            checkVersion("registration", registrationId, expectedVersion, stored.version());
            Instant now = AuditLog.truncate(clock.instant());
            Evaluation e = new Evaluation(0, evaluation.date(), evaluation.by(), evaluation.outcome(),
                    evaluation.nextEvaluationDate(), evaluation.notes(), now);
            List<Problem> problems = new ArrayList<>(validator.evaluation(stored, e, today()));
            if (e.date() == null) {
                addUnlessReported(problems, new Problem("date", "the date of the evaluation is required"));
            }
            if (e.outcome() == null) {
                addUnlessReported(problems, new Problem("outcome", "the outcome of the evaluation is required"));
            }
            ValidationException.throwIfAny(problems);
            long evaluationId = EntityRows.insertEvaluation(c, registrationId, e);
            List<Evaluation> evaluations = new ArrayList<>(stored.evaluations());
            evaluations.add(EntityRows.withId(e, evaluationId));
            Registration updated = stored.withEvaluations(evaluations)
                    .withIdAndVersion(registrationId, stored.version() + 1);
            EntityRows.update(c, "UPDATE registration SET current_evaluation_date = ?, version = ? WHERE id = ?",
                    updated.currentEvaluationDate(), updated.version(), registrationId);
            audit(c, actor, AuditAction.EVALUATION_RECORDED, "registration", registrationId, stored, updated,
                    reason);
            return updated;
        });
    }

    @Override
    public Registration approvePhaseOutStep(Actor actor, long registrationId, long expectedVersion, LocalDate from,
            String reason) {
        Objects.requireNonNull(actor, "actor");
        return write("approve a phase-out step", false, c -> {
            Registration stored = EntityRows.registration(c, registrationId, true)
                    .orElseThrow(() -> new NotFoundException("registration", registrationId));
            checkVersion("registration", registrationId, expectedVersion, stored.version());
            LocalDate today = today();
            List<PhaseOutStep> steps = stored.phaseOut();
            int pending = pendingStep(steps, today);
            List<Problem> problems = new ArrayList<>();
            checkApprovable(stored, pending, today, problems);
            if (from == null) {
                problems.add(new Problem("from", "the date from which the next phase-out step applies is required"));
            } else if (problems.isEmpty()) {
                checkApprovedDate(stored, pending, from, today, problems);
            }
            ValidationException.throwIfAny(problems);
            List<PhaseOutStep> moved = new ArrayList<>(steps);
            moved.set(pending, new PhaseOutStep(from, steps.get(pending).profileId()));
            Registration changed = withPhaseOut(stored, moved);
            Map<Long, Profile> profiles = EntityRows.lockProfiles(c, EntityRows.referencedProfiles(changed));
            ValidationException.throwIfAny(PhaseOutVerifier.verify(changed,
                    id -> Optional.ofNullable(profiles.get(id))));
            Registration updated = changed.withIdAndVersion(registrationId, stored.version() + 1);
            EntityRows.updateRegistration(c, updated);
            audit(c, actor, AuditAction.PHASE_OUT_STEP_APPROVED, "registration", registrationId, stored, updated,
                    approvalReason(reason, pending, steps.size(), steps.get(pending).from(), from));
            return updated;
        });
    }

    /** The index of the first step whose date is after {@code today} (the next one to apply), or -1. */
    private static int pendingStep(List<PhaseOutStep> steps, LocalDate today) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).from() != null && steps.get(i).from().isAfter(today)) {
                return i;
            }
        }
        return -1;
    }

    /** Problems ({@code phaseOut}) that leave nothing to approve: withdrawn, ended, or every step started. */
    private void checkApprovable(Registration r, int pending, LocalDate today, List<Problem> problems) {
        if (r.withdrawal() != null) {
            problems.add(new Problem("phaseOut", "the registration was withdrawn (" + r.withdrawal().kind()
                    + " at " + r.withdrawal().at() + "): it is no longer applied, so there is no phase-out step to"
                    + " approve"));
            return;
        }
        RegistrationState state = EffectivePolicy.stateOf(r, clock.instant(), limits);
        if (state.reason() == EffectiveReason.ENDED) {
            problems.add(new Problem("phaseOut", "the registration has ended: it is no longer applied, so there is"
                    + " no phase-out step to approve"));
            return;
        }
        if (pending < 0) {
            PhaseOutStep last = r.phaseOut().isEmpty() ? null : r.phaseOut().get(r.phaseOut().size() - 1);
            problems.add(new Problem("phaseOut", "no phase-out step is pending: every step of the schedule has"
                    + " already started" + (last == null || last.from() == null ? "" : " (the last one on "
                            + last.from() + ")") + " by today (" + today + ")"));
        }
    }

    /** Problems ({@code from}) of moving pending step {@code pending} of {@code r} to {@code from}. */
    private static void checkApprovedDate(Registration r, int pending, LocalDate from, LocalDate today,
            List<Problem> problems) {
        PhaseOutStep step = r.phaseOut().get(pending);
        String name = "step " + (pending + 1) + " (now from " + step.from() + ")";
        if (from.isBefore(today)) {
            problems.add(new Problem("from", from + " is in the past: " + name + " can be approved from today ("
                    + today + ") on, not back-dated"));
        } else if (!from.isBefore(step.from())) {
            problems.add(new Problem("from", "approving earlier needs a date before " + step.from() + ", when "
                    + name + " applies anyway; " + from + " is not earlier"));
        } else {
            LocalDate floor = pending == 0 ? r.start() : r.phaseOut().get(pending - 1).from();
            if (floor != null && !from.isAfter(floor)) {
                problems.add(new Problem("from", pending == 0
                        ? from + " is not after the start (" + floor + "): the registered profile applies for at"
                                + " least one day before step 1, so step 1 can start on " + floor.plusDays(1)
                                + " at the earliest"
                        : from + " is not after step " + pending + " (" + floor + "): steps apply on different"
                                + " days, so " + name + " can start on " + floor.plusDays(1) + " at the earliest"));
            }
        }
    }

    /**
     * The audit reason of an approval: the actor's reason, then (after {@code "; "}) which step moved, e.g.
     * {@code MDO 12 March; step 2 of 3 moved from 2026-04-01 to 2026-03-13}.
     */
    private static String approvalReason(String reason, int index, int steps, LocalDate was, LocalDate now) {
        String detail = "step " + (index + 1) + " of " + steps + " moved from " + was + " to " + now;
        return reason == null || reason.isBlank() ? detail : reason + "; " + detail;
    }

    private static Registration withPhaseOut(Registration r, List<PhaseOutStep> steps) {
        return new Registration(r.id(), r.clientId(), r.basis(), r.dossierReference(), r.decidedBy(), r.decidedOn(),
                r.profileId(), r.start(), r.evaluationDate(), r.end(), r.risks(), r.weighing(), r.consent(),
                r.consulted(), steps, r.evaluations(), r.withdrawal(), r.hostEvents(), r.version());
    }

    @Override
    public Registration recordWithdrawal(Actor actor, long registrationId, long expectedVersion,
            Withdrawal withdrawal, String reason) {
        requireArguments(actor, withdrawal);
        return write("record a withdrawal", false, c -> {
            Registration stored = EntityRows.registration(c, registrationId, true)
                    .orElseThrow(() -> new NotFoundException("registration", registrationId));
            checkVersion("registration", registrationId, expectedVersion, stored.version());
            List<Problem> problems = new ArrayList<>(validator.withdrawal(stored, withdrawal, clock.instant()));
            if (stored.withdrawal() != null) {
                addUnlessReported(problems, new Problem("withdrawal", "a withdrawal was already recorded for "
                        + "this registration (at " + stored.withdrawal().at() + ")"));
            }
            if (withdrawal.at() == null) {
                addUnlessReported(problems, new Problem("at", "when consent was withdrawn or resistance shown"
                        + " is required"));
            }
            ValidationException.throwIfAny(problems);
            Registration updated = stored.withWithdrawal(withdrawal)
                    .withIdAndVersion(registrationId, stored.version() + 1);
            EntityRows.updateRegistration(c, updated);
            EntityRows.setAppliedState(c, registrationId,
                    new AppliedState(EffectiveReason.WITHDRAWN.name(), -1));
            BlockStatsRows.Deleted deleted = BlockStatsRows.deleteAll(c, registrationId);
            audit(c, actor, AuditAction.CONSENT_WITHDRAWN, "registration", registrationId, stored, updated,
                    withdrawalReason(reason, deleted));
            return updated;
        });
    }

    /**
     * The audit reason of a withdrawal: the actor's reason, then (after {@code "; "}) how many rows of block
     * statistics were deleted with the consent, e.g. {@code client said no; deleted with the consent: 12 block
     * count rows, 3 block event rows}. Numbers only: which sites or categories they were is gone with them.
     */
    private static String withdrawalReason(String reason, BlockStatsRows.Deleted deleted) {
        String detail = "deleted with the consent: " + deleted.counts() + " block count rows, " + deleted.events()
                + " block event rows";
        return reason == null || reason.isBlank() ? detail : reason + "; " + detail;
    }

    /** Locks the client and the referenced profiles of {@code r} (in that order); returns the profiles found. */
    private static Map<Long, Profile> lockForRegistration(Connection c, Registration r) throws SQLException {
        EntityRows.client(c, r.clientId(), true);
        return EntityRows.lockProfiles(c, EntityRows.referencedProfiles(r));
    }

    private static void checkRegistration(Connection c, Registration r, Map<Long, Profile> profiles,
            List<Problem> problems) throws SQLException {
        boolean clientExists = EntityRows.client(c, r.clientId(), false).isPresent();
        if (!clientExists) {
            addUnlessReported(problems, new Problem("clientId", "client " + r.clientId() + " does not exist"));
        }
        if (!profiles.containsKey(r.profileId())) {
            addUnlessReported(problems, new Problem("profileId", "profile " + r.profileId() + " does not exist"));
        }
        for (int i = 0; i < r.phaseOut().size(); i++) {
            PhaseOutStep step = r.phaseOut().get(i);
            if (step.profileId() != null && !profiles.containsKey(step.profileId())) {
                addUnlessReported(problems, new Problem("phaseOut[" + i + "].profileId",
                        "profile " + step.profileId() + " does not exist"));
            }
        }
        if (r.basis() == null) {
            addUnlessReported(problems, new Problem("basis", "the legal basis is required"));
        }
        if (r.start() == null) {
            addUnlessReported(problems, new Problem("start", "the start date is required"));
        }
        if (r.evaluationDate() == null) {
            addUnlessReported(problems, new Problem("evaluationDate", "the evaluation date is required"));
        }
        if (r.end() == null) {
            addUnlessReported(problems, new Problem("end", "the end date is required"));
        }
        if (clientExists && r.start() != null && r.end() != null && r.withdrawal() == null) {
            for (Period other : EntityRows.periodsOfClient(c, r.clientId(), r.id())) {
                if (!r.start().isAfter(other.lastDay()) && !other.start().isAfter(r.end())) {
                    problems.add(new Problem("start", "the period " + r.start() + " to " + r.end()
                            + " overlaps registration " + other.registrationId() + " of this client ("
                            + other.start() + " to " + other.lastDay() + "); a client has at most one registration"
                            + " at a time: end or withdraw that one first, or change it"));
                }
            }
        }
    }

    // ---- accounts and tokens -------------------------------------------------------------------------------

    @Override
    public List<Account> accounts() {
        return read("list accounts", false, AccountRows::accounts);
    }

    @Override
    public Optional<Account> account(long id) {
        return read("read an account", false, c -> AccountRows.account(c, id, false));
    }

    @Override
    public Optional<Account> accountByName(String name) {
        String n = AccountValidator.normaliseName(name);
        if (n == null) {
            return Optional.empty();
        }
        return read("read an account", false, c -> AccountRows.accountByName(c, n));
    }

    @Override
    public long accountCount() {
        return read("count accounts", false, AccountRows::count);
    }

    @Override
    public Account createAccount(Actor actor, Account account, String reason) {
        requireArguments(actor, account);
        return write("create an account", false, c -> {
            Account a = AccountValidator.normalise(account);
            List<Problem> problems = new ArrayList<>(AccountValidator.account(a));
            if (a.name() != null && problems.stream().noneMatch(p -> p.field().equals("name"))) {
                AccountRows.accountByName(c, a.name()).ifPresent(other -> problems.add(new Problem("name",
                        "account name " + a.name() + " is already taken (account " + other.id() + ")")));
            }
            ValidationException.throwIfAny(problems);
            Account toStore = new Account(0, a.name(), a.role(), a.location(), a.disabled(),
                    AuditLog.truncate(clock.instant()), 1);
            long id = AccountRows.insertAccount(c, toStore);
            Account stored = toStore.withIdAndVersion(id, 1);
            audit(c, actor, AuditAction.ACCOUNT_CREATED, "account", id, null, stored, reason);
            return stored;
        });
    }

    @Override
    public Account setAccountDisabled(Actor actor, long accountId, long expectedVersion, boolean disabled,
            String reason) {
        Objects.requireNonNull(actor, "actor");
        return write(disabled ? "disable an account" : "enable an account", false, c -> {
            Account stored = AccountRows.account(c, accountId, true)
                    .orElseThrow(() -> new NotFoundException("account", accountId));
            checkVersion("account", accountId, expectedVersion, stored.version());
            if (stored.disabled() == disabled) {
                return stored;
            }
            Account updated = new Account(stored.id(), stored.name(), stored.role(), stored.location(), disabled,
                    stored.createdAt(), stored.version() + 1);
            AccountRows.setDisabled(c, accountId, disabled, updated.version());
            audit(c, actor, disabled ? AuditAction.ACCOUNT_DISABLED : AuditAction.ACCOUNT_ENABLED, "account",
                    accountId, stored, updated, reason);
            return updated;
        });
    }

    @Override
    public IssuedToken issueToken(Actor actor, long accountId, String label, Instant expiresAt, String reason) {
        Objects.requireNonNull(actor, "actor");
        return write("issue a token", false, c -> {
            String secret = AccountRows.newSecret();
            TokenInfo info = storeToken(c, actor, accountId, secret, label, expiresAt, List.of(), reason);
            return new IssuedToken(info, secret);
        });
    }

    @Override
    public TokenInfo importToken(Actor actor, long accountId, String secret, String label, String reason) {
        Objects.requireNonNull(actor, "actor");
        return write("import a token", false, c -> {
            List<Problem> problems = new ArrayList<>(AccountValidator.secret(secret));
            if (problems.isEmpty() && AccountRows.tokenExists(c, secret)) {
                problems.add(new Problem("secret", "this token is already in use: choose another secret"));
            }
            return storeToken(c, actor, accountId, secret, label, null, problems, reason);
        });
    }

    /**
     * Locks the account, validates ({@code problems} found so far, plus the label, the expiry and an enabled
     * account), stores the token and audits {@code TOKEN_ISSUED} with its {@link TokenInfo}.
     */
    private TokenInfo storeToken(Connection c, Actor actor, long accountId, String secret, String label,
            Instant expiresAt, List<Problem> found, String reason) throws SQLException {
        Account account = AccountRows.account(c, accountId, true)
                .orElseThrow(() -> new NotFoundException("account", accountId));
        Instant exactNow = clock.instant();
        Instant now = AuditLog.truncate(exactNow);
        String l = AccountValidator.normaliseLabel(label);
        List<Problem> problems = new ArrayList<>(found);
        problems.addAll(AccountValidator.label(l));
        if (expiresAt != null && !AuditLog.truncate(expiresAt).isAfter(exactNow)) {
            problems.add(new Problem("expiresAt", "the token would expire at " + expiresAt + ", which is not after"
                    + " now (" + exactNow + ")"));
        }
        if (account.disabled()) {
            problems.add(new Problem("accountId", "account " + account.name() + " is disabled: its tokens are"
                    + " refused, so enable it first"));
        }
        ValidationException.throwIfAny(problems);
        TokenInfo info = AccountRows.insertToken(c, accountId, secret, l, now,
                expiresAt == null ? null : AuditLog.truncate(expiresAt));
        audit(c, actor, AuditAction.TOKEN_ISSUED, "account", accountId, null, info, reason);
        return info;
    }

    @Override
    public List<TokenInfo> tokens(long accountId) {
        return read("list tokens", false, c -> AccountRows.tokens(c, accountId));
    }

    @Override
    public TokenInfo revokeToken(Actor actor, long tokenId, String reason) {
        Objects.requireNonNull(actor, "actor");
        return write("revoke a token", false, c -> {
            TokenInfo stored = AccountRows.token(c, tokenId, true)
                    .orElseThrow(() -> new NotFoundException("token", tokenId));
            if (stored.revokedAt() != null) {
                return stored;
            }
            Instant now = AuditLog.truncate(clock.instant());
            AccountRows.revoke(c, tokenId, now);
            TokenInfo revoked = new TokenInfo(stored.id(), stored.accountId(), stored.label(), stored.prefix(),
                    stored.createdAt(), stored.expiresAt(), now);
            audit(c, actor, AuditAction.TOKEN_REVOKED, "account", stored.accountId(), stored, revoked, reason);
            return revoked;
        });
    }

    @Override
    public Optional<Account> authenticate(String secret, Instant now) {
        Objects.requireNonNull(now, "now");
        if (secret == null || secret.isEmpty() || secret.length() > AccountValidator.MAX_SECRET) {
            return Optional.empty();
        }
        return read("authenticate a token", false, c -> AccountRows.byHash(c, secret))
                .filter(p -> p.token().usableAt(now) && !p.account().disabled())
                .map(AccountRows.Presented::account);
    }

    @Override
    public void recordFailedLogin(String detail, Instant at) {
        Objects.requireNonNull(at, "at");
        String text = detail == null || detail.isBlank() ? "failed login" : detail.strip();
        String reason = text.length() > MAX_LOGIN_DETAIL ? text.substring(0, MAX_LOGIN_DETAIL) + "…" : text;
        write("record a failed login", false, c -> {
            auditLog.append(c, ANONYMOUS, AuditAction.LOGIN_FAILED, "account", 0, null, null, reason, at);
            return null;
        });
    }

    // ---- block statistics ----------------------------------------------------------------------------------

    @Override
    public void recordBlocks(BlockBatch batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        write("record block statistics", false, c -> {
            BlockStatsRows.record(c, batch, now);
            return null;
        });
    }

    @Override
    public List<BlockCount> blockCounts(long registrationId, LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw ValidationException.of("to", "the period ends (" + to + ") before it starts (" + from + ")");
        }
        return read("read block counts", false, c -> BlockStatsRows.counts(c, registrationId, from, to));
    }

    @Override
    public List<BlockEvent> blockEvents(long registrationId, Instant from, Instant to, int limit) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        List<Problem> problems = new ArrayList<>();
        if (limit < 1 || limit > MAX_BLOCK_EVENTS) {
            problems.add(new Problem("limit", "the limit must be 1 to " + MAX_BLOCK_EVENTS + ", not " + limit));
        }
        if (from.isAfter(to)) {
            problems.add(new Problem("to", "the period ends (" + to + ") before it starts (" + from + ")"));
        }
        ValidationException.throwIfAny(problems);
        return read("read block events", false, c -> BlockStatsRows.events(c, registrationId, from, to, limit));
    }

    @Override
    public int purgeBlockEvents(Instant now) {
        Objects.requireNonNull(now, "now");
        return write("purge block events", true, c -> BlockStatsRows.purge(c, now));
    }

    // ---- transitions ---------------------------------------------------------------------------------------

    @Override
    public int recordTransitions(Instant now) {
        Objects.requireNonNull(now, "now");
        record Loaded(List<Registration> registrations, Map<Long, AppliedState> states) {
        }
        Loaded loaded = read("read registration states", true,
                c -> new Loaded(EntityRows.registrations(c), EntityRows.appliedStates(c)));
        int written = 0;
        for (Registration r : loaded.registrations()) {
            RegistrationState state = EffectivePolicy.stateOf(r, now, limits);
            AppliedState stored = loaded.states().get(r.id());
            AppliedState from = stored == null ? AppliedState.BEFORE_START : stored;
            AppliedState to = Transitions.of(state);
            Optional<AuditAction> action = Transitions.action(from, to);
            if (action.isPresent() && applyTransition(r, stored != null, from, to, action.get(), now)) {
                written++;
            }
        }
        return written;
    }

    /** Moves one registration's applied state and audits it, in one transaction; false if another node did. */
    private boolean applyTransition(Registration r, boolean rowExists, AppliedState from, AppliedState to,
            AuditAction action, Instant now) {
        try {
            return write("record a transition", false, c -> {
                if (rowExists) {
                    if (!EntityRows.casAppliedState(c, r.id(), from, to)) {
                        return false;
                    }
                } else {
                    EntityRows.insertAppliedState(c, r.id(), to);
                }
                auditLog.append(c, Actor.SYSTEM, action, "registration", r.id(), json.write(stateJson(from)),
                        json.write(stateJson(to)), Transitions.reason(r, from, to, now, limits), clock.instant());
                return true;
            });
        } catch (ValidationException e) {
            return false;
        }
    }

    private static Map<String, Object> stateJson(AppliedState s) {
        return Map.of("reason", s.reason(), "step", s.stepIndex());
    }

    /**
     * Does nothing: the store holds no resources of its own besides borrowed connections, and the database (or
     * data source) belongs to whoever opened it.
     */
    @Override
    public void close() {
        // nothing to release: see the Javadoc
    }

    // ---- plumbing ------------------------------------------------------------------------------------------

    private LocalDate today() {
        return LocalDate.now(clock.withZone(limits.zone()));
    }

    private void audit(Connection c, Actor actor, AuditAction action, String entityType, long entityId,
            Object before, Object after, String reason) throws SQLException {
        auditLog.append(c, actor, action, entityType, entityId, json.audit(before), json.audit(after), reason,
                clock.instant());
    }

    private static void checkVersion(String entityType, long id, long expected, long actual) {
        if (expected != actual) {
            throw new StaleVersionException(entityType, id, expected, actual);
        }
    }

    /** Adds {@code p} unless a problem for the same field is already reported (by the validator). */
    private static void addUnlessReported(List<Problem> problems, Problem p) {
        if (problems.stream().noneMatch(existing -> existing.field().equals(p.field()))) {
            problems.add(p);
        }
    }

    private static String ids(String kind, List<Long> ids) {
        return kind + (ids.size() == 1 ? " " : "s ") + ids.stream().map(String::valueOf)
                .collect(Collectors.joining(", "));
    }

    private static void requireArguments(Actor actor, Object entity) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(entity, "entity");
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * The isolation level at which every statement of a read-only transaction sees the same snapshot: REPEATABLE
     * READ on PostgreSQL; on H2 that level still lets a later statement see rows committed after an earlier one
     * ran, so SERIALIZABLE there (for reads, H2's MVCC snapshot without locks).
     */
    private int snapshotIsolation() {
        return dialect == Database.Dialect.H2 ? Connection.TRANSACTION_SERIALIZABLE
                : Connection.TRANSACTION_REPEATABLE_READ;
    }

    /** Runs {@code work} in one read-only transaction; {@code consistent} reads see one snapshot throughout. */
    private <T> T read(String operation, boolean consistent, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(consistent ? snapshotIsolation() : Connection.TRANSACTION_READ_COMMITTED);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("could not " + operation + ": " + e.getMessage(), e);
        } catch (WrappedSqlException e) {
            throw new StoreUnavailableException("could not " + operation + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /**
     * Runs {@code work} in one READ COMMITTED transaction and commits, or rolls back on any failure. Retries a few
     * times on a deadlock or lock timeout; maps constraint violations to {@link ValidationException}.
     */
    private <T> T write(String operation, boolean deleting, Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c, e);
                    throw e;
                }
            } catch (WrappedSqlException e) {
                SQLException cause = (SQLException) e.getCause();
                if (!(SqlErrors.isTransientConflict(cause, dialect) && attempt < ATTEMPTS)) {
                    throw translate(operation, deleting, cause);
                }
            } catch (SQLException e) {
                if (!(SqlErrors.isTransientConflict(e, dialect) && attempt < ATTEMPTS)) {
                    throw translate(operation, deleting, e);
                }
            }
        }
    }

    private static RuntimeException translate(String operation, boolean deleting, SQLException e) {
        if (SqlErrors.isConstraintViolation(e)) {
            return new ValidationException(SqlErrors.problemsOf(e, deleting));
        }
        return new StoreUnavailableException("could not " + operation + ": " + e.getMessage(), e);
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Carries an {@link SQLException} out of a lambda that cannot throw it. */
    private static final class WrappedSqlException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrappedSqlException(SQLException cause) {
            super(cause);
        }
    }
}
