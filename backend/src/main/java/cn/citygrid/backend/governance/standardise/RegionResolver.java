package cn.citygrid.backend.governance.standardise;

import cn.citygrid.backend.governance.standardise.NameIndex.Kind;
import cn.citygrid.backend.governance.standardise.NameIndex.Name;
import cn.citygrid.backend.governance.standardise.RegionTree.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the administrative prefix of an address (province … community) left to right. Each name
 * must lie below the region resolved so far; levels may be skipped and are then inferred from the
 * tree when the name is unique in scope. The longest name wins; between equally long names the
 * shallower level wins (福田 is the district before the street); a remaining tie is ambiguous and
 * resolution stops there, leaving the text to the detail parser.
 */
final class RegionResolver {
  /**
   * Where resolution stopped: the deepest region (null if none), the text position, a bit per
   * level named in the text, the ambiguous name it stopped at (consumed, or null) and a problem.
   */
  record Resolution(Node deepest, int end, int mentionedLevels, String ambiguous, Problem problem) {}

  /** Words that continue a road or place name: a guarded name followed by one is not a region. */
  private static final String[] PLACE_WORDS = {"路", "大道", "大街", "巷", "村", "桥", "口岸", "花园", "公园", "广场",
      "大厦", "新村", "小区", "工业区", "中心", "站", "山庄", "苑", "湖", "湾", "学校", "小学", "中学", "医院", "市场"};
  private static final String DIRECTIONS = "东西南北中一二三四五六七八九十";
  /** A 区 after one of these is an estate, campus or zone, not a district: 小区, 园区, 保税区… */
  private static final String NOT_DISTRICT_BEFORE_QU = "小园景校片业税发社城新心宅活公厂港市街营";
  private static final Name AMBIGUOUS = new Name(null, Kind.FULL, 0, false);

  private final String text;
  private final NameIndex names;
  private final ChangeLog log;
  private final List<Name> hits = new ArrayList<>(8);
  private Node scope;
  private int pos;
  private int mentioned;

  private RegionResolver(String text, NameIndex names, ChangeLog log) {
    this.text = text;
    this.names = names;
    this.log = log;
  }

  static Resolution resolve(String text, RegionTree tree, ChangeLog log) {
    RegionResolver r = new RegionResolver(text, tree.names(), log);
    Resolution stop = null;
    while (stop == null) {
      r.pos = skipCommas(text, r.pos);
      r.hits.clear();
      r.names.namesAt(text, r.pos, r.hits);
      stop = r.step();
    }
    return stop;
  }

  /** Takes the name at {@code pos} and returns null, or returns where resolution stops. */
  private Resolution step() {
    Name full = longestUnguarded(hits);
    // A longer official name outranks a shorter reading: in 福田区福田区…, the second 福田区 is the
    // district repeated, not 福田(街道) followed by 区; in 福田区南头街道, 南头街道 is out of place.
    if (full != null && !isCandidate(full) && full.length() > candidateLength()) {
      if (scope != null && (full.node() == scope || scope.isBelow(full.node()))) {
        pos += full.length();
        log.add(Change.REPEATED_REGION);
        return null;
      }
      return new Resolution(scope, pos, mentioned, null, mismatch(full));
    }
    Name best = best();
    if (best == AMBIGUOUS) {
      int length = candidateLength();
      return new Resolution(scope, pos + length, mentioned, text.substring(pos, pos + length), null);
    }
    if (best == null) {
      Problem p = scope != null && scope.level() == Region.COMMUNITY ? null : unknownRegion(text, pos, level(scope));
      return new Resolution(scope, pos, mentioned, null, p);
    }
    if (best.kind() != Kind.FULL) {
      log.add(best.kind() == Kind.FORMER ? Change.FORMER_NAME : Change.FULL_NAME);
    }
    mentioned |= 1 << best.node().level();
    scope = best.node();
    pos += best.length();
    return null;
  }

  private Name best() {
    Name best = null;
    boolean tie = false;
    for (Name h : hits) {
      if (!isCandidate(h)) {
        continue;
      }
      int order = best == null ? 1 : compare(h, best);
      if (order > 0) {
        best = h;
        tie = false;
      } else if (order == 0 && h.node() != best.node()) {
        tie = true;
      }
    }
    return tie ? AMBIGUOUS : best;
  }

  private int candidateLength() {
    int length = 0;
    for (Name h : hits) {
      if (isCandidate(h)) {
        length = Math.max(length, h.length());
      }
    }
    return length;
  }

  /** The longest name with an administrative suffix: it cannot be the start of an ordinary word. */
  private static Name longestUnguarded(List<Name> hits) {
    Name longest = null;
    for (Name h : hits) {
      if (!h.guarded() && (longest == null || h.length() > longest.length())) {
        longest = h;
      }
    }
    return longest;
  }

  private Problem mismatch(Name foreign) {
    String name = text.substring(pos, pos + foreign.length());
    String within = scope == null ? "区划树" : scope.region.name();
    return new Problem("address.region_mismatch", name + " 不属于" + within,
        name + " (" + foreign.node().region.code() + ") is not in " + (scope == null ? "the tree" : within + " (" + scope.region.code() + ")"));
  }

  private static int level(Node scope) {
    return scope == null ? 0 : scope.level();
  }

  /**
   * A name below the current scope; a guarded name also must not start a road or place name,
   * unless one of its own sub-regions follows (罗湖南湖: 南湖 is a street of 罗湖, not a lake).
   */
  private boolean isCandidate(Name h) {
    if (scope != null && !h.node().isBelow(scope)) {
      return false;
    }
    int end = pos + h.length();
    return !h.guarded() || !continuesAsPlace(text, end) || followedBySubRegion(end, h.node());
  }

  private boolean followedBySubRegion(int end, Node node) {
    List<Name> next = new ArrayList<>(4);
    names.namesAt(text, end, next);
    for (Name n : next) {
      if (n.node().isBelow(node)) {
        return true;
      }
    }
    return false;
  }

  /** Longer names first, then shallower levels. */
  private static int compare(Name a, Name b) {
    if (a.length() != b.length()) {
      return Integer.compare(a.length(), b.length());
    }
    return Integer.compare(b.node().level(), a.node().level());
  }

  private static boolean continuesAsPlace(String text, int end) {
    for (int skip = 0; skip <= 2 && end + skip <= text.length(); skip++) {
      if (skip > 0 && DIRECTIONS.indexOf(text.charAt(end + skip - 1)) < 0 && !Text.isAsciiDigit(text.charAt(end + skip - 1))) {
        return false;
      }
      for (String word : PLACE_WORDS) {
        if (text.startsWith(word, end + skip)) {
          return true;
        }
      }
      if (text.startsWith("街", end + skip) && !text.startsWith("街道", end + skip)) {
        return true;
      }
    }
    return false;
  }

  /** A word shaped like a region name (XX省, XX市, XX区, XX街道, XX社区) that the tree does not know. */
  private static Problem unknownRegion(String text, int pos, int level) {
    int end = pos;
    while (end < text.length() && end - pos < 12 && Character.UnicodeScript.of(text.charAt(end)) == Character.UnicodeScript.HAN) {
      end++;
    }
    String run = text.substring(pos, end);
    String unknown = level < Region.PROVINCE ? prefixEndingIn(run, "省", 2, 3) : null;
    unknown = unknown == null && level < Region.CITY ? prefixEndingIn(run, "市", 2, 3) : unknown;
    unknown = unknown == null && level < Region.DISTRICT ? district(run) : unknown;
    unknown = unknown == null && level < Region.STREET ? prefixEndingIn(run, "街道", 2, 5) : unknown;
    unknown = unknown == null && level < Region.COMMUNITY ? prefixEndingIn(run, "社区", 1, 7) : unknown;
    return unknown == null ? null : new Problem("address.unknown_region", "区划“" + unknown + "”不在区划树中",
        "\"" + unknown + "\" is not a region of the tree");
  }

  private static String district(String run) {
    for (String suffix : new String[] {"区", "县"}) {
      String d = prefixEndingIn(run, suffix, 2, 3);
      if (d != null && (suffix.equals("县") || NOT_DISTRICT_BEFORE_QU.indexOf(d.charAt(d.length() - 2)) < 0)) {
        return d;
      }
    }
    return null;
  }

  /** The prefix of {@code run} made of {@code min..max} characters and then {@code suffix}, or null. */
  private static String prefixEndingIn(String run, String suffix, int min, int max) {
    for (int n = min; n <= max && n + suffix.length() <= run.length(); n++) {
      if (run.startsWith(suffix, n)) {
        return run.substring(0, n + suffix.length());
      }
    }
    return null;
  }

  private static int skipCommas(String text, int pos) {
    while (pos < text.length() && text.charAt(pos) == ',') {
      pos++;
    }
    return pos;
  }
}
