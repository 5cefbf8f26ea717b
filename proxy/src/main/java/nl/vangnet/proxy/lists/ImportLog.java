package nl.vangnet.proxy.lists;

import java.util.ArrayList;
import java.util.List;

/** Counts skipped lines of one list load and keeps the first few. Not thread-safe. */
final class ImportLog {
    /** How many problems are kept per list. */
    static final int MAX_PROBLEMS = 5;

    private int malformed;
    private int unsupported;
    private final List<ListProblem> problems = new ArrayList<>();

    void malformed(String source, int line, String text, String reason) {
        malformed++;
        keep(new ListProblem(source, line, ListProblem.Type.MALFORMED, Names.shorten(text), reason));
    }

    void unsupported(String source, int line, String text, String reason) {
        unsupported++;
        keep(new ListProblem(source, line, ListProblem.Type.UNSUPPORTED, Names.shorten(text), reason));
    }

    private void keep(ListProblem p) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        }
    }

    /** Adds the counts and problems of {@code logs} to this one. */
    void addAll(List<ImportLog> logs) {
        for (ImportLog l : logs) {
            malformed += l.malformed;
            unsupported += l.unsupported;
            for (ListProblem p : l.problems) {
                keep(p);
            }
        }
    }

    int malformed() {
        return malformed;
    }

    int unsupported() {
        return unsupported;
    }

    int skipped() {
        return malformed + unsupported;
    }

    List<ListProblem> problems() {
        return List.copyOf(problems);
    }
}
