package cn.citygrid.forms.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the JSON of a mapping file strictly: unknown keys, facts and fact fields are errors. */
final class MappingReader {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private MappingReader() {}

    static Mapping read(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new MappingException("mapping is not JSON: " + e.getMessage(), e);
        }
        keys(root, "mapping", Set.of("form", "facts"));
        String form = text(root.get("form"), "form");
        JsonNode facts = root.get("facts");
        if (facts == null || !facts.isArray()) {
            throw new MappingException("mapping: facts must be an array");
        }
        List<Mapping.Rule> rules = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            rules.add(rule(i, facts.get(i)));
        }
        return new Mapping(form, rules);
    }

    private static Mapping.Rule rule(int index, JsonNode node) {
        String where = "facts[" + index + "]";
        keys(node, where, Set.of("fact", "forEach", "when", "fields"));
        FactType fact = FactType.named(text(node.get("fact"), where + ".fact"));
        List<Mapping.Loop> loops = new ArrayList<>();
        Set<String> variables = new HashSet<>();
        for (JsonNode loop : iterable(node.get("forEach"))) {
            keys(loop, where + ".forEach", Set.of("as", "in"));
            Mapping.Loop parsed = new Mapping.Loop(text(loop.get("as"), where + ".forEach.as"), text(loop.get("in"), where + ".forEach.in"));
            if (!variables.add(parsed.as()) || parsed.as().contains("/")) {
                throw new MappingException(where + ": loop variable " + parsed.as() + " is repeated or has a /");
            }
            loops.add(parsed);
        }
        Condition when = node.has("when") ? condition(node.get("when"), where + ".when") : null;
        Map<String, ValueSpec> fields = new LinkedHashMap<>();
        JsonNode fieldsNode = node.get("fields");
        if (fieldsNode == null || !fieldsNode.isObject()) {
            throw new MappingException(where + ": fields must be an object");
        }
        fieldsNode.properties().forEach(e -> fields.put(e.getKey(), value(e.getValue(), where + ".fields." + e.getKey())));
        checkFields(fact, fields.keySet(), where);
        return new Mapping.Rule(index, fact, loops, when, fields);
    }

    private static void checkFields(FactType fact, Set<String> given, String where) {
        for (String field : given) {
            if (!fact.fields().contains(field)) {
                throw new MappingException(where + ": " + fact.id() + " has no field " + field + "; it has " + fact.fields());
            }
        }
        for (String field : fact.required()) {
            if (!given.contains(field)) {
                throw new MappingException(where + ": " + fact.id() + " needs field " + field);
            }
        }
    }

    private static ValueSpec value(JsonNode node, String where) {
        if (node.isTextual()) {
            return new ValueSpec.Path(node.asText());
        }
        Map.Entry<String, JsonNode> only = single(node, where);
        JsonNode arg = only.getValue();
        return switch (only.getKey()) {
            case "const" -> new ValueSpec.Const(scalar(arg, where));
            case "equals" -> new ValueSpec.Equals(text(pair(arg, where).get(0), where), scalar(arg.get(1), where));
            case "geo" -> new ValueSpec.Geo(text(pair(arg, where).get(0), where), geoPart(arg.get(1), where));
            case "list" -> new ValueSpec.ListOf(texts(arg, where));
            case "group" -> new ValueSpec.Group(texts(arg, where));
            case "first" -> new ValueSpec.First(texts(arg, where));
            case "person" -> person(arg, where);
            default -> throw new MappingException(where + ": unknown value kind " + only.getKey());
        };
    }

    private static ValueSpec person(JsonNode node, String where) {
        keys(node, where, Set.of("personId", "name", "idNumber"));
        return new ValueSpec.Person(optional(node.get("personId")), optional(node.get("name")), optional(node.get("idNumber")));
    }

    private static Condition condition(JsonNode node, String where) {
        Map.Entry<String, JsonNode> only = single(node, where);
        JsonNode arg = only.getValue();
        return switch (only.getKey()) {
            case "present" -> new Condition.Present(text(arg, where));
            case "equals" -> new Condition.Equals(text(pair(arg, where).get(0), where), scalar(arg.get(1), where));
            case "not" -> new Condition.Not(condition(arg, where + ".not"));
            default -> throw new MappingException(where + ": unknown condition " + only.getKey());
        };
    }

    private static int geoPart(JsonNode node, String where) {
        int part = ValueSpec.Geo.PARTS.indexOf(text(node, where));
        if (part < 0) {
            throw new MappingException(where + ": geo part must be one of " + ValueSpec.Geo.PARTS);
        }
        return part;
    }

    private static Map.Entry<String, JsonNode> single(JsonNode node, String where) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new MappingException(where + ": expected a path or an object with exactly one key");
        }
        return node.properties().iterator().next();
    }

    private static JsonNode pair(JsonNode node, String where) {
        if (!node.isArray() || node.size() != 2) {
            throw new MappingException(where + ": expected [path, value]");
        }
        return node;
    }

    private static Object scalar(JsonNode node, String where) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        throw new MappingException(where + ": expected a string, number or boolean");
    }

    private static List<String> texts(JsonNode node, String where) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : node.isArray() ? iterable(node) : List.of(node)) {
            texts.add(text(item, where));
        }
        return texts;
    }

    private static String text(JsonNode node, String where) {
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new MappingException(where + ": expected a non-empty string");
        }
        return node.asText();
    }

    private static String optional(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new MappingException("expected an array, got " + node);
        }
        return node::elements;
    }

    private static void keys(JsonNode node, String where, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new MappingException(where + ": expected an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new MappingException(where + ": unknown key " + name + "; allowed " + allowed);
            }
        }
    }
}
