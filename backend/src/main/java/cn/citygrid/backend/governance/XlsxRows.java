package cn.citygrid.backend.governance;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * The first sheet of an XLSX workbook, streamed (fastexcel-reader reads the sheet XML as a stream).
 * Numbers are given as written in the cell (dates stay Excel serial numbers for the date standardiser).
 */
final class XlsxRows implements RowReader {
  private final ReadableWorkbook workbook;
  private final Stream<Row> rows;
  private final Iterator<Row> iterator;
  private final List<String> header;

  XlsxRows(InputStream in) throws IOException {
    try {
      this.workbook = new ReadableWorkbook(in);
      this.rows = workbook.getFirstSheet().openStream();
    } catch (IOException | RuntimeException e) {
      in.close();
      throw new FileFormatException("不是可读的 XLSX 文件：" + e.getMessage(), "Not a readable XLSX file: " + e.getMessage());
    }
    this.iterator = rows.iterator();
    this.header = iterator.hasNext() ? iterator.next().stream().map(XlsxRows::text).map(String::trim).toList() : List.of();
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public boolean hasNext() {
    return iterator.hasNext();
  }

  @Override
  public SourceRow next() {
    Row row = iterator.next();
    Map<String, String> columns = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      Cell cell = i < row.getCellCount() ? row.getCell(i) : null;
      columns.put(header.get(i), cell == null ? null : text(cell));
    }
    // Row 1 is the first data row in every format (the spreadsheet shows it as row 2).
    return new SourceRow(row.getRowNum() - 1, columns, RowReaders.rawJson(columns), null);
  }

  private static String text(Cell cell) {
    if (cell == null || cell.getType() == CellType.EMPTY) {
      return null;
    }
    if (cell.getType() == CellType.NUMBER) {
      return cell.asNumber().stripTrailingZeros().toPlainString();
    }
    return cell.getText();
  }

  @Override
  public void close() throws IOException {
    rows.close();
    workbook.close();
  }
}
