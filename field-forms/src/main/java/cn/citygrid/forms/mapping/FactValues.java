package cn.citygrid.forms.mapping;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The resolved field values of one fact, read with the type each fact field needs. */
record FactValues(String where, Map<String, Object> values) {

    String text(String field) {
        Object value = values.get(field);
        return value == null ? null : value.toString();
    }

    boolean flag(String field) {
        return Boolean.TRUE.equals(values.get(field));
    }

    double number(String field) {
        if (values.get(field) instanceof Number n) {
            return n.doubleValue();
        }
        throw new MappingException(where + ": " + field + " is not a number: " + values.get(field));
    }

    LocalDate date(String field) {
        String text = text(field);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new MappingException(where + ": " + field + " is not a date: " + text, e);
        }
    }

    PersonRef person(String field) {
        if (values.get(field) instanceof PersonRef person) {
            return person;
        }
        throw new MappingException(where + ": " + field + " names no person (neither an id nor a name)");
    }

    List<String> texts(String field) {
        List<String> texts = new ArrayList<>();
        if (values.get(field) instanceof List<?> list) {
            list.forEach(v -> texts.add(v.toString()));
        }
        return texts;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String field) {
        return values.get(field) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
