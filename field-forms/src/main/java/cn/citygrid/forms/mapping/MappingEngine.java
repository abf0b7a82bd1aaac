package cn.citygrid.forms.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated payload into domain facts by following its form's declared {@link Mapping};
 * no form field names live in Java. Pure and thread-safe.
 *
 * <p>Precondition: the payload passed {@code RecordValidator} for the form version the mapping was
 * checked against ({@link Mapping#problemsWith}). A fact field the mapping requires that the
 * payload lacks is a {@link MappingException}.
 */
public final class MappingEngine {

    public List<DomainFact> facts(Mapping mapping, Map<String, ?> payload) {
        List<DomainFact> facts = new ArrayList<>();
        Scope root = new Scope(payload, Map.of());
        for (Mapping.Rule rule : mapping.rules()) {
            for (Scope scope : iterations(rule.loops(), 0, root)) {
                if (rule.when() == null || rule.when().holds(scope)) {
                    facts.add(fact(rule, scope));
                }
            }
        }
        return facts;
    }

    private static List<Scope> iterations(List<Mapping.Loop> loops, int depth, Scope scope) {
        if (depth == loops.size()) {
            return List.of(scope);
        }
        Mapping.Loop loop = loops.get(depth);
        Object items = scope.read(loop.in());
        List<Scope> scopes = new ArrayList<>();
        List<?> list = items instanceof List<?> l ? l : items == null ? List.of() : List.of(items);
        for (int i = 0; i < list.size(); i++) {
            Scope bound = scope.with(loop.as(), list.get(i)).with(loop.as() + "#", i);
            scopes.addAll(iterations(loops, depth + 1, bound));
        }
        return scopes;
    }

    private static DomainFact fact(Mapping.Rule rule, Scope scope) {
        String where = rule.where() + at(rule, scope);
        Map<String, Object> values = new LinkedHashMap<>();
        rule.fields().forEach((field, spec) -> values.put(field, spec.read(scope)));
        for (String field : rule.fact().required()) {
            if (values.get(field) == null) {
                throw new MappingException(where + ": the payload has no value for " + field);
            }
        }
        try {
            return rule.fact().build(new FactValues(where, values));
        } catch (NullPointerException e) {
            throw new MappingException(where + ": " + e.getMessage(), e);
        }
    }

    private static String at(Mapping.Rule rule, Scope scope) {
        StringBuilder at = new StringBuilder();
        for (Mapping.Loop loop : rule.loops()) {
            at.append(" ").append(loop.as()).append("=").append(loop.in()).append("/").append(scope.variables().get(loop.as() + "#"));
        }
        return at.toString();
    }
}
