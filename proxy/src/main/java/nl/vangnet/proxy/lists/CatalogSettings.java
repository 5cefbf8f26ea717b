package nl.vangnet.proxy.lists;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link ListCatalog} loads and how often. Immutable.
 *
 * @param lists    the category lists, each with its sources; ids unique
 * @param services {@code services:} source specs (AdGuard {@code services.json}); each service in them becomes a
 *                 list {@code service:<id>}; when two sources define the same service the first wins
 * @param interval time between the end of one scheduled reload and the start of the next
 * @param limits   limits for reading each source
 */
public record CatalogSettings(List<ListConfig> lists, List<String> services, Duration interval,
        SourceLimits limits) {
    /** Default reload interval: 6 hours (UT1 and the hosts lists change about daily). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(6);

    public CatalogSettings {
        lists = List.copyOf(Objects.requireNonNull(lists, "lists"));
        services = List.copyOf(Objects.requireNonNull(services, "services"));
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(limits, "limits");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the list reload interval must be positive: " + interval);
        }
        Set<String> ids = new HashSet<>();
        for (ListConfig c : lists) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("list id '" + c.id() + "' is configured twice");
            }
        }
        Set<String> specs = new HashSet<>();
        for (String spec : services) {
            ListSource s = ListSource.parse(spec);
            if (s.format() != ListFormat.SERVICES) {
                throw new IllegalArgumentException("services source '" + spec + "' must be 'services:<path or URL>'");
            }
            if (!specs.add(s.spec())) {
                throw new IllegalArgumentException("services source '" + spec + "' is configured twice");
            }
        }
    }

    /** These lists and services sources with the default interval and {@link SourceLimits#DEFAULT}. */
    public static CatalogSettings of(List<ListConfig> lists, List<String> services) {
        return new CatalogSettings(lists, services, DEFAULT_INTERVAL, SourceLimits.DEFAULT);
    }
}
