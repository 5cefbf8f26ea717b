package nl.vangnet.admin.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.vangnet.config.rules.Problem;

/**
 * The problems of one submitted form, in Dutch: per input (by its name) and for the form as a whole. Mutable; one
 * per request.
 */
final class FormErrors {
    /** One line of the error summary: the input's id (empty for the whole form) and the message. */
    record Item(String input, String message) {
    }

    private final Map<String, String> byInput = new LinkedHashMap<>();
    private final List<String> general = new ArrayList<>();

    /** Adds a message for {@code input} (joined to an earlier one for the same input). */
    void add(String input, String message) {
        byInput.merge(input, message, (a, b) -> a.equals(b) ? a : a + " " + b);
    }

    void addGeneral(String message) {
        general.add(message);
    }

    /** Adds the store's problems: a field in {@code inputs} goes to its input, anything else to the whole form. */
    void addAll(List<Problem> problems, Map<String, String> inputs) {
        for (Problem p : problems) {
            String input = inputs.get(p.field());
            if (input != null) {
                add(input, DutchProblems.text(p));
            } else {
                addGeneral(DutchProblems.text(p));
            }
        }
    }

    boolean isEmpty() {
        return byInput.isEmpty() && general.isEmpty();
    }

    /** For the template: message per input name. */
    Map<String, String> byInput() {
        return Map.copyOf(byInput);
    }

    /** For the template's summary: form-wide messages first, then per input in form order. */
    List<Item> summary() {
        List<Item> out = new ArrayList<>();
        general.forEach(g -> out.add(new Item("", g)));
        byInput.forEach((k, v) -> out.add(new Item(k, v)));
        return out;
    }
}
