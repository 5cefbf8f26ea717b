package nl.vangnet.config.model;

/**
 * The risk a rule or registration addresses, as the organisations' policies name them. Used to explain, in plain
 * words, why a restriction exists ({@link #dutch()}).
 */
public enum Risk {
    DATING("datingsites"),
    GAMBLING("gokken"),
    SHOPPING("webwinkels en geld uitgeven"),
    SOCIAL_MEDIA("sociale media"),
    CHAT("chatten met onbekenden"),
    SEXTING_LOVERBOYS("sexting en loverboys"),
    ADULT_CONTENT("seksuele inhoud"),
    SCAMS("oplichting"),
    PHISHING("phishing"),
    MALWARE("schadelijke software"),
    GAMING("games"),
    FILTER_BYPASS("het filter omzeilen (vpn, proxy)"),
    NIGHT_REST("nachtrust"),
    OTHER("overig");

    private final String dutch;

    Risk(String dutch) {
        this.dutch = dutch;
    }

    /** Plain Dutch description, for pages that clients and care staff read. */
    public String dutch() {
        return dutch;
    }
}
