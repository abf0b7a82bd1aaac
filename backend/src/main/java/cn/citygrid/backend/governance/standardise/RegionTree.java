package cn.citygrid.backend.governance.standardise;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable tree of administrative divisions with a name index for address parsing. The backend
 * builds it once from grid.region; tests build it from the bundled Shenzhen divisions.
 *
 * <p>Preconditions: codes are unique and every non-null parent code is in the list. Names are
 * indexed in full ({@code 福田区}), without their level suffix ({@code 福田}; 省/市/区/县/街道/镇/乡/
 * 社区/居委会, only when at least two characters remain), streets also as {@code XX镇} (their
 * pre-2004 town names), suffix-less community names also with {@code 社区}, and any former names
 * given (e.g. {@code 光明新区} → 光明区).
 */
public final class RegionTree {
  /** A region with its parent and children; immutable once the tree is built. */
  static final class Node {
    final Region region;
    final Node parent;
    private final List<Node> children = new ArrayList<>();

    Node(Region region, Node parent) {
      this.region = region;
      this.parent = parent;
    }

    int level() {
      return region.level();
    }

    /** True when {@code ancestor} is a strict ancestor of this node. */
    boolean isBelow(Node ancestor) {
      for (Node n = parent; n != null; n = n.parent) {
        if (n == ancestor) {
          return true;
        }
      }
      return false;
    }
  }

  private static final String FORMER_NAMES = "/governance/dict/region-former-names.tsv";

  private final Map<String, Node> byCode;
  private final NameIndex names;

  private RegionTree(Map<String, Node> byCode, NameIndex names) {
    this.byCode = byCode;
    this.names = names;
  }

  /** A tree of {@code regions} with the bundled former names ({@code region-former-names.tsv}) that apply to it. */
  public static RegionTree of(Collection<Region> regions) {
    return of(regions, bundledFormerNames());
  }

  /** A tree of {@code regions}; {@code formerNames} maps an old name to a current code (unknown codes are ignored). */
  public static RegionTree of(Collection<Region> regions, Map<String, String> formerNames) {
    List<Region> sorted = new ArrayList<>(regions);
    sorted.sort(Comparator.comparingInt(Region::level));
    Map<String, Node> byCode = new LinkedHashMap<>();
    for (Region r : sorted) {
      Node parent = r.parentCode() == null ? null : byCode.get(r.parentCode());
      if (r.parentCode() != null && parent == null) {
        throw new IllegalArgumentException("region " + r.code() + " " + r.name() + " names parent " + r.parentCode() + ", which is not in the list");
      }
      Node node = new Node(r, parent);
      if (byCode.putIfAbsent(r.code(), node) != null) {
        throw new IllegalArgumentException("region code " + r.code() + " appears twice");
      }
      if (parent != null) {
        parent.children.add(node);
      }
    }
    Map<String, Node> former = new HashMap<>();
    formerNames.forEach((name, code) -> Optional.ofNullable(byCode.get(code)).ifPresent(n -> former.put(name, n)));
    return new RegionTree(Map.copyOf(byCode), NameIndex.build(byCode.values(), former));
  }

  /** The former names bundled with this package: old name → current code. */
  public static Map<String, String> bundledFormerNames() {
    try (InputStream in = RegionTree.class.getResourceAsStream(FORMER_NAMES)) {
      if (in == null) {
        throw new IllegalStateException(FORMER_NAMES + " missing from the classpath");
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] f = line.strip().split("\t");
          out.put(f[0], f[1]);
        }
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + FORMER_NAMES, e);
    }
  }

  public int size() {
    return byCode.size();
  }

  public Optional<Region> region(String code) {
    Node n = code == null ? null : byCode.get(code);
    return n == null ? Optional.empty() : Optional.of(n.region);
  }

  public List<Region> children(String code) {
    Node n = byCode.get(code);
    return n == null ? List.of() : n.children.stream().map(c -> c.region).toList();
  }

  /** The regions from the root down to {@code code}, or empty for an unknown code. */
  public List<Region> path(String code) {
    Node n = byCode.get(code);
    List<Region> out = new ArrayList<>();
    for (; n != null; n = n.parent) {
      out.add(0, n.region);
    }
    return out;
  }

  Node node(String code) {
    return byCode.get(code);
  }

  NameIndex names() {
    return names;
  }
}
