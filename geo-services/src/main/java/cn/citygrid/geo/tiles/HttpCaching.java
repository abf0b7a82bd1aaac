package cn.citygrid.geo.tiles;

/** The two header checks tiles need (RFC 9110 §13.1.2 If-None-Match, §12.5.3 Accept-Encoding). */
final class HttpCaching {
  private HttpCaching() {}

  /** True when {@code ifNoneMatch} lists {@code etag} (weak comparison, as If-None-Match requires) or is "*". */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String bare = strip(etag);
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.equals("*") || strip(c).equals(bare)) {
        return true;
      }
    }
    return false;
  }

  /** True when the client accepts gzip (by name or "*") with a non-zero q. */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] fields = part.trim().split(";");
      String coding = fields[0].trim().toLowerCase(java.util.Locale.ROOT);
      if ((coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) && !zeroQ(fields)) {
        return true;
      }
    }
    return false;
  }

  private static boolean zeroQ(String[] fields) {
    for (int i = 1; i < fields.length; i++) {
      String f = fields[i].trim().toLowerCase(java.util.Locale.ROOT);
      if (f.startsWith("q=")) {
        try {
          return Double.parseDouble(f.substring(2)) == 0.0;
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    return false;
  }

  private static String strip(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
