package nl.vangnet.config.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import nl.vangnet.config.model.PhaseOutStep;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;

/**
 * Checks a registration's phase-out schedule against its registered profile (DESIGN §2.4: every restriction is
 * phased out). The rules, each reported on the step it concerns ({@code phaseOut[i]}, {@code phaseOut[i].from},
 * {@code phaseOut[i].profileId}, 0-based) with a message naming the step 1-based with its date:
 * <ul>
 *   <li>there is at least one step;</li>
 *   <li>every step has a date; dates are strictly ascending; the first step is after the start;</li>
 *   <li>every step's profile exists, unless the step is unrestricted;</li>
 *   <li>every step is strictly less restrictive ({@link Restrictiveness}) than the one before; step 1 is compared
 *       with the registered profile;</li>
 *   <li>the last step is unrestricted, no later than the end date, and only the last step is unrestricted.</li>
 * </ul>
 * A step after an unrestricted step, or after a step whose profile is missing, is not compared (that step is
 * already reported). Stateless and thread-safe.
 */
public final class PhaseOutVerifier {
    private PhaseOutVerifier() {
    }

    /**
     * Every problem of {@code r}'s schedule; empty when it is valid. {@code profiles} looks profiles up by id.
     * Never throws for bad input.
     */
    public static List<Problem> verify(Registration r, LongFunction<Optional<Profile>> profiles) {
        List<Problem> out = new ArrayList<>();
        List<PhaseOutStep> steps = r.phaseOut();
        if (steps.isEmpty()) {
            out.add(new Problem("phaseOut", "the registration has no phase-out schedule: every restriction must be"
                    + " phased out, with dated steps that end in an unrestricted step no later than the end date"));
            return out;
        }
        Optional<Profile> previous = lookup(profiles, r.profileId());
        boolean previousKnown = previous.isPresent();
        String previousName = "the registered profile";
        LocalDate previousDate = r.start();
        int previousDated = 0;
        int last = steps.size() - 1;
        for (int i = 0; i < steps.size(); i++) {
            PhaseOutStep step = steps.get(i);
            String path = "phaseOut[" + i + "]";
            String name = "step " + (i + 1) + " (" + (step.from() == null ? "no date" : step.from()) + ")";
            if (step.from() == null) {
                out.add(new Problem(path + ".from", name + " has no date: every step needs the day from which it"
                        + " applies"));
            } else if (previousDate != null && !step.from().isAfter(previousDate)) {
                out.add(new Problem(path + ".from", previousDated == 0
                        ? name + " is not after the start (" + previousDate + "): the registered profile must apply"
                                + " for at least one day before the first step"
                        : name + " is not after step " + previousDated + " (" + previousDate + "): steps must"
                                + " be in strictly ascending date order"));
            }
            if (i == last && step.from() != null && r.end() != null && step.from().isAfter(r.end())) {
                out.add(new Problem(path + ".from", name + " is after the end date (" + r.end() + "): the last step"
                        + " lifts the restriction and must come no later than the end of the registration"));
            }
            Optional<Profile> current = Optional.empty();
            boolean currentKnown;
            if (step.isUnrestricted()) {
                currentKnown = true;
                if (i != last) {
                    out.add(new Problem(path + ".profileId", name + " is unrestricted but is not the last step:"
                            + " only the last step may lift every restriction, and no step may restrict again"
                            + " after it"));
                }
            } else {
                current = lookup(profiles, step.profileId());
                currentKnown = current.isPresent();
                if (!currentKnown) {
                    out.add(new Problem(path + ".profileId", name + " refers to profile " + step.profileId()
                            + ", which does not exist"));
                }
                if (i == last) {
                    out.add(new Problem(path + ".profileId", name + " is the last step but still applies a profile:"
                            + " the last step must be unrestricted, so that every restriction is phased out"));
                }
            }
            boolean previousUnrestricted = i > 0 && steps.get(i - 1).isUnrestricted();
            if (currentKnown && previousKnown && !previousUnrestricted) {
                Comparison c = Restrictiveness.compare(current.orElse(null), previous.orElse(null), previousName);
                if (!c.strictlyLessRestrictive()) {
                    out.add(new Problem(path + ".profileId", name + " is not less restrictive than " + previousName
                            + ": " + String.join("; ", c.reasonsNotStrictlyLess())
                            + " (each step must relax at least one restriction and tighten none)"));
                }
            }
            previous = current;
            previousKnown = currentKnown;
            previousName = "step " + (i + 1);
            if (step.from() != null) {
                previousDate = step.from();
                previousDated = i + 1;
            }
        }
        return out;
    }

    static Optional<Profile> lookup(LongFunction<Optional<Profile>> profiles, long id) {
        if (id <= 0) {
            return Optional.empty();
        }
        Optional<Profile> p = profiles.apply(id);
        return p == null ? Optional.empty() : p;
    }
}
