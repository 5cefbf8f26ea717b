package nl.vangnet.admin.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import nl.vangnet.admin.http.Endpoint;
import nl.vangnet.config.model.AccountRole;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The review page of {@link PagesWorld} as the behavioural expert and the care professional of De Linde see it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewPageTest {
    private PagesWorld world;
    private Document expert;
    private Document linde;

    @BeforeAll
    void render() throws Exception {
        world = new PagesWorld();
        world.start();
        expert = page("vgn_expert");
        linde = page("vgn_linde");
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private Document page(String token) throws Exception {
        TestBrowser b = new TestBrowser(world.base());
        b.login(token, null);
        HttpResponse<String> r = b.get("/review");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        return TestBrowser.html(r);
    }

    private Element row(Document doc, String code) {
        return doc.selectFirst("tr[id=registratie-" + world.registrations.get(code) + "]");
    }

    @Test
    void theExpertSeesEveryLocationAndTheCareProfessionalOnlyTheirs() {
        assertThat(expert.select("section h2").eachText())
                .containsExactly("Locatie De Linde", "Locatie Huize Zonnebloem");
        assertThat(linde.select("section h2").eachText()).containsExactly("Locatie De Linde");
        assertThat(linde.text()).doesNotContain("C-0003", "Zonnebloem");
        assertThat(linde.text()).contains("U ziet de cliënten van locatie De Linde.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // client | basis | since | what applies now | evaluation cell | phase-out cell
        "C-0001 | Wzd | 2 maart 2026 | profiel Licht | 2 juni 2026 binnenkort"
                + " | stap 2 van 3 Volgende versoepeling op 2 augustus 2026: geen beperking meer",
        "C-0002 | vrijwillig | 2 maart 2026 | profiel Middel | 20 mei 2026 te laat"
                + " | startprofiel, stap 0 van 2 Volgende versoepeling op 2 juni 2026: profiel Licht",
        "C-0003 | Wzd | 2 maart 2026 | Alleen toegestane sites: de meest ingrijpende vorm profiel Alleen toegestane"
                + " sites | 2 juni 2026 binnenkort | startprofiel, stap 0 van 1 Volgende versoepeling op 2 augustus"
                + " 2026: geen beperking meer"})
    void everyRegistrationInEffectIsOneRow(String code, String basis, String since, String profile,
            String evaluation, String phaseOut) {
        Element row = row(expert, code);
        assertThat(row).as(code).isNotNull();
        assertThat(row.selectFirst("th[scope=row]").text()).isEqualTo(code);
        List<String> cells = row.select("td").eachText();
        assertThat(cells.get(0)).isEqualTo(basis);
        assertThat(cells.get(1)).isEqualTo(since);
        assertThat(cells.get(2)).startsWith(profile);
        assertThat(cells.get(3)).isEqualTo(evaluation);
        assertThat(cells.get(4)).isEqualTo(phaseOut);
    }

    @Test
    void theMarkingsAreTextNotOnlyColour() {
        assertThat(row(expert, "C-0001").selectFirst("td.evaluation strong").text()).isEqualTo("binnenkort");
        assertThat(row(expert, "C-0002").selectFirst("td.evaluation strong").text()).isEqualTo("te laat");
        assertThat(row(expert, "C-0003").selectFirst("strong.mark-intrusive").text())
                .contains("meest ingrijpende");
        assertThat(row(expert, "C-0002").text()).contains("Waarom: gokken, oplichting");
    }

    @Test
    void lapsedWithdrawnAndFutureRegistrationsHaveTheirOwnSections() {
        Element lapsed = row(expert, "C-0005");
        assertThat(lapsed.text()).contains("vervallen", "Vervallen: de evaluatie van 2 april 2026 is niet op tijd"
                + " vastgelegd. Er geldt nu geen beperking.");
        assertThat(lapsed.select("a").eachText()).containsExactly("Evaluatie vastleggen voor C-0005");
        Element withdrawn = row(expert, "C-0004");
        assertThat(withdrawn.text()).contains("Toestemming ingetrokken op 10 mei 2026.");
        assertThat(withdrawn.select("a")).isEmpty();
        assertThat(row(expert, "C-0006").text()).contains("1 juni 2026", "profiel Middel");
        assertThat(expert.select("h3").eachText()).contains("In werking (2)", "Nog niet begonnen (1)",
                "Vervallen, beëindigd of ingetrokken (2)", "In werking (1)", "Vervallen, beëindigd of ingetrokken (0)");
    }

    @Test
    void blockCountsArePerCategoryPerWeekForTheLastFourWeeks() {
        Element table = expert.selectFirst("table:has(caption:contains(Blokkades per week op locatie De Linde))");
        assertThat(table.select("thead th").eachText()).containsExactly("Cliënt", "Categorie", "19 mei – 25 mei",
                "12 mei – 18 mei", "5 mei – 11 mei", "28 apr. – 4 mei");
        assertThat(table.select("tbody tr")).extracting(Element::text)
                .containsExactly("C-0001 datingsites 0 0 4 0", "C-0001 gokken 3 2 0 0");
    }

    @Test
    void theMobileDataReminderIsThere() {
        assertThat(expert.selectFirst("aside.reminder").text()).contains("Mobiele data (3G, 4G, 5G)",
                "buiten het bereik van elk wifi-filter");
        assertThat(linde.selectFirst("aside.reminder")).isNotNull();
    }

    @Test
    void onlyTheExpertIsOfferedToApproveAPhaseOutStep() {
        assertThat(row(expert, "C-0001").select("a").eachText()).containsExactly("Evaluatie vastleggen voor C-0001",
                "Volgende stap eerder goedkeuren voor C-0001");
        assertThat(row(linde, "C-0001").select("a").eachText()).containsExactly("Evaluatie vastleggen voor C-0001");
    }

    @Test
    void thePageIsAccessibleHtml() {
        for (Document doc : List.of(expert, linde)) {
            assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("nl");
            assertThat(doc.select("h1")).hasSize(1);
            assertThat(doc.select("main#inhoud")).hasSize(1);
            assertThat(doc.selectFirst("a.skip").attr("href")).isEqualTo("#inhoud");
            assertThat(doc.select("thead th")).allSatisfy(th -> assertThat(th.attr("scope")).isEqualTo("col"));
            assertThat(doc.select("tbody th")).allSatisfy(th -> assertThat(th.attr("scope")).isEqualTo("row"));
            assertThat(doc.select("table")).allSatisfy(t -> assertThat(t.select("caption")).hasSize(1));
            assertThat(doc.select("script")).isEmpty();
            assertThat(doc.select("[style]")).isEmpty();
            assertThat(doc.select("button")).allSatisfy(b -> assertThat(b.text()).isNotBlank());
        }
        assertThat(expert.html()).doesNotContain("evaluation\n");
    }

    @Test
    void theRoutesDeclareTheirRoles() {
        List<Endpoint> endpoints = PageEndpoints.create(world.context());
        assertThat(endpoints).allSatisfy(e -> assertThat(e.surface()).isEqualTo(Endpoint.Surface.PAGE));
        assertThat(endpoints).extracting(e -> e.method() + " " + e.path() + " " + e.roles().stream().sorted().toList())
                .containsExactlyInAnyOrder(
                        "GET / []", "GET /login []", "POST /login []", "POST /logout []",
                        "GET /review [CARE_PROFESSIONAL, BEHAVIOURAL_EXPERT]",
                        "GET /review/registrations/{id}/evaluation [CARE_PROFESSIONAL, BEHAVIOURAL_EXPERT]",
                        "POST /review/registrations/{id}/evaluation [CARE_PROFESSIONAL, BEHAVIOURAL_EXPERT]",
                        "GET /review/registrations/{id}/phase-out [BEHAVIOURAL_EXPERT]",
                        "POST /review/registrations/{id}/phase-out [BEHAVIOURAL_EXPERT]");
        assertThat(AccountRole.values()).hasSize(4);
    }
}
