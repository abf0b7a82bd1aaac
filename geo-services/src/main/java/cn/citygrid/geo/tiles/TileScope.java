package cn.citygrid.geo.tiles;

import cn.citygrid.geo.GeoException;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a caller may see: every feature ({@link #ALL}) or the features whose region/grid code
 * starts with one of {@code prefixes} (the backend turns an account's scope nodes into prefixes,
 * e.g. 440300 → "4403"). Prefixes are digits only, so they are safe inside LIKE patterns. An
 * empty list sees nothing. {@link #key()} is canonical, so equal scopes share cached tiles and
 * different scopes never do.
 */
public record TileScope(boolean all, List<String> prefixes) {
  public static final TileScope ALL = new TileScope(true, List.of());
  private static final Pattern PREFIX = Pattern.compile("[0-9]{1,15}");

  public TileScope {
    TreeSet<String> sorted = new TreeSet<>();
    for (String p : prefixes) {
      if (p == null || !PREFIX.matcher(p).matches()) {
        throw GeoException.invalid("scope-invalid", "范围编码无效：" + p, "a scope prefix must be 1-15 digits: " + p,
            new JsonObject().put("prefix", p));
      }
      sorted.add(p);
    }
    prefixes = all ? List.of() : List.copyOf(sorted);
  }

  public static TileScope of(Collection<String> prefixes) {
    return new TileScope(false, List.copyOf(prefixes));
  }

  public static TileScope of(String... prefixes) {
    return of(List.of(prefixes));
  }

  /** True when {@code code} (a region or grid code) lies inside this scope. */
  public boolean covers(String code) {
    return all || code != null && prefixes.stream().anyMatch(code::startsWith);
  }

  /** Canonical and collision-free: "*" for everything, else the sorted prefixes. */
  public String key() {
    return all ? "*" : "[" + String.join(",", prefixes) + "]";
  }

  /** LIKE patterns for {@code code LIKE ANY(...)}: "%" for everything, else "prefix%". */
  public String[] likePatterns() {
    return all ? new String[] {"%"} : prefixes.stream().map(p -> p + "%").toArray(String[]::new);
  }

  /** The prefixes themselves (empty for ALL), for "is an ancestor of the scope" tests. */
  public String[] prefixArray() {
    return prefixes.toArray(String[]::new);
  }
}
