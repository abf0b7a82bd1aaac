package cn.citygrid.forms.xform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import cn.citygrid.forms.builtin.BuiltInForms;
import org.javarosa.core.model.FormDef;
import org.junit.jupiter.api.Test;

/** Validation reads each form back from its serialised FormDef; that must work for every built-in form. */
class SerialisedFormTest {

    @Test
    void everyBuiltInForm_readsBackFromItsSerialisedFormDef_withTheSameQuestions() {
        for (String id : BuiltInForms.IDS) {
            FormDefinition def = BuiltInForms.form(id);
            FormDef parsed = JavaRosa.reparse(def.xml());
            byte[] bytes = JavaRosa.serialise(parsed);
            assertThatCode(() -> JavaRosa.deserialise(bytes)).as(id).doesNotThrowAnyException();
            FormDef read = JavaRosa.deserialise(bytes);
            assertThat(read.getMainInstance().getRoot().getNumChildren()).as(id)
                .isEqualTo(parsed.getMainInstance().getRoot().getNumChildren());
            assertThat(read.getTitle()).isEqualTo(parsed.getTitle());
            assertThat(read.getDeepChildCount()).isEqualTo(parsed.getDeepChildCount());
        }
    }
}
