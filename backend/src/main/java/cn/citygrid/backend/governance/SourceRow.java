package cn.citygrid.backend.governance;

import java.util.Map;

/**
 * One row as read from a department file: its 1-based number, its values by column, the row as a
 * JSON object (kept for traceability), or why it could not be read at all.
 */
public record SourceRow(int rowNo, Map<String, String> columns, String raw, String error) {
  public static SourceRow unreadable(int rowNo, String raw, String error) {
    return new SourceRow(rowNo, Map.of(), raw, error);
  }

  public boolean readable() {
    return error == null;
  }
}
