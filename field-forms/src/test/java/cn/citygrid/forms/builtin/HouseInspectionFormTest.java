package cn.citygrid.forms.builtin;

import static cn.citygrid.forms.Payloads.with;
import static cn.citygrid.forms.Payloads.without;
import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.forms.FieldErrors;
import cn.citygrid.forms.Json;
import cn.citygrid.forms.mapping.InspectionFact;
import cn.citygrid.forms.mapping.MappingEngine;
import cn.citygrid.forms.xform.FieldError;
import cn.citygrid.forms.xform.FormDefinition;
import cn.citygrid.forms.xform.RecordValidator;
import cn.citygrid.forms.xform.ValidationResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HouseInspectionFormTest {

    static final FormDefinition FORM = BuiltInForms.form(BuiltInForms.HOUSE_INSPECTION);
    static final Map<String, Object> INSPECTION = Json.payload(BuiltInForms.HOUSE_INSPECTION);
    static final List<String> ATTACHMENTS = List.of("front.jpg", "wiring.jpg");

    private static ValidationResult validate(Map<String, Object> payload) {
        return new RecordValidator().validate(FORM, payload, ATTACHMENTS);
    }

    @Test
    void realisticInspection_isValid() {
        assertThat(validate(INSPECTION).errors()).isEmpty();
    }

    @Test
    void missingFoundationCheck_isRequired() {
        assertThat(FieldErrors.of(validate(without(INSPECTION, "/structure/foundation"))))
                .contains("/structure/foundation required");
    }

    @Test
    void houseWithHazardsMarkedSafe_breaksTheResultConstraint() {
        Map<String, Object> safe = without(with(INSPECTION, "/conclusion/result", "safe"), "/conclusion/deadline");
        FieldError error = validate(safe).errors().get(0);
        assertThat(error.field()).isEqualTo("/conclusion/result");
        assertThat(error.code()).isEqualTo(FieldError.Code.CONSTRAINT);
        assertThat(error.messageZh()).isEqualTo("存在隐患时结论不能为“安全”");
        assertThat(error.messageEn()).isEqualTo("A house with hazards cannot be marked safe");
    }

    @Test
    void noneTogetherWithAHazard_breaksTheHazardsConstraint() {
        Map<String, Object> payload = with(with(INSPECTION, "/hazards", List.of("none", "gas")), "/hazard_count", 0);
        assertThat(FieldErrors.of(validate(payload))).containsExactly("/hazards constraint");
    }

    @Test
    void severeCracks_needAPhotoOfThem_andTheRiskBecomesHigh() {
        Map<String, Object> severe = with(INSPECTION, "/structure/wall_cracks", "severe");
        assertThat(FieldErrors.of(validate(severe)))
                .containsExactly("/structure/crack_photo required", "/risk_level calculation");
        Map<String, Object> fixed = with(with(severe, "/structure/crack_photo", "crack.jpg"), "/risk_level", "high");
        assertThat(new RecordValidator().validate(FORM, fixed, List.of("front.jpg", "wiring.jpg", "crack.jpg")).valid()).isTrue();
    }

    @Test
    void crackPhotoForMinorCracks_isNotRelevant() {
        assertThat(FieldErrors.of(validate(with(INSPECTION, "/structure/crack_photo", "front.jpg"))))
                .containsExactly("/structure/crack_photo not-relevant");
    }

    @Test
    void deadlineWhenTheHouseIsDangerous_isNotRelevant() {
        assertThat(FieldErrors.of(validate(with(INSPECTION, "/conclusion/result", "danger"))))
                .containsExactly("/conclusion/deadline not-relevant");
    }

    @Test
    void crackGradeThatIsNotAChoice_isReported() {
        assertThat(FieldErrors.of(validate(with(INSPECTION, "/structure/wall_cracks", "big"))))
                .contains("/structure/wall_cracks choice");
    }

    @Test
    void riskLevelThatIsNotTheComputedOne_isACalculationMismatch() {
        assertThat(FieldErrors.of(validate(with(INSPECTION, "/risk_level", "low"))))
                .containsExactly("/risk_level calculation");
    }

    @Test
    void outlineThatDoesNotClose_isNotAGeoshape() {
        String open = "22.5431 114.0579 0 0;22.5432 114.0581 0 0;22.5430 114.0582 0 0;22.5433 114.0579 0 0";
        assertThat(FieldErrors.of(validate(with(INSPECTION, "/evidence/outline", open))))
                .containsExactly("/evidence/outline type");
    }

    @Test
    void mapping_attachesAnInspectionToTheHouse() {
        var facts = new MappingEngine().facts(BuiltInForms.mapping(BuiltInForms.HOUSE_INSPECTION), INSPECTION);
        assertThat(facts).containsExactly(new InspectionFact("house", "10234", "rectify", LocalDate.of(2026, 12, 15),
                Map.of("wall_cracks", "minor", "foundation", "normal", "roof_leak", "yes", "alteration", "no")));
    }
}
