package nl.vangnet.admin.pages;

import java.util.List;

/**
 * What the review page shows, already in Dutch words; built by {@link ReviewModel}, rendered by the template
 * {@code review.html}. Immutable.
 *
 * @param today     today's date in words
 * @param weeks     the columns of the block-count tables, most recent first
 * @param locations the locations the account may see, by name
 * @param expert    whether the account may approve phase-out steps
 */
record ReviewView(String today, List<Week> weeks, List<Location> locations, boolean expert) {

    /** One column of block counts: seven days up to and including {@code to}. */
    record Week(String label, String fromIso, String toIso) {
    }

    /**
     * The registrations of one location.
     *
     * @param anchor     the fragment id of its section
     * @param inEffect   in effect now
     * @param notStarted starting later
     * @param ended      lapsed, and ended or withdrawn in the last {@link ReviewModel#ENDED_SHOWN_DAYS} days
     * @param blocks     block counts of the registrations in effect, by client and category
     */
    record Location(String name, String anchor, List<Row> inEffect, List<Row> notStarted, List<Row> ended,
            List<BlockRow> blocks) {
    }

    /**
     * One registration.
     *
     * @param id             registration id
     * @param clientCode     the client's pseudonymous code
     * @param basis          vrijwillig / Wzd / Wzd onvoorzien
     * @param since          the start date in words; {@code sinceIso} as yyyy-mm-dd
     * @param profile        the applied profile in plain words
     * @param allowListOnly  whether the applied profile allows only listed sites (the most intrusive mode)
     * @param risks          the risks the registration addresses, in Dutch
     * @param evaluation     the evaluation date in force, in words (empty when none)
     * @param evaluationMark "te laat", "binnenkort", "verlopen" or empty
     * @param phaseOut       progress, e.g. "stap 1 van 3"
     * @param nextStep       the next relaxation, e.g. "op 2 april 2026: geen beperking meer"; empty when none
     * @param status         for the ended section: why it no longer applies; empty otherwise
     * @param mayEvaluate    whether an evaluation can be recorded
     * @param mayApprove     whether the account may approve the next phase-out step earlier
     */
    record Row(long id, String clientCode, String basis, String since, String sinceIso, String profile,
            boolean allowListOnly, String risks, String evaluation, String evaluationIso, String evaluationMark,
            String phaseOut, String nextStep, String status, boolean mayEvaluate, boolean mayApprove) {
    }

    /** Blocks of one category for one client, one count per {@link Week}. */
    record BlockRow(String clientCode, String category, List<Long> counts) {
    }
}
