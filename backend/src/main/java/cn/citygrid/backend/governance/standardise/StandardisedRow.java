package cn.citygrid.backend.governance.standardise;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One import row after standardisation: a result per known field (in the row's order), the fields
 * this package does not know (passed through untouched), and conflicts between valid fields (a
 * gender or birth date that contradicts the ID number). Conflicts do not change field statuses.
 */
public record StandardisedRow(Map<String, Standardised<?>> fields, Map<String, String> passedThrough,
    List<Problem> conflicts) {
  public StandardisedRow {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    passedThrough = Collections.unmodifiableMap(new LinkedHashMap<>(passedThrough));
    conflicts = List.copyOf(conflicts);
  }

  /** Field → canonical text, for usable fields only. */
  public Map<String, String> canonical() {
    Map<String, String> out = new LinkedHashMap<>();
    fields.forEach((name, result) -> {
      if (result.usable()) {
        out.put(name, FieldKind.canonicalText(result.value()));
      }
    });
    return out;
  }

  /** How many fields ended in each status: the pipeline's per-source metrics add these up. */
  public Map<Status, Integer> counts() {
    Map<Status, Integer> out = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      out.put(s, 0);
    }
    fields.values().forEach(r -> out.merge(r.status(), 1, Integer::sum));
    return out;
  }

  /** True when no field is INVALID and no fields conflict. */
  public boolean clean() {
    return conflicts.isEmpty() && fields.values().stream().noneMatch(r -> r.status() == Status.INVALID);
  }
}
