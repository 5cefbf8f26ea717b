package nl.vangnet.admin.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import nl.vangnet.admin.http.ApiException;
import nl.vangnet.admin.http.ApiParam;
import nl.vangnet.admin.http.ETags;
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.admin.http.Json;
import nl.vangnet.admin.http.Page;
import nl.vangnet.admin.http.Paging;
import nl.vangnet.admin.http.Principal;
import nl.vangnet.admin.http.QueryParams;
import nl.vangnet.admin.http.RouteTable;
import nl.vangnet.admin.http.Types;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.Consent;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.HostEvents;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Weighing;
import nl.vangnet.config.model.Withdrawal;
import nl.vangnet.config.model.WithdrawalKind;
import nl.vangnet.config.policy.EffectivePolicy;
import nl.vangnet.config.policy.EffectiveReason;
import nl.vangnet.config.policy.RegistrationState;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.rules.ValidationException;
import nl.vangnet.config.store.VangnetStore;

/**
 * {@code /api/v1/registrations}: the dossier records that make a restriction lawful — the only thing that restricts
 * anyone — with their phase-out schedule, evaluations, withdrawal, phase-out approval and block counts. Care
 * professionals record (own location), behavioural experts evaluate and approve, IT staff read. Thread-safe.
 */
final class RegistrationsResource {
    static final String BASE = "/api/v1/registrations";
    /** Block counts default to the last four weeks. */
    static final int DEFAULT_BLOCK_DAYS = 28;
    /** The longest block-count period asked at once. */
    static final int MAX_BLOCK_DAYS = 400;

    /** Body of a create or update (evaluations and withdrawal have their own routes). */
    record RegistrationRequest(long clientId, Basis basis, String dossierReference, Person decidedBy,
            LocalDate decidedOn, long profileId, LocalDate start, LocalDate evaluationDate, LocalDate end,
            Set<Risk> risks, Weighing weighing, Consent consent, List<Person> consulted, List<PhaseOutStep> phaseOut,
            HostEvents hostEvents, String reason) {
        Registration toModel(long id, List<Evaluation> evaluations, Withdrawal withdrawal, long version) {
            return new Registration(id, clientId, basis, dossierReference, decidedBy, decidedOn, profileId, start,
                    evaluationDate, end, risks, weighing, consent, consulted, phaseOut, evaluations, withdrawal,
                    hostEvents, version);
        }
    }

    /** Body of {@code POST /registrations/{id}/evaluations}. */
    record EvaluationRequest(LocalDate date, Person by, EvaluationOutcome outcome, LocalDate nextEvaluationDate,
            String notes, String reason) {
    }

    /** Body of {@code POST /registrations/{id}/withdrawal}; {@code at} defaults to now. */
    record WithdrawalRequest(WithdrawalKind kind, Instant at, Person reportedBy, String notes, String reason) {
    }

    /** Body of {@code POST /registrations/{id}/phase-out/approve}: the next step starts on {@code from}. */
    record ApproveStepRequest(LocalDate from, String reason) {
    }

    /**
     * A registration as the API shows it, with its state now.
     *
     * @param state                 whether it applies now ({@code ACTIVE}) or why not
     * @param phaseOutStep          when active: 0 for the registered profile, k for step k
     * @param appliedProfileId      the profile applied now, {@code null} when none
     * @param currentEvaluationDate the evaluation date after every recorded evaluation
     */
    record RegistrationResponse(long id, long clientId, Basis basis, String dossierReference, Person decidedBy,
            LocalDate decidedOn, long profileId, LocalDate start, LocalDate evaluationDate, LocalDate end,
            Set<Risk> risks, Weighing weighing, Consent consent, List<Person> consulted, List<PhaseOutStep> phaseOut,
            List<Evaluation> evaluations, Withdrawal withdrawal, HostEvents hostEvents, EffectiveReason state,
            Integer phaseOutStep, Long appliedProfileId, LocalDate currentEvaluationDate, long version) {
        static RegistrationResponse of(Registration r, Instant now, Limits limits) {
            RegistrationState s = EffectivePolicy.stateOf(r, now, limits);
            boolean active = s.reason() == EffectiveReason.ACTIVE;
            return new RegistrationResponse(r.id(), r.clientId(), r.basis(), r.dossierReference(), r.decidedBy(),
                    r.decidedOn(), r.profileId(), r.start(), r.evaluationDate(), r.end(), r.risks(), r.weighing(),
                    r.consent(), r.consulted(), r.phaseOut(), r.evaluations(), r.withdrawal(), r.hostEvents(),
                    s.reason(), active ? s.stepIndex() : null, s.profileId(), r.currentEvaluationDate(),
                    r.version());
        }
    }

    /** Blocked requests of a registration's client on one day in one category (list id or reason). */
    record BlockCountResponse(LocalDate day, String category, long blocks) {
    }

    private final VangnetStore store;
    private final Clock clock;
    private final Limits limits;

    RegistrationsResource(VangnetStore store, Clock clock, Limits limits) {
        this.store = store;
        this.clock = clock;
        this.limits = limits;
    }

    void addTo(RouteTable.Builder b) {
        b.add(new Endpoint(GET, BASE, Roles.READ_CARE, Endpoint.Surface.API,
                "List registrations (care professionals: their location only)", null,
                Types.pageOf(RegistrationResponse.class), 200, this::list), ClientsResource.with(ApiParam.paging(),
                ApiParam.integer("clientId", "only registrations of this client")));
        b.add(new Endpoint(POST, BASE, Roles.RECORD, Endpoint.Surface.API,
                "Register a restriction (the only way anyone is restricted)", RegistrationRequest.class,
                RegistrationResponse.class, 201, this::create));
        b.add(new Endpoint(GET, BASE + "/{id}", Roles.READ_CARE, Endpoint.Surface.API, "Read a registration", null,
                RegistrationResponse.class, 200, this::get));
        b.add(new Endpoint(PUT, BASE + "/{id}", Roles.RECORD, Endpoint.Surface.API,
                "Change a registration's recorded fields or schedule", RegistrationRequest.class,
                RegistrationResponse.class, 200, this::update), ApiParam.ifMatch());
        b.add(new Endpoint(POST, BASE + "/{id}/evaluations", Roles.EVALUATE, Endpoint.Surface.API,
                "Record an evaluation (moves the evaluation date)", EvaluationRequest.class,
                RegistrationResponse.class, 200, this::evaluate), ApiParam.ifMatch());
        b.add(new Endpoint(POST, BASE + "/{id}/withdrawal", Roles.RECORD, Endpoint.Surface.API,
                "Record consent withdrawal or resistance: a voluntary restriction stops at once",
                WithdrawalRequest.class, RegistrationResponse.class, 200, this::withdraw), ApiParam.ifMatch());
        b.add(new Endpoint(POST, BASE + "/{id}/phase-out/approve", Roles.APPROVE, Endpoint.Surface.API,
                "Approve the next phase-out step earlier", ApproveStepRequest.class, RegistrationResponse.class, 200,
                this::approve), ApiParam.ifMatch());
        b.add(new Endpoint(GET, BASE + "/{id}/block-counts", Roles.EVALUATE, Endpoint.Surface.API,
                "Blocked requests per day and category (for the evaluation)", null,
                Types.pageOf(BlockCountResponse.class), 200, this::blockCounts), ClientsResource.with(
                ApiParam.paging(), ApiParam.date("from", "first day (default: 27 days before to)"),
                ApiParam.date("to", "last day (default: today)")));
    }

    private void list(Context ctx, Principal p) {
        Paging paging = Paging.of(ctx);
        Long clientId = QueryParams.longParam(ctx, "clientId");
        Instant now = clock.instant();
        List<RegistrationResponse> all = store.registrations().stream()
                .filter(r -> clientId == null || r.clientId() == clientId)
                .filter(r -> p.mayAccessLocation(null) || Scope.visible(store, p, r.clientId()))
                .map(r -> RegistrationResponse.of(r, now, limits)).toList();
        ctx.json(Page.of(all, paging));
    }

    private void create(Context ctx, Principal p) {
        RegistrationRequest r = Json.read(ctx, RegistrationRequest.class);
        Scope.clientField(store, p, r.clientId());
        Registration created = store.createRegistration(p.actor(), r.toModel(0, List.of(), null, 0), r.reason());
        respond(ctx, created).header("Location", BASE + "/" + created.id());
    }

    private void get(Context ctx, Principal p) {
        respond(ctx, Scope.registration(store, p, QueryParams.id(ctx, "id")));
    }

    private void update(Context ctx, Principal p) {
        Registration stored = Scope.registration(store, p, QueryParams.id(ctx, "id"));
        long version = ETags.ifMatch(ctx);
        RegistrationRequest r = Json.read(ctx, RegistrationRequest.class);
        Scope.clientField(store, p, r.clientId());
        respond(ctx, store.updateRegistration(p.actor(), r.toModel(stored.id(), stored.evaluations(),
                stored.withdrawal(), version), r.reason()));
    }

    private void evaluate(Context ctx, Principal p) {
        Registration stored = Scope.registration(store, p, QueryParams.id(ctx, "id"));
        long version = ETags.ifMatch(ctx);
        EvaluationRequest r = Json.read(ctx, EvaluationRequest.class);
        respond(ctx, store.recordEvaluation(p.actor(), stored.id(), version, new Evaluation(0, r.date(), r.by(),
                r.outcome(), r.nextEvaluationDate(), r.notes(), null), r.reason()));
    }

    private void withdraw(Context ctx, Principal p) {
        Registration stored = Scope.registration(store, p, QueryParams.id(ctx, "id"));
        long version = ETags.ifMatch(ctx);
        WithdrawalRequest r = Json.read(ctx, WithdrawalRequest.class);
        Instant at = r.at() == null ? clock.instant() : r.at();
        respond(ctx, store.recordWithdrawal(p.actor(), stored.id(), version, new Withdrawal(r.kind(), at,
                r.reportedBy(), r.notes()), r.reason()));
    }

    private void approve(Context ctx, Principal p) {
        Registration stored = Scope.registration(store, p, QueryParams.id(ctx, "id"));
        long version = ETags.ifMatch(ctx);
        ApproveStepRequest r = Json.read(ctx, ApproveStepRequest.class);
        if (r.from() == null) {
            throw ValidationException.of("from", "the day the next step starts is required (yyyy-mm-dd)");
        }
        respond(ctx, store.approvePhaseOutStep(p.actor(), stored.id(), version, r.from(), r.reason()));
    }

    private void blockCounts(Context ctx, Principal p) {
        Registration stored = Scope.registration(store, p, QueryParams.id(ctx, "id"));
        Paging paging = Paging.of(ctx);
        LocalDate to = QueryParams.date(ctx, "to");
        if (to == null) {
            to = LocalDate.ofInstant(clock.instant(), limits.zone());
        }
        LocalDate from = QueryParams.date(ctx, "from");
        if (from == null) {
            from = to.minusDays(DEFAULT_BLOCK_DAYS - 1);
        }
        if (from.isAfter(to)) {
            throw ApiException.badParameter("from", "must not be after to (" + to + ")");
        }
        if (from.plusDays(MAX_BLOCK_DAYS).isBefore(to)) {
            throw ApiException.badParameter("from", "the period may be at most " + MAX_BLOCK_DAYS + " days");
        }
        ctx.json(Page.of(store.blockCounts(stored.id(), from, to).stream()
                .map(c -> new BlockCountResponse(c.day(), c.category(), c.blocks())).toList(), paging));
    }

    private Context respond(Context ctx, Registration r) {
        ETags.set(ctx, r.version());
        return ctx.json(RegistrationResponse.of(r, clock.instant(), limits));
    }
}
