package nl.vangnet.admin.pages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.policy.ClientPolicy;
import nl.vangnet.config.policy.EffectivePolicy;
import nl.vangnet.config.policy.EffectiveReason;
import nl.vangnet.config.policy.RegistrationState;
import nl.vangnet.config.store.BlockCount;

/**
 * Builds the {@link ReviewView} for an account at an instant: every registration of the clients the account may
 * see ({@link Principal#mayAccessLocation}), grouped by location, in the state {@link EffectivePolicy} gives it.
 * Stateless apart from its context; thread-safe.
 */
final class ReviewModel {
    /** Ended and withdrawn registrations stay on the page this many days. */
    static final int ENDED_SHOWN_DAYS = 90;
    /** Block counts are shown for this many weeks of seven days. */
    static final int WEEKS = 4;
    static final String NO_LOCATION = "Zonder locatie";

    private final PagesContext context;

    ReviewModel(PagesContext context) {
        this.context = context;
    }

    ReviewView build(Principal principal, Instant now) {
        LocalDate today = context.today(now);
        Map<Long, Client> clients = context.store().clients().stream()
                .filter(c -> principal.mayAccessLocation(c.location()))
                .collect(Collectors.toMap(Client::id, c -> c));
        Map<Long, Profile> profiles = context.store().profiles().stream()
                .collect(Collectors.toMap(Profile::id, p -> p));
        boolean expert = principal.role() == AccountRole.BEHAVIOURAL_EXPERT;
        Map<String, List<Registration>> byLocation = new TreeMap<>();
        for (Registration r : context.store().registrations()) {
            Client c = clients.get(r.clientId());
            if (c != null) {
                byLocation.computeIfAbsent(locationName(c), k -> new ArrayList<>()).add(r);
            }
        }
        List<ReviewView.Location> locations = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, List<Registration>> e : byLocation.entrySet()) {
            List<Registration> regs = new ArrayList<>(e.getValue());
            regs.sort(Comparator.comparing((Registration r) -> clients.get(r.clientId()).code())
                    .thenComparing(Registration::start).thenComparingLong(Registration::id));
            List<ReviewView.Row> inEffect = new ArrayList<>();
            List<ReviewView.Row> notStarted = new ArrayList<>();
            List<ReviewView.Row> ended = new ArrayList<>();
            List<ReviewView.BlockRow> blocks = new ArrayList<>();
            for (Registration r : regs) {
                String code = clients.get(r.clientId()).code();
                RegistrationState state = EffectivePolicy.stateOf(r, now, context.limits());
                switch (state.reason()) {
                    case ACTIVE -> {
                        inEffect.add(active(r, code, state, now, today, profiles, expert));
                        blocks.addAll(blocks(r, code, today));
                    }
                    case NOT_STARTED -> notStarted.add(notStarted(r, code, today, profiles));
                    case EVALUATION_OVERDUE -> ended.add(lapsed(r, code, today));
                    default -> {
                        if (endedRecently(r, now)) {
                            ended.add(ended(r, code, state));
                        }
                    }
                }
            }
            n++;
            locations.add(new ReviewView.Location(e.getKey(), "locatie-" + n, inEffect, notStarted, ended, blocks));
        }
        return new ReviewView(Dutch.date(today), weeks(today), locations, expert);
    }

    static String locationName(Client c) {
        return c.location() == null || c.location().isEmpty() ? NO_LOCATION : c.location();
    }

    static List<ReviewView.Week> weeks(LocalDate today) {
        List<ReviewView.Week> out = new ArrayList<>();
        for (int w = 0; w < WEEKS; w++) {
            LocalDate to = today.minusDays(7L * w);
            LocalDate from = to.minusDays(6);
            out.add(new ReviewView.Week(Dutch.shortDate(from) + " – " + Dutch.shortDate(to), from.toString(),
                    to.toString()));
        }
        return out;
    }

    private ReviewView.Row active(Registration r, String code, RegistrationState state, Instant now,
            LocalDate today, Map<Long, Profile> profiles, boolean expert) {
        LocalDate due = r.evaluationDueOn(today);
        ClientPolicy alone = EffectivePolicy.forClient(r.clientId(), List.of(r), now, context.limits());
        String mark = "";
        if (alone.evaluationWarning() && due != null) {
            mark = due.isBefore(today) ? "te laat" : "binnenkort";
        }
        List<PhaseOutStep> steps = r.phaseOut();
        int k = state.stepIndex();
        String progress = steps.isEmpty() ? "geen afbouwschema"
                : k == 0 ? "startprofiel, stap 0 van " + steps.size() : "stap " + k + " van " + steps.size();
        String next = "";
        if (k < steps.size()) {
            PhaseOutStep step = steps.get(k);
            next = "op " + Dutch.date(step.from()) + ": " + profileText(step.profileId(), profiles);
        }
        Long applied = state.profileId();
        boolean allowList = applied != null && profiles.containsKey(applied) && profiles.get(applied).allowListOnly();
        return new ReviewView.Row(r.id(), code, Dutch.basis(r.basis()), Dutch.date(r.start()), r.start().toString(),
                profileText(applied, profiles), allowList, risks(r.risks()), Dutch.date(due),
                due == null ? "" : due.toString(), mark, progress, next, "", true, expert && k < steps.size());
    }

    private ReviewView.Row notStarted(Registration r, String code, LocalDate today, Map<Long, Profile> profiles) {
        LocalDate due = r.evaluationDueOn(today);
        Profile p = profiles.get(r.profileId());
        return new ReviewView.Row(r.id(), code, Dutch.basis(r.basis()), Dutch.date(r.start()), r.start().toString(),
                profileText(r.profileId(), profiles), p != null && p.allowListOnly(), risks(r.risks()),
                Dutch.date(due), due == null ? "" : due.toString(), "", "begint op " + Dutch.date(r.start()), "",
                "", false, false);
    }

    private ReviewView.Row lapsed(Registration r, String code, LocalDate today) {
        LocalDate due = r.evaluationDueOn(today);
        return new ReviewView.Row(r.id(), code, Dutch.basis(r.basis()), Dutch.date(r.start()), r.start().toString(),
                "", false, risks(r.risks()), Dutch.date(due), due == null ? "" : due.toString(), "verlopen", "", "",
                "Vervallen: de evaluatie" + (due == null ? "" : " van " + Dutch.date(due))
                        + " is niet op tijd vastgelegd. Er geldt nu geen beperking.", true, false);
    }

    private ReviewView.Row ended(Registration r, String code, RegistrationState state) {
        String status;
        if (state.reason() == EffectiveReason.WITHDRAWN) {
            status = Dutch.withdrawal(r.withdrawal().kind()) + (r.withdrawal().at() == null ? ""
                    : " op " + Dutch.date(LocalDate.ofInstant(r.withdrawal().at(), context.limits().zone())));
        } else {
            Evaluation stop = r.evaluations().stream().filter(e -> e.outcome() == EvaluationOutcome.STOP)
                    .findFirst().orElse(null);
            status = stop != null ? "Gestopt na de evaluatie van " + Dutch.date(stop.date())
                    : "Beëindigd: de einddatum " + Dutch.date(r.end()) + " is voorbij";
        }
        return new ReviewView.Row(r.id(), code, Dutch.basis(r.basis()), Dutch.date(r.start()), r.start().toString(),
                "", false, risks(r.risks()), "", "", "", "", "", status + ".", false, false);
    }

    /** Whether {@code r} still applied, or was still to start, {@link #ENDED_SHOWN_DAYS} days ago. */
    private boolean endedRecently(Registration r, Instant now) {
        EffectiveReason then = EffectivePolicy.stateOf(r, now.minus(ENDED_SHOWN_DAYS, ChronoUnit.DAYS),
                context.limits()).reason();
        return then != EffectiveReason.ENDED && then != EffectiveReason.WITHDRAWN;
    }

    private List<ReviewView.BlockRow> blocks(Registration r, String code, LocalDate today) {
        LocalDate from = today.minusDays(7L * WEEKS - 1);
        Map<String, long[]> perCategory = new TreeMap<>();
        for (BlockCount b : context.store().blockCounts(r.id(), from, today)) {
            int week = (int) (ChronoUnit.DAYS.between(b.day(), today) / 7);
            if (week >= 0 && week < WEEKS) {
                perCategory.computeIfAbsent(Dutch.category(b.category()), k -> new long[WEEKS])[week] += b.blocks();
            }
        }
        List<ReviewView.BlockRow> out = new ArrayList<>();
        perCategory.forEach((category, counts) -> out.add(new ReviewView.BlockRow(code, category,
                java.util.Arrays.stream(counts).boxed().toList())));
        return out;
    }

    private String profileText(Long profileId, Map<Long, Profile> profiles) {
        if (profileId == null) {
            return "geen beperking meer";
        }
        Profile p = profiles.get(profileId);
        return p == null ? "profiel " + profileId + " (niet gevonden)" : describe(p);
    }

    private String describe(Profile p) {
        Function<Profile, String> d = context.describer();
        return d.apply(p);
    }

    static String risks(Set<Risk> risks) {
        if (risks.isEmpty()) {
            return "";
        }
        return EnumSet.copyOf(risks).stream().map(Risk::dutch).collect(Collectors.joining(", "));
    }
}
