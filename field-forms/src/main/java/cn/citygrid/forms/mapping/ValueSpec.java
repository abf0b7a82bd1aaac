package cn.citygrid.forms.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one fact field gets its value. In a mapping file: a path string, or an object with one key:
 * {@code const}, {@code equals: [path, value]} (a boolean), {@code geo: [path, lat|lon|alt|accuracy]},
 * {@code list: [paths]} (non-empty values, arrays flattened), {@code group: [paths]} (the answers
 * inside those groups as one object), {@code first: [paths]} (the first present), or
 * {@code person: {personId, name, idNumber}} (a known person if the id is present, else a new one).
 */
sealed interface ValueSpec {

    Object read(Scope scope);

    /** Every path the spec reads, to check against the form. */
    List<String> paths();

    record Path(String path) implements ValueSpec {
        public Object read(Scope scope) {
            return scope.read(path);
        }

        public List<String> paths() {
            return List.of(path);
        }
    }

    record Const(Object value) implements ValueSpec {
        public Object read(Scope scope) {
            return value;
        }

        public List<String> paths() {
            return List.of();
        }
    }

    record Equals(String path, Object expected) implements ValueSpec {
        public Object read(Scope scope) {
            return Objects.equals(String.valueOf(scope.read(path)), String.valueOf(expected));
        }

        public List<String> paths() {
            return List.of(path);
        }
    }

    record Geo(String path, int part) implements ValueSpec {
        static final List<String> PARTS = List.of("lat", "lon", "alt", "accuracy");

        public Object read(Scope scope) {
            Object point = scope.read(path);
            if (point == null) {
                return null;
            }
            String[] parts = point.toString().trim().split("\\s+");
            return part < parts.length ? Double.valueOf(parts[part]) : null;
        }

        public List<String> paths() {
            return List.of(path);
        }
    }

    record ListOf(List<String> sources) implements ValueSpec {
        public Object read(Scope scope) {
            List<Object> values = new ArrayList<>();
            for (String source : sources) {
                Object value = scope.read(source);
                if (value instanceof List<?> list) {
                    values.addAll(list);
                } else if (value != null) {
                    values.add(value);
                }
            }
            return values;
        }

        public List<String> paths() {
            return sources;
        }
    }

    record Group(List<String> sources) implements ValueSpec {
        public Object read(Scope scope) {
            Map<String, Object> answers = new LinkedHashMap<>();
            for (String source : sources) {
                if (scope.read(source) instanceof Map<?, ?> group) {
                    group.forEach((k, v) -> {
                        if (!(v instanceof Map)) {
                            answers.put(k.toString(), v);
                        }
                    });
                }
            }
            return answers;
        }

        public List<String> paths() {
            return sources;
        }
    }

    record First(List<String> sources) implements ValueSpec {
        public Object read(Scope scope) {
            return sources.stream().map(scope::read).filter(Objects::nonNull).findFirst().orElse(null);
        }

        public List<String> paths() {
            return sources;
        }
    }

    record Person(String personId, String name, String idNumber) implements ValueSpec {
        public Object read(Scope scope) {
            Object id = personId == null ? null : scope.read(personId);
            if (id != null) {
                return new PersonRef.Existing(id.toString());
            }
            Object personName = name == null ? null : scope.read(name);
            Object number = idNumber == null ? null : scope.read(idNumber);
            return personName == null ? null
                    : new PersonRef.NewPerson(personName.toString(), number == null ? null : number.toString());
        }

        public List<String> paths() {
            return java.util.stream.Stream.of(personId, name, idNumber).filter(Objects::nonNull).toList();
        }
    }
}
