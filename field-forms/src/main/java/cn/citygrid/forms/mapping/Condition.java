package cn.citygrid.forms.mapping;

import java.util.List;
import java.util.Objects;

/**
 * When a rule produces a fact, per iteration. In a mapping file: {@code present: path},
 * {@code equals: [path, value]}, or {@code not: condition}.
 */
sealed interface Condition {

    boolean holds(Scope scope);

    List<String> paths();

    record Present(String path) implements Condition {
        public boolean holds(Scope scope) {
            Object value = scope.read(path);
            return value != null && !(value instanceof List<?> l && l.isEmpty());
        }

        public List<String> paths() {
            return List.of(path);
        }
    }

    record Equals(String path, Object expected) implements Condition {
        public boolean holds(Scope scope) {
            return Objects.equals(String.valueOf(scope.read(path)), String.valueOf(expected));
        }

        public List<String> paths() {
            return List.of(path);
        }
    }

    record Not(Condition condition) implements Condition {
        public boolean holds(Scope scope) {
            return !condition.holds(scope);
        }

        public List<String> paths() {
            return condition.paths();
        }
    }
}
