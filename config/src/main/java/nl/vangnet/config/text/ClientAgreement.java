package nl.vangnet.config.text;

import java.util.List;
import java.util.Objects;

/**
 * The agreement in effect for one client, in easy Dutch (B1), as the "Mijn afspraken" page shows it: every field is
 * a list of whole sentences, in reading order, ready to be shown (and HTML-escaped) as they are. Made by
 * {@link PlainDutch#clientAgreement}. Immutable and thread-safe.
 *
 * @param summary one line for reference, the profile's {@link PlainDutch#profileSummary(nl.vangnet.config.model.Profile)}
 * @param agreed  what is agreed ("Deze soorten websites kun je niet openen: gokken."); never empty
 * @param why     why: the registration's risks, and what its legal basis means ("Je hebt hier zelf mee
 *                ingestemd. ..."); never empty
 * @param until   until when: the next phase-out step, the evaluation and the end date; never empty
 * @param talkTo  who to talk to: the personal supporter, the person who decided if a name is recorded, and for the
 *                Wzd the client confidant; never empty
 */
public record ClientAgreement(String summary, List<String> agreed, List<String> why, List<String> until,
        List<String> talkTo) {
    public ClientAgreement {
        Objects.requireNonNull(summary, "summary");
        agreed = List.copyOf(agreed);
        why = List.copyOf(why);
        until = List.copyOf(until);
        talkTo = List.copyOf(talkTo);
    }
}
