package cn.citygrid.backend.governance.standardise;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable code dictionary with aliases. Lookups compare a key made of the NFKC text without
 * whitespace, lower-cased; the code, both names and any listed alias are keys, and a numeric code
 * is also found without its leading zeros ("1" finds "01"). Building fails when one key would name
 * two codes, so every lookup is unambiguous.
 */
public final class Dictionary {
  private final String name;
  private final List<Code> codes;
  private final Map<String, Code> byCode;
  private final Map<String, Code> byKey;

  private Dictionary(String name, List<Code> codes, Map<String, Code> byKey) {
    this.name = name;
    this.codes = List.copyOf(codes);
    Map<String, Code> exact = new LinkedHashMap<>();
    codes.forEach(c -> exact.put(c.code(), c));
    this.byCode = Map.copyOf(exact);
    this.byKey = Map.copyOf(byKey);
  }

  /** A dictionary of {@code codes} whose extra aliases are given per code. */
  public static Dictionary of(String name, List<Code> codes, Map<String, List<String>> aliasesByCode) {
    Map<String, Code> byKey = new HashMap<>();
    for (Code c : codes) {
      List<String> keys = new ArrayList<>(List.of(c.code(), c.nameZh(), c.nameEn()));
      keys.addAll(aliasesByCode.getOrDefault(c.code(), List.of()));
      if (Text.allDigits(c.code()) && c.code().length() > 1 && c.code().charAt(0) == '0') {
        keys.add(c.code().replaceFirst("^0+(?=.)", ""));
      }
      keys.forEach(k -> put(name, byKey, key(k), c));
    }
    return new Dictionary(name, codes, byKey);
  }

  /** Loads a tab-separated classpath resource: code, name (zh), name (en), aliases separated by |. */
  public static Dictionary load(String name, String resource) {
    try (InputStream in = Dictionary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " missing from the classpath");
      }
      List<Code> codes = new ArrayList<>();
      Map<String, List<String>> aliases = new HashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.strip().split("\t");
        codes.add(new Code(f[0], f[1], f.length > 2 ? f[2] : f[1]));
        aliases.put(f[0], f.length > 3 ? List.of(f[3].split("\\|")) : List.of());
      }
      return of(name, codes, aliases);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  public String name() {
    return name;
  }

  /** Every code, in the standard's order. */
  public List<Code> codes() {
    return codes;
  }

  /** The entry whose code is exactly {@code code}. */
  public Optional<Code> byCode(String code) {
    return Optional.ofNullable(code == null ? null : byCode.get(code));
  }

  /** The entry {@code raw} names: a code, a name or an alias, in any width or case. */
  public Optional<Code> lookup(String raw) {
    return raw == null ? Optional.empty() : Optional.ofNullable(byKey.get(key(raw)));
  }

  /** STANDARD when {@code raw} is exactly a code; STANDARDISED (label→code) when it names one. */
  public Standardised<Code> standardise(String raw) {
    if (Text.isMissing(raw)) {
      return Standardised.missing();
    }
    Code found = byKey.get(key(raw));
    if (found == null) {
      String shown = Text.trim(raw);
      return Standardised.invalid(new Problem("dict.unknown", "“" + shown + "”不是" + name + "中的取值",
          "\"" + shown + "\" is not a value of " + name), List.of());
    }
    return Standardised.of(found, found.code().equals(raw) ? List.of() : List.of(Change.LABEL_TO_CODE));
  }

  static String key(String raw) {
    String s = Text.nfkc(raw);
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Text.isSpace(c)) {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  private static void put(String name, Map<String, Code> byKey, String key, Code code) {
    Code previous = byKey.putIfAbsent(key, code);
    if (previous != null && !previous.code().equals(code.code())) {
      throw new IllegalStateException(name + ": \"" + key + "\" names both " + previous.code() + " and " + code.code());
    }
  }
}
