package cn.citygrid.backend.governance.standardise;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/** Character-level clean-up shared by the standardisers. */
final class Text {
  /** Placeholders that mean "no value" in exported department data, compared trimmed and lower-cased. */
  private static final Set<String> MISSING = Set.of("null", "nil", "none", "n/a", "na", "#n/a", "\\n", "-", "--", "—",
      "/", "无", "空", "暂无");

  private Text() {}

  /** Blank, or a placeholder such as {@code NULL}, {@code -} or {@code 无}. */
  static boolean isMissing(String raw) {
    if (raw == null) {
      return true;
    }
    int from = start(raw);
    int to = end(raw);
    if (from >= to) {
      return true;
    }
    return to - from <= 5 && MISSING.contains(nfkc(raw.substring(from, to)).toLowerCase(Locale.ROOT));
  }

  /** Whitespace in the widest sense: Unicode spaces, no-break spaces, zero-width spaces and the BOM. */
  static boolean isSpace(char c) {
    return c == ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\u200C'
        || c == '\u200D' || c == '\u2060' || c == '\uFEFF';
  }

  static boolean isHyphen(char c) {
    return c == '-' || c >= '\u2010' && c <= '\u2015' || c == '\u2212' || c == '\uFE63' || c == '\uFF0D';
  }

  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  static boolean allDigits(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isAsciiDigit(s.charAt(i))) {
        return false;
      }
    }
    return s.length() > 0;
  }

  /** NFKC (full-width letters, digits and punctuation become ASCII); unchanged strings are not copied. */
  static String nfkc(String s) {
    if (isAscii(s) || Normalizer.isNormalized(s, Normalizer.Form.NFKC)) {
      return s;
    }
    return Normalizer.normalize(s, Normalizer.Form.NFKC);
  }

  /**
   * The common first step: NFKC, outer whitespace trimmed, and the quote marks spreadsheets add
   * around text (a leading {@code '} that forces text in Excel, or surrounding {@code "}).
   */
  static String clean(String raw, ChangeLog log) {
    String s = nfkc(raw);
    if (!s.equals(raw)) {
      log.add(Change.FULL_WIDTH);
    }
    String trimmed = trim(s);
    if (trimmed.length() != s.length()) {
      log.add(Change.SPACES);
    }
    String unquoted = unquote(trimmed);
    if (unquoted.length() != trimmed.length()) {
      log.add(Change.QUOTES);
      unquoted = trim(unquoted);
    }
    return unquoted;
  }

  static String trim(String s) {
    int from = start(s);
    int to = end(s);
    return from == 0 && to == s.length() ? s : s.substring(from, Math.max(from, to));
  }

  /** {@code s} without any whitespace (inner or outer) and, when asked, without hyphens. */
  static String removeSpaces(String s, boolean hyphensToo, ChangeLog log) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean space = isSpace(c);
      boolean hyphen = hyphensToo && isHyphen(c);
      if ((space || hyphen) && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (space) {
        log.add(Change.SPACES);
      } else if (hyphen) {
        log.add(Change.HYPHENS);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  private static String unquote(String s) {
    if (s.length() >= 1 && s.charAt(0) == '\'' && s.indexOf('\'', 1) < 0) {
      return s.substring(1);
    }
    if (s.length() >= 2 && isQuote(s.charAt(0)) && isQuote(s.charAt(s.length() - 1))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'' || c == '“' || c == '”' || c == '「' || c == '」';
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static int start(String s) {
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int end(String s) {
    int i = s.length();
    while (i > 0 && isSpace(s.charAt(i - 1))) {
      i--;
    }
    return i;
  }
}
