package cn.citygrid.backend.governance.standardise;

import java.util.Set;

/**
 * Personal names: Chinese names ({@code 张三}), minority and transliterated names joined by the
 * middle dot U+00B7 ({@code 阿依古丽·买买提}), and Latin names ({@code John Smith}).
 *
 * <p>Canonical form: NFKC; no spaces next to a Chinese character or a middle dot; single spaces
 * between Latin words; every middle-dot look-alike (•, ．, ., ・, ‧, ∙, ⋅) as U+00B7, except a
 * full stop after a Latin letter ({@code J. Smith}). Valid names have 2–30 characters (code
 * points), only letters, marks, middle dots and, in Latin names, spaces, apostrophes, hyphens and
 * full stops; digits, control characters, brackets and placeholders such as {@code 不详} are invalid.
 */
public final class Names {
  public static final char MIDDLE_DOT = '\u00B7';
  private static final int MIN_LENGTH = 2;
  private static final int MAX_LENGTH = 30;
  private static final Set<String> PLACEHOLDERS = Set.of("不详", "未知", "无名", "无名氏", "某某", "测试", "待定", "test",
      "unknown", "xxx", "xx");

  private Names() {}

  public static Standardised<String> standardise(String raw) {
    if (Text.isMissing(raw)) {
      return Standardised.missing();
    }
    ChangeLog log = new ChangeLog();
    String name = unifySpacesAndDots(Text.clean(raw, log), log);
    Problem problem = problem(name);
    return problem == null ? Standardised.of(name, log.between(raw, name)) : Standardised.invalid(problem, log.list());
  }

  /** First character kept, every other one a star: {@code 张*}, {@code 张**}, {@code J*********}. */
  public static String mask(String name) {
    if (name == null || name.isEmpty()) {
      return "";
    }
    int first = Character.charCount(name.codePointAt(0));
    return name.substring(0, first) + "*".repeat(name.codePointCount(first, name.length()));
  }

  private static String unifySpacesAndDots(String s, ChangeLog log) {
    StringBuilder out = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp < 0x10000 && Text.isSpace((char) cp)) {
        if (pendingSpace || cp != ' ') {
          log.add(Change.SPACES);
        }
        pendingSpace = true;
      } else if (isDotLike(cp)) {
        pendingSpace = droppedSpace(pendingSpace, log);
        appendDot(out, cp, log);
      } else {
        if (pendingSpace && isLatinWord(lastCodePoint(out)) && isLatin(cp)) {
          out.append(' ');
        } else {
          droppedSpace(pendingSpace, log);
        }
        pendingSpace = false;
        out.appendCodePoint(cp);
      }
    }
    return stripOuterDots(out, log);
  }

  private static void appendDot(StringBuilder out, int cp, ChangeLog log) {
    int last = lastCodePoint(out);
    if (cp == '.' && isLatin(last)) {
      out.append('.');
      return;
    }
    if (cp != MIDDLE_DOT || last == MIDDLE_DOT) {
      log.add(Change.MIDDLE_DOT);
    }
    if (last != MIDDLE_DOT) {
      out.append(MIDDLE_DOT);
    }
  }

  private static boolean droppedSpace(boolean pendingSpace, ChangeLog log) {
    if (pendingSpace) {
      log.add(Change.SPACES);
    }
    return false;
  }

  private static String stripOuterDots(StringBuilder out, ChangeLog log) {
    int from = 0;
    int to = out.length();
    while (from < to && out.charAt(from) == MIDDLE_DOT) {
      from++;
    }
    while (to > from && out.charAt(to - 1) == MIDDLE_DOT) {
      to--;
    }
    if (from > 0 || to < out.length()) {
      log.add(Change.MIDDLE_DOT);
    }
    return out.substring(from, to);
  }

  private static Problem problem(String name) {
    int length = name.codePointCount(0, name.length());
    int previous = -1;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      Problem p = characterProblem(previous, cp);
      if (p != null) {
        return p;
      }
      previous = cp;
    }
    if (PLACEHOLDERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
      return new Problem("name.placeholder", "“" + name + "”是占位词，不是姓名", "\"" + name + "\" is a placeholder, not a name");
    }
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      return new Problem(length < MIN_LENGTH ? "name.too_short" : "name.too_long",
          "姓名应为 " + MIN_LENGTH + "–" + MAX_LENGTH + " 个字符，实为 " + length + " 个",
          "want " + MIN_LENGTH + " to " + MAX_LENGTH + " characters, got " + length);
    }
    return null;
  }

  private static Problem characterProblem(int previous, int cp) {
    if (Character.isDigit(cp)) {
      return new Problem("name.digit", "姓名含数字“" + Character.toString(cp) + "”", "digit '" + Character.toString(cp) + "' in a name");
    }
    if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
      return new Problem("name.control", "姓名含控制字符 U+" + Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT),
          "control character U+" + Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT) + " in a name");
    }
    boolean latinPunctuation = (cp == ' ' || cp == '.' || cp == '\'' || cp == '-') && isLatinWord(previous);
    boolean allowed = Character.isLetter(cp) || cp == MIDDLE_DOT || latinPunctuation
        || Character.getType(cp) == Character.NON_SPACING_MARK;
    return allowed ? null : new Problem("name.character", "姓名含不允许的字符“" + Character.toString(cp) + "”",
        "character '" + Character.toString(cp) + "' is not allowed in a name");
  }

  private static boolean isDotLike(int cp) {
    return cp == MIDDLE_DOT || cp == '.' || cp == '•' || cp == '・' || cp == '‧' || cp == '∙' || cp == '⋅' || cp == '･'
        || cp == '．' || cp == '\u2024';
  }

  private static boolean isLatin(int cp) {
    return cp > 0 && Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
  }

  /** A Latin letter or the punctuation that may end a Latin word ({@code J.}, {@code O'}). */
  private static boolean isLatinWord(int cp) {
    return isLatin(cp) || cp == '.' || cp == '\'' || cp == '-';
  }

  private static int lastCodePoint(StringBuilder out) {
    return out.length() == 0 ? -1 : out.codePointBefore(out.length());
  }
}
