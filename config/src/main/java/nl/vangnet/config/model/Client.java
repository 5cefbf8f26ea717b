package nl.vangnet.config.model;

/**
 * A client, pseudonymous in Vangnet: a unique client code and the dossier reference, plus the location (house)
 * where the client lives. No names.
 *
 * @param id       database id, 0 when new
 * @param code     unique pseudonymous client code, e.g. {@code C-0042}
 * @param dossierReference reference into the organisation's client dossier
 * @param location the location (house), used for review pages and the inspection export
 * @param version  optimistic-concurrency version, 0 when new
 */
public record Client(long id, String code, String dossierReference, String location, long version) {
    public Client {
        code = Text.trim(code);
        dossierReference = Text.trim(dossierReference);
        location = Text.trim(location);
    }

    public Client withIdAndVersion(long newId, long newVersion) {
        return new Client(newId, code, dossierReference, location, newVersion);
    }
}
