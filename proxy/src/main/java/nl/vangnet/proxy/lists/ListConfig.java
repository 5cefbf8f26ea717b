package nl.vangnet.proxy.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured list: a category id (such as {@code gambling}, the id profiles refer to) and its sources, whose
 * entries are united. Sources are specs as {@link ListSource#parse(String)} reads them; {@code services:}
 * sources are configured apart (see {@link CatalogSettings#services()}). Immutable.
 *
 * @param id      the category id: 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or
 *                digit
 * @param sources one or more source specs, e.g. {@code ut1:/var/lib/vangnet/ut1/gambling}
 */
public record ListConfig(String id, List<String> sources) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public ListConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sources, "sources");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("list id '" + id + "' is not valid: use 1 to 64 lower-case letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit");
        }
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("list '" + id + "' has no source");
        }
        for (String spec : sources) {
            if (ListSource.parse(spec).format() == ListFormat.SERVICES) {
                throw new IllegalArgumentException("list '" + id + "': source '" + spec + "' is a services.json,"
                        + " which makes one list per service (service:<id>); configure it as a services source");
            }
        }
    }

    /** Convenience: {@code new ListConfig(id, List.of(sources))}. */
    public static ListConfig of(String id, String... sources) {
        return new ListConfig(id, List.of(sources));
    }

    /** The parsed sources, in order. */
    public List<ListSource> parsedSources() {
        List<ListSource> out = new ArrayList<>();
        for (String s : sources) {
            out.add(ListSource.parse(s));
        }
        return List.copyOf(out);
    }
}
