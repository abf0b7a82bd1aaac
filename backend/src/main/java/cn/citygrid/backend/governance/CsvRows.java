package cn.citygrid.backend.governance;

import java.io.IOException;
import java.io.Reader;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** CSV with a header row (RFC 4180 quoting); a row with the wrong number of cells is unreadable, not guessed. */
final class CsvRows implements RowReader {
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> header;

  CsvRows(Reader in) throws IOException {
    this.parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
        .setTrim(false).setAllowMissingColumnNames(true).get().parse(in);
    this.header = parser.getHeaderNames().stream().map(CsvRows::clean).toList();
    this.records = parser.iterator();
  }

  /** Strips a UTF-8 byte-order mark and surrounding spaces from header names. */
  private static String clean(String name) {
    return name.replace("\uFEFF", "").trim();
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public boolean hasNext() {
    try {
      return records.hasNext();
    } catch (java.io.UncheckedIOException e) {
      throw new FileFormatException("CSV 文件无法解析：" + e.getMessage(), "The CSV file cannot be parsed: " + e.getMessage());
    }
  }

  @Override
  public SourceRow next() {
    CSVRecord r = records.next();
    int rowNo = (int) r.getRecordNumber();
    Map<String, String> columns = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(r.size(), header.size()); i++) {
      columns.put(header.get(i), r.get(i));
    }
    String raw = RowReaders.rawJson(columns);
    if (r.size() != header.size()) {
      return SourceRow.unreadable(rowNo, raw, "第 " + rowNo + " 行有 " + r.size() + " 列，表头有 " + header.size()
          + " 列 / row " + rowNo + " has " + r.size() + " cells, the header " + header.size());
    }
    return new SourceRow(rowNo, columns, raw, null);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
