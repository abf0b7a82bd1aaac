package cn.citygrid.backend.governance;

/** The file as a whole cannot be imported (type, encoding, header): nothing of it is applied. */
public class FileFormatException extends RuntimeException {
  private final String zh;

  public FileFormatException(String zh, String en) {
    super(en, null, false, false);
    this.zh = zh;
  }

  public String zh() {
    return zh;
  }
}
