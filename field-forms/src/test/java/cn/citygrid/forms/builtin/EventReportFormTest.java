package cn.citygrid.forms.builtin;

import static cn.citygrid.forms.Payloads.with;
import static cn.citygrid.forms.Payloads.without;
import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.forms.FieldErrors;
import cn.citygrid.forms.Json;
import cn.citygrid.forms.mapping.EventFact;
import cn.citygrid.forms.mapping.MappingEngine;
import cn.citygrid.forms.xform.FieldError;
import cn.citygrid.forms.xform.FormDefinition;
import cn.citygrid.forms.xform.RecordValidator;
import cn.citygrid.forms.xform.ValidationResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventReportFormTest {

    static final FormDefinition FORM = BuiltInForms.form(BuiltInForms.EVENT_REPORT);
    static final Map<String, Object> REPORT = Json.payload(BuiltInForms.EVENT_REPORT);
    static final List<String> ATTACHMENTS = List.of("p1.jpg", "p2.jpg", "note.m4a");

    private static ValidationResult validate(Map<String, Object> payload) {
        return new RecordValidator().validate(FORM, payload, ATTACHMENTS);
    }

    @Test
    void realisticReport_isValid() {
        assertThat(validate(REPORT).errors()).isEmpty();
    }

    @Test
    void shortDescription_breaksItsConstraint_withTheFormsMessage() {
        FieldError error = validate(with(REPORT, "/event/description", "井盖没了")).errors().get(0);
        assertThat(error.field()).isEqualTo("/event/description");
        assertThat(error.code()).isEqualTo(FieldError.Code.CONSTRAINT);
        assertThat(error.messageZh()).isEqualTo("描述应为 10 至 1000 个字");
        assertThat(error.messageEn()).isEqualTo("A description has 10 to 1000 characters");
    }

    @Test
    void missingLocation_isRequired_withTheFormsMessage() {
        FieldError error = validate(without(REPORT, "/place/location")).errors().get(0);
        assertThat(error.code()).isEqualTo(FieldError.Code.REQUIRED);
        assertThat(error.messageZh()).isEqualTo("请定位事件位置");
    }

    @Test
    void thirdPhotoWithoutASecond_isNotRelevant() {
        Map<String, Object> payload = with(with(without(REPORT, "/media/photo_2"), "/media/photo_3", "p2.jpg"),
                "/photo_count", 1);
        assertThat(FieldErrors.of(validate(payload)))
                .containsExactly("/media/photo_3 not-relevant", "attachments/p2.jpg attachment-unused");
    }

    @Test
    void atMostThreePhotos_aFourthIsAnUnknownField() {
        assertThat(FieldErrors.of(validate(with(REPORT, "/media/photo_4", "p4.jpg"))))
                .contains("/media/photo_4 unknown-field");
    }

    @Test
    void categoryThatIsNotAChoice_isReported() {
        assertThat(FieldErrors.of(validate(with(REPORT, "/event/category", "traffic"))))
                .containsExactly("/event/category choice");
    }

    @Test
    void otherCategory_needsToBeNamed() {
        assertThat(FieldErrors.of(validate(with(REPORT, "/event/category", "other"))))
                .containsExactly("/event/other_category required");
    }

    @Test
    void photoCountThatIsNotTheComputedOne_isACalculationMismatch() {
        assertThat(FieldErrors.of(validate(with(REPORT, "/photo_count", 3)))).containsExactly("/photo_count calculation");
    }

    @Test
    void timeWrittenWithoutLeadingZero_isATypeError() {
        assertThat(FieldErrors.of(validate(with(REPORT, "/place/occurred_at", "8:30"))))
                .containsExactly("/place/occurred_at type");
    }

    @Test
    void voiceNoteIsAnAudioAnswer_andMustBeAnAttachment() {
        assertThat(FieldErrors.of(new RecordValidator().validate(FORM, REPORT, List.of("p1.jpg", "p2.jpg"))))
                .containsExactly("/media/voice_note attachment-missing");
    }

    @Test
    void mapping_opensAnEventWithItsPlaceAndAttachments() {
        var facts = new MappingEngine().facts(BuiltInForms.mapping(BuiltInForms.EVENT_REPORT), REPORT);
        assertThat(facts).containsExactly(new EventFact("municipal", "井盖缺失，位于莲花路与新洲路交叉口东北角人行道",
                114.0466, 22.5512, "urgent", List.of("p1.jpg", "p2.jpg", "note.m4a")));
    }
}
