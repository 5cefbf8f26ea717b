package nl.vangnet.proxy.page;

import static nl.vangnet.proxy.page.AgreementsFixture.LAPSED;
import static nl.vangnet.proxy.page.AgreementsFixture.NOW;
import static nl.vangnet.proxy.page.AgreementsFixture.RESTRICTED;
import static nl.vangnet.proxy.page.AgreementsFixture.RESTRICTED_SENTENCES;
import static nl.vangnet.proxy.page.AgreementsFixture.UNKNOWN;
import static nl.vangnet.proxy.page.AgreementsFixture.UNREGISTERED;
import static nl.vangnet.proxy.page.AgreementsFixture.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import nl.vangnet.config.text.ClientAgreement;
import nl.vangnet.config.text.PlainDutch;
import nl.vangnet.proxy.decision.ProxyCredentials;
import nl.vangnet.proxy.page.AgreementsMetrics.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class MyAgreementsTest {
    private static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final String NONE_BODY = "Mijn afspraken " + PlainDutch.NO_AGREEMENTS;

    private final RecordingAgreementsMetrics metrics = new RecordingAgreementsMetrics();
    private final MyAgreements agreements = AgreementsFixture.agreements(metrics);

    static Stream<Arguments> devices() {
        ProxyCredentials good = new ProxyCredentials(AgreementsFixture.PROXY_USER, AgreementsFixture.PROXY_PASSWORD);
        ProxyCredentials wrong = new ProxyCredentials(AgreementsFixture.PROXY_USER, "fout");
        return Stream.of(
                Arguments.of("restricted by address", RESTRICTED, null, Outcome.RESTRICTED),
                Arguments.of("restricted by proxy credentials", UNKNOWN, good, Outcome.RESTRICTED),
                Arguments.of("restricted address, wrong password", RESTRICTED, wrong, Outcome.RESTRICTED),
                Arguments.of("unknown address, wrong password", UNKNOWN, wrong, Outcome.UNRESTRICTED),
                Arguments.of("no registration", UNREGISTERED, null, Outcome.UNRESTRICTED),
                Arguments.of("lapsed registration", LAPSED, null, Outcome.UNRESTRICTED),
                Arguments.of("unknown device", UNKNOWN, null, Outcome.UNRESTRICTED),
                Arguments.of("unknown IPv6 device", "::1", null, Outcome.UNRESTRICTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void showsTheAgreementOnlyToARestrictedDevice(String name, String address, ProxyCredentials credentials,
            Outcome outcome) throws Exception {
        MyAgreements.Page page = agreements.page(ip(address), credentials, NOW);

        assertThat(page.outcome()).isEqualTo(outcome);
        assertThat(metrics.served()).containsExactly(outcome);
        Document doc = parse(page.html());
        String body = normalise(text(doc, "/h:html/h:body"));
        if (outcome == Outcome.RESTRICTED) {
            assertThat(body).contains(RESTRICTED_SENTENCES).contains("In het kort: gokken en datingsites"
                    + " geblokkeerd, internet 07:00–22:00");
            assertThat(texts(doc, "//h:h2")).containsExactly("Wat hebben we afgesproken?", "Waarom?", "Hoe lang?",
                    "Met wie kun je praten?");
        } else {
            assertThat(body).isEqualTo(NONE_BODY);
            assertThat(page.html()).isEqualTo(AgreementsFixture.nobody().page(ip(UNKNOWN), null, NOW).html());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {RESTRICTED, UNKNOWN})
    void isAccessibleHtmlWithoutScriptsOrExternalResources(String address) throws Exception {
        byte[] bytes = agreements.page(ip(address), null, NOW).html();
        String html = new String(bytes, StandardCharsets.UTF_8);
        Document doc = parse(bytes);

        assertThat(html).startsWith("<!DOCTYPE html>\n");
        assertThat(doc.getDocumentElement().getAttribute("lang")).isEqualTo("nl");
        assertThat(text(doc, "/h:html/h:head/h:meta[@name='viewport']/@content"))
                .isEqualTo("width=device-width, initial-scale=1");
        assertThat(text(doc, "/h:html/h:head/h:title")).isEqualTo("Mijn afspraken");
        assertThat(text(doc, "/h:html/h:body/h:main/h:h1")).isEqualTo("Mijn afspraken");
        assertThat(count(doc, "//h:script | //h:link | //h:img | //h:iframe | //h:object | //h:form")).isZero();
        assertThat(count(doc, "//@src | //@href | //@action | //@*[starts-with(name(), 'on')]")).isZero();
        assertThat(text(doc, "//h:style")).doesNotContain("url(", "@import").contains("font-size: 22px");
    }

    @Test
    void escapesEveryText() throws Exception {
        String evil = "<script>alert(1)</script>";
        byte[] bytes = new AgreementsPage().render(new ClientAgreement(evil, List.of(evil), List.of(evil),
                List.of(evil), List.of(evil)));

        Document doc = parse(bytes);
        assertThat(count(doc, "//h:script")).isZero();
        assertThat(texts(doc, "//h:li")).containsExactly(evil, evil, evil, evil);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain(evil);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            mijn.vangnet   | true
            MIJN.Vangnet   | true
            mijn.vangnet.  | true
            vangnet        | false
            www.mijn.vangnet | false
            mijn.vangnet.nl | false
            ''             | false
            """)
    void recognisesThePagesHost(String host, boolean expected) {
        assertThat(agreements.isPagesHost(host)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /afspraken           | true  | true
            /afspraken?x=1       | true  | true
            /afspraken#boven     | true  | true
            /                    | false | true
            /?utm=1              | false | true
            /afspraken/          | false | false
            /proxy.pac           | false | false
            /favicon.ico         | false | false
            """)
    void servesTheseTargets(String target, boolean onProxyPort, boolean onPagesHost) {
        assertThat(MyAgreements.servesPath(target)).isEqualTo(onProxyPort);
        assertThat(MyAgreements.servesPagesHostPath(target)).isEqualTo(onPagesHost);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "127.0.0.1", "::1", "[::1]", "mijn vangnet", "mijn.vangnet/afspraken",
            "-mijn.vangnet"})
    void refusesABadPagesHost(String host) {
        assertThatThrownBy(() -> MyAgreements.requireValidPagesHost(host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the pages host must be a host name such as mijn.vangnet (letters, digits, hyphens and"
                        + " dots; not an IP address), not '" + host + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            mijn.vangnet    | http://mijn.vangnet/afspraken
            Afspraken.Zorg.NL. | http://afspraken.zorg.nl/afspraken
            """)
    void givesThePageAddress(String host, String url) {
        assertThat(MyAgreements.url(host)).isEqualTo(url);
    }

    static Document parse(byte[] bytes) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXParseException {
                throw e;
            }
        });
        return b.parse(new ByteArrayInputStream(bytes));
    }

    static String text(Document doc, String xpath) throws Exception {
        return (String) xpath().evaluate(xpath, doc, XPathConstants.STRING);
    }

    static List<String> texts(Document doc, String xpath) throws Exception {
        NodeList nodes = (NodeList) xpath().evaluate(xpath, doc, XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(normalise(nodes.item(i).getTextContent()));
        }
        return out;
    }

    static int count(Document doc, String xpath) throws Exception {
        return ((NodeList) xpath().evaluate(xpath, doc, XPathConstants.NODESET)).getLength();
    }

    static String normalise(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static XPath xpath() {
        XPath x = XPathFactory.newInstance().newXPath();
        x.setNamespaceContext(new javax.xml.namespace.NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return "h".equals(prefix) ? XHTML : XMLConstants.NULL_NS_URI;
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public java.util.Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
        return x;
    }
}
