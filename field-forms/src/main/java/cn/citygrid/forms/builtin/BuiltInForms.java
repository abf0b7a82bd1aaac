package cn.citygrid.forms.builtin;

import cn.citygrid.forms.mapping.Mapping;
import cn.citygrid.forms.xform.FormCatalog;
import cn.citygrid.forms.xform.FormDefinition;
import cn.citygrid.forms.xform.FormParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The forms CityGrid ships, as resources {@code /forms/<id>.xml} (XForm) and
 * {@code /forms/<id>.mapping.json} (record → domain mapping). Adding a form is adding those two
 * files and its id here.
 */
public final class BuiltInForms {

    public static final String VERSION = "2026112701";
    public static final String HOUSEHOLD_VISIT = "household-visit";
    public static final String HOUSE_INSPECTION = "house-inspection";
    public static final String INSPECTION = "inspection";
    public static final String EVENT_REPORT = "event-report";
    public static final String CHECK_IN = "check-in";
    public static final List<String> IDS =
            List.of(HOUSEHOLD_VISIT, HOUSE_INSPECTION, INSPECTION, EVENT_REPORT, CHECK_IN);

    private BuiltInForms() {}

    public static FormDefinition form(String id) {
        try {
            return FormDefinition.parse(resource("/forms/" + id + ".xml"));
        } catch (FormParseException e) {
            throw new IllegalStateException("built-in form " + id + " does not parse", e);
        }
    }

    public static Mapping mapping(String id) {
        return Mapping.parse(resource("/forms/" + id + ".mapping.json"));
    }

    /** A catalog with every built-in form published. */
    public static FormCatalog catalog() {
        FormCatalog catalog = new FormCatalog();
        IDS.forEach(id -> catalog.publish(form(id)));
        return catalog;
    }

    private static byte[] resource(String path) {
        try (InputStream in = BuiltInForms.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no built-in resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
