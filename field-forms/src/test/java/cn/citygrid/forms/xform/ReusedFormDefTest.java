package cn.citygrid.forms.xform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.forms.Json;
import cn.citygrid.forms.Payloads;
import cn.citygrid.forms.builtin.BuiltInForms;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Validations reuse one JavaRosa FormDef per thread and version (FormDefinition.reusedFormDef). A
 * validation must not see anything of the one before: every payload of a varied corpus — each built-in
 * form's test payload and, per answer, that answer removed, emptied or of the wrong type, and repeats
 * with an item removed or doubled — gives the same result through the reused FormDef, in any order, as
 * through a fresh one.
 */
class ReusedFormDefTest {

    private record Case(FormDefinition form, Map<String, Object> payload, List<String> attachments) {
        Case with(Map<String, Object> other) {
            return new Case(form, other, attachments);
        }
    }

    /** The file names a payload refers to (its attachments). */
    private static void files(Object node, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> files(v, out));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> files(v, out));
        } else if (node instanceof String s && s.matches("[\\w.-]+\\.(jpg|jpeg|png|m4a|mp3|wav)")) {
            out.add(s);
        }
    }

    @Test
    void aReusedFormDef_validatesEveryPayloadAsAFreshOneDoes() {
        List<Case> cases = new ArrayList<>();
        for (String id : BuiltInForms.IDS) {
            FormDefinition form = BuiltInForms.form(id);
            Map<String, Object> payload = Json.payload(id);
            List<String> attachments = new ArrayList<>();
            files(payload, attachments);
            cases.add(new Case(form, payload, attachments));
            variants(payload, payload, "", new Case(form, payload, attachments), cases);
        }
        assertThat(cases).hasSizeGreaterThan(150);
        RecordValidator validator = new RecordValidator();
        List<ValidationResult> fresh = new ArrayList<>();
        for (Case c : cases) {
            c.form().discardReusedFormDef();
            fresh.add(validator.validate(c.form(), c.payload(), c.attachments()));
        }
        assertThat(fresh.stream().filter(ValidationResult::valid).count()).as("valid ones among them").isPositive();
        assertThat(fresh.stream().filter(r -> !r.valid()).count()).as("invalid ones among them").isPositive();

        List<Integer> order = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < cases.size(); i++) {
                order.add(i);
            }
        }
        Collections.shuffle(order, new Random(2026));
        for (int i : order) {
            Case c = cases.get(i);
            assertThat(validator.validate(c.form(), c.payload(), c.attachments())).as("case %d of %s", i, c.form().id())
                .isEqualTo(fresh.get(i));
        }
    }

    /** Every answer under {@code node} removed, emptied and mistyped; every repeat with its first item removed and doubled. */
    @SuppressWarnings("unchecked")
    private static void variants(Map<String, Object> payload, Object node, String pointer, Case base, List<Case> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                String p = pointer + "/" + e.getKey();
                if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof List<?>) {
                    variants(payload, e.getValue(), p, base, out);
                } else {
                    out.add(base.with(Payloads.without(payload, p)));
                    out.add(base.with(Payloads.with(payload, p, "")));
                    out.add(base.with(Payloads.with(payload, p, e.getValue() instanceof String ? 42 : "not-a-value")));
                }
            }
        } else if (node instanceof List<?> list && !list.isEmpty()) {
            out.add(base.with(Payloads.without(payload, pointer + "/0")));
            List<Object> doubled = new ArrayList<>(list);
            doubled.add(Json.roundTrip(Map.of("item", list.get(0))).get("item"));
            out.add(base.with(Payloads.with(payload, pointer, doubled)));
            for (int i = 0; i < list.size(); i++) {
                variants(payload, list.get(i), pointer + "/" + i, base, out);
            }
        }
    }
}
