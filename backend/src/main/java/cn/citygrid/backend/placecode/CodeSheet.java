package cn.citygrid.backend.placecode;

/** One A4 page (210×297 mm) of 24 labels, 4 × 6, each a QR code with its address below. */
final class CodeSheet {
  static final int PER_PAGE = 24;
  private static final int COLUMNS = 4;
  private static final double CELL_W = 50;
  private static final double CELL_H = 46;
  private static final double QR_MM = 32;

  private CodeSheet() {}

  record Label(String code, PlaceCodeRepository.Site site) {}

  static String svg(String grid, int page, java.util.List<Label> labels) {
    StringBuilder b = new StringBuilder("""
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297">
        <rect width="210" height="297" fill="#fff"/>
        """);
    b.append("<text x=\"5\" y=\"8\" font-size=\"4\" font-family=\"sans-serif\">网格 ").append(escape(grid))
        .append(" 房屋二维码 第 ").append(page).append(" 页</text>\n");
    for (int i = 0; i < labels.size(); i++) {
      double x = 5 + (i % COLUMNS) * CELL_W;
      double y = 12 + (i / COLUMNS) * CELL_H;
      Label l = labels.get(i);
      var qr = QrImages.matrix(l.code());
      b.append(QrImages.svgPath(qr, x + (CELL_W - QR_MM) / 2, y, QR_MM / qr.getWidth())).append('\n');
      b.append("<text x=\"").append(x + CELL_W / 2).append("\" y=\"").append(y + QR_MM + 4)
          .append("\" font-size=\"2.6\" text-anchor=\"middle\" font-family=\"sans-serif\">")
          .append(escape(l.site().label())).append(" · #").append(l.site().id()).append("</text>\n");
      b.append("<text x=\"").append(x + CELL_W / 2).append("\" y=\"").append(y + QR_MM + 7.5)
          .append("\" font-size=\"1.8\" text-anchor=\"middle\" font-family=\"sans-serif\">")
          .append(escape(shorten(l.site().address()))).append("</text>\n");
    }
    return b.append("</svg>\n").toString();
  }

  private static String shorten(String address) {
    return address.length() > 30 ? "…" + address.substring(address.length() - 29) : address;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
