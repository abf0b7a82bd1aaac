package cn.citygrid.backend.auth;

/**
 * Codes of the region/grid tree as prefixes. GB/T 2260 writes a province as "440000" and a city
 * as "440300"; their subtrees are the codes starting with "44" and "4403". Streets (9 digits),
 * communities (12) and unit grids (15, GB/T 30428.1 layout) are their own prefixes.
 */
public final class ScopeCodes {
  private ScopeCodes() {}

  public static String prefix(String code) {
    if (code.length() != 6) {
      return code;
    }
    if (code.endsWith("0000")) {
      return code.substring(0, 2);
    }
    return code.endsWith("00") ? code.substring(0, 4) : code;
  }
}
