package cn.citygrid.backend.governance;

import cn.citygrid.backend.standard.CitizenId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a source row to our fields, standardises each, and applies the row rules (completeness,
 * validity, consistency with the ID number, ranges). Pure: safe to run on several threads.
 */
public final class RowProcessor {
  /** Personal fields whose offending values are masked in issues. */
  static final Set<String> PERSONAL = Set.of("id_number", "legal_rep_id_number", "phone");

  private final Source source;
  private final FieldStandardiser standardiser;
  private final QualityRules rules;
  private final LocalDate today;

  public RowProcessor(Source source, FieldStandardiser standardiser, QualityRules rules, LocalDate today) {
    this.source = source;
    this.standardiser = standardiser;
    this.rules = rules;
    this.today = today;
  }

  public ProcessedRow process(SourceRow row) {
    if (!row.readable()) {
      return new ProcessedRow(row.rowNo(), null, row.raw(), Map.of(), List.of(), row.error());
    }
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    source.columns().forEach((column, field) -> fields.put(field, standardiser.standardise(field, row.columns().get(column))));
    List<RowIssue> issues = new ArrayList<>();
    required(fields, issues);
    validity(fields, issues);
    idConsistency(fields, issues);
    ranges(fields, issues);
    FieldValue key = fields.get(source.keyField());
    String rawKey = row.columns().get(source.keyColumn());
    String rowKey = key != null && key.usable() ? key.text() : rawKey == null || rawKey.isBlank() ? null : rawKey.trim();
    return new ProcessedRow(row.rowNo(), rowKey, row.raw(), fields, issues, null);
  }

  private void required(Map<String, FieldValue> fields, List<RowIssue> issues) {
    QualityRules.Rule rule = rules.byId("completeness.required");
    for (String field : source.required()) {
      FieldValue v = fields.get(field);
      if (v == null || v.status() == FieldValue.Status.MISSING) {
        issues.add(new RowIssue(rule.id(), field, null, rule.zh() + "：" + field));
      }
    }
  }

  private void validity(Map<String, FieldValue> fields, List<RowIssue> issues) {
    fields.values().stream().filter(v -> v.status() == FieldValue.Status.INVALID).forEach(v ->
        issues.add(new RowIssue("validity." + v.field(), v.field(), shown(v.field(), v.text()), v.problemZh())));
  }

  private void idConsistency(Map<String, FieldValue> fields, List<RowIssue> issues) {
    FieldValue id = fields.get("id_number");
    if (id == null || !id.usable()) {
      return;
    }
    String number = (String) id.value();
    for (QualityRules.Rule rule : rules.ofKind("id-consistent")) {
      FieldValue v = fields.get(rule.field());
      if (v == null || !v.usable()) {
        continue;
      }
      Object expected = rule.field().equals("birth_date") ? CitizenId.birthDate(number).orElse(null) : CitizenId.genderCode(number);
      if (expected != null && !expected.equals(v.value())) {
        issues.add(new RowIssue(rule.id(), rule.field(), v.text(), rule.zh() + "（证件号为 " + expected + "）"));
      }
    }
  }

  private void ranges(Map<String, FieldValue> fields, List<RowIssue> issues) {
    for (QualityRules.Rule rule : rules.ofKind("age-range")) {
      FieldValue v = fields.get(rule.field());
      if (v != null && v.usable() && v.value() instanceof LocalDate birth) {
        int age = Period.between(birth, today).getYears();
        if (age < rule.min() || age > rule.max()) {
          issues.add(new RowIssue(rule.id(), rule.field(), v.text(), rule.zh()));
        }
      }
    }
    for (QualityRules.Rule rule : rules.ofKind("range")) {
      FieldValue v = fields.get(rule.field());
      if (v != null && v.usable() && v.value() instanceof BigDecimal n
          && (n.doubleValue() < rule.min() || n.doubleValue() > rule.max())) {
        issues.add(new RowIssue(rule.id(), rule.field(), v.text(), rule.zh()));
      }
    }
  }

  /** Personal values appear masked in issues. */
  static String shown(String field, String value) {
    if (value == null || !PERSONAL.contains(field)) {
      return value;
    }
    return value.length() <= 7 ? "*".repeat(value.length()) : value.substring(0, 3) + "*".repeat(value.length() - 7)
        + value.substring(value.length() - 4);
  }
}
