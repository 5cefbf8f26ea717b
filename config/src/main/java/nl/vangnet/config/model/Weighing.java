package nl.vangnet.config.model;

/**
 * The Wzd weighing of an involuntary measure; every field is required text for {@link Basis#WZD} and
 * {@link Basis#WZD_UNFORESEEN}.
 *
 * @param seriousHarm the serious harm (ernstig nadeel) the measure is meant to prevent
 * @param subsidiarity why no less intrusive alternative suffices
 * @param proportionality why the measure is in proportion to the harm
 * @param effectiveness why the measure is expected to work
 * @param safety why the measure is safe for the client
 */
public record Weighing(String seriousHarm, String subsidiarity, String proportionality, String effectiveness,
        String safety) {
    public Weighing {
        seriousHarm = Text.trim(seriousHarm);
        subsidiarity = Text.trim(subsidiarity);
        proportionality = Text.trim(proportionality);
        effectiveness = Text.trim(effectiveness);
        safety = Text.trim(safety);
    }
}
