package nl.vangnet.proxy.decision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.TimeWindow;
import nl.vangnet.config.rules.Domains;
import nl.vangnet.config.rules.WeekMinutes;
import nl.vangnet.proxy.lists.ListIndex;
import nl.vangnet.proxy.lists.ListQuery;

/**
 * A {@link Profile} prepared for matching: rule values normalised ({@link Domains#normalise},
 * {@link Domains#normaliseId}), domains in hash maps, time windows as {@link WeekMinutes}, and the sorted minutes
 * of the week at which any of its windows begins or ends ({@link #boundaries()}) — the only minutes at which a
 * decision under this profile can change by the clock alone.
 *
 * <p>Compiled once per profile and snapshot. Immutable apart from its cache of {@link ListQuery list queries}
 * (one per list index and set of active ids), which is thread-safe.
 */
final class CompiledProfile {
    /** List-id prefix of AdGuard blocked services. */
    static final String SERVICE_PREFIX = "service:";

    /** A rule value with the minutes in which it applies ({@code null}: always). */
    record TimedRule(String value, String listId, WeekMinutes active) {
        boolean activeAt(int minuteOfWeek) {
            return active == null || active.contains(minuteOfWeek);
        }
    }

    private record Queries(ListIndex index, Map<List<String>, ListQuery> byIds) {
    }

    /** The query of a kind of rules that are all always active, for one index. */
    private record Fixed(ListIndex index, ListQuery query) {
    }

    private final Profile source;
    private final DomainTable<String> allowed;
    private final DomainTable<TimedRule[]> blocked;
    private final int allowedCount;
    private final int blockedCount;
    private final TimedRule[] categories;
    private final TimedRule[] services;
    private final List<String> alwaysCategoryIds;
    private final List<String> alwaysServiceIds;
    private final WeekMinutes internetHours;
    private final int[] boundaries;
    private volatile Queries queries;
    private volatile Fixed fixedCategories;
    private volatile Fixed fixedServices;
    private volatile Fixed fixedBoth;

    private CompiledProfile(Profile source, Map<String, String> allowed, Map<String, TimedRule[]> blocked,
            TimedRule[] categories, TimedRule[] services, WeekMinutes internetHours, int[] boundaries) {
        this.source = source;
        this.allowed = DomainTable.of(allowed);
        this.blocked = DomainTable.of(blocked);
        this.allowedCount = allowed.size();
        this.blockedCount = blocked.size();
        this.categories = categories;
        this.services = services;
        this.alwaysCategoryIds = alwaysIds(categories);
        this.alwaysServiceIds = alwaysIds(services);
        this.internetHours = internetHours;
        this.boundaries = boundaries;
    }

    static CompiledProfile compile(Profile p) {
        List<WeekMinutes> windows = new ArrayList<>();
        Map<String, String> allowed = new HashMap<>();
        for (Rule r : p.allowedDomains()) {
            if (r != null && r.value() != null) {
                String domain = Domains.normalise(r.value());
                allowed.putIfAbsent(domain, domain);
            }
        }
        Map<String, List<TimedRule>> blockedLists = new HashMap<>();
        for (Rule r : p.blockedDomains()) {
            if (r != null && r.value() != null) {
                String domain = Domains.normalise(r.value());
                blockedLists.computeIfAbsent(domain, k -> new ArrayList<>()).add(timed(domain, domain, r, windows));
            }
        }
        Map<String, TimedRule[]> blocked = new HashMap<>();
        blockedLists.forEach((k, v) -> blocked.put(k, v.toArray(new TimedRule[0])));
        List<TimedRule> categories = new ArrayList<>();
        for (Rule r : p.blockedCategories()) {
            if (r != null && r.value() != null) {
                String id = Domains.normaliseId(r.value());
                categories.add(timed(id, id, r, windows));
            }
        }
        List<TimedRule> services = new ArrayList<>();
        for (Rule r : p.blockedServices()) {
            if (r != null && r.value() != null) {
                String id = Domains.normaliseId(r.value());
                services.add(timed(id, SERVICE_PREFIX + id, r, windows));
            }
        }
        WeekMinutes hours = active(p.internetHours(), windows);
        boolean[] marks = new boolean[WeekMinutes.MINUTES_PER_WEEK];
        int count = 0;
        for (WeekMinutes w : windows) {
            for (int m : LocalWeek.boundaries(w)) {
                if (!marks[m]) {
                    marks[m] = true;
                    count++;
                }
            }
        }
        int[] boundaries = new int[count];
        int n = 0;
        for (int m = 0; m < marks.length; m++) {
            if (marks[m]) {
                boundaries[n++] = m;
            }
        }
        return new CompiledProfile(p, Map.copyOf(allowed), Map.copyOf(blocked),
                categories.toArray(new TimedRule[0]), services.toArray(new TimedRule[0]), hours, boundaries);
    }

    private static TimedRule timed(String value, String listId, Rule r, List<WeekMinutes> windows) {
        return new TimedRule(value, listId, active(r.activeDuring(), windows));
    }

    /** The minutes of {@code list} ({@code null} for an empty list: always), remembered in {@code windows}. */
    private static WeekMinutes active(List<TimeWindow> list, List<WeekMinutes> windows) {
        WeekMinutes set = WeekMinutes.ofOrWholeWeek(list);
        if (set.isWholeWeek()) {
            return null;
        }
        windows.add(set);
        return set;
    }

    private static List<String> alwaysIds(TimedRule[] rules) {
        List<String> ids = new ArrayList<>();
        for (TimedRule r : rules) {
            if (r.active() != null) {
                return null;
            }
            if (!ids.contains(r.listId())) {
                ids.add(r.listId());
            }
        }
        return List.copyOf(ids);
    }

    /** The profile this was compiled from. */
    Profile source() {
        return source;
    }

    long id() {
        return source.id();
    }

    boolean allowListOnly() {
        return source.allowListOnly();
    }

    boolean safeSearch() {
        return source.safeSearch();
    }

    /**
     * Whether a connection whose destination cannot be named ({@link Kind#OPAQUE}) is refused: the profile does not
     * allow such connections and restricts anything at all (a rule, allow-list-only mode, internet hours or
     * SafeSearch) that such a connection could slip past.
     */
    boolean refusesOpaque() {
        return !source.allowOpaqueConnections() && (blockedCount > 0 || categories.length > 0 || services.length > 0
                || source.allowListOnly() || source.safeSearch() || internetHours != null);
    }

    /** Sorted minutes of the week at which any window of the profile begins or ends. */
    int[] boundaries() {
        return boundaries;
    }

    /** Whether internet is available at this minute of the week (no internet hours: always). */
    boolean internetAt(int minuteOfWeek) {
        return internetHours == null || internetHours.contains(minuteOfWeek);
    }

    /**
     * The allowed domain that covers {@code host} (the host itself or, for names, the nearest parent), or
     * {@code null}.
     */
    String allowedDomain(String host) {
        if (allowed.isEmpty()) {
            return null;
        }
        long marks = DomainTable.marks(host);
        for (int off = 0; off >= 0; off = DomainTable.nextSuffix(host, off, marks)) {
            String hit = allowed.get(host, off);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    /**
     * The blocked domain that covers {@code host} with a rule active at this minute (nearest first), or
     * {@code null}.
     */
    String blockedDomain(String host, int minuteOfWeek) {
        if (blocked.isEmpty()) {
            return null;
        }
        long marks = DomainTable.marks(host);
        for (int off = 0; off >= 0; off = DomainTable.nextSuffix(host, off, marks)) {
            TimedRule[] rules = blocked.get(host, off);
            if (rules != null) {
                for (TimedRule r : rules) {
                    if (r.activeAt(minuteOfWeek)) {
                        return r.value();
                    }
                }
            }
        }
        return null;
    }

    /**
     * The query for the categories blocked at this minute, in rule order, made by {@code index}; {@code null} when
     * no category rule is active (then no list is consulted).
     */
    ListQuery categoryQuery(ListIndex index, int minuteOfWeek) {
        if (alwaysCategoryIds != null && categories.length > 0) {
            Fixed f = fixedCategories;
            if (f == null || f.index() != index) {
                f = new Fixed(index, query(index, categories, alwaysCategoryIds, minuteOfWeek));
                fixedCategories = f;
            }
            return f.query();
        }
        return query(index, categories, alwaysCategoryIds, minuteOfWeek);
    }

    /** As {@link #categoryQuery} for blocked services (list ids {@code service:<id>}). */
    ListQuery serviceQuery(ListIndex index, int minuteOfWeek) {
        if (alwaysServiceIds != null && services.length > 0) {
            Fixed f = fixedServices;
            if (f == null || f.index() != index) {
                f = new Fixed(index, query(index, services, alwaysServiceIds, minuteOfWeek));
                fixedServices = f;
            }
            return f.query();
        }
        return query(index, services, alwaysServiceIds, minuteOfWeek);
    }

    /**
     * One query for the category lists followed by the service lists, when both kinds of rules exist and are all
     * always active (so the query is the same at every minute), made by {@code index}; else {@code null}. A hit in
     * it is the nearest listing of the host in any of those lists, at equal distance a category list before a
     * service list: a category hit is exactly what {@link #categoryQuery} alone would give, while a service hit
     * still leaves a category listing of a farther parent to be looked for.
     */
    ListQuery bothQuery(ListIndex index) {
        if (alwaysCategoryIds == null || alwaysServiceIds == null || categories.length == 0
                || services.length == 0) {
            return null;
        }
        Fixed f = fixedBoth;
        if (f == null || f.index() != index) {
            List<String> ids = new ArrayList<>(alwaysCategoryIds);
            ids.addAll(alwaysServiceIds);
            f = new Fixed(index, index.query(List.copyOf(ids)));
            fixedBoth = f;
        }
        return f.query();
    }

    private ListQuery query(ListIndex index, TimedRule[] rules, List<String> always, int minuteOfWeek) {
        if (rules.length == 0) {
            return null;
        }
        List<String> ids = always;
        if (ids == null) {
            List<String> active = new ArrayList<>(rules.length);
            for (TimedRule r : rules) {
                if (r.activeAt(minuteOfWeek) && !active.contains(r.listId())) {
                    active.add(r.listId());
                }
            }
            if (active.isEmpty()) {
                return null;
            }
            ids = List.copyOf(active);
        }
        Queries q = queries;
        if (q == null || q.index() != index) {
            q = new Queries(index, new ConcurrentHashMap<>());
            queries = q;
        }
        return q.byIds().computeIfAbsent(ids, index::query);
    }

    @Override
    public String toString() {
        return "CompiledProfile[id=" + source.id() + ", allowed=" + allowedCount + ", blocked=" + blockedCount
                + ", categories=" + categories.length + ", services=" + services.length + ", boundaries="
                + Arrays.toString(boundaries) + "]";
    }
}
