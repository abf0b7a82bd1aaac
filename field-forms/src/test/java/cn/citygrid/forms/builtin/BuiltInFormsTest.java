package cn.citygrid.forms.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.forms.Json;
import cn.citygrid.forms.xform.FormCatalog;
import cn.citygrid.forms.xform.FormDefinition;
import cn.citygrid.forms.xform.FormSession;
import cn.citygrid.forms.xform.Page;
import cn.citygrid.forms.xform.RecordValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class BuiltInFormsTest {

    static final List<String> IDS = BuiltInForms.IDS;

    @ParameterizedTest
    @FieldSource("IDS")
    void everyBuiltInForm_parsesAndInitialisesWithJavaRosa_inChineseAndEnglish(String id) {
        FormDefinition form = BuiltInForms.form(id);
        assertThat(form.id()).isEqualTo(id);
        assertThat(form.version()).isEqualTo(BuiltInForms.VERSION);
        assertThat(form.languages()).containsExactly("zh-CN", "en");
        FormSession session = FormSession.open(form);
        assertThat(session.page().kind()).isEqualTo(Page.Kind.QUESTIONS);
        session.language("en");
        assertThat(session.page().questions().get(0).label()).matches("[\\x20-\\x7e]+");
    }

    @ParameterizedTest
    @FieldSource("IDS")
    void everyBuiltInMapping_fitsItsForm(String id) {
        assertThat(BuiltInForms.mapping(id).problemsWith(BuiltInForms.form(id))).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("IDS")
    void realisticPayload_restoredAsADraft_comesBackValidAndStable(String id) {
        FormDefinition form = BuiltInForms.form(id);
        Map<String, Object> draft = Json.roundTrip(FormSession.restore(form, Json.payload(id)).toPayload());
        Map<String, Object> again = Json.roundTrip(FormSession.restore(form, draft).toPayload());
        assertThat(again).isEqualTo(draft);
        assertThat(draft.keySet()).isEqualTo(Json.payload(id).keySet());
        assertThat(new RecordValidator().validate(form, draft, attachments(draft)).errors()).isEmpty();
    }

    /** Every answer that is a media file name, as the phone would attach them. */
    static List<String> attachments(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().flatMap(v -> attachments(v).stream()).toList();
        }
        if (value instanceof List<?> list) {
            return list.stream().flatMap(v -> attachments(v).stream()).toList();
        }
        return value instanceof String s && s.matches("[^/ ]+\\.(jpg|png|m4a)") ? List.of(s) : List.of();
    }

    @ParameterizedTest
    @FieldSource("IDS")
    void catalog_holdsEveryBuiltInFormAtItsVersion(String id) {
        FormCatalog catalog = BuiltInForms.catalog();
        assertThat(catalog.versions(id)).containsExactly(BuiltInForms.VERSION);
        assertThat(catalog.find(id, BuiltInForms.VERSION)).isPresent();
    }
}
