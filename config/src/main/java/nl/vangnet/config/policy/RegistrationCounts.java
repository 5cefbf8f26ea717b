package nl.vangnet.config.policy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.PolicyData;

/**
 * Counts of registrations for the operations metrics, at the instant a {@link PolicySnapshot} was compiled: every
 * registration by state and basis, the registrations in effect by basis and location, and per location the
 * evaluations due soon and overdue. The states are those of {@link EffectivePolicy} — nothing here re-decides them.
 *
 * <ul>
 *   <li>{@link #registrations(EffectiveReason, Basis)}: every registration by its
 *       {@link EffectivePolicy#stateOf state} ({@link EffectiveReason#ACTIVE}, {@code NOT_STARTED},
 *       {@code EVALUATION_OVERDUE}, {@code ENDED}, {@code WITHDRAWN});</li>
 *   <li>{@link #inEffect(Basis, String)}: registrations whose state is {@link EffectiveReason#ACTIVE} (in effect,
 *       also at an unrestricted last phase-out step), by basis and the location of their client;</li>
 *   <li>{@link #dueSoon(String)}: clients whose deciding registration carries the evaluation warning of the snapshot
 *       ({@link ClientPolicy#evaluationWarning()}: in effect and the evaluation date at most
 *       {@link Limits#warningDays()} days ahead), by location;</li>
 *   <li>{@link #overdue(String)}: registrations lapsed because their evaluation date passed without an evaluation
 *       ({@link EffectiveReason#EVALUATION_OVERDUE}; an ended or withdrawn registration is not overdue), by
 *       location.</li>
 * </ul>
 *
 * <p>The locations are those of every client in the data (a location without registrations counts 0 everywhere);
 * a client without a location counts under {@value #NO_LOCATION}. Registrations the snapshot compiler leaves out
 * (of an unknown client, without a start or end date) are not counted. No count is per client.
 *
 * <p>Immutable and thread-safe.
 */
public final class RegistrationCounts {
    /** The location label of clients without a location. */
    public static final String NO_LOCATION = "(none)";

    /** No registrations and no locations. */
    public static final RegistrationCounts EMPTY = new RegistrationCounts(new EnumMap<>(EffectiveReason.class),
            new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

    /** The states a registration can be in ({@link EffectiveReason} without {@code NO_REGISTRATION}). */
    public static final List<EffectiveReason> STATES = List.of(EffectiveReason.ACTIVE, EffectiveReason.NOT_STARTED,
            EffectiveReason.EVALUATION_OVERDUE, EffectiveReason.ENDED, EffectiveReason.WITHDRAWN);

    private final Map<EffectiveReason, Map<Basis, Integer>> byState;
    private final Map<String, Map<Basis, Integer>> inEffect;
    private final Map<String, Integer> dueSoon;
    private final Map<String, Integer> overdue;

    private RegistrationCounts(Map<EffectiveReason, Map<Basis, Integer>> byState,
            TreeMap<String, Map<Basis, Integer>> inEffect, TreeMap<String, Integer> dueSoon,
            TreeMap<String, Integer> overdue) {
        this.byState = byState;
        this.inEffect = Collections.unmodifiableMap(inEffect);
        this.dueSoon = Collections.unmodifiableMap(dueSoon);
        this.overdue = Collections.unmodifiableMap(overdue);
    }

    /**
     * Counts {@code data} at {@code snapshot.compiledAt()}; the evaluation warnings come from {@code snapshot},
     * which must have been compiled from {@code data} with {@code limits}.
     */
    public static RegistrationCounts of(PolicyData data, PolicySnapshot snapshot, Limits limits) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(limits, "limits");
        Map<Long, String> locationOf = new HashMap<>();
        TreeMap<String, Map<Basis, Integer>> inEffect = new TreeMap<>();
        TreeMap<String, Integer> dueSoon = new TreeMap<>();
        TreeMap<String, Integer> overdue = new TreeMap<>();
        for (Client c : data.clients()) {
            String location = location(c);
            locationOf.putIfAbsent(c.id(), location);
            inEffect.computeIfAbsent(location, l -> zeroPerBasis());
            dueSoon.putIfAbsent(location, 0);
            overdue.putIfAbsent(location, 0);
        }
        Map<EffectiveReason, Map<Basis, Integer>> byState = new EnumMap<>(EffectiveReason.class);
        for (EffectiveReason state : STATES) {
            byState.put(state, zeroPerBasis());
        }
        for (Registration r : data.registrations()) {
            String location = locationOf.get(r.clientId());
            if (location == null || r.start() == null || r.end() == null || r.basis() == null) {
                continue; // left out of the snapshot too (see PolicySnapshot.problems())
            }
            EffectiveReason state = EffectivePolicy.stateOf(r, snapshot.compiledAt(), limits).reason();
            byState.get(state).merge(r.basis(), 1, Integer::sum);
            if (state == EffectiveReason.ACTIVE) {
                inEffect.get(location).merge(r.basis(), 1, Integer::sum);
            } else if (state == EffectiveReason.EVALUATION_OVERDUE) {
                overdue.merge(location, 1, Integer::sum);
            }
        }
        for (ClientEntry c : snapshot.clients()) {
            if (c.policy().evaluationWarning()) {
                dueSoon.merge(location(c.client()), 1, Integer::sum);
            }
        }
        return new RegistrationCounts(byState, inEffect, dueSoon, overdue);
    }

    private static String location(Client c) {
        return c.location() == null || c.location().isBlank() ? NO_LOCATION : c.location();
    }

    private static Map<Basis, Integer> zeroPerBasis() {
        Map<Basis, Integer> m = new EnumMap<>(Basis.class);
        for (Basis b : Basis.values()) {
            m.put(b, 0);
        }
        return m;
    }

    /** Registrations in {@code state} with {@code basis}; 0 for {@code NO_REGISTRATION}. */
    public int registrations(EffectiveReason state, Basis basis) {
        Map<Basis, Integer> m = byState.get(state);
        return m == null ? 0 : m.getOrDefault(basis, 0);
    }

    /** Registrations in effect with {@code basis} of clients at {@code location}; 0 for an unknown location. */
    public int inEffect(Basis basis, String location) {
        Map<Basis, Integer> m = inEffect.get(location);
        return m == null ? 0 : m.getOrDefault(basis, 0);
    }

    /** Clients at {@code location} whose registration in effect is due for evaluation within the warning days. */
    public int dueSoon(String location) {
        return dueSoon.getOrDefault(location, 0);
    }

    /** Registrations of clients at {@code location} lapsed because the evaluation date passed. */
    public int overdue(String location) {
        return overdue.getOrDefault(location, 0);
    }

    /** Every location of a client in the data, sorted. */
    public NavigableSet<String> locations() {
        return Collections.unmodifiableNavigableSet(new TreeSet<>(inEffect.keySet()));
    }

    @Override
    public String toString() {
        return "RegistrationCounts[byState=" + byState + ", inEffect=" + inEffect + ", dueSoon=" + dueSoon
                + ", overdue=" + overdue + "]";
    }
}
