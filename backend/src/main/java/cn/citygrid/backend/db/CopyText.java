package cn.citygrid.backend.db;

import java.util.HexFormat;

/** PostgreSQL's COPY text format: one row per line, tab-separated, {@code \N} for null. */
public final class CopyText {
  private CopyText() {}

  /** A row of values (String, Number, LocalDate, byte[], String[] or null), with its newline. */
  public static String row(Object... values) {
    StringBuilder line = new StringBuilder(128);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        line.append('\t');
      }
      line.append(encode(values[i]));
    }
    return line.append('\n').toString();
  }

  public static String encode(Object v) {
    if (v == null) {
      return "\\N";
    }
    if (v instanceof byte[] bytes) {
      return "\\\\x" + HexFormat.of().formatHex(bytes);
    }
    if (v instanceof String[] array) {
      StringBuilder b = new StringBuilder("{");
      for (int i = 0; i < array.length; i++) {
        // Array-literal quoting first; the COPY escaping below then doubles every backslash.
        b.append(i == 0 ? "" : ",").append('"').append(array[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
      return escape(b.append('}').toString());
    }
    return escape(v.toString());
  }

  private static String escape(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }
}
