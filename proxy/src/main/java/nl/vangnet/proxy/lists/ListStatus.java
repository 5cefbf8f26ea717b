package nl.vangnet.proxy.lists;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The state of one list in a {@link ListCatalog}. A {@code services:} source has an entry of its own, with the
 * source spec as id, that sums up its services; each service has one with id {@code service:<id>}. Immutable.
 *
 * @param id          the list id ({@code gambling}, {@code service:tiktok}), or the spec of a services source
 * @param sources     the source specs
 * @param entries     distinct entries now in use (0 if never loaded)
 * @param malformed   malformed lines skipped at the last successful load
 * @param unsupported unsupported lines (e.g. Adblock wildcards) skipped at the last successful load
 * @param problems    the first few skipped lines of the last successful load, with source and line number
 * @param loadedAt    when the contents in use were loaded (the start of that reload); {@code null} if never
 * @param lastFailure the last failed reload if it came after the last successful one, else {@code null}
 */
public record ListStatus(String id, List<String> sources, int entries, int malformed, int unsupported,
        List<ListProblem> problems, Instant loadedAt, ListFailure lastFailure) {
    public ListStatus {
        Objects.requireNonNull(id, "id");
        sources = List.copyOf(sources);
        problems = List.copyOf(problems);
    }

    /** Whether the list is in the index. */
    public boolean loaded() {
        return loadedAt != null;
    }
}
