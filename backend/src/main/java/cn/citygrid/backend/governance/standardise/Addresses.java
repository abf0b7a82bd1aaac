package cn.citygrid.backend.governance.standardise;

import cn.citygrid.backend.governance.standardise.AddressDetails.Details;
import cn.citygrid.backend.governance.standardise.RegionResolver.Resolution;
import cn.citygrid.backend.governance.standardise.RegionTree.Node;
import java.util.List;

/**
 * Parses free-text addresses of the form the demo data writes,
 * {@code 深圳市福田区园岭街道百花社区红荔路12号3栋1单元1201}, and the messy variants departments send.
 *
 * <p>Regions: with or without 广东省/深圳市; names with or without their suffix (福田区/福田,
 * 园岭街道/园岭, 百花社区/百花); former names (光明新区, 观澜镇); levels may be skipped and are
 * inferred when the name is unique. A region that does not belong to the one before it (福田区南头街道),
 * or a region-shaped name the tree does not know (深圳市朝阳区, 不存在社区), makes the address INVALID;
 * so does an address that names no region at all, unless the caller gives a context region.
 *
 * <p>Details: a road ending in 路/大道/大街/街/巷/道; {@code 12号}/{@code 12 号}/{@code 12號}/{@code 12-1号};
 * buildings {@code 3栋}/{@code 3幢}/{@code 3座}/{@code 3号楼}/{@code 3栋楼}/{@code 3#}/{@code B栋}/{@code 三栋};
 * units {@code 1单元}/{@code 一单元}; rooms {@code 1201}, {@code 1201室}, {@code 1201房}, {@code 1201号};
 * floors {@code 12楼01}, {@code 12层1201}, {@code 12F01}. Full-width characters, spaces and brackets are
 * tolerated. Not supported: dash-joined {@code 3-1-1201}, basements, Chinese numerals above 99.
 */
public final class Addresses {
  private static final Problem NO_REGION = new Problem("address.no_region", "地址中没有可识别的区划",
      "the address names no region of the tree");

  private Addresses() {}

  public static ParsedAddress parse(String raw, RegionTree tree) {
    return parse(raw, tree, null);
  }

  /**
   * As {@link #parse(String, RegionTree)}; when the text names no region at all, {@code contextCode}
   * (e.g. the community a source belongs to) supplies it instead of making the address invalid.
   */
  public static ParsedAddress parse(String raw, RegionTree tree, String contextCode) {
    if (Text.isMissing(raw)) {
      return ParsedAddress.missing();
    }
    ChangeLog log = new ChangeLog();
    String text = normalise(raw, log);
    Resolution r = RegionResolver.resolve(text, tree, log);
    Details d = AddressDetails.parse(text, r.end(), log);
    Node deepest = r.deepest();
    Problem problem = r.problem();
    if (deepest == null && problem == null) {
      deepest = contextCode == null ? null : tree.node(contextCode);
      if (deepest == null) {
        problem = NO_REGION;
      } else {
        log.add(Change.REGION_FROM_CONTEXT);
      }
    } else {
      logSkippedLevels(deepest, r.mentionedLevels(), log);
    }
    return assemble(raw, deepest, r.ambiguous(), d, problem, log);
  }

  /**
   * A region named by its code ({@code 440304}) or by names alone ({@code 广东省深圳市福田区},
   * {@code 福田}), e.g. a registered residence (户籍地). Names must make up the whole text and resolve
   * unambiguously; codes and names outside the tree are invalid.
   */
  public static Standardised<Region> region(String raw, RegionTree tree) {
    if (Text.isMissing(raw)) {
      return Standardised.missing();
    }
    ChangeLog log = new ChangeLog();
    String text = normalise(raw, log);
    if (Text.allDigits(text)) {
      return tree.region(text).map(r -> Standardised.of(r, log.between(raw, r.code())))
          .orElseGet(() -> Standardised.invalid(new Problem("region.unknown_code", "区划代码 " + text + " 不在区划树中",
              "region code " + text + " is not in the tree"), log.list()));
    }
    Resolution r = RegionResolver.resolve(text, tree, log);
    if (r.problem() != null) {
      return Standardised.invalid(r.problem(), log.list());
    }
    if (r.deepest() == null || r.ambiguous() != null || r.end() != text.length()) {
      String rest = text.substring(Math.min(r.end(), text.length()));
      return Standardised.invalid(new Problem("region.unknown", "无法识别的区划“" + (rest.isEmpty() ? text : rest) + "”",
          "\"" + (rest.isEmpty() ? text : rest) + "\" is not a region of the tree, or is ambiguous"), log.list());
    }
    log.add(Change.LABEL_TO_CODE);
    return Standardised.of(r.deepest().region, log.list());
  }

  /** NFKC, quotes trimmed, 號→号, brackets dropped, spaces dropped (between two ASCII letters or digits: a ','). */
  private static String normalise(String raw, ChangeLog log) {
    String s = Text.clean(raw, log);
    StringBuilder out = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Text.isSpace(c)) {
        pendingSpace = true;
        log.add(Change.SPACES);
        continue;
      }
      if ("()[]{}【】〔〕".indexOf(c) >= 0) {
        log.add(Change.PUNCTUATION);
        continue;
      }
      if (pendingSpace && out.length() > 0 && isAlnum(out.charAt(out.length() - 1)) && isAlnum(c)) {
        out.append(',');
      }
      pendingSpace = false;
      if (c == '號') {
        log.add(Change.NUMBER_SUFFIX);
      }
      out.append(c == '號' ? '号' : "，、;；".indexOf(c) >= 0 ? ',' : c);
    }
    return out.toString();
  }

  private static void logSkippedLevels(Node deepest, int mentioned, ChangeLog log) {
    for (Node n = deepest; n != null; n = n.parent) {
      boolean named = (mentioned & 1 << n.level()) != 0;
      if (n.level() == Region.PROVINCE && named) {
        log.add(Change.PROVINCE_DROPPED);
      } else if (!named && n.level() >= Region.CITY && n.level() <= Region.STREET) {
        log.add(n.level() == Region.CITY ? Change.CITY_ADDED : n.level() == Region.DISTRICT ? Change.DISTRICT_INFERRED
            : Change.STREET_INFERRED);
      }
    }
  }

  private static ParsedAddress assemble(String raw, Node deepest, String ambiguous, Details d, Problem problem, ChangeLog log) {
    String[] codes = new String[Region.COMMUNITY + 1];
    StringBuilder form = new StringBuilder(48);
    for (Region r : path(deepest)) {
      codes[r.level()] = r.code();
      if (r.level() >= Region.CITY) {
        form.append(r.name());
      }
    }
    appendDetails(form, ambiguous, d);
    String standardForm = problem == null ? form.toString() : null;
    Status status = problem != null ? Status.INVALID : standardForm.equals(raw) ? Status.STANDARD : Status.STANDARDISED;
    List<String> changes = standardForm == null ? log.list() : log.between(raw, standardForm);
    return new ParsedAddress(codes[1], codes[2], codes[3], codes[4], codes[5], ambiguous, d.road(), d.number(), d.place(),
        d.building(), d.unit(), d.floor(), d.room(), d.remainder(), standardForm, status, changes, problem);
  }

  private static void appendDetails(StringBuilder form, String ambiguous, Details d) {
    append(form, ambiguous, "");
    append(form, d.road(), "");
    append(form, d.number(), "号");
    append(form, d.place(), "");
    append(form, d.building(), "栋");
    append(form, d.unit(), "单元");
    if (d.floorWritten() && (d.room() == null || !d.room().startsWith(String.valueOf(d.floor())))) {
      append(form, String.valueOf(d.floor()), "楼");
    }
    append(form, d.room(), "");
    append(form, d.remainder(), "");
  }

  private static void append(StringBuilder form, String part, String suffix) {
    if (part != null) {
      form.append(part).append(suffix);
    }
  }

  private static List<Region> path(Node deepest) {
    java.util.ArrayList<Region> out = new java.util.ArrayList<>(5);
    for (Node n = deepest; n != null; n = n.parent) {
      out.add(0, n.region);
    }
    return out;
  }

  private static boolean isAlnum(char c) {
    return Text.isAsciiDigit(c) || Text.isAsciiLetter(c);
  }
}
