package nl.vangnet.config.model;

/**
 * The legal basis of a registration. There are exactly these; nothing else makes a restriction lawful.
 */
public enum Basis {
    /** Agreed with the client (and representative) in the support plan; consent recorded; revocable at any time. */
    VOLUNTARY,
    /** Involuntary care under the Wet zorg en dwang, decided via the step plan (stappenplan). */
    WZD,
    /** Unforeseen-situation Wzd measure (art. 15 Wzd): written decision within 48 hours, at most 14 days. */
    WZD_UNFORESEEN;

    /** Whether this basis is involuntary care under the Wzd (and so needs the weighing and consultations). */
    public boolean isWzd() {
        return this != VOLUNTARY;
    }
}
