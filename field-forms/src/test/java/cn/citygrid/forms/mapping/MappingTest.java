package cn.citygrid.forms.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.citygrid.forms.Json;
import cn.citygrid.forms.builtin.BuiltInForms;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingTest {

    private static Mapping mapping(String json) {
        return Mapping.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unknownFact_isRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> mapping("{\"form\": \"x\", \"facts\": [{\"fact\": \"party\", \"fields\": {}}]}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("unknown fact \"party\"").hasMessageContaining("residence");
    }

    @Test
    void fieldTheFactDoesNotHave_isRefused() {
        assertThatThrownBy(() -> mapping("""
                {"form": "x", "facts": [{"fact": "checkIn", "fields": {"placeCode": "/a", "lon": "/b", "lat": "/c", "mood": "/d"}}]}"""))
                .isInstanceOf(MappingException.class).hasMessageContaining("facts[0]: checkIn has no field mood");
    }

    @Test
    void requiredFactFieldLeftOut_isRefused() {
        assertThatThrownBy(() -> mapping("{\"form\": \"x\", \"facts\": [{\"fact\": \"checkIn\", \"fields\": {\"placeCode\": \"/a\"}}]}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("checkIn needs field");
    }

    @Test
    void unknownKeyOrValueKind_isRefused() {
        assertThatThrownBy(() -> mapping("{\"form\": \"x\", \"facts\": [], \"extra\": 1}"))
                .isInstanceOf(MappingException.class).hasMessageContaining("unknown key extra");
        assertThatThrownBy(() -> mapping("""
                {"form": "x", "facts": [{"fact": "phone", "fields": {"person": {"guess": "/p"}, "phone": "/p"}}]}"""))
                .isInstanceOf(MappingException.class).hasMessageContaining("unknown value kind guess");
        assertThatThrownBy(() -> mapping("{\"form\": \"x\", \"facts\": [}")).isInstanceOf(MappingException.class);
    }

    @Test
    void problemsWith_namesPathsTheFormDoesNotHave_andLoopsOverNonRepeats() {
        Mapping broken = mapping("""
                {"form": "household-visit", "facts": [
                  {"fact": "residence", "forEach": [{"as": "m", "in": "/visit"}],
                   "fields": {"houseId": "/visit/house_no", "person": {"person": {"personId": "m/person_id"}}, "kind": "m/kind"}}]}""");
        assertThat(broken.problemsWith(BuiltInForms.form(BuiltInForms.HOUSEHOLD_VISIT))).containsExactly(
                "facts[0] (residence): forEach /visit is not a repeat or select-multiple of the form",
                "facts[0] (residence): /visit/house_no is not a field of FormDefinition[household-visit@2026112701]",
                "facts[0] (residence): m/person_id is not a field of FormDefinition[household-visit@2026112701]",
                "facts[0] (residence): m/kind is not a field of FormDefinition[household-visit@2026112701]");
        assertThat(broken.problemsWith(BuiltInForms.form(BuiltInForms.CHECK_IN)))
                .first().isEqualTo("mapping is for form household-visit, not check-in");
    }

    @Test
    void nestedLoopsAndConditions_produceOneFactPerMatchingIteration() {
        Mapping flags = mapping("""
                {"form": "f", "facts": [{"fact": "careFlag",
                  "forEach": [{"as": "m", "in": "/members"}, {"as": "flag", "in": "m/flags"}],
                  "when": {"not": {"equals": ["flag", "none"]}},
                  "fields": {"person": {"person": {"personId": "m/id", "name": "m/name"}}, "flag": "flag"}}]}""");
        Map<String, Object> payload = Json.object("""
                {"members": [{"id": "1", "flags": ["a", "none", "b"]}, {"name": "张三", "flags": ["c"]}, {"id": "3"}]}""");
        assertThat(new MappingEngine().facts(flags, payload)).containsExactly(
                new CareFlagFact(new PersonRef.Existing("1"), "a"), new CareFlagFact(new PersonRef.Existing("1"), "b"),
                new CareFlagFact(new PersonRef.NewPerson("张三", null), "c"));
    }

    @Test
    void constFirstListAndGeo_readTheirValues() {
        Mapping event = mapping("""
                {"form": "f", "facts": [{"fact": "event", "fields": {
                  "category": {"first": ["/kind", "/fallback"]}, "description": "/text", "urgency": {"const": "normal"},
                  "lon": {"geo": ["/at", "lon"]}, "lat": {"geo": ["/at", "lat"]}, "attachmentNames": {"list": ["/p1", "/more"]}}}]}""");
        Map<String, Object> payload = Json.object("""
                {"fallback": "other", "text": "路灯不亮", "at": "22.5 114.1 0 5", "p1": "a.jpg", "more": ["b.jpg", "c.jpg"]}""");
        assertThat(new MappingEngine().facts(event, payload))
                .containsExactly(new EventFact("other", "路灯不亮", 114.1, 22.5, "normal", List.of("a.jpg", "b.jpg", "c.jpg")));
    }

    @Test
    void payloadWithoutAValueAFactNeeds_isAMappingErrorNamingTheIteration() {
        Mapping phones = mapping("""
                {"form": "f", "facts": [{"fact": "phone", "forEach": [{"as": "m", "in": "/members"}],
                  "fields": {"person": {"person": {"personId": "m/id"}}, "phone": "m/phone"}}]}""");
        assertThatThrownBy(() -> new MappingEngine().facts(phones, Json.object("{\"members\": [{\"id\": \"1\"}]}")))
                .isInstanceOf(MappingException.class).hasMessageContaining("m=/members/0").hasMessageContaining("phone");
    }

    @Test
    void factType_isTheMappingName() {
        assertThat(new CheckInFact("1", 114, 22).type()).isEqualTo("checkIn");
        assertThat(new CareFlagFact(new PersonRef.Existing("1"), "veteran").type()).isEqualTo("careFlag");
    }
}
