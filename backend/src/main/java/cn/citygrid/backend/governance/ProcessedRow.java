package cn.citygrid.backend.governance;

import java.util.List;
import java.util.Map;

/**
 * A row after standardisation and the row rules: its key (the standardised key field, else the raw
 * key), fields by name, the issues it raised; {@code rejected} says why it could not be used at all.
 */
public record ProcessedRow(int rowNo, String key, String raw, Map<String, FieldValue> fields, List<RowIssue> issues,
    String rejected) {

  public Object value(String field) {
    FieldValue v = fields.get(field);
    return v != null && v.usable() ? v.value() : null;
  }

  public String text(String field) {
    FieldValue v = fields.get(field);
    return v != null && v.usable() ? v.text() : null;
  }
}
