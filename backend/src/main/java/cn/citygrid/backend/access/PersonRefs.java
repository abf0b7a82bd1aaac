package cn.citygrid.backend.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;

/** The persons a field record's answers name: values of every {@code person_id} member (the forms' way of naming a known resident). */
public final class PersonRefs {
  private PersonRefs() {}

  public static Set<Long> in(Object json) {
    Set<Long> out = new TreeSet<>();
    collect(json, out);
    return out;
  }

  private static void collect(Object node, Set<Long> into) {
    if (node instanceof JsonObject o) {
      o.forEach(e -> {
        if ("person_id".equals(e.getKey()) && e.getValue() instanceof String s && s.matches("[0-9]{1,18}")) {
          into.add(Long.parseLong(s));
        } else {
          collect(e.getValue(), into);
        }
      });
    } else if (node instanceof JsonArray a) {
      a.forEach(v -> collect(v, into));
    }
  }
}
