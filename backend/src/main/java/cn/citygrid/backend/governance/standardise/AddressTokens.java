package cn.citygrid.backend.governance.standardise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits the part of an address after its regions into text runs and numbered atoms: a value
 * (digits, a letter, letter+digits, digits+letter or Chinese numerals) and the suffix that says
 * what it numbers (号, 栋/幢/座/号楼/栋楼/#, 单元, 楼/层/F, 室/房/户, or none).
 */
final class AddressTokens {
  enum Type { TEXT, NUMBER, BUILDING, UNIT, FLOOR, ROOM, BARE }

  /** One token; {@code suffix} is the suffix as written ("幢", "" for none). */
  record Token(Type type, String value, String suffix) {}

  private static final String[] SUFFIXES = {"号楼", "栋楼", "#楼", "号房", "单元", "栋", "幢", "座", "#", "号", "楼", "层", "F",
      "f", "室", "房", "户"};
  private static final Type[] SUFFIX_TYPES = {Type.BUILDING, Type.BUILDING, Type.BUILDING, Type.ROOM, Type.UNIT,
      Type.BUILDING, Type.BUILDING, Type.BUILDING, Type.BUILDING, Type.NUMBER, Type.FLOOR, Type.FLOOR, Type.FLOOR,
      Type.FLOOR, Type.ROOM, Type.ROOM, Type.ROOM};
  private static final String NUMERALS = "〇零一二两三四五六七八九十";

  private AddressTokens() {}

  static List<Token> tokenise(String text, int from, ChangeLog log) {
    List<Token> out = new ArrayList<>(8);
    StringBuilder run = new StringBuilder();
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      // A letter right after a word's letter is part of that word ("KKONE"), not a building letter.
      boolean inWord = Text.isAsciiLetter(c) && run.length() > 0 && Text.isAsciiLetter(run.charAt(run.length() - 1));
      int end = c == ',' || inWord ? -1 : atomEnd(text, i);
      if (c == ',' || end > 0) {
        flush(run, out);
      }
      if (end > 0) {
        out.add(atom(text, i, end, log));
        i = end;
      } else {
        if (c != ',') {
          run.append(c);
        }
        i++;
      }
    }
    flush(run, out);
    return out;
  }

  /** Where the atom starting at {@code i} ends (after its suffix), or -1 when none starts there. */
  private static int atomEnd(String text, int i) {
    int valueEnd = anyValueEnd(text, i);
    if (valueEnd < 0 || startsRoadSuffix(text, valueEnd)) {
      return -1;
    }
    int s = suffixAt(text, valueEnd);
    boolean numerals = NUMERALS.indexOf(text.charAt(i)) >= 0;
    boolean loneLetter = valueEnd - i == 1 && Text.isAsciiLetter(text.charAt(i));
    if ((numerals || loneLetter) && (s < 0 || SUFFIX_TYPES[s] == Type.NUMBER || SUFFIX_TYPES[s] == Type.ROOM)) {
      return -1;
    }
    return s < 0 ? valueEnd : valueEnd + SUFFIXES[s].length();
  }

  private static Token atom(String text, int start, int end, ChangeLog log) {
    int valueEnd = anyValueEnd(text, start);
    int s = suffixAt(text, valueEnd);
    String value = text.substring(start, valueEnd);
    if (NUMERALS.indexOf(value.charAt(0)) >= 0) {
      value = String.valueOf(numeralValue(value));
      log.add(Change.CHINESE_NUMERAL);
    }
    String upper = value.toUpperCase(Locale.ROOT);
    if (!upper.equals(value)) {
      log.add(Change.UPPER_CASE);
    }
    Type type = s < 0 ? Type.BARE : SUFFIX_TYPES[s];
    // "B楼" is building B; a floor is always numbered.
    boolean letterBuilding = type == Type.FLOOR && Text.isAsciiLetter(upper.charAt(upper.length() - 1));
    return new Token(letterBuilding ? Type.BUILDING : type, upper, s < 0 ? "" : SUFFIXES[s]);
  }

  private static int anyValueEnd(String text, int i) {
    return NUMERALS.indexOf(text.charAt(i)) >= 0 ? numeralsEnd(text, i) : valueEnd(text, i);
  }

  /** End of [letter]digits[-digits][letter] or of a lone letter, or -1. */
  private static int valueEnd(String text, int i) {
    int j = i;
    if (Text.isAsciiLetter(text.charAt(j))) {
      j++;
      if (j < text.length() && Text.isAsciiLetter(text.charAt(j))) {
        return -1;
      }
    }
    int digitsFrom = j;
    while (j < text.length() && Text.isAsciiDigit(text.charAt(j))) {
      j++;
    }
    if (j == digitsFrom) {
      return j == i ? -1 : j;
    }
    if (j + 1 < text.length() && text.charAt(j) == '-' && Text.isAsciiDigit(text.charAt(j + 1))) {
      int k = j + 1;
      while (k < text.length() && Text.isAsciiDigit(text.charAt(k))) {
        k++;
      }
      if (text.startsWith("号", k)) {
        j = k;
      }
    }
    boolean trailingLetter = j < text.length() && Text.isAsciiLetter(text.charAt(j)) && "Ff".indexOf(text.charAt(j)) < 0
        && !(j + 1 < text.length() && Text.isAsciiLetter(text.charAt(j + 1)));
    return trailingLetter ? j + 1 : j;
  }

  private static int numeralsEnd(String text, int i) {
    int j = i;
    while (j < text.length() && j - i < 3 && NUMERALS.indexOf(text.charAt(j)) >= 0) {
      j++;
    }
    return j;
  }

  /** 一 … 九十九 as a number; 两 is 2, 〇/零 is 0. */
  private static int numeralValue(String numerals) {
    int total = 0;
    int digit = 0;
    for (int i = 0; i < numerals.length(); i++) {
      char c = numerals.charAt(i);
      if (c == '十') {
        total += (digit == 0 ? 1 : digit) * 10;
        digit = 0;
      } else {
        digit = c == '两' ? 2 : "一二三四五六七八九".indexOf(c) + 1;
      }
    }
    return total + digit;
  }

  private static int suffixAt(String text, int i) {
    for (int s = 0; s < SUFFIXES.length; s++) {
      if (text.startsWith(SUFFIXES[s], i)) {
        return s;
      }
    }
    return -1;
  }

  /** 路, 街 (not 街道), 巷, 大道: the value is part of a road name ("百花2路"). */
  static boolean startsRoadSuffix(String text, int i) {
    return text.startsWith("路", i) || text.startsWith("巷", i) || text.startsWith("大道", i)
        || text.startsWith("街", i) && !text.startsWith("街道", i);
  }

  private static void flush(StringBuilder run, List<Token> out) {
    if (run.length() > 0) {
      out.add(new Token(Type.TEXT, run.toString(), ""));
      run.setLength(0);
    }
  }
}
