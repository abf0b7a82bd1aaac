package cn.citygrid.forms.mapping;

import cn.citygrid.forms.xform.AnswerType;
import cn.citygrid.forms.xform.FormDefinition;
import cn.citygrid.forms.xform.FormField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A form's declared record → domain mapping, read from its {@code <form-id>.mapping.json}: a list
 * of rules, each producing one fact type per iteration of its {@code forEach} loops when its
 * {@code when} condition holds, with fact fields read from payload paths. Immutable. The format is
 * described in docs/forms.md; {@link #problemsWith(FormDefinition)} checks a mapping against a
 * form version before it is used.
 */
public final class Mapping {

    /** {@code as} is bound to each element of the array at {@code in} (a repeat or a select-multiple). */
    record Loop(String as, String in) {}

    record Rule(int index, FactType fact, List<Loop> loops, Condition when, Map<String, ValueSpec> fields) {
        String where() {
            return "facts[" + index + "] (" + fact.id() + ")";
        }
    }

    private final String formId;
    private final List<Rule> rules;

    Mapping(String formId, List<Rule> rules) {
        this.formId = formId;
        this.rules = List.copyOf(rules);
    }

    /** Reads a mapping file; throws {@link MappingException} naming the rule and field at fault. */
    public static Mapping parse(byte[] json) {
        return MappingReader.read(json);
    }

    public String formId() {
        return formId;
    }

    List<Rule> rules() {
        return rules;
    }

    /**
     * Every path the mapping reads that the form version does not have, and every loop over
     * something that is neither a repeat nor a select-multiple. Empty when the mapping fits.
     */
    public List<String> problemsWith(FormDefinition form) {
        Map<String, FormField> fields = form.fields().stream()
                .collect(Collectors.toMap(FormField::path, f -> f));
        List<String> problems = new ArrayList<>();
        if (!formId.equals(form.id())) {
            problems.add("mapping is for form " + formId + ", not " + form.id());
        }
        for (Rule rule : rules) {
            Map<String, String> repeats = new HashMap<>();
            Set<String> values = new java.util.HashSet<>();
            for (Loop loop : rule.loops()) {
                String path = generic(loop.in(), repeats);
                FormField field = path == null ? null : fields.get(path);
                if (field != null && field.kind() == FormField.Kind.REPEAT) {
                    repeats.put(loop.as(), path);
                } else if (field != null && field.type() == AnswerType.SELECT_MULTIPLE) {
                    values.add(loop.as());
                } else {
                    problems.add(rule.where() + ": forEach " + loop.in() + " is not a repeat or select-multiple of the form");
                }
            }
            for (String path : paths(rule)) {
                String generic = values.contains(path) ? null : generic(path, repeats);
                if (!values.contains(path) && (generic == null || !fields.containsKey(generic))) {
                    problems.add(rule.where() + ": " + path + " is not a field of " + form);
                }
            }
        }
        return problems;
    }

    private static List<String> paths(Rule rule) {
        List<String> paths = new ArrayList<>();
        rule.fields().values().forEach(spec -> paths.addAll(spec.paths()));
        if (rule.when() != null) {
            paths.addAll(rule.when().paths());
        }
        return paths;
    }

    /** The form field path of a mapping path ({@code m/name} → {@code /members/name}), or null. */
    private static String generic(String path, Map<String, String> repeats) {
        String absolute = path;
        if (!path.startsWith("/")) {
            int slash = path.indexOf('/');
            String variable = slash < 0 ? path : path.substring(0, slash);
            if (!repeats.containsKey(variable)) {
                return null;
            }
            absolute = repeats.get(variable) + (slash < 0 ? "" : path.substring(slash));
        }
        return absolute.replaceAll("/(0|[1-9][0-9]*)(?=/|$)", "");
    }
}
