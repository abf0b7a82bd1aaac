package cn.citygrid.backend.governance;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/** A department file read row by row, never whole: a million-row file does not sit in memory. */
public interface RowReader extends Iterator<SourceRow>, AutoCloseable {
  /** The column names of the header row, in file order. */
  List<String> header();

  @Override
  void close() throws IOException;
}
