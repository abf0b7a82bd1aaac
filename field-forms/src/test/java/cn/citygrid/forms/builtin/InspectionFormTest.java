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

class InspectionFormTest {

    static final FormDefinition FORM = BuiltInForms.form(BuiltInForms.INSPECTION);
    static final Map<String, Object> INSPECTION = Json.payload(BuiltInForms.INSPECTION);
    static final List<String> ATTACHMENTS = List.of("extinguisher.jpg", "signature.png");

    private static ValidationResult validate(Map<String, Object> payload) {
        return new RecordValidator().validate(FORM, payload, ATTACHMENTS);
    }

    @Test
    void realisticEnterpriseInspection_isValid() {
        assertThat(validate(INSPECTION).errors()).isEmpty();
    }

    @Test
    void placeInspection_needsThePlaceIdInstead() {
        Map<String, Object> place = with(without(INSPECTION, "/target/credit_code"), "/target/target_type", "place");
        assertThat(FieldErrors.of(validate(place))).containsExactly("/target/place_id required");
        assertThat(validate(with(place, "/target/place_id", "7781")).valid()).isTrue();
    }

    @Test
    void creditCodeWithAWrongCheckCharacter_breaksTheGb32100Constraint() {
        FieldError error = validate(with(INSPECTION, "/target/credit_code", "91350100M000100Y44")).errors().get(0);
        assertThat(error.code()).isEqualTo(FieldError.Code.CONSTRAINT);
        assertThat(error.messageZh()).isEqualTo("统一社会信用代码不正确（18 位，校验位须符合 GB 32100）");
    }

    @Test
    void placeIdOfAnEnterpriseInspection_isNotRelevant() {
        assertThat(FieldErrors.of(validate(with(INSPECTION, "/target/place_id", "7781"))))
                .containsExactly("/target/place_id not-relevant");
    }

    @Test
    void passWhileAnItemHasAProblem_breaksTheResultConstraint() {
        Map<String, Object> pass = without(with(INSPECTION, "/conclusion/result", "pass"), "/conclusion/deadline");
        FieldError error = validate(pass).errors().get(0);
        assertThat(error.field()).isEqualTo("/conclusion/result");
        assertThat(error.messageEn()).isEqualTo("The result cannot be pass while an item has a problem");
    }

    @Test
    void missingSignature_isRequired() {
        assertThat(FieldErrors.of(validate(without(INSPECTION, "/evidence/signature"))))
                .containsExactly("/evidence/signature required", "attachments/signature.png attachment-unused");
    }

    @Test
    void problemWithoutANote_isRequired() {
        assertThat(FieldErrors.of(validate(without(INSPECTION, "/checklist/problem_note"))))
                .containsExactly("/checklist/problem_note required");
    }

    @Test
    void rectificationWithoutADeadline_isRequired() {
        assertThat(FieldErrors.of(validate(without(INSPECTION, "/conclusion/deadline"))))
                .containsExactly("/conclusion/deadline required");
    }

    @Test
    void deadlineThatIsNotADate_isATypeError() {
        assertThat(FieldErrors.of(validate(with(INSPECTION, "/conclusion/deadline", "2026-02-30"))))
                .containsExactly("/conclusion/deadline type");
    }

    @Test
    void itemAnswerThatIsNotAChoice_isReported() {
        assertThat(FieldErrors.of(validate(with(INSPECTION, "/checklist/hygiene", "maybe"))))
                .containsExactly("/checklist/hygiene choice");
    }

    @Test
    void failedItemCountThatIsNotTheComputedOne_isACalculationMismatch() {
        assertThat(FieldErrors.of(validate(with(INSPECTION, "/failed_items", 0))))
                .containsExactly("/failed_items calculation");
    }

    @Test
    void mapping_attachesTheInspectionToTheEnterprise() {
        var facts = new MappingEngine().facts(BuiltInForms.mapping(BuiltInForms.INSPECTION), INSPECTION);
        assertThat(facts).containsExactly(new InspectionFact("enterprise", "91350100M000100Y43", "rectify",
                LocalDate.of(2026, 12, 20), Map.of("licence", "ok", "fire_safety", "problem", "hygiene", "ok",
                        "safety_records", "na", "problem_note", "灭火器过期两个月")));
    }

    @Test
    void mapping_ofAPlaceInspection_targetsThePlace() {
        Map<String, Object> place = with(with(without(INSPECTION, "/target/credit_code"), "/target/target_type", "place"),
                "/target/place_id", "7781");
        var fact = (InspectionFact) new MappingEngine().facts(BuiltInForms.mapping(BuiltInForms.INSPECTION), place).get(0);
        assertThat(fact.targetType()).isEqualTo("place");
        assertThat(fact.targetId()).isEqualTo("7781");
    }
}
