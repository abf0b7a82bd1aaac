package cn.citygrid.forms.xform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.forms.FieldErrors;
import cn.citygrid.forms.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnswerTypesTest {

    static final FormDefinition FORM = TestForms.parse("/forms/all-types.xml");

    private static ValidationResult validate(String field, Object value) {
        Map<String, Object> payload = new HashMap<>();
        payload.put(field, value);
        List<String> attachments = value instanceof String s && s.matches("\\w+\\.(jpg|m4a)") ? List.of(s) : List.of();
        return new RecordValidator().validate(FORM, payload, attachments);
    }

    static List<Arguments> accepted() {
        return List.of(
                Arguments.of("t_text", "网格"), Arguments.of("t_int", 42), Arguments.of("t_int", -7L),
                Arguments.of("t_int", 3.0), Arguments.of("t_decimal", 86.5), Arguments.of("t_decimal", 3),
                Arguments.of("t_date", "2026-11-27"), Arguments.of("t_time", "08:30"),
                Arguments.of("t_time", "08:30:15.250+08:00"), Arguments.of("t_datetime", "2026-11-27T08:30:00.000+08:00"),
                Arguments.of("t_datetime", "2026-11-27T00:30:00Z"), Arguments.of("t_barcode", "CG-10234"),
                Arguments.of("t_geopoint", "22.5431 114.0579"), Arguments.of("t_geopoint", "22.5431 114.0579 12.5 4.8"),
                Arguments.of("t_geotrace", "22.54 114.05 0 0;22.55 114.06 0 0"),
                Arguments.of("t_geoshape", "22.54 114.05 0 0;22.55 114.06 0 0;22.55 114.05 0 0;22.54 114.05 0 0"),
                Arguments.of("t_image", "a.jpg"), Arguments.of("t_audio", "v.m4a"),
                Arguments.of("t_select1", "a"), Arguments.of("t_select", List.of("a", "b")));
    }

    static List<Arguments> refused() {
        return List.of(
                Arguments.of("t_text", 5, "type"), Arguments.of("t_text", "\u0000x", "type"),
                Arguments.of("t_text", "toolong", "constraint"),
                Arguments.of("t_int", "42", "type"), Arguments.of("t_int", 4.5, "type"),
                Arguments.of("t_int", 3_000_000_000L, "type"), Arguments.of("t_decimal", "86.5", "type"),
                Arguments.of("t_date", "2026-02-30", "type"), Arguments.of("t_date", "27/11/2026", "type"),
                Arguments.of("t_time", "25:00", "type"), Arguments.of("t_datetime", "2026-11-27T08:30:00", "type"),
                Arguments.of("t_barcode", 10234, "type"), Arguments.of("t_geopoint", "north", "type"),
                Arguments.of("t_geopoint", "91 114", "type"), Arguments.of("t_geopoint", "22 181", "type"),
                Arguments.of("t_geopoint", "22 114 0 -1", "type"), Arguments.of("t_geopoint", "22 114;23 115", "type"),
                Arguments.of("t_geotrace", "22.54 114.05 0 0", "type"),
                Arguments.of("t_geoshape", "22.54 114.05;22.55 114.06;22.55 114.05;22.56 114.05", "type"),
                Arguments.of("t_image", "photos/a.jpg", "type"), Arguments.of("t_select1", "c", "choice"),
                Arguments.of("t_select1", List.of("a"), "type"), Arguments.of("t_select", "a b", "type"),
                Arguments.of("t_select", List.of("a", "a"), "type"), Arguments.of("t_select", List.of("a", "z"), "choice"),
                Arguments.of("items", Map.of("name", "x"), "type"), Arguments.of("t_int", Map.of(), "type"));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void answerOfTheRightType_isAccepted(String field, Object value) {
        assertThat(validate(field, value).errors()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("refused")
    void answerOfTheWrongTypeOrValue_isRefused(String field, Object value, String code) {
        assertThat(FieldErrors.of(validate(field, value))).containsExactly("/" + field + " " + code);
    }

    @Test
    void itemsetChoice_mustBeOneTheFilterAllows() {
        Map<String, Object> futian = Json.object("{\"district\": \"futian\", \"street\": \"lianhua\"}");
        Map<String, Object> wrong = Json.object("{\"district\": \"futian\", \"street\": \"nanhai\"}");
        assertThat(new RecordValidator().validate(FORM, futian, List.of()).valid()).isTrue();
        assertThat(FieldErrors.of(new RecordValidator().validate(FORM, wrong, List.of()))).containsExactly("/street choice");
    }

    @Test
    void repeatWithoutATemplate_takesAsManyInstancesAsTheArrayHas() {
        Map<String, Object> none = Json.object("{}");
        Map<String, Object> two = Json.object("{\"items\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}");
        assertThat(new RecordValidator().validate(FORM, none, List.of()).valid()).isTrue();
        assertThat(new RecordValidator().validate(FORM, two, List.of()).valid()).isTrue();
        assertThat(FormSession.restore(FORM, two).toPayload().get("items")).isEqualTo(two.get("items"));
    }

    @Test
    void calculation_isCheckedAgainstTheRecomputedValue() {
        Map<String, Object> payload = Json.object("{\"n\": 21, \"doubled\": 42}");
        assertThat(new RecordValidator().validate(FORM, payload, List.of()).valid()).isTrue();
        assertThat(FieldErrors.of(new RecordValidator().validate(FORM, Json.object("{\"n\": 21, \"doubled\": 41}"), List.of())))
                .containsExactly("/doubled calculation");
    }

    @Test
    void calculationWithUuid_isNotRecomputed_soTheSubmittedValueStands() {
        Map<String, Object> payload = Json.object("{\"created\": \"uuid:anything-the-phone-made\"}");
        assertThat(new RecordValidator().validate(FORM, payload, List.of()).valid()).isTrue();
    }

    @Test
    void literalConstraintMessage_isUsedInBothLanguages() {
        FieldError error = validate("t_text", "toolong").errors().get(0);
        assertThat(error.message()).isEqualTo(Message.same("at most 5"));
    }

    @Test
    void fields_describeEveryNodeWithItsAnswerType() {
        Map<String, AnswerType> types = new HashMap<>();
        FORM.fields().stream().filter(f -> f.type() != null).forEach(f -> types.put(f.path(), f.type()));
        assertThat(types).containsEntry("/t_image", AnswerType.IMAGE).containsEntry("/t_audio", AnswerType.AUDIO)
                .containsEntry("/t_select", AnswerType.SELECT_MULTIPLE).containsEntry("/t_geoshape", AnswerType.GEOSHAPE)
                .containsEntry("/t_datetime", AnswerType.DATE_TIME).containsEntry("/items/name", AnswerType.TEXT);
    }
}
