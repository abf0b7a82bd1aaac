package cn.citygrid.backend.governance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Registered residence (户籍地) as a county-level GB/T 2260 code: a 6-digit code that exists, or a
 * text naming a county whose name is unique in the country (many are not, e.g. 鼓楼区: those need
 * the code). From the same division data as the demo city.
 */
final class Counties {
  private final Set<String> codes;
  private final Map<String, String> uniqueNames;

  private Counties(Set<String> codes, Map<String, String> uniqueNames) {
    this.codes = codes;
    this.uniqueNames = uniqueNames;
  }

  static Counties load() {
    Map<String, String> byName = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    java.util.HashSet<String> codes = new java.util.HashSet<>();
    try (InputStream in = Counties.class.getResourceAsStream("/demo/counties.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] parts = line.split("\t");
        if (parts.length == 2) {
          codes.add(parts[0]);
          byName.put(parts[1], parts[0]);
          seen.merge(parts[1], 1, Integer::sum);
        }
      }
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("cannot read /demo/counties.txt", e);
    }
    seen.forEach((name, n) -> {
      if (n > 1) {
        byName.remove(name);
      }
    });
    return new Counties(Set.copyOf(codes), Map.copyOf(byName));
  }

  FieldValue standardise(String field, String raw) {
    if (Standardisers.blank(raw)) {
      return FieldValue.missing(field);
    }
    String clean = Normalizer.normalize(raw, Normalizer.Form.NFKC).replaceAll("\\s", "");
    if (clean.matches("[0-9]{6}")) {
      return codes.contains(clean) ? FieldValue.of(field, !clean.equals(raw), clean, clean)
          : FieldValue.invalid(field, raw, "不存在的区划代码", "No such county code");
    }
    for (var e : uniqueNames.entrySet()) {
      if (clean.endsWith(e.getKey())) {
        return FieldValue.of(field, true, e.getValue(), e.getValue());
      }
    }
    return FieldValue.invalid(field, raw, "无法确定户籍地区划（请填写 6 位区划代码）", "Cannot tell the county; give its 6-digit code");
  }
}
