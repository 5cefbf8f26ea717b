package nl.vangnet.admin.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.vangnet.config.audit.AuditAction;
import nl.vangnet.config.audit.AuditEvent;
import nl.vangnet.config.audit.AuditQuery;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Evaluation;
import nl.vangnet.config.model.EvaluationOutcome;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.Registration;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The evaluation and phase-out forms: recording, CSRF, validation in Dutch, stale versions, location scoping. */
class FormsTest {
    private PagesWorld world;
    private TestBrowser browser;

    @BeforeEach
    void start() {
        world = new PagesWorld();
        world.start();
        browser = new TestBrowser(world.base());
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private String evaluationPath(String code) {
        return "/review/registrations/" + world.registrations.get(code) + "/evaluation";
    }

    private String phaseOutPath(String code) {
        return "/review/registrations/" + world.registrations.get(code) + "/phase-out";
    }

    private static Map<String, String> evaluation(String date, String outcome, String next, String notes) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("datum", date);
        m.put("uitkomst", outcome);
        m.put("volgende", next);
        m.put("notities", notes);
        return m;
    }

    @Test
    void theExpertRecordsAnEvaluationAndSeesItMove() throws Exception {
        browser.login("vgn_expert", null);
        HttpResponse<String> form = browser.get(evaluationPath("C-0001"));
        assertThat(form.statusCode()).isEqualTo(200);
        Document doc = TestBrowser.html(form);
        assertThat(doc.select("form input:not([type=hidden]), form textarea")).allSatisfy(input -> assertThat(
                doc.select("label[for=" + input.id() + "]")).as(input.id()).hasSize(1));
        assertThat(doc.selectFirst("fieldset#uitkomst legend").text()).isEqualTo("Uitkomst");
        assertThat(doc.selectFirst("input#datum").val()).isEqualTo("2026-05-25");
        assertThat(doc.text()).contains("Evaluatie gepland op 2 juni 2026");

        HttpResponse<String> r = browser.post(evaluationPath("C-0001"), TestBrowser.form(form, "form[action$=evaluation]",
                evaluation("2026-05-25", "CONTINUE", "2026-08-20", "Werkt; minder incidenten.")));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/review#registratie-"
                + world.registrations.get("C-0001"));

        Registration saved = world.registration("C-0001");
        Evaluation e = saved.evaluations().get(0);
        assertThat(e.by()).isEqualTo(new Person(CareRole.GEDRAGSDESKUNDIGE, "gd.jansen"));
        assertThat(e.outcome()).isEqualTo(EvaluationOutcome.CONTINUE);
        assertThat(e.nextEvaluationDate()).isEqualTo(LocalDate.of(2026, 8, 20));
        assertThat(e.notes()).isEqualTo("Werkt; minder incidenten.");
        AuditEvent audit = lastAudit();
        assertThat(audit.action()).isEqualTo(AuditAction.EVALUATION_RECORDED);
        assertThat(audit.actorAccount()).isEqualTo("gd.jansen");

        Document review = TestBrowser.html(browser.get("/review"));
        assertThat(review.selectFirst(".flash[role=status]").text())
                .isEqualTo("Evaluatie van C-0001 vastgelegd. Volgende evaluatie: 20 augustus 2026.");
        var row = review.selectFirst("tr[id=registratie-" + saved.id() + "]");
        assertThat(row.selectFirst("td.evaluation").text()).isEqualTo("20 augustus 2026");
        assertThat(TestBrowser.html(browser.get("/review")).select(".flash")).as("shown once").isEmpty();
    }

    @Test
    void aCareProfessionalRecordsAsPersoonlijkBegeleiderOnlyAtTheirLocation() throws Exception {
        browser.login("vgn_linde", null);
        HttpResponse<String> form = browser.get(evaluationPath("C-0002"));
        HttpResponse<String> r = browser.post(evaluationPath("C-0002"), TestBrowser.form(form,
                "form[action$=evaluation]", evaluation("2026-05-25", "PHASE_OUT_FASTER", "2026-07-01", "")));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(world.registration("C-0002").evaluations()).singleElement()
                .satisfies(e -> assertThat(e.by()).isEqualTo(new Person(CareRole.PERSOONLIJK_BEGELEIDER, "pb.linde")));

        assertThat(browser.get(evaluationPath("C-0003")).statusCode()).isEqualTo(403);
        HttpResponse<String> foreign = browser.post(evaluationPath("C-0003"), TestBrowser.form(form,
                "form[action$=evaluation]", evaluation("2026-05-25", "CONTINUE", "2026-07-01", "")));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(TestBrowser.html(foreign).selectFirst("h1").text()).isEqualTo("Geen toegang");
        assertThat(world.registration("C-0003").evaluations()).isEmpty();
        assertThat(browser.get(phaseOutPath("C-0001")).statusCode()).as("frame: expert only").isEqualTo(403);
    }

    @ParameterizedTest(name = "_csrf={0}")
    @CsvSource({"missing", "wrong", "other session"})
    void aPostWithoutTheSessionsTokenIsRefused(String kind) throws Exception {
        TestBrowser other = new TestBrowser(world.base());
        other.login("vgn_expert", null);
        String otherToken = TestBrowser.csrf(other.get(evaluationPath("C-0001")));
        browser.login("vgn_expert", null);
        HttpResponse<String> form = browser.get(evaluationPath("C-0001"));
        Map<String, String> fields = TestBrowser.form(form, "form[action$=evaluation]",
                evaluation("2026-05-25", "CONTINUE", "2026-08-20", ""));
        switch (kind) {
            case "missing" -> fields.remove("_csrf");
            case "wrong" -> fields.put("_csrf", "x".repeat(43));
            default -> fields.put("_csrf", otherToken);
        }
        HttpResponse<String> r = browser.post(evaluationPath("C-0001"), fields);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("Er is niets vastgelegd");
        assertThat(world.registration("C-0001").evaluations()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {4}")
    @CsvSource(delimiter = '|', value = {
        "2026-05-25 | CONTINUE | ''         | volgende | Vul de volgende evaluatiedatum in",
        "2026-05-25 | STOP     | 2026-07-01 | volgende | Bij de uitkomst ‘Stoppen’ hoort geen volgende evaluatiedatum",
        "2026-05-26 | CONTINUE | 2026-07-01 | datum    | Deze datum ligt in de toekomst",
        "2026-02-01 | CONTINUE | 2026-04-01 | datum    | De evaluatie ligt vóór de start van de registratie (2 maart 2026)",
        "25-05-2026 | CONTINUE | 2026-07-01 | datum    | Dit is geen datum",
        "2026-05-25 | ''       | 2026-07-01 | uitkomst | Kies een uitkomst",
        "2026-05-25 | MAYBE    | 2026-07-01 | uitkomst | Kies een van de uitkomsten uit de lijst",
        "2026-05-25 | CONTINUE | 2026-05-25 | volgende | De volgende evaluatie moet na de datum van deze evaluatie liggen",
        "2026-05-25 | CONTINUE | 2026-09-01 | volgende | De organisatie staat hoogstens 3 maanden tussen twee"
                + " evaluaties toe"})
    void problemsAreShownInDutchNextToTheirFieldAndTheInputIsKept(String date, String outcome, String next,
            String input, String message) throws Exception {
        browser.login("vgn_expert", null);
        HttpResponse<String> form = browser.get(evaluationPath("C-0001"));
        HttpResponse<String> r = browser.post(evaluationPath("C-0001"), TestBrowser.form(form,
                "form[action$=evaluation]", evaluation(date, outcome, next, "<b>notitie</b> & meer")));
        assertThat(r.statusCode()).isEqualTo(422);
        Document doc = TestBrowser.html(r);
        assertThat(doc.selectFirst("#" + input + "-fout").text()).contains(message);
        assertThat(doc.selectFirst(".error-summary a[href=#" + input + "]").text()).contains(message);
        if (!input.equals("uitkomst")) {
            assertThat(doc.selectFirst("#" + input).attr("aria-invalid")).isEqualTo("true");
            assertThat(doc.selectFirst("#" + input).attr("aria-describedby")).contains(input + "-fout");
        }
        assertThat(doc.selectFirst("input#datum").val()).isEqualTo(date);
        assertThat(doc.selectFirst("input#volgende").val()).isEqualTo(next);
        assertThat(doc.selectFirst("textarea#notities").wholeText()).isEqualTo("<b>notitie</b> & meer");
        assertThat(r.body()).contains("&lt;b&gt;notitie&lt;/b&gt;").doesNotContain("<b>notitie</b>");
        if (outcome.equals("CONTINUE") || outcome.equals("STOP")) {
            assertThat(doc.selectFirst("input#uitkomst-" + outcome).hasAttr("checked")).isTrue();
        }
        assertThat(world.registration("C-0001").evaluations()).isEmpty();
    }

    @Test
    void aStaleVersionSaysSomeoneElseChangedItAndKeepsTheInput() throws Exception {
        browser.login("vgn_expert", null);
        HttpResponse<String> form = browser.get(evaluationPath("C-0002"));
        TestBrowser colleague = new TestBrowser(world.base());
        colleague.login("vgn_linde", null);
        HttpResponse<String> theirs = colleague.get(evaluationPath("C-0002"));
        assertThat(colleague.post(evaluationPath("C-0002"), TestBrowser.form(theirs, "form[action$=evaluation]",
                evaluation("2026-05-25", "CONTINUE", "2026-07-01", ""))).statusCode()).isEqualTo(303);

        HttpResponse<String> r = browser.post(evaluationPath("C-0002"), TestBrowser.form(form,
                "form[action$=evaluation]", evaluation("2026-05-25", "CONTINUE", "2026-08-01", "mijn notitie")));
        assertThat(r.statusCode()).isEqualTo(412);
        Document doc = TestBrowser.html(r);
        assertThat(doc.selectFirst("[role=alert] h2").text()).isEqualTo("Iemand anders heeft dit intussen gewijzigd");
        assertThat(doc.selectFirst("textarea#notities").wholeText()).isEqualTo("mijn notitie");
        Registration now = world.registration("C-0002");
        assertThat(doc.selectFirst("input[name=versie]").val()).isEqualTo(Long.toString(now.version()));
        assertThat(doc.text()).contains("Evaluatie gepland op 1 juli 2026");
        assertThat(now.evaluations()).hasSize(1);
    }

    @Test
    void anUnknownRegistrationIsNotFound() throws Exception {
        browser.login("vgn_expert", null);
        assertThat(browser.get("/review/registrations/999/evaluation").statusCode()).isEqualTo(404);
        assertThat(browser.get("/review/registrations/abc/evaluation").statusCode()).isEqualTo(404);
    }

    @Test
    void theExpertApprovesTheNextStepEarlier() throws Exception {
        browser.login("vgn_expert", null);
        HttpResponse<String> form = browser.get(phaseOutPath("C-0001"));
        assertThat(form.statusCode()).isEqualTo(200);
        Document doc = TestBrowser.html(form);
        assertThat(doc.text()).contains("Nu stap 2 van 3: profiel Licht",
                "Volgende stap gepland op 2 augustus 2026: geen beperking meer");
        assertThat(doc.selectFirst("label[for=vanaf]")).isNotNull();

        HttpResponse<String> late = browser.post(phaseOutPath("C-0001"), TestBrowser.form(form,
                "form[action$=phase-out]", Map.of("vanaf", "2026-09-01")));
        assertThat(late.statusCode()).isEqualTo(422);
        assertThat(TestBrowser.html(late).selectFirst("#vanaf-fout").text())
                .contains("Kies een datum vanaf vandaag en vóór de geplande datum van de volgende stap");

        HttpResponse<String> r = browser.post(phaseOutPath("C-0001"), TestBrowser.form(form,
                "form[action$=phase-out]", Map.of("vanaf", "2026-06-01", "toelichting", "Gaat goed.")));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(world.registration("C-0001").phaseOut().get(2).from()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(lastAudit().actorAccount()).isEqualTo("gd.jansen");
        assertThat(TestBrowser.html(browser.get("/review")).selectFirst(".flash").text())
                .isEqualTo("Afbouwstap voor C-0001 goedgekeurd: de volgende stap geldt vanaf 1 juni 2026.");
    }

    @Test
    void withoutAPendingStepThereIsNothingToApprove() throws Exception {
        browser.login("vgn_expert", null);
        HttpResponse<String> r = browser.get(phaseOutPath("C-0005"));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(TestBrowser.html(r).select("form[action$=phase-out]")).isEmpty();
    }

    private AuditEvent lastAudit() {
        var events = world.store.audit(AuditQuery.all());
        return events.get(events.size() - 1);
    }
}
