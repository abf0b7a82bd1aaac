package cn.citygrid.backend.governance;

/** A rule a row broke: which rule, on which field, the offending value (masked if personal), why. */
public record RowIssue(String rule, String field, String value, String message) {}
