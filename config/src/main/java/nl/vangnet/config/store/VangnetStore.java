package nl.vangnet.config.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import nl.vangnet.config.audit.AuditEvent;
import nl.vangnet.config.audit.AuditQuery;
import nl.vangnet.config.audit.AuditVerification;
import nl.vangnet.config.model.Actor;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Withdrawal;

/**
 * Vangnet's persistent state. Thread-safe.
 *
 * <p>Contract of every write: it runs in one transaction that validates the input (field-level
 * {@link nl.vangnet.config.rules.ValidationException} with every problem), checks the expected version
 * ({@link StaleVersionException}), writes, and appends the audit event — or writes nothing. Updates and deletes
 * take the version the caller read ({@code version} field of the record passed in, or {@code expectedVersion});
 * a successful write increments it. {@code reason} is the actor's "why" and goes into the audit log (may be
 * {@code null}).
 */
public interface VangnetStore extends AutoCloseable {

    /** Everything the snapshot needs, in one consistent read. */
    PolicyData load();

    /** The current data version (last audit sequence); cheap, for change polling. */
    long dataVersion();

    List<Client> clients();

    Optional<Client> client(long id);

    Client createClient(Actor actor, Client client, String reason);

    Client updateClient(Actor actor, Client client, String reason);

    /** Refused with a validation problem while the client still has devices or registrations. */
    void deleteClient(Actor actor, long id, long expectedVersion, String reason);

    List<Device> devices();

    Optional<Device> device(long id);

    /** {@code proxyPasswordHash} must already be a hash (see {@link nl.vangnet.config.rules.PasswordHasher}). */
    Device createDevice(Actor actor, Device device, String reason);

    Device updateDevice(Actor actor, Device device, String reason);

    void deleteDevice(Actor actor, long id, long expectedVersion, String reason);

    List<Profile> profiles();

    Optional<Profile> profile(long id);

    Profile createProfile(Actor actor, Profile profile, String reason);

    /** Refused if the change would make a schedule of a registration that uses the profile invalid. */
    Profile updateProfile(Actor actor, Profile profile, String reason);

    /** Refused while a registration refers to the profile. */
    void deleteProfile(Actor actor, long id, long expectedVersion, String reason);

    List<Registration> registrations();

    Optional<Registration> registration(long id);

    /** Validates against the limits and today's date of the store's clock. */
    Registration createRegistration(Actor actor, Registration registration, String reason);

    /** Changes recorded fields or the schedule; evaluations and withdrawal are kept as stored. */
    Registration updateRegistration(Actor actor, Registration registration, String reason);

    /** Appends an evaluation; moves the evaluation date forward. */
    Registration recordEvaluation(Actor actor, long registrationId, long expectedVersion, Evaluation evaluation,
            String reason);

    /**
     * Approves the next phase-out step earlier (a behavioural expert's decision, audited
     * {@code PHASE_OUT_STEP_APPROVED}): the first step whose date is after today (the store's clock, in the
     * limits' zone) now starts on {@code from} instead. {@code from} must be today or later and before that step's
     * current date; the schedule stays valid (the verifier runs as for any schedule change). Refused with a
     * field-level problem ({@code from}, or {@code phaseOut} when no step is pending) otherwise.
     */
    Registration approvePhaseOutStep(Actor actor, long registrationId, long expectedVersion, LocalDate from,
            String reason);

    /**
     * Records consent withdrawal or resistance for a voluntary registration: it ends at {@code withdrawal.at()}.
     * In the same transaction, deletes the data that rested on the consent (every block count and block event of
     * the registration); the audit event's reason says how many rows were deleted, not which.
     */
    Registration recordWithdrawal(Actor actor, long registrationId, long expectedVersion, Withdrawal withdrawal,
            String reason);

    /**
     * Audits, with actor {@code system}, every change in the applied state of every registration (started, step
     * applied, lapsed, ended, resumed) at {@code now} that has not been audited yet. Idempotent: a transition is
     * audited once, however many nodes call this. Returns how many events were written.
     */
    int recordTransitions(Instant now);

    // ---- block statistics (DESIGN §2 rule 7; not audited: statistics, not changes) ----------------------------

    /**
     * Adds the block counts of {@code batch} and keeps its block events, in one transaction; safe for several
     * nodes writing at once. Counts and events of registrations that do not exist or are withdrawn are dropped;
     * events are kept only for registrations whose current {@link nl.vangnet.config.model.Registration#hostEvents()}
     * is set (checked here, whatever the caller believed) and only while younger than its retention. Not audited.
     *
     * @throws StoreUnavailableException when the database cannot be reached (the caller may try again later)
     */
    void recordBlocks(BlockBatch batch);

    /**
     * The block counts of a registration from day {@code from} through day {@code to} (both inclusive), ordered by
     * day and category; empty for an unknown registration.
     *
     * @throws nl.vangnet.config.rules.ValidationException when {@code from} is after {@code to}
     */
    List<BlockCount> blockCounts(long registrationId, LocalDate from, LocalDate to);

    /**
     * At most {@code limit} (1 to 1000) block events of a registration at or after {@code from} and before
     * {@code to}, oldest first (ties by id); empty for an unknown registration.
     *
     * @throws nl.vangnet.config.rules.ValidationException when {@code limit} is out of range or {@code from} is
     *         after {@code to}
     */
    List<BlockEvent> blockEvents(long registrationId, Instant from, Instant to, int limit);

    /**
     * Deletes the block events that may no longer be kept at {@code now}: those older than their registration's
     * retention ({@code hostEvents.retentionDays} days of 24 hours), and every event of a registration that no
     * longer records the need for them or is withdrawn. Block counts are kept. Idempotent, safe on several nodes;
     * not audited. Returns how many events were deleted.
     */
    int purgeBlockEvents(Instant now);

    List<AuditEvent> audit(AuditQuery query);

    /** Walks the whole chain; reports the first edited, deleted, inserted or reordered row. */
    AuditVerification verifyAudit();

    @Override
    void close();
}
