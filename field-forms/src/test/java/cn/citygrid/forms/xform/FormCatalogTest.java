package cn.citygrid.forms.xform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormCatalogTest {

    private static FormDefinition form(String version, String label) throws FormParseException {
        return FormDefinition.parse(FormDefinitionTest.MINIMAL.formatted("survey", version, "string").replace(">A<", ">" + label + "<"));
    }

    @Test
    void publish_ofANewVersion_makesItFindable() throws Exception {
        FormCatalog catalog = new FormCatalog();
        FormDefinition v1 = form("1", "A");
        assertThat(catalog.publish(v1)).isEqualTo(new FormCatalog.Publication.Published(v1));
        assertThat(catalog.find("survey", "1")).containsSame(v1);
        assertThat(catalog.find("survey", "2")).isEmpty();
        assertThat(catalog.find("other", "1")).isEmpty();
    }

    @Test
    void publish_ofTheSameXmlAgain_changesNothing() throws Exception {
        FormCatalog catalog = new FormCatalog();
        FormDefinition v1 = form("1", "A");
        catalog.publish(v1);
        assertThat(catalog.publish(form("1", "A"))).isEqualTo(new FormCatalog.Publication.AlreadyPublished(v1));
        assertThat(catalog.versions("survey")).containsExactly("1");
    }

    @Test
    void publish_ofDifferentXmlUnderAPublishedVersion_isAConflict_andTheOriginalStays() throws Exception {
        FormCatalog catalog = new FormCatalog();
        FormDefinition v1 = form("1", "A");
        catalog.publish(v1);
        FormDefinition changed = form("1", "B");
        assertThat(catalog.publish(changed)).isEqualTo(new FormCatalog.Publication.Conflict(v1, changed));
        assertThat(catalog.find("survey", "1")).containsSame(v1);
    }

    @Test
    void versions_areListedInPublishingOrder_andTheLatestIsTheLastPublished() throws Exception {
        FormCatalog catalog = new FormCatalog();
        catalog.publish(form("2026112701", "A"));
        catalog.publish(form("2026120101", "B"));
        assertThat(catalog.versions("survey")).containsExactly("2026112701", "2026120101");
        assertThat(catalog.latest("survey").orElseThrow().version()).isEqualTo("2026120101");
        assertThat(catalog.ids()).containsExactly("survey");
        assertThat(catalog.versions("unknown")).isEmpty();
    }
}
