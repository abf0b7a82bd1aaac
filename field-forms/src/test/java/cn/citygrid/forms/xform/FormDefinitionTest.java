package cn.citygrid.forms.xform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.citygrid.forms.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormDefinitionTest {

    static final String MINIMAL = """
            <h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml">
              <h:head><h:title>Minimal</h:title>
                <model><instance><data id="%s" version="%s"><a/></data></instance>
                  <bind nodeset="/data/a" type="%s"/></model>
              </h:head>
              <h:body><input ref="/data/a"><label>A</label></input></h:body>
            </h:html>""";

    private static FormParseException.Reason reasonFor(String xml) {
        FormParseException e = catchThrowableOfType(FormParseException.class, () -> FormDefinition.parse(xml));
        assertThat(e).as("parse should fail").isNotNull();
        return e.reason();
    }

    @Test
    void parse_readsIdVersionAndTitleFromTheXForm() throws Exception {
        FormDefinition form = FormDefinition.parse(MINIMAL.formatted("survey", "3", "string"));
        assertThat(form.id()).isEqualTo("survey");
        assertThat(form.version()).isEqualTo("3");
        assertThat(form.title()).isEqualTo("Minimal");
        assertThat(form.languages()).isEmpty();
    }

    @Test
    void malformedXml_isRefusedWithItsPosition() {
        FormParseException e = catchThrowableOfType(FormParseException.class,
                () -> FormDefinition.parse("<h:html xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:head>"));
        assertThat(e.reason()).isEqualTo(FormParseException.Reason.MALFORMED_XML);
        assertThat(e.getMessage()).contains("line 1");
    }

    @Test
    void documentWithADoctype_isRefused_soNoEntityIsEverExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + MINIMAL.formatted("survey", "&e;", "string");
        assertThat(reasonFor(xxe)).isEqualTo(FormParseException.Reason.MALFORMED_XML);
    }

    @Test
    void xmlThatIsNotAnXForm_isRefused() {
        assertThat(reasonFor("<form id=\"x\" version=\"1\"/>")).isEqualTo(FormParseException.Reason.NOT_XFORMS);
        assertThat(reasonFor("<h:html xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:head/></h:html>"))
                .isEqualTo(FormParseException.Reason.NOT_XFORMS);
    }

    @Test
    void missingOrInvalidIdOrVersion_isRefused() {
        assertThat(reasonFor(MINIMAL.formatted("", "1", "string"))).isEqualTo(FormParseException.Reason.MISSING_ID);
        assertThat(reasonFor(MINIMAL.formatted("survey", "", "string"))).isEqualTo(FormParseException.Reason.MISSING_VERSION);
        assertThat(reasonFor(MINIMAL.formatted("../etc", "1", "string"))).isEqualTo(FormParseException.Reason.INVALID_ID);
        assertThat(reasonFor(MINIMAL.formatted("survey", "v 1", "string"))).isEqualTo(FormParseException.Reason.INVALID_VERSION);
    }

    @Test
    void formJavaRosaCannotParse_isRefusedWithJavaRosasReason() {
        String badXPath = MINIMAL.formatted("survey", "1", "string").replace("type=\"string\"", "relevant=\"((\"");
        FormParseException e = catchThrowableOfType(FormParseException.class, () -> FormDefinition.parse(badXPath));
        assertThat(e.reason()).isEqualTo(FormParseException.Reason.REJECTED_BY_JAVAROSA);
        assertThat(e.reason().summary().zh()).isEqualTo("表单无法被 JavaRosa 解析或初始化");
    }

    @Test
    void xml_isKeptExactlyAsUploaded_andCannotBeChangedFromOutside() throws Exception {
        byte[] xml = Json.resource("/forms/household-visit.xml");
        FormDefinition form = FormDefinition.parse(xml);
        xml[0] = 'X';
        form.xml()[1] = 'Y';
        assertThat(form.xml()).isEqualTo(Json.resource("/forms/household-visit.xml"));
        assertThat(form.sha256()).hasSize(64).isEqualTo(FormDefinition.parse(form.xml()).sha256());
    }

    @Test
    void parse_ofAString_isTheParseOfItsUtf8Bytes() throws Exception {
        String xml = MINIMAL.formatted("调查", "1", "string").replace("id=\"调查\"", "id=\"survey\"");
        assertThat(FormDefinition.parse(xml).sha256())
                .isEqualTo(FormDefinition.parse(xml.getBytes(StandardCharsets.UTF_8)).sha256());
    }
}
