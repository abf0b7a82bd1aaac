package cn.citygrid.forms.builtin;

import static cn.citygrid.forms.Payloads.with;
import static cn.citygrid.forms.Payloads.without;
import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.forms.FieldErrors;
import cn.citygrid.forms.Json;
import cn.citygrid.forms.mapping.CheckInFact;
import cn.citygrid.forms.mapping.MappingEngine;
import cn.citygrid.forms.xform.FieldError;
import cn.citygrid.forms.xform.FormDefinition;
import cn.citygrid.forms.xform.FormSession;
import cn.citygrid.forms.xform.RecordValidator;
import cn.citygrid.forms.xform.ValidationResult;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Check-in has no calculation, so it has no calculation-mismatch case. */
class CheckInFormTest {

    static final FormDefinition FORM = BuiltInForms.form(BuiltInForms.CHECK_IN);
    static final Map<String, Object> CHECK_IN = Json.payload(BuiltInForms.CHECK_IN);

    private static ValidationResult validate(Map<String, Object> payload) {
        return new RecordValidator().validate(FORM, payload, List.of());
    }

    @Test
    void realisticCheckIn_isValid() {
        assertThat(validate(CHECK_IN).errors()).isEmpty();
    }

    @Test
    void missingPlaceCode_isRequired_withTheFormsMessage() {
        FieldError error = validate(without(CHECK_IN, "/place_code")).errors().get(0);
        assertThat(error.code()).isEqualTo(FieldError.Code.REQUIRED);
        assertThat(error.messageZh()).isEqualTo("请扫描场所码");
        assertThat(error.messageEn()).isEqualTo("Scan the place code");
    }

    @Test
    void placeCodeThatIsNotOurs_breaksItsConstraint() {
        assertThat(FieldErrors.of(validate(with(CHECK_IN, "/place_code", "https://example.com/x"))))
                .containsExactly("/place_code constraint");
    }

    @Test
    void locationThatIsNotAGeopoint_isATypeError() {
        assertThat(FieldErrors.of(validate(with(CHECK_IN, "/location", "22.5431")))).containsExactly("/location type");
        assertThat(FieldErrors.of(validate(with(CHECK_IN, "/location", "122.5 114.0 0 0")))).containsExactly("/location type");
    }

    @Test
    void purposeThatIsNotAChoice_isReported() {
        assertThat(FieldErrors.of(validate(with(CHECK_IN, "/purpose", "lunch")))).containsExactly("/purpose choice");
    }

    @Test
    void checkInTime_isPreloadedWhenTheFormOpens() {
        Object time = FormSession.open(FORM).answerAt("/checked_in_at");
        assertThat(OffsetDateTime.parse(time.toString())).isNotNull();
    }

    @Test
    void mapping_recordsACheckInAtThePlace() {
        var facts = new MappingEngine().facts(BuiltInForms.mapping(BuiltInForms.CHECK_IN), CHECK_IN);
        assertThat(facts).containsExactly(new CheckInFact("880012", 114.0579, 22.5431));
    }
}
