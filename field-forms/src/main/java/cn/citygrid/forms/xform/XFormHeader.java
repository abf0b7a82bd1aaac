package cn.citygrid.forms.xform;

import static cn.citygrid.forms.xform.FormParseException.Reason.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * What we read from an XForm before and beside JavaRosa: identity, title and the raw bind
 * attributes JavaRosa does not expose (calculate expressions, constraint and required messages).
 * Binds are keyed by their {@code nodeset} as written; XLSForm writes absolute paths.
 */
record XFormHeader(String id, String version, String title, Map<String, Bind> binds) {

    static final String XHTML = "http://www.w3.org/1999/xhtml";
    static final String XFORMS = "http://www.w3.org/2002/xforms";
    static final String JR = "http://openrosa.org/javarosa";
    // the record envelope's rules for form.id and form.version (docs/ledger.md §3)
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Raw attributes of one {@code <bind>}; absent attributes are null. */
    record Bind(String calculate, String constraintMsg, String requiredMsg, String preload) {}

    static XFormHeader read(byte[] xml) throws FormParseException {
        Element html = parse(xml).getDocumentElement();
        if (!XHTML.equals(html.getNamespaceURI()) || !"html".equals(html.getLocalName())) {
            throw new FormParseException(NOT_XFORMS, "root element is <" + html.getTagName() + ">, want h:html");
        }
        Element head = child(html, XHTML, "head");
        Element model = head == null ? null : child(head, XFORMS, "model");
        Element data = model == null ? null : primaryInstanceRoot(model);
        if (data == null) {
            throw new FormParseException(NOT_XFORMS, "no h:head/model/instance with a root element");
        }
        String id = checked(data.getAttribute("id"), ID, MISSING_ID, INVALID_ID);
        String version = checked(data.getAttribute("version"), VERSION, MISSING_VERSION, INVALID_VERSION);
        Element titleElement = child(head, XHTML, "title");
        String title = titleElement == null ? id : titleElement.getTextContent().trim();
        return new XFormHeader(id, version, title, binds(model));
    }

    private static Document parse(byte[] xml) throws FormParseException {
        try {
            return builder().parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new FormParseException(MALFORMED_XML,
                    "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new FormParseException(MALFORMED_XML, String.valueOf(e.getMessage()), e);
        }
    }

    // Uploaded XML comes from people: no DOCTYPE, so no external entities and no entity expansion.
    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required feature", e);
        }
    }

    private static Element primaryInstanceRoot(Element model) {
        for (Node n = model.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && XFORMS.equals(e.getNamespaceURI()) && "instance".equals(e.getLocalName())
                    && !e.hasAttribute("id")) {
                return firstElement(e);
            }
        }
        return null;
    }

    private static String checked(String value, Pattern allowed, FormParseException.Reason missing,
            FormParseException.Reason invalid) throws FormParseException {
        if (value == null || value.isBlank()) {
            throw new FormParseException(missing, "set it on the primary instance's root element");
        }
        if (!allowed.matcher(value).matches()) {
            throw new FormParseException(invalid, "got \"" + value + "\", want " + allowed.pattern());
        }
        return value;
    }

    private static Map<String, Bind> binds(Element model) {
        Map<String, Bind> binds = new LinkedHashMap<>();
        for (Node n = model.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "bind".equals(e.getLocalName()) && e.hasAttribute("nodeset")) {
                binds.put(e.getAttribute("nodeset").trim(), new Bind(attr(e, null, "calculate"),
                        attr(e, JR, "constraintMsg"), attr(e, JR, "requiredMsg"), attr(e, JR, "preload")));
            }
        }
        return Map.copyOf(binds);
    }

    private static String attr(Element e, String namespace, String name) {
        String value = namespace == null ? e.getAttribute(name) : e.getAttributeNS(namespace, name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static Element child(Element parent, String namespace, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }
}
