package nl.vangnet.config.model;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Normalisation helpers shared by the model records. Stateless and thread-safe. */
final class Text {
    private Text() {
    }

    /** Trims text; blank or {@code null} becomes {@code null}. */
    static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    static <T extends Comparable<? super T>> SortedSet<T> sortedSet(Collection<T> c) {
        return c == null ? new TreeSet<>() : new TreeSet<>(c);
    }

    static <T> Set<T> set(Set<T> s) {
        return s == null ? Set.of() : Set.copyOf(s);
    }
}
