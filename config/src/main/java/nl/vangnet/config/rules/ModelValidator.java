package nl.vangnet.config.rules;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Consent;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.HostEvents;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.TimeWindow;
import nl.vangnet.config.model.Weighing;
import nl.vangnet.config.model.Withdrawal;

/**
 * The one validator of the policy model: each method returns <em>every</em> {@link Problem} of its input at once,
 * each with a field path relative to the validated record ({@code code}, {@code macAddresses[1]},
 * {@code blockedDomains[0].value}, {@code internetHours[2].to}, {@code weighing.subsidiarity},
 * {@code consent.givenBy.name}, {@code phaseOut[2].profileId}; {@code registration.*} for the registration an
 * evaluation or withdrawal is recorded on) and a plain-English message saying what is wrong and why. Bad input —
 * including {@code null} records and fields — never throws; it produces problems. An empty list means valid.
 *
 * <p>The {@code normalise} methods bring devices and profiles into canonical form (lower-case MACs, canonical IP
 * literals, lower-case punycode domains) before they are validated and stored; values they cannot normalise are
 * left as given so that validation reports them. IP addresses are only ever parsed as literals, never resolved.
 *
 * <p>The registration rules follow DESIGN §2 and the Wzd: the legal basis decides what the dossier record must
 * contain (consent for {@code VOLUNTARY}; the zorgverantwoordelijke's decision, the weighing and the
 * multidisciplinary consultation for {@code WZD} and {@code WZD_UNFORESEEN}); every registration has an evaluation
 * date within the configured {@link Limits} and a phase-out schedule checked by {@link PhaseOutVerifier}. A
 * registration that records a need for per-host block events ({@link HostEvents}) says why and keeps them 1 to
 * {@link Limits#maxHostEventRetentionDays()} days.
 *
 * <p>Immutable and thread-safe.
 */
public final class ModelValidator {
    private static final Pattern CLIENT_CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PROXY_USERNAME = Pattern.compile("[^:\\s\\p{Cntrl}]{1,64}");
    private static final int MAX_REFERENCE = 128;
    private static final int MAX_NAME = 64;
    private static final int MAX_HOST_EVENTS_REASON = 1000;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Limits limits;

    /** A validator for the organisation's {@code limits}. */
    public ModelValidator(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The limits this validator checks against. */
    public Limits limits() {
        return limits;
    }

    // ------------------------------------------------------------------------------------------------- client

    /**
     * Problems of a client: {@code code} required, 1..64 letters, digits, '.', '-' or '_'; {@code dossierReference}
     * and {@code location} required, at most 128 characters.
     */
    public List<Problem> client(Client c) {
        List<Problem> out = new ArrayList<>();
        if (c == null) {
            out.add(new Problem("client", "a client is required"));
            return out;
        }
        if (c.code() == null) {
            out.add(new Problem("code", "a client code is required: clients are known to Vangnet only by a"
                    + " pseudonymous code"));
        } else if (!CLIENT_CODE.matcher(c.code()).matches()) {
            out.add(new Problem("code", "the client code must be 1 to 64 letters, digits, '.', '-' or '_' (a"
                    + " pseudonymous code such as C-0042, not a name)"));
        }
        text(out, "dossierReference", c.dossierReference(), MAX_REFERENCE,
                "a dossier reference is required: it links the client to the organisation's dossier");
        text(out, "location", c.location(), MAX_REFERENCE,
                "a location (house) is required, for the review pages and the inspection overview per location");
        return out;
    }

    // ------------------------------------------------------------------------------------------------- device

    /**
     * The device with MAC addresses in lower-case {@code aa:bb:cc:dd:ee:ff} (from {@code :}, {@code -}, Cisco
     * {@code aabb.ccdd.eeff} or bare hex) and IP literals in canonical text (IPv4 dotted, IPv6 compressed lower
     * case; IPv4-mapped IPv6 as IPv4). Invalid values are kept as given (trimmed); nothing is resolved.
     */
    public Device normalise(Device d) {
        if (d == null) {
            return null;
        }
        List<String> macs = d.macAddresses().stream()
                .map(m -> Addresses.canonicalMac(m).orElse(m.strip())).toList();
        List<String> ips = d.ipAddresses().stream()
                .map(ip -> Addresses.canonicalIp(ip).orElse(ip.strip())).toList();
        return new Device(d.id(), d.clientId(), d.label(), macs, ips, d.proxyUsername(), d.proxyPasswordHash(),
                d.version());
    }

    /**
     * Problems of a device: a client; a label (at most 64 characters); at least one MAC address, IP address or
     * proxy user name; every MAC and IP valid, unicast, and listed once; proxy user name and password hash
     * together, the hash made by {@link PasswordHasher}. That a MAC or IP belongs to at most one device across
     * devices is the store's check.
     */
    public List<Problem> device(Device d) {
        List<Problem> out = new ArrayList<>();
        if (d == null) {
            out.add(new Problem("device", "a device is required"));
            return out;
        }
        if (d.clientId() <= 0) {
            out.add(new Problem("clientId", "a device must belong to a client"));
        }
        text(out, "label", d.label(), MAX_NAME, "a label is required, so that staff can tell the client's devices"
                + " apart (e.g. 'telefoon', 'tablet')");
        if (d.macAddresses().isEmpty() && d.ipAddresses().isEmpty() && d.proxyUsername() == null) {
            out.add(new Problem("macAddresses", "a device needs at least one MAC address, fixed IP address or proxy"
                    + " user name, otherwise the proxy cannot recognise it"));
        }
        Map<String, Integer> seenMacs = new HashMap<>();
        for (int i = 0; i < d.macAddresses().size(); i++) {
            String raw = d.macAddresses().get(i);
            String path = "macAddresses[" + i + "]";
            Optional<String> mac = Addresses.canonicalMac(raw);
            if (mac.isEmpty()) {
                out.add(new Problem(path, "'" + raw + "' is not a MAC address: write six pairs of hex digits, such"
                        + " as aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff, aabb.ccdd.eeff or aabbccddeeff"));
            } else if (Addresses.isGroupMac(mac.get())) {
                out.add(new Problem(path, "'" + raw + "' is a multicast or broadcast MAC address, which no single"
                        + " device has"));
            } else {
                Integer first = seenMacs.putIfAbsent(mac.get(), i);
                if (first != null) {
                    out.add(new Problem(path, "'" + raw + "' is listed twice (also macAddresses[" + first + "])"));
                }
            }
        }
        Map<String, Integer> seenIps = new HashMap<>();
        for (int i = 0; i < d.ipAddresses().size(); i++) {
            String raw = d.ipAddresses().get(i);
            String path = "ipAddresses[" + i + "]";
            Optional<InetAddress> ip = Addresses.ipLiteral(raw);
            if (ip.isEmpty()) {
                out.add(new Problem(path, "'" + raw + "' is not an IP address: write an IPv4 address such as"
                        + " 192.168.10.21 or an IPv6 address such as 2001:db8::21 (host names are not accepted,"
                        + " they are never looked up)"));
            } else if (ip.get().isAnyLocalAddress()) {
                // loopback stays allowed: a client on the proxy host itself, the demo, and tests on 127.0.0.0/8
                out.add(new Problem(path, "'" + raw + "' is the unspecified address, which no device on"
                        + " the network has"));
            } else if (ip.get().isMulticastAddress() || isBroadcast(ip.get())) {
                out.add(new Problem(path, "'" + raw + "' is a multicast or broadcast address, which no single"
                        + " device has"));
            } else {
                Integer first = seenIps.putIfAbsent(Addresses.format(ip.get()), i);
                if (first != null) {
                    out.add(new Problem(path, "'" + raw + "' is listed twice (also ipAddresses[" + first + "])"));
                }
            }
        }
        if (d.proxyUsername() != null && !PROXY_USERNAME.matcher(d.proxyUsername()).matches()) {
            out.add(new Problem("proxyUsername", "the proxy user name must be 1 to 64 characters without ':',"
                    + " spaces or control characters (Basic authentication cannot carry them)"));
        }
        if (d.proxyUsername() != null && d.proxyPasswordHash() == null) {
            out.add(new Problem("proxyPasswordHash", "a proxy user name needs a password: the password hash is"
                    + " missing"));
        }
        if (d.proxyPasswordHash() != null && d.proxyUsername() == null) {
            out.add(new Problem("proxyUsername", "a proxy password hash is set without a user name: set both or"
                    + " neither"));
        }
        if (d.proxyPasswordHash() != null && !PasswordHasher.looksLikeHash(d.proxyPasswordHash())) {
            out.add(new Problem("proxyPasswordHash", "the proxy password must be stored as a hash made by"
                    + " PasswordHasher (pbkdf2-sha256$...), never as the password itself"));
        }
        return out;
    }

    private static boolean isBroadcast(InetAddress a) {
        if (!(a instanceof Inet4Address)) {
            return false;
        }
        for (byte b : a.getAddress()) {
            if (b != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------ profile

    /**
     * The profile with domains (blocked and allowed) trimmed, lower case, without trailing dot or leading
     * {@code *.}, internationalised names in punycode ({@link java.net.IDN}) and IP literals canonical; category
     * and service ids trimmed and lower case. Values that cannot be converted are kept, for validation to report.
     */
    public Profile normalise(Profile p) {
        if (p == null) {
            return null;
        }
        return new Profile(p.id(), p.name(), p.description(), rules(p.blockedCategories(), Domains::normaliseId),
                rules(p.blockedServices(), Domains::normaliseId), rules(p.blockedDomains(), Domains::normalise),
                rules(p.allowedDomains(), Domains::normalise), p.allowListOnly(), p.internetHours(),
                p.safeSearch(), p.allowOpaqueConnections(), p.version());
    }

    private static List<Rule> rules(List<Rule> rules, UnaryOperator<String> normaliser) {
        return rules.stream().map(r -> new Rule(normaliser.apply(r.value()), r.risk(), r.activeDuring())).toList();
    }

    /**
     * Problems of a profile, as {@link #normalise(Profile)} would make it: a name (at most 64 characters); valid
     * category and service ids; valid domains (labels of 1..63 letters, digits and hyphens, at most 253
     * characters, no scheme, path or port; IP literals only as blocked domains); no value twice in one list; no
     * domain both blocked and allowed; allow-list-only mode with at least one allowed domain; allowed domains
     * without time windows; every time window with days, from and to, and from ≠ to (except 00:00–00:00, the
     * whole day); internet hours that leave some time available.
     */
    public List<Problem> profile(Profile profile) {
        List<Problem> out = new ArrayList<>();
        if (profile == null) {
            out.add(new Problem("profile", "a profile is required"));
            return out;
        }
        Profile p = normalise(profile);
        text(out, "name", p.name(), MAX_NAME, "a profile name is required, so that staff can choose it");
        ruleList(out, "blockedCategories", "category", p.blockedCategories(), Domains::idProblem);
        ruleList(out, "blockedServices", "service", p.blockedServices(), Domains::idProblem);
        ruleList(out, "blockedDomains", "domain", p.blockedDomains(), v -> Domains.domainProblem(v, true));
        ruleList(out, "allowedDomains", "domain", p.allowedDomains(), v -> Domains.domainProblem(v, false));
        Map<String, Integer> blocked = new HashMap<>();
        for (int i = 0; i < p.blockedDomains().size(); i++) {
            if (p.blockedDomains().get(i).value() != null) {
                blocked.putIfAbsent(p.blockedDomains().get(i).value(), i);
            }
        }
        for (int i = 0; i < p.allowedDomains().size(); i++) {
            Rule r = p.allowedDomains().get(i);
            String path = "allowedDomains[" + i + "]";
            Integer b = r.value() == null ? null : blocked.get(r.value());
            if (b != null) {
                out.add(new Problem(path + ".value", "'" + r.value() + "' is both blocked (blockedDomains[" + b
                        + "]) and allowed: decide which one the profile means"));
            }
            if (!r.activeDuring().isEmpty()) {
                out.add(new Problem(path + ".activeDuring", "an allowed domain cannot have time windows: an"
                        + " exception applies always (limit when the internet is available with internetHours)"));
            }
        }
        if (p.allowListOnly() && p.allowedDomains().isEmpty()) {
            out.add(new Problem("allowListOnly", "allow-list-only mode needs at least one allowed domain, otherwise"
                    + " nothing at all is reachable"));
        }
        int before = out.size();
        windows(out, "internetHours", p.internetHours());
        if (out.size() == before && !p.internetHours().isEmpty() && WeekMinutes.of(p.internetHours()).isEmpty()) {
            out.add(new Problem("internetHours", "the internet hours cover no time at all, so internet would never"
                    + " be available; leave the list empty for 'always'"));
        }
        return out;
    }

    private interface ValueCheck {
        String problem(String value);
    }

    private static void ruleList(List<Problem> out, String list, String kind, List<Rule> rules, ValueCheck check) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String path = list + "[" + i + "]";
            if (r.value() == null) {
                out.add(new Problem(path + ".value", "a " + kind + " is required in every rule"));
            } else {
                String problem = check.problem(r.value());
                if (problem != null) {
                    out.add(new Problem(path + ".value", problem));
                }
                Integer first = seen.putIfAbsent(r.value(), i);
                if (first != null) {
                    out.add(new Problem(path + ".value", "'" + r.value() + "' is listed twice (also " + list + "["
                            + first + "]); keep one rule and give it every time window it needs"));
                }
            }
            windows(out, path + ".activeDuring", r.activeDuring());
        }
    }

    private static void windows(List<Problem> out, String list, List<TimeWindow> windows) {
        for (int i = 0; i < windows.size(); i++) {
            TimeWindow w = windows.get(i);
            String path = list + "[" + i + "]";
            if (w.days().isEmpty()) {
                out.add(new Problem(path + ".days", "a time window needs at least one day of the week"));
            }
            if (w.from() == null) {
                out.add(new Problem(path + ".from", "a time window needs a start time"));
            }
            if (w.to() == null) {
                out.add(new Problem(path + ".to", "a time window needs an end time (00:00 for the end of the day)"));
            }
            if (w.from() != null && w.to() != null && w.from().equals(w.to()) && w.to().toSecondOfDay() != 0) {
                out.add(new Problem(path + ".to", "the window starts and ends at the same time (" + w.from()
                        + "), so it is empty; for a whole day use 00:00 to 00:00"));
            }
        }
    }

    // ------------------------------------------------------------------------------------------- registration

    /**
     * Problems of a registration, looking profiles up with {@code profiles}; {@code today} is the organisation's
     * current date (a new registration, {@code id == 0}, must not already be over). See the class description
     * for the rules; the schedule is checked by {@link PhaseOutVerifier}.
     */
    public List<Problem> registration(Registration r, LongFunction<Optional<Profile>> profiles, LocalDate today) {
        List<Problem> out = new ArrayList<>();
        if (r == null) {
            out.add(new Problem("registration", "a registration is required"));
            return out;
        }
        Objects.requireNonNull(profiles, "profiles");
        Basis basis = r.basis();
        if (r.clientId() <= 0) {
            out.add(new Problem("clientId", "a registration must belong to a client"));
        }
        if (basis == null) {
            out.add(new Problem("basis", "a legal basis is required: VOLUNTARY (agreed in the support plan), WZD or"
                    + " WZD_UNFORESEEN; nothing else makes a restriction lawful"));
        }
        text(out, "dossierReference", r.dossierReference(), MAX_REFERENCE, "a dossier reference is required: it"
                + " says where the agreement or decision is recorded in the client's dossier");
        person(out, "decidedBy", r.decidedBy(), "who decided");
        if (r.decidedOn() == null) {
            out.add(new Problem("decidedOn", "the date of the decision is required"));
        }
        if (PhaseOutVerifier.lookup(profiles, r.profileId()).isEmpty()) {
            out.add(new Problem("profileId", "profile " + r.profileId() + " does not exist: a registration must"
                    + " apply an existing profile"));
        }
        LocalDate start = r.start();
        LocalDate end = r.end();
        LocalDate evaluation = r.evaluationDate();
        if (start == null) {
            out.add(new Problem("start", "a start date is required"));
        }
        if (evaluation == null) {
            out.add(new Problem("evaluationDate", "an evaluation date is required: every registration is evaluated"
                    + " on time, or it lapses"));
        }
        if (end == null) {
            out.add(new Problem("end", "an end date is required: every restriction is as short as possible"));
        }
        if (start != null && end != null && start.isAfter(end)) {
            out.add(new Problem("end", "the end date (" + end + ") is before the start date (" + start + ")"));
        }
        if (start != null && evaluation != null) {
            if (!evaluation.isAfter(start)) {
                out.add(new Problem("evaluationDate", "the evaluation date (" + evaluation + ") must be at least one"
                        + " day after the start (" + start + ")"));
            } else if (basis != null && evaluation.isAfter(start.plus(maxInterval(basis)))) {
                out.add(new Problem("evaluationDate", "the evaluation date (" + evaluation + ") is more than "
                        + describe(maxInterval(basis)) + " after the start (" + start + "): the organisation's"
                        + " maximum evaluation interval for " + basis + " is " + describe(maxInterval(basis))));
            }
        }
        if (r.risks().isEmpty()) {
            out.add(new Problem("risks", "the registration must say which risk it addresses (e.g. gambling,"
                    + " scams, sexting and loverboys): a restriction needs a reason"));
        }
        for (int i = 0; i < r.consulted().size(); i++) {
            person(out, "consulted[" + i + "]", r.consulted().get(i), "the person consulted");
        }
        if (basis == Basis.VOLUNTARY) {
            consent(out, r.consent(), start);
            if (r.decidedOn() != null && start != null && r.decidedOn().isAfter(start)) {
                out.add(new Problem("decidedOn", "the agreement (" + r.decidedOn() + ") must be made no later than"
                        + " the start (" + start + "): a voluntary restriction starts only once it is agreed"));
            }
        } else if (basis != null) {
            wzd(out, r, basis);
        }
        out.addAll(PhaseOutVerifier.verify(r, profiles));
        if (r.id() == 0 && today != null && end != null && end.isBefore(today)) {
            out.add(new Problem("end", "the registration ended on " + end + ", before today (" + today + "): a"
                    + " registration that is over when it is entered restricts nothing"));
        }
        if (r.withdrawal() != null && basis != null && basis != Basis.VOLUNTARY) {
            out.add(new Problem("withdrawal", "only a VOLUNTARY registration can be withdrawn: for a Wzd measure"
                    + " resistance does not end the measure, it is a reason to evaluate it"));
        }
        hostEvents(out, r.hostEvents());
        return out;
    }

    /**
     * Problems of the recorded need for per-host block events, if any: a reason, and a retention of 1 to
     * {@link Limits#maxHostEventRetentionDays()} days (0 was already turned into the default by {@link HostEvents}).
     */
    private void hostEvents(List<Problem> out, HostEvents h) {
        if (h == null) {
            return;
        }
        if (h.reason() == null) {
            out.add(new Problem("hostEvents.reason", "the reason for keeping per-host block events is required:"
                    + " recording which sites a client was refused is supervision (toezicht) of its own, so the"
                    + " dossier must say why it is needed; without a reason leave hostEvents out, and only"
                    + " per-category counts are kept"));
        } else if (h.reason().length() > MAX_HOST_EVENTS_REASON) {
            out.add(new Problem("hostEvents.reason", "at most " + MAX_HOST_EVENTS_REASON + " characters are allowed,"
                    + " this is " + h.reason().length()));
        }
        int max = limits.maxHostEventRetentionDays();
        if (h.retentionDays() < 1) {
            out.add(new Problem("hostEvents.retentionDays", "the retention must be at least 1 day, not "
                    + h.retentionDays() + " (leave it out or give 0 for the default of "
                    + HostEvents.DEFAULT_RETENTION_DAYS + " days)"));
        } else if (h.retentionDays() > max) {
            out.add(new Problem("hostEvents.retentionDays", "per-host block events are kept at most " + max
                    + " days (the organisation's maximum), not " + h.retentionDays()
                    + (h.retentionDays() == HostEvents.DEFAULT_RETENTION_DAYS ? " (the default when none is given)"
                            : "") + ": give a retention of 1 to " + max + " days, as short as the evaluation allows"));
        }
    }

    private void consent(List<Problem> out, Consent consent, LocalDate start) {
        if (consent == null) {
            out.add(new Problem("consent", "a VOLUNTARY registration must record the consent: who gave it, when"
                    + " and how; without consent the restriction would be involuntary care"));
            return;
        }
        Person by = consent.givenBy();
        person(out, "consent.givenBy", by, "who gave consent");
        if (by != null && by.role() != null && by.role() != CareRole.CLIENT
                && by.role() != CareRole.VERTEGENWOORDIGER) {
            out.add(new Problem("consent.givenBy.role", "consent is given by the client or the client's"
                    + " representative (vertegenwoordiger), not by a " + by.role()));
        }
        if (consent.givenOn() == null) {
            out.add(new Problem("consent.givenOn", "the date of consent is required"));
        } else if (start != null && consent.givenOn().isAfter(start)) {
            out.add(new Problem("consent.givenOn", "consent (" + consent.givenOn() + ") must be given no later than"
                    + " the start (" + start + ")"));
        }
        if (consent.how() == null) {
            out.add(new Problem("consent.how", "how consent was given is required (e.g. 'mondeling in de bespreking"
                    + " van het ondersteuningsplan')"));
        }
    }

    private void wzd(List<Problem> out, Registration r, Basis basis) {
        String kind = basis == Basis.WZD ? "a WZD registration"
                : "an unforeseen-situation WZD registration (Wzd art. 15)";
        Person by = r.decidedBy();
        if (by != null && by.role() != null && by.role() != CareRole.ZORGVERANTWOORDELIJKE) {
            out.add(new Problem("decidedBy.role", kind + " is decided by the zorgverantwoordelijke (Wzd art. 10),"
                    + " not by a " + by.role()));
        }
        Weighing w = r.weighing();
        if (w == null) {
            out.add(new Problem("weighing", kind + " must record the weighing of serious harm, subsidiarity,"
                    + " proportionality, effectiveness and safety (Wzd art. 10)"));
        } else {
            weighing(out, "seriousHarm", w.seriousHarm(), kind, "the serious harm (ernstig nadeel) it is meant to"
                    + " prevent");
            weighing(out, "subsidiarity", w.subsidiarity(), kind, "the weighing of subsidiarity (why nothing less"
                    + " intrusive suffices)");
            weighing(out, "proportionality", w.proportionality(), kind, "the weighing of proportionality");
            weighing(out, "effectiveness", w.effectiveness(), kind, "the weighing of effectiveness");
            weighing(out, "safety", w.safety(), kind, "the weighing of safety");
        }
        boolean expert = r.consulted().stream().anyMatch(p -> p.role() != null && p.role().isExpertOfOtherDiscipline()
                && p.name() != null);
        if (!expert) {
            out.add(new Problem("consulted", kind + " must record at least one expert from another discipline who"
                    + " was consulted (e.g. the gedragsdeskundige), with name or code: multidisciplinary"
                    + " consultation is always required (Wzd art. 10)"));
        }
        LocalDate start = r.start();
        LocalDate decided = r.decidedOn();
        if (basis == Basis.WZD) {
            if (decided != null && start != null && decided.isAfter(start)) {
                out.add(new Problem("decidedOn", "the decision (" + decided + ") must be taken no later than the"
                        + " start (" + start + "); a measure without a prior decision is an unforeseen situation"
                        + " (WZD_UNFORESEEN)"));
            }
            return;
        }
        if (decided != null && start != null && (decided.isBefore(start) || decided.isAfter(start.plusDays(2)))) {
            out.add(new Problem("decidedOn", "the written decision (" + decided + ") must be taken within 48 hours"
                    + " after the start (" + start + ", so from " + start + " to " + start.plusDays(2)
                    + ") (Wzd art. 15); a measure decided before it starts is a WZD registration"));
        }
        LocalDate end = r.end();
        if (start != null && end != null && ChronoUnit.DAYS.between(start, end) > limits.maxUnforeseenDays()) {
            out.add(new Problem("end", "an unforeseen-situation measure lasts at most " + limits.maxUnforeseenDays()
                    + " days (end − start), this one " + ChronoUnit.DAYS.between(start, end) + " (Wzd art. 15);"
                    + " for longer, take it into the care plan as a WZD registration"));
        }
        if (end != null && r.evaluationDate() != null && r.evaluationDate().isAfter(end)) {
            out.add(new Problem("evaluationDate", "the evaluation date (" + r.evaluationDate() + ") must be no later"
                    + " than the end (" + end + ") of an unforeseen-situation measure"));
        }
    }

    private static void weighing(List<Problem> out, String field, String value, String kind, String what) {
        if (value == null) {
            out.add(new Problem("weighing." + field, kind + " must record " + what + " (Wzd art. 10)"));
        }
    }

    // --------------------------------------------------------------------------------------------- evaluation

    /**
     * Problems of evaluation {@code e} to be recorded on {@code r}: a date, not after {@code today}, not before
     * the start or the latest recorded evaluation; who evaluated (role and name); an outcome; a next evaluation
     * date after the date and within the maximum interval (no later than the end for {@code WZD_UNFORESEEN}),
     * or none for {@code STOP}. Refused on a withdrawn or stopped registration.
     */
    public List<Problem> evaluation(Registration r, Evaluation e, LocalDate today) {
        List<Problem> out = new ArrayList<>();
        if (r == null) {
            out.add(new Problem("registration", "the registration to evaluate is required"));
        }
        if (e == null) {
            out.add(new Problem("evaluation", "an evaluation is required"));
        }
        if (r == null || e == null) {
            return out;
        }
        if (r.withdrawal() != null) {
            out.add(new Problem("registration.withdrawal", "the registration ended when consent was withdrawn or"
                    + " resistance shown" + (r.withdrawal().at() == null ? "" : " (" + r.withdrawal().at() + ")")
                    + "; there is nothing left to evaluate"));
        }
        Evaluation latest = r.evaluations().isEmpty() ? null : r.evaluations().get(r.evaluations().size() - 1);
        if (latest != null && latest.outcome() == EvaluationOutcome.STOP) {
            out.add(new Problem("registration.evaluations", "the evaluation of " + latest.date() + " stopped the"
                    + " registration; there is nothing left to evaluate (record a new registration instead)"));
        }
        LocalDate date = e.date();
        if (date == null) {
            out.add(new Problem("date", "the date of the evaluation is required"));
        } else {
            if (today != null && date.isAfter(today)) {
                out.add(new Problem("date", "the evaluation date (" + date + ") is in the future: record an"
                        + " evaluation once it has been held"));
            }
            if (r.start() != null && date.isBefore(r.start())) {
                out.add(new Problem("date", "the evaluation (" + date + ") is before the registration started ("
                        + r.start() + ")"));
            }
            if (latest != null && latest.date() != null && date.isBefore(latest.date())) {
                out.add(new Problem("date", "the evaluation (" + date + ") is dated before the latest recorded"
                        + " evaluation (" + latest.date() + "): evaluations are recorded in order"));
            }
        }
        person(out, "by", e.by(), "who evaluated");
        if (e.outcome() == null) {
            out.add(new Problem("outcome", "the outcome is required: CONTINUE, ADJUST, PHASE_OUT_FASTER or STOP"));
        }
        LocalDate next = e.nextEvaluationDate();
        if (e.outcome() == EvaluationOutcome.STOP) {
            if (next != null) {
                out.add(new Problem("nextEvaluationDate", "an evaluation that stops the registration has no next"
                        + " evaluation date"));
            }
        } else if (next == null) {
            out.add(new Problem("nextEvaluationDate", "the next evaluation date is required unless the outcome is"
                    + " STOP: a restriction that continues is evaluated again"));
        } else if (date != null) {
            if (!next.isAfter(date)) {
                out.add(new Problem("nextEvaluationDate", "the next evaluation date (" + next + ") must be after the"
                        + " evaluation (" + date + ")"));
            } else if (r.basis() != null && next.isAfter(date.plus(maxInterval(r.basis())))) {
                out.add(new Problem("nextEvaluationDate", "the next evaluation date (" + next + ") is more than "
                        + describe(maxInterval(r.basis())) + " after the evaluation (" + date + "): the"
                        + " organisation's maximum evaluation interval for " + r.basis() + " is "
                        + describe(maxInterval(r.basis()))));
            }
            if (r.basis() == Basis.WZD_UNFORESEEN && r.end() != null && next.isAfter(r.end())) {
                out.add(new Problem("nextEvaluationDate", "the next evaluation date (" + next + ") is after the end ("
                        + r.end() + ") of the unforeseen-situation measure"));
            }
        }
        return out;
    }

    // --------------------------------------------------------------------------------------------- withdrawal

    /**
     * Problems of withdrawal {@code w} to be recorded on {@code r} at {@code now}: only for a {@code VOLUNTARY}
     * registration, once; a kind, an instant not in the future (5 minutes of clock skew tolerated) and not before
     * the start of the start day, and who reported it (role and name).
     */
    public List<Problem> withdrawal(Registration r, Withdrawal w, Instant now) {
        List<Problem> out = new ArrayList<>();
        if (r == null) {
            out.add(new Problem("registration", "the registration to withdraw is required"));
        }
        if (w == null) {
            out.add(new Problem("withdrawal", "a withdrawal is required"));
        }
        if (r == null || w == null) {
            return out;
        }
        if (r.basis() != Basis.VOLUNTARY) {
            out.add(new Problem("registration.basis", "only a VOLUNTARY registration ends on withdrawal of consent or"
                    + " resistance: for a Wzd measure resistance does not end the measure; it is a reason to"
                    + " evaluate it and to record an evaluation"));
        }
        if (r.withdrawal() != null) {
            out.add(new Problem("registration.withdrawal", "a withdrawal is already recorded"
                    + (r.withdrawal().at() == null ? "" : " (" + r.withdrawal().at() + ")")
                    + "; the registration has ended"));
        }
        if (w.kind() == null) {
            out.add(new Problem("kind", "the kind is required: CONSENT_WITHDRAWN or RESISTANCE"));
        }
        if (w.at() == null) {
            out.add(new Problem("at", "the moment of the withdrawal or resistance is required"));
        } else {
            if (now != null && w.at().isAfter(now.plus(CLOCK_SKEW))) {
                out.add(new Problem("at", "the moment (" + w.at() + ") is in the future: record a withdrawal once"
                        + " it has happened"));
            }
            if (r.start() != null && w.at().isBefore(r.start().atStartOfDay(limits.zone()).toInstant())) {
                out.add(new Problem("at", "the moment (" + w.at() + ") is before the registration started ("
                        + r.start() + ")"));
            }
        }
        person(out, "reportedBy", w.reportedBy(), "who reported it");
        return out;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Period maxInterval(Basis basis) {
        return basis == Basis.VOLUNTARY ? limits.maxEvaluationIntervalVoluntary() : limits.maxEvaluationIntervalWzd();
    }

    private static String describe(Period p) {
        List<String> parts = new ArrayList<>();
        unit(parts, p.getYears(), "year");
        unit(parts, p.getMonths(), "month");
        unit(parts, p.getDays(), "day");
        return String.join(" ", parts);
    }

    private static void unit(List<String> parts, int n, String unit) {
        if (n != 0) {
            parts.add(n + " " + unit + (n == 1 ? "" : "s"));
        }
    }

    private static void text(List<Problem> out, String field, String value, int max, String required) {
        if (value == null) {
            out.add(new Problem(field, required));
        } else if (value.length() > max) {
            out.add(new Problem(field, "at most " + max + " characters are allowed, this is " + value.length()));
        }
    }

    private static void person(List<Problem> out, String path, Person p, String who) {
        if (p == null) {
            out.add(new Problem(path, who + " is required (role and name or staff code)"));
            return;
        }
        if (p.role() == null) {
            out.add(new Problem(path + ".role", "the role of " + who + " is required"));
        }
        if (p.name() == null) {
            out.add(new Problem(path + ".name", "the name or staff code of " + who + " is required"));
        }
    }
}
