package nl.vangnet.config.model;

/** The role in which a person decided, was consulted, gave consent or reported something. */
public enum CareRole {
    /** Persoonlijk begeleider: records the agreement. */
    PERSOONLIJK_BEGELEIDER,
    /** Zorgverantwoordelijke: responsible for involuntary-care decisions under the Wzd. */
    ZORGVERANTWOORDELIJKE,
    /** Gedragsdeskundige: behavioural expert, an expert from another discipline. */
    GEDRAGSDESKUNDIGE,
    /** Arts / Wzd-arts: physician. */
    ARTS,
    /** Another expert from a discipline other than the zorgverantwoordelijke's (e.g. psychologist). */
    DESKUNDIGE_ANDERE_DISCIPLINE,
    /** Expert not involved in the client's care (later step-plan evaluations). */
    EXTERNE_DESKUNDIGE,
    /** Wzd-functionaris. */
    WZD_FUNCTIONARIS,
    /** The client. */
    CLIENT,
    /** The client's legal representative (vertegenwoordiger). */
    VERTEGENWOORDIGER;

    /** Whether this role counts as an expert from another discipline for the Wzd's multidisciplinary consultation. */
    public boolean isExpertOfOtherDiscipline() {
        return this == GEDRAGSDESKUNDIGE || this == ARTS || this == DESKUNDIGE_ANDERE_DISCIPLINE
                || this == EXTERNE_DESKUNDIGE;
    }
}
