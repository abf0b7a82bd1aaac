package cn.citygrid.backend.demo;

import cn.citygrid.backend.db.CopyText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rows for one table in PostgreSQL's COPY text format, spooled to a temporary file so a large
 * demo city never sits in memory and all tables can then be loaded in one transaction.
 */
final class CopyFile implements AutoCloseable {
  final String table;
  final String columns;
  private final Path file;
  private final BufferedWriter out;
  private long rows;

  CopyFile(Path dir, String table, String columns) {
    this.table = table;
    this.columns = columns;
    try {
      this.file = Files.createTempFile(dir, table.replace('.', '_'), ".copy");
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends one row; values are String, Number, byte[], String[] or null. */
  void row(Object... values) {
    try {
      out.write(CopyText.row(values));
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long rows() {
    return rows;
  }

  Reader reader() throws IOException {
    out.flush();
    return Files.newBufferedReader(file, StandardCharsets.UTF_8);
  }

  String copySql() {
    return "COPY " + table + " (" + columns + ") FROM STDIN";
  }

  @Override
  public void close() throws IOException {
    out.close();
    Files.deleteIfExists(file);
  }
}
