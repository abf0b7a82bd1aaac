package cn.citygrid.backend.governance;

import java.util.LinkedHashMap;
import java.util.Map;

/** The batch's contribution to the quality counters (gov.metric), gathered while rows stream by. */
final class Tallies {
  private final Map<String, Long> counts = new LinkedHashMap<>();

  void row(ProcessedRow r, Source source) {
    add("rows_total", 1);
    if (r.rejected() != null) {
      return;
    }
    if (r.issues().isEmpty()) {
      add("rows_valid", 1);
    }
    for (FieldValue v : r.fields().values()) {
      switch (v.status()) {
        case STANDARD -> add("values_standard", 1);
        case STANDARDISED -> add("values_standardised", 1);
        case INVALID -> add("values_invalid", 1);
        case MISSING -> { }
      }
      if (v.status() != FieldValue.Status.MISSING) {
        add("values_total", 1);
      }
    }
    add("required_total", source.required().size());
    add("required_present", source.required().stream().filter(f -> {
      FieldValue v = r.fields().get(f);
      return v != null && v.status() != FieldValue.Status.MISSING;
    }).count());
  }

  void add(String name, long n) {
    counts.merge(name, n, Long::sum);
  }

  long get(String name) {
    return counts.getOrDefault(name, 0L);
  }

  Map<String, Long> counts() {
    return counts;
  }
}
