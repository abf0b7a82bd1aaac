package cn.citygrid.backend.governance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A department feed (gov.source): what its rows describe, which column maps to which of our
 * fields, which fields a row must have, how far each field is trusted (0–100), and its cadence.
 */
public record Source(String name, String department, String title, String entity, Duration cadence,
    String keyColumn, Map<String, String> columns, List<String> required, Map<String, Integer> trust) {

  public static Source of(String name, String department, String title, String entity, Duration cadence,
      JsonObject mapping, JsonObject trust) {
    Map<String, String> columns = new LinkedHashMap<>();
    mapping.getJsonObject("columns").forEach(e -> columns.put(e.getKey(), (String) e.getValue()));
    Map<String, Integer> ranks = new LinkedHashMap<>();
    trust.forEach(e -> ranks.put(e.getKey(), ((Number) e.getValue()).intValue()));
    JsonArray required = mapping.getJsonArray("required", new JsonArray());
    return new Source(name, department, title, entity, cadence, mapping.getString("key"), columns,
        required.stream().map(String::valueOf).toList(), ranks);
  }

  public int trust(String field) {
    return trust.getOrDefault(field, 0);
  }

  /** Columns the file must have: the key column and those of required fields. */
  public Set<String> neededColumns() {
    Set<String> needed = new LinkedHashSet<>();
    needed.add(keyColumn);
    columns.forEach((column, field) -> {
      if (required.contains(field)) {
        needed.add(column);
      }
    });
    return needed;
  }

  /** The field the key column maps to. */
  public String keyField() {
    return columns.get(keyColumn);
  }
}
