package nl.vangnet.config.model;

import java.time.LocalDate;

/**
 * Consent to a {@link Basis#VOLUNTARY} restriction: who gave it (the client or the representative), when and how
 * (e.g. "mondeling in de bespreking van het ondersteuningsplan, vastgelegd in het dossier").
 */
public record Consent(Person givenBy, LocalDate givenOn, String how) {
    public Consent {
        how = Text.trim(how);
    }
}
