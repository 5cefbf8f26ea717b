package nl.vangnet.proxy.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The page is polyglot HTML5, so a strict XML parser checks that it is well-formed; the structure is then checked
 * with XPath.
 */
class BlockPageTest {
    private static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final String MESSAGE = "Deze website is nu niet beschikbaar. Dit hebben we samen afgesproken. "
            + "Wil je erover praten? Vraag het je begeleider. Waarom? Bekijk je afspraken";

    private final BlockPage page = new BlockPage();

    @Test
    void isAValidHtml5DocumentForPhonesAndConsoles() throws Exception {
        byte[] bytes = page.render("casino.example");
        String html = new String(bytes, StandardCharsets.UTF_8);
        Document doc = parse(bytes);
        Element root = doc.getDocumentElement();

        assertThat(html).startsWith("<!DOCTYPE html>\n");
        assertThat(doc.getDoctype().getName()).isEqualTo("html");
        assertThat(root.getLocalName()).isEqualTo("html");
        assertThat(root.getNamespaceURI()).isEqualTo(XHTML);
        assertThat(root.getAttribute("lang")).isEqualTo("nl");
        assertThat(root.getAttributeNS(XMLConstants.XML_NS_URI, "lang")).isEqualTo("nl");
        assertThat(text(doc, "/h:html/h:head/h:meta[1]/@charset")).isEqualTo("utf-8");
        assertThat(text(doc, "/h:html/h:head/h:meta[@name='viewport']/@content"))
                .isEqualTo("width=device-width, initial-scale=1");
        assertThat(text(doc, "/h:html/h:head/h:title")).isEqualTo("Niet beschikbaar");
        assertThat(count(doc, "/h:html/h:head/h:style")).isEqualTo(1);
        assertThat(text(doc, "/h:html/h:body/h:main/h:h1")).isEqualTo("Deze website is nu niet beschikbaar.");
        assertThat(count(doc, "/h:html/h:body/h:main/h:p")).isEqualTo(4);
    }

    @Test
    void containsNoScriptAndNoExternalResource() throws Exception {
        Document doc = parse(page.render("casino.example"));

        assertThat(count(doc, "//h:script | //h:link | //h:img | //h:iframe | //h:object | //h:form")).isZero();
        assertThat(count(doc, "//@src | //@action | //@*[starts-with(name(), 'on')]")).isZero();
        assertThat(count(doc, "//@href")).isEqualTo(1);
        assertThat(text(doc, "//h:a/@href")).isEqualTo("http://mijn.vangnet/afspraken");
        assertThat(text(doc, "//h:style")).doesNotContain("url(", "@import");
    }

    @Test
    void linksToTheAgreementsPage() throws Exception {
        Document doc = parse(new BlockPage("http://afspraken.zorg.example/afspraken").render("casino.example"));

        assertThat(text(doc, "//h:p[@class='afspraken']/h:a")).isEqualTo("Waarom? Bekijk je afspraken");
        assertThat(text(doc, "//h:a/@href")).isEqualTo("http://afspraken.zorg.example/afspraken");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "mijn.vangnet/afspraken", "/afspraken"})
    void refusesALinkThatIsNoHttpUrl(String url) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BlockPage(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the agreements page link must be an http(s) URL, got '" + url + "'");
    }

    @Test
    void saysTheAgreedSentencesAndNothingButTheHost() throws Exception {
        Document doc = parse(page.render("casino.example"));

        String body = normalise(text(doc, "/h:html/h:body"));
        assertThat(body).isEqualTo(MESSAGE + " Je wilde naar deze website: casino.example");
        assertThat(text(doc, "//h:p[@class='website']/h:strong")).isEqualTo("casino.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "a&b'c\"d",
            "]]><!--", "&lt;already-escaped&gt;"})
    void escapesAHostileHost(String host) throws Exception {
        byte[] bytes = page.render(host);
        Document doc = parse(bytes);

        assertThat(count(doc, "//h:script | //h:img")).isZero();
        assertThat(count(doc, "//@onerror")).isZero();
        assertThat(text(doc, "//h:p[@class='website']/h:strong")).isEqualTo(host);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain(host.contains("<") ? host : "\u0000");
    }

    @ParameterizedTest
    @ValueSource(strings = {""})
    void leavesTheHostOutWhenUnknown(String host) throws Exception {
        for (String h : new String[] {host, null}) {
            Document doc = parse(page.render(h));
            assertThat(count(doc, "//h:p[@class='website']")).isZero();
            assertThat(normalise(text(doc, "/h:html/h:body"))).isEqualTo(MESSAGE);
        }
    }

    @Test
    void showsNonAsciiHostsAsUtf8AndCutsOffAbsurdlyLongOnes() throws Exception {
        assertThat(text(parse(page.render("bücher.example")), "//h:strong")).isEqualTo("bücher.example");

        String shown = text(parse(page.render("a".repeat(1000))), "//h:strong");
        assertThat(shown).hasSize(BlockPage.MAX_HOST_CHARS + 1).endsWith("\u2026");
    }

    private static Document parse(byte[] bytes) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXParseException {
                throw e;
            }

            @Override
            public void warning(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXParseException {
                throw e;
            }
        });
        return b.parse(new ByteArrayInputStream(bytes));
    }

    private static String text(Document doc, String xpath) throws Exception {
        return (String) xpath().evaluate(xpath, doc, XPathConstants.STRING);
    }

    private static int count(Document doc, String xpath) throws Exception {
        return ((NodeList) xpath().evaluate(xpath, doc, XPathConstants.NODESET)).getLength();
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
                return java.util.Collections.emptyIterator();
            }
        });
        return x;
    }

    private static String normalise(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
