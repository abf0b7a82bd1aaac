package cn.citygrid.backend.governance.standardise;

import cn.citygrid.backend.governance.standardise.RegionTree.Node;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A character trie of region names: from a position in an address it finds every indexed name
 * starting there in one walk, without allocating, so parsing costs a few array look-ups per
 * character. Immutable after {@link #build}.
 */
final class NameIndex {
  /** How a name relates to the region's official name. */
  enum Kind {
    /** The official name. */
    FULL,
    /** The official name without its level suffix: 福田 for 福田区. */
    SHORT,
    /** The official name with 社区 added: 小梅沙社区 for 小梅沙. */
    VARIANT,
    /** A former name: 光明新区 for 光明区, 观澜镇 for 观澜街道. */
    FORMER
  }

  /**
   * One indexed name. {@code guarded} names (short names, and names without an administrative
   * suffix such as 明珠) are often the start of a road or estate name, so the parser accepts them
   * only when no road or place word follows.
   */
  record Name(Node node, Kind kind, int length, boolean guarded) {}

  private static final String[] SUFFIXES = {"街道", "社区", "居委会", "省", "市", "区", "县", "镇", "乡"};

  private static final class Trie {
    char[] keys = new char[0];
    Trie[] next = new Trie[0];
    Name[] names = new Name[0];
  }

  private final Trie root;

  private NameIndex(Trie root) {
    this.root = root;
  }

  static NameIndex build(Collection<Node> nodes, Map<String, Node> formerNames) {
    TreeMap<String, List<Name>> all = new TreeMap<>();
    for (Node n : nodes) {
      String name = n.region.name();
      add(all, name, n, Kind.FULL);
      String bare = strip(name, n.level());
      if (bare != null) {
        add(all, bare, n, Kind.SHORT);
      }
      if (n.level() == Region.STREET && name.endsWith("街道") && bare != null) {
        add(all, bare + "镇", n, Kind.FORMER);
      }
      if (n.level() == Region.COMMUNITY && !name.contains("社区")) {
        add(all, name + "社区", n, Kind.VARIANT);
      }
    }
    formerNames.forEach((name, n) -> add(all, name, n, Kind.FORMER));
    return new NameIndex(freeze(all));
  }

  /** Appends to {@code out} every indexed name that starts at {@code pos} in {@code text}. */
  void namesAt(CharSequence text, int pos, List<Name> out) {
    Trie t = root;
    for (int i = pos; i < text.length(); i++) {
      int k = indexOf(t.keys, text.charAt(i));
      if (k < 0) {
        return;
      }
      t = t.next[k];
      for (Name name : t.names) {
        out.add(name);
      }
    }
  }

  /** True when {@code name} ends with an administrative suffix, so it cannot be an ordinary word. */
  static boolean hasAdminSuffix(String name) {
    for (String s : SUFFIXES) {
      if (name.endsWith(s)) {
        return true;
      }
    }
    return false;
  }

  private static String strip(String name, int level) {
    for (String s : SUFFIXES) {
      boolean fits = switch (s) {
        case "省" -> level == Region.PROVINCE;
        case "市" -> level <= Region.DISTRICT;
        case "区", "县" -> level == Region.DISTRICT;
        case "街道", "镇", "乡" -> level == Region.STREET;
        default -> level == Region.COMMUNITY;
      };
      if (fits && name.endsWith(s) && name.length() - s.length() >= 2) {
        String bare = name.substring(0, name.length() - s.length());
        // 创业路社区 is not indexed as 创业路: a bare name that is a road name would swallow the road.
        return AddressTokens.startsRoadSuffix(bare, bare.length() - 1) || bare.endsWith("道") ? null : bare;
      }
    }
    return null;
  }

  private static void add(TreeMap<String, List<Name>> all, String text, Node node, Kind kind) {
    boolean guarded = kind == Kind.SHORT || !hasAdminSuffix(text);
    List<Name> list = all.computeIfAbsent(text, k -> new ArrayList<>());
    if (list.stream().noneMatch(n -> n.node() == node)) {
      list.add(new Name(node, kind, text.length(), guarded));
    }
  }

  private static Trie freeze(TreeMap<String, List<Name>> all) {
    Trie root = new Trie();
    all.forEach((text, names) -> {
      Trie t = root;
      for (int i = 0; i < text.length(); i++) {
        t = child(t, text.charAt(i));
      }
      t.names = names.toArray(new Name[0]);
    });
    return root;
  }

  private static Trie child(Trie t, char c) {
    int k = indexOf(t.keys, c);
    if (k >= 0) {
      return t.next[k];
    }
    int at = -k - 1;
    char[] keys = new char[t.keys.length + 1];
    Trie[] next = new Trie[keys.length];
    System.arraycopy(t.keys, 0, keys, 0, at);
    System.arraycopy(t.next, 0, next, 0, at);
    keys[at] = c;
    next[at] = new Trie();
    System.arraycopy(t.keys, at, keys, at + 1, t.keys.length - at);
    System.arraycopy(t.next, at, next, at + 1, t.next.length - at);
    t.keys = keys;
    t.next = next;
    return next[at];
  }

  private static int indexOf(char[] keys, char c) {
    return java.util.Arrays.binarySearch(keys, c);
  }
}
