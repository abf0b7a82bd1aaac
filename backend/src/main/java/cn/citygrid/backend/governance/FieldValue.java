package cn.citygrid.backend.governance;

/**
 * A field of a row after standardisation: the standard value (a String, LocalDate, BigDecimal,
 * ParsedAddress, … by field), its text form, and how it fared.
 */
public record FieldValue(String field, Status status, Object value, String text, String problemZh, String problemEn) {
  /** STANDARD: was already standard; STANDARDISED: we fixed it; INVALID: could not; MISSING: blank. */
  public enum Status { STANDARD, STANDARDISED, INVALID, MISSING }

  public static FieldValue missing(String field) {
    return new FieldValue(field, Status.MISSING, null, null, null, null);
  }

  public static FieldValue invalid(String field, String raw, String zh, String en) {
    return new FieldValue(field, Status.INVALID, null, raw, zh, en);
  }

  public static FieldValue of(String field, boolean changed, Object value, String text) {
    return new FieldValue(field, changed ? Status.STANDARDISED : Status.STANDARD, value, text, null, null);
  }

  public boolean usable() {
    return status == Status.STANDARD || status == Status.STANDARDISED;
  }
}
