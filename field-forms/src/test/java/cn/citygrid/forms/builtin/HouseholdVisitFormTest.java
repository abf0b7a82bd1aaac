package cn.citygrid.forms.builtin;

import static cn.citygrid.forms.Payloads.with;
import static cn.citygrid.forms.Payloads.without;
import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.forms.FieldErrors;
import cn.citygrid.forms.Json;
import cn.citygrid.forms.mapping.CareFlagFact;
import cn.citygrid.forms.mapping.MappingEngine;
import cn.citygrid.forms.mapping.PersonRef;
import cn.citygrid.forms.mapping.PhoneFact;
import cn.citygrid.forms.mapping.ResidenceFact;
import cn.citygrid.forms.xform.FieldError;
import cn.citygrid.forms.xform.FormDefinition;
import cn.citygrid.forms.xform.RecordValidator;
import cn.citygrid.forms.xform.ValidationResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HouseholdVisitFormTest {

    static final FormDefinition FORM = BuiltInForms.form(BuiltInForms.HOUSEHOLD_VISIT);
    static final List<String> ATTACHMENTS = List.of("door.jpg");
    static final Map<String, Object> VISIT = Json.payload(BuiltInForms.HOUSEHOLD_VISIT);

    private static ValidationResult validate(Map<String, Object> payload) {
        return new RecordValidator().validate(FORM, payload, ATTACHMENTS);
    }

    @Test
    void form_isVersion2026112701_inChineseAndEnglish() {
        assertThat(FORM.id()).isEqualTo("household-visit");
        assertThat(FORM.version()).isEqualTo("2026112701");
        assertThat(FORM.title()).isEqualTo("入户走访");
        assertThat(FORM.languages()).containsExactly("zh-CN", "en");
    }

    @Test
    void realisticVisit_isValid() {
        assertThat(validate(VISIT).errors()).isEmpty();
    }

    @Test
    void nobodyHome_needsNoResidents() {
        Map<String, Object> payload = Json.object("""
                {"visit": {"house_id": "10234", "visit_result": "nobody_home"}, "resident_count": 0, "present_count": 0}""");
        assertThat(new RecordValidator().validate(FORM, payload, List.of()).valid()).isTrue();
    }

    @Test
    void residentsListed_whenNobodyWasHome_areNotRelevant() {
        ValidationResult result = validate(with(VISIT, "/visit/visit_result", "nobody_home"));
        assertThat(FieldErrors.of(result)).contains("/members/0 not-relevant", "/members/1 not-relevant",
                "/members/2 not-relevant");
    }

    @Test
    void refusal_needsAReason() {
        Map<String, Object> payload = Json.object("""
                {"visit": {"house_id": "10234", "visit_result": "refused"}, "resident_count": 0, "present_count": 0}""");
        assertThat(FieldErrors.of(new RecordValidator().validate(FORM, payload, List.of())))
                .containsExactly("/visit/refusal_reason required");
    }

    @Test
    void missingHouseId_isRequired_withTheFormsOwnMessage() {
        FieldError error = validate(without(VISIT, "/visit/house_id")).errors().get(0);
        assertThat(error.field()).isEqualTo("/visit/house_id");
        assertThat(error.code()).isEqualTo(FieldError.Code.REQUIRED);
        assertThat(error.messageZh()).isEqualTo("请扫描门牌二维码");
        assertThat(error.messageEn()).isEqualTo("Scan the door plate QR code");
    }

    @Test
    void newPerson_needsAnIdNumber() {
        assertThat(FieldErrors.of(validate(without(VISIT, "/members/1/id_number"))))
                .containsExactly("/members/1/id_number required");
    }

    @Test
    void idNumberWithAWrongCheckCharacter_breaksTheGb11643Constraint() {
        FieldError error = validate(with(VISIT, "/members/1/id_number", "110105194912310021")).errors().get(0);
        assertThat(error.field()).isEqualTo("/members/1/id_number");
        assertThat(error.code()).isEqualTo(FieldError.Code.CONSTRAINT);
        assertThat(error.messageZh()).isEqualTo("身份证号码不正确（18 位，校验位须符合 GB 11643）");
        assertThat(error.messageEn()).startsWith("Invalid ID number");
    }

    @Test
    void idNumberOfAKnownPerson_isNotRelevant() {
        assertThat(FieldErrors.of(validate(with(VISIT, "/members/0/id_number", "11010519491231002X"))))
                .containsExactly("/members/0/id_number not-relevant");
    }

    @Test
    void phoneThatIsNotAMobileNumber_breaksItsConstraint() {
        FieldError error = validate(with(VISIT, "/members/0/phone", "0755-8888888")).errors().get(0);
        assertThat(error.code()).isEqualTo(FieldError.Code.CONSTRAINT);
        assertThat(error.messageZh()).isEqualTo("手机号码应为 11 位，以 13 至 19 开头");
    }

    @Test
    void presenceOfSomeoneWhoMovedOut_isNotRelevant() {
        assertThat(FieldErrors.of(validate(with(VISIT, "/members/2/present", "yes"))))
                .containsExactly("/members/2/present not-relevant");
    }

    @Test
    void unknownCareFlag_isNotAChoice() {
        assertThat(FieldErrors.of(validate(with(VISIT, "/members/0/care_flags", List.of("elderly_alone", "rich")))))
                .containsExactly("/members/0/care_flags choice");
    }

    @Test
    void residentCountThatDoesNotMatchTheResidents_isACalculationMismatch() {
        FieldError error = validate(with(VISIT, "/resident_count", 3)).errors().get(0);
        assertThat(error.field()).isEqualTo("/resident_count");
        assertThat(error.code()).isEqualTo(FieldError.Code.CALCULATION);
        assertThat(error.messageEn()).isEqualTo("the calculated value is 2, the record has 3");
    }

    @Test
    void photoThatIsNotAnAttachment_isReported_andTheUnnamedAttachmentToo() {
        assertThat(FieldErrors.of(validate(with(VISIT, "/wrap_up/photo", "other.jpg"))))
                .containsExactly("/wrap_up/photo attachment-missing", "attachments/door.jpg attachment-unused");
    }

    @Test
    void mapping_turnsTheVisitIntoResidenceCareFlagAndPhoneFacts() {
        var facts = new MappingEngine().facts(BuiltInForms.mapping(BuiltInForms.HOUSEHOLD_VISIT), VISIT);
        PersonRef wang = new PersonRef.Existing("5531");
        PersonRef li = new PersonRef.NewPerson("李娜", "11010519491231002X");
        PersonRef xiaoming = new PersonRef.Existing("5532");
        assertThat(facts).containsExactly(
                new ResidenceFact("10234", wang, "owner", true, false),
                new ResidenceFact("10234", li, "tenant", false, false),
                new ResidenceFact("10234", xiaoming, "resident", false, true),
                new CareFlagFact(wang, "elderly_alone"),
                new CareFlagFact(wang, "veteran"),
                new PhoneFact(wang, "13800138000"));
    }

    @Test
    void mapping_ofAVisitWithNobodyHome_statesNoFacts() {
        Map<String, Object> payload = Json.object("""
                {"visit": {"house_id": "10234", "visit_result": "nobody_home"}, "resident_count": 0, "present_count": 0}""");
        assertThat(new MappingEngine().facts(BuiltInForms.mapping(BuiltInForms.HOUSEHOLD_VISIT), payload)).isEmpty();
    }

    @Test
    void mapping_fitsTheForm() {
        assertThat(BuiltInForms.mapping(BuiltInForms.HOUSEHOLD_VISIT).problemsWith(FORM)).isEmpty();
    }
}
