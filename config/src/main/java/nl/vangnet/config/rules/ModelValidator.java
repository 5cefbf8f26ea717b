package nl.vangnet.config.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Withdrawal;

/** CONTRACT SKELETON — being implemented by the rules helper. */
public final class ModelValidator {
    private final Limits limits;

    public ModelValidator(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    public List<Problem> client(Client c) {
        return List.of();
    }

    public Device normalise(Device d) {
        return d;
    }

    public List<Problem> device(Device d) {
        return List.of();
    }

    public Profile normalise(Profile p) {
        return p;
    }

    public List<Problem> profile(Profile p) {
        return List.of();
    }

    public List<Problem> registration(Registration r, LongFunction<Optional<Profile>> profiles, LocalDate today) {
        return List.of();
    }

    public List<Problem> evaluation(Registration r, Evaluation e, LocalDate today) {
        return List.of();
    }

    public List<Problem> withdrawal(Registration r, Withdrawal w, Instant now) {
        return List.of();
    }
}
