package cn.citygrid.backend.governance;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Opens CSV (UTF-8 or GB18030, detected), XLSX (first sheet) and JSON Lines files. */
public final class RowReaders {
  public enum Format { csv, xlsx, jsonl }

  static final Charset GB18030 = Charset.forName("GB18030");

  private RowReaders() {}

  public static Format formatOf(String fileName) {
    String lower = fileName.toLowerCase();
    if (lower.endsWith(".csv")) {
      return Format.csv;
    }
    if (lower.endsWith(".xlsx")) {
      return Format.xlsx;
    }
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return Format.jsonl;
    }
    throw new FileFormatException("不支持的文件类型（应为 .csv、.xlsx 或 .jsonl）：" + fileName,
        "Unsupported file type (want .csv, .xlsx or .jsonl): " + fileName);
  }

  public static RowReader open(Path file, Format format) throws IOException {
    return switch (format) {
      case csv -> new CsvRows(Files.newBufferedReader(file, charsetOf(file)));
      case xlsx -> new XlsxRows(Files.newInputStream(file));
      case jsonl -> new JsonLinesRows(Files.newBufferedReader(file, StandardCharsets.UTF_8));
    };
  }

  /** UTF-8 when the first 64 KiB decode as UTF-8; otherwise GB18030 (what Chinese office tools export). */
  static Charset charsetOf(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(64 * 1024);
    }
    int end = head.length;
    // A cut multi-byte character at the end of the sample is not an encoding error.
    while (end > 0 && end > head.length - 4 && (head[end - 1] & 0xC0) == 0x80) {
      end--;
    }
    if (end > 0 && (head[end - 1] & 0x80) != 0) {
      end--;
    }
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(head, 0, Math.max(0, end)));
      return StandardCharsets.UTF_8;
    } catch (CharacterCodingException e) {
      return GB18030;
    }
  }

  /** A row's values as a JSON object, in column order: what gov.row keeps. */
  static String rawJson(Map<String, String> columns) {
    return new JsonObject(new LinkedHashMap<>(columns)).encode();
  }

  /** JSON Lines: one object per line; keys are the columns; blank lines are skipped. */
  static final class JsonLinesRows implements RowReader {
    private final BufferedReader in;
    private final List<String> header;
    private String pending;
    private int rowNo;

    JsonLinesRows(BufferedReader in) throws IOException {
      this.in = in;
      this.pending = nextLine();
      this.header = pending == null ? List.of() : headerOf(pending);
    }

    private static List<String> headerOf(String firstLine) {
      try {
        return List.copyOf(new JsonObject(firstLine).fieldNames());
      } catch (RuntimeException e) {
        return List.of();
      }
    }

    private String nextLine() throws IOException {
      String line;
      do {
        line = in.readLine();
      } while (line != null && line.isBlank());
      return line;
    }

    @Override
    public List<String> header() {
      return header;
    }

    @Override
    public boolean hasNext() {
      return pending != null;
    }

    @Override
    public SourceRow next() {
      String line = pending;
      rowNo++;
      try {
        pending = nextLine();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      try {
        JsonObject o = new JsonObject(line);
        Map<String, String> columns = new LinkedHashMap<>();
        o.forEach(e -> columns.put(e.getKey(), e.getValue() == null ? null : String.valueOf(e.getValue())));
        return new SourceRow(rowNo, columns, line, null);
      } catch (RuntimeException e) {
        return SourceRow.unreadable(rowNo, line, "第 " + rowNo + " 行不是 JSON 对象 / line " + rowNo + " is not a JSON object");
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Columns a mapping needs but the header lacks. */
  static List<String> missing(List<String> header, Set<String> needed) {
    return needed.stream().filter(c -> !header.contains(c)).sorted().toList();
  }
}
