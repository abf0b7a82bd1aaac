package cn.citygrid.forms.xform;

import static cn.citygrid.forms.Payloads.with;
import static cn.citygrid.forms.Payloads.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.forms.FieldErrors;
import cn.citygrid.forms.Json;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FormSessionTest {

    static final FormDefinition VISIT = TestForms.parse("/forms/household-visit.xml");

    /** A worker scans the door plate, confirms the known resident and adds a tenant. */
    static FormSession filledVisit() {
        FormSession session = FormSession.open(VISIT, Json.object("""
                {"clientId": "0193a5f2-7c1e-7b3a-9d4e-2f6a8b0c1d2e", "visit": {"house_id": "10234"},
                 "members": [{"person_id": "5531", "name": "王建国", "residence_kind": "owner"}]}"""));
        session.answer("/visit/visit_result", "at_home");
        session.next();
        session.answer("/members/0/present", "yes");
        session.answer("/members/0/care_flags", List.of("elderly_alone"));
        session.answer("/members/0/phone", "13800138000");
        session.next();
        session.addRepeat("/members");
        session.answer("/members/1/name", "李娜");
        session.answer("/members/1/id_number", "11010519491231002X");
        session.answer("/members/1/residence_kind", "tenant");
        session.answer("/members/1/present", "no");
        session.next();
        session.next();
        session.answer("/wrap_up/photo", "door.jpg");
        session.answer("/wrap_up/location", "22.5431 114.0579 12.5 4.8");
        return session;
    }

    @Test
    void open_showsTheFirstFieldListGroupAsOnePage_withThePrefilledHouseId() {
        Page page = FormSession.open(VISIT, Json.object("{\"visit\": {\"house_id\": \"10234\"}}")).page();
        assertThat(page.kind()).isEqualTo(Page.Kind.QUESTIONS);
        assertThat(page.pointer()).isEqualTo("/visit");
        assertThat(page.title()).isEqualTo("走访信息");
        assertThat(page.questions()).extracting(Question::pointer).containsExactly("/visit/house_id", "/visit/visit_result");
        assertThat(page.questions().get(0).answer()).isEqualTo("10234");
        assertThat(page.questions().get(1).choices()).extracting(Question.Choice::label).containsExactly("在家", "无人在家", "拒绝走访");
    }

    @Test
    void next_staysOnThePage_whileARequiredAnswerIsMissing() {
        FormSession session = FormSession.open(VISIT);
        StepResult step = session.next();
        assertThat(step.moved()).isFalse();
        assertThat(FieldErrors.of(step.errors())).containsExactly("/visit/house_id required", "/visit/visit_result required");
        assertThat(step.errors().get(0).messageZh()).isEqualTo("请扫描门牌二维码");
    }

    @Test
    void relevantQuestion_appearsOnThePage_onlyOnceItsConditionHolds() {
        FormSession session = FormSession.open(VISIT);
        session.answer("/visit/visit_result", "refused");
        assertThat(session.page().questions()).extracting(Question::pointer).contains("/visit/refusal_reason");
        session.answer("/visit/visit_result", "nobody_home");
        assertThat(session.page().questions()).extracting(Question::pointer).doesNotContain("/visit/refusal_reason");
    }

    @Test
    void answer_reportsABrokenConstraintAtOnce_inTheSessionsLanguage_andKeepsTheAnswer() {
        FormSession session = filledVisit();
        List<FieldError> errors = session.answer("/members/0/phone", "12345");
        assertThat(FieldErrors.of(errors)).containsExactly("/members/0/phone constraint");
        assertThat(errors.get(0).messageEn()).isEqualTo("A mobile number has 11 digits starting 13 to 19");
        assertThat(session.answerAt("/members/0/phone")).isEqualTo("12345");
    }

    @Test
    void answer_ofTheWrongTypeOrNotAChoice_isRefusedAndLeavesTheAnswer() {
        FormSession session = filledVisit();
        assertThat(FieldErrors.of(session.answer("/members/0/residence_kind", "boss"))).containsExactly("/members/0/residence_kind choice");
        assertThat(FieldErrors.of(session.answer("/wrap_up/location", "here"))).containsExactly("/wrap_up/location type");
        assertThat(session.answerAt("/members/0/residence_kind")).isEqualTo("owner");
    }

    @Test
    void answer_toAReadOnlyOrCalculatedField_isRefused() {
        FormSession session = filledVisit();
        assertThat(FieldErrors.of(session.answer("/members/0/person_id", "1"))).containsExactly("/members/0/person_id read-only");
        assertThat(FieldErrors.of(session.answer("/resident_count", 9))).containsExactly("/resident_count read-only");
        assertThatThrownBy(() -> session.answer("/members/7/name", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repeat_offersAnotherInstanceAfterTheLast_andAddingOneMovesToIt() {
        FormSession session = FormSession.open(VISIT, Json.object("{\"visit\": {\"house_id\": \"1\", \"visit_result\": \"at_home\"}}"));
        Page prompt = session.next().page();
        assertThat(prompt.kind()).isEqualTo(Page.Kind.ADD_REPEAT);
        assertThat(prompt.pointer()).isEqualTo("/members");
        assertThat(prompt.title()).isEqualTo("住户");
        assertThat(session.addRepeat("/members")).isEqualTo("/members/0");
        assertThat(session.page().pointer()).isEqualTo("/members/0");
        assertThat(session.page().questions()).extracting(Question::pointer).contains("/members/0/id_number");
    }

    @Test
    void removeRepeat_dropsTheInstance_andLaterOnesMoveUp() {
        FormSession session = filledVisit();
        session.removeRepeat("/members/0");
        Map<String, Object> payload = session.toPayload();
        assertThat(Json.write(payload.get("members"))).contains("李娜").doesNotContain("王建国");
        assertThat(payload.get("resident_count")).isEqualTo(1L);
    }

    @Test
    void previous_skipsAddAnotherPrompts_andJumpToFindsAQuestionsPage() {
        FormSession session = filledVisit();
        assertThat(session.page().pointer()).isEqualTo("/wrap_up");
        assertThat(session.previous().pointer()).isEqualTo("/members/1");
        assertThat(session.previous().pointer()).isEqualTo("/members/0");
        assertThat(session.jumpTo("/visit/house_id").pointer()).isEqualTo("/visit");
        assertThat(session.next().page().pointer()).isEqualTo("/members/0");
    }

    @Test
    void language_switchesLabelsAndChoices_toEnglish() {
        FormSession session = FormSession.open(VISIT);
        session.language("en");
        Question result = session.page().questions().get(1);
        assertThat(result.label()).isEqualTo("Visit result");
        assertThat(result.choices()).extracting(Question.Choice::label).containsExactly("At home", "Nobody home", "Refused");
    }

    @Test
    void payloadOfAFilledSession_validatesOnTheServer() {
        Map<String, Object> payload = Json.roundTrip(filledVisit().toPayload());
        assertThat(payload.get("clientId")).isEqualTo("0193a5f2-7c1e-7b3a-9d4e-2f6a8b0c1d2e");
        assertThat(new RecordValidator().validate(VISIT, payload, List.of("door.jpg")).errors()).isEmpty();
        assertThat(filledVisit().validate(List.of("door.jpg")).valid()).isTrue();
    }

    @Test
    void draft_restoresToTheSameAnswers() {
        Map<String, Object> draft = Json.roundTrip(filledVisit().toPayload());
        assertThat(Json.roundTrip(FormSession.restore(VISIT, draft).toPayload())).isEqualTo(draft);
    }

    @Test
    void restore_ofAPayloadThatDoesNotFitTheForm_isRefused() {
        assertThatThrownBy(() -> FormSession.restore(VISIT, Json.object("{\"nope\": 1}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/nope");
    }

    static List<Arguments> tamperings() {
        return List.<Arguments>of(
                Arguments.of("resident count raised", (UnaryOperator<Map<String, Object>>) p -> with(p, "/resident_count", 5), "/resident_count calculation"),
                Arguments.of("required name dropped", (UnaryOperator<Map<String, Object>>) p -> without(p, "/members/1/name"), "/members/1/name required"),
                Arguments.of("ID number of a known person", (UnaryOperator<Map<String, Object>>) p -> with(p, "/members/0/id_number", "11010519491231002X"), "/members/0/id_number not-relevant"),
                Arguments.of("ID check character changed", (UnaryOperator<Map<String, Object>>) p -> with(p, "/members/1/id_number", "110105194912310020"), "/members/1/id_number constraint"),
                Arguments.of("care flag invented", (UnaryOperator<Map<String, Object>>) p -> with(p, "/members/0/care_flags", List.of("vip")), "/members/0/care_flags choice"),
                Arguments.of("house id turned into a number", (UnaryOperator<Map<String, Object>>) p -> with(p, "/visit/house_id", 10234), "/visit/house_id type"),
                Arguments.of("field added", (UnaryOperator<Map<String, Object>>) p -> with(p, "/visit/score", 5), "/visit/score unknown-field"),
                Arguments.of("photo swapped", (UnaryOperator<Map<String, Object>>) p -> with(p, "/wrap_up/photo", "other.jpg"), "/wrap_up/photo attachment-missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void tamperedSessionPayload_failsValidation(String name, UnaryOperator<Map<String, Object>> tamper, String expected) {
        Map<String, Object> payload = tamper.apply(Json.roundTrip(filledVisit().toPayload()));
        assertThat(FieldErrors.of(new RecordValidator().validate(VISIT, payload, List.of("door.jpg")))).contains(expected);
    }
}
