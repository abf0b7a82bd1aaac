package cn.citygrid.backend.governance.standardise;

import cn.citygrid.backend.standard.Phones;

/**
 * Mainland phone numbers. Canonical forms: mobiles as 11 digits {@code 1[3-9]xxxxxxxxx};
 * landlines as {@code area-local}, e.g. {@code 0755-83456789}, where the area code is 3 digits
 * for 010 and 02x and 4 digits otherwise, and the local number has 7 or 8 digits starting 2–9.
 *
 * <p>Accepted noise: full-width digits, spaces, hyphens, brackets, dots, a {@code +86}/{@code 0086}
 * prefix (or {@code 86} before an 11-digit mobile), a spreadsheet's {@code .0}, a {@code 0} dialled
 * before a mobile. Extensions, several numbers in one cell and service numbers are invalid.
 */
public final class PhoneNumbers {
  private PhoneNumbers() {}

  public static Standardised<String> standardise(String raw) {
    return standardise(raw, null);
  }

  /**
   * As {@link #standardise(String)}, and a bare 7–8 digit local number gets {@code defaultAreaCode}
   * (e.g. "0755" for a Shenzhen source); null means such numbers are invalid.
   */
  public static Standardised<String> standardise(String raw, String defaultAreaCode) {
    if (Text.isMissing(raw)) {
      return Standardised.missing();
    }
    ChangeLog log = new ChangeLog();
    String s = Text.clean(raw, log);
    if (s.endsWith(".0") && s.length() > 2 && Text.allDigits(s.substring(0, s.length() - 2))) {
      s = s.substring(0, s.length() - 2);
      log.add(Change.SPREADSHEET_DECIMAL);
    }
    String digits = stripSeparators(s, log);
    Problem shape = shapeProblem(digits);
    if (shape != null) {
      return Standardised.invalid(shape, log.list());
    }
    Standardised<String> result = classify(dropCountryCode(digits, log), defaultAreaCode, log);
    return result.usable() ? Standardised.of(result.value(), log.between(raw, result.value())) : result;
  }

  public static boolean isMobile(String standardised) {
    return standardised.length() == 11 && standardised.charAt(0) == '1' && standardised.charAt(1) >= '3'
        && Text.allDigits(standardised);
  }

  /** Mobiles as {@link Phones#mask} ("138****5678"); landlines keep the area code and last 4: "0755-****6789". */
  public static String mask(String standardised) {
    int dash = standardised.indexOf('-');
    if (dash < 0) {
      return Phones.mask(standardised);
    }
    String local = standardised.substring(dash + 1);
    int shown = Math.min(4, local.length());
    return standardised.substring(0, dash + 1) + "*".repeat(local.length() - shown) + local.substring(local.length() - shown);
  }

  private static String stripSeparators(String s, ChangeLog log) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Text.isSpace(c)) {
        log.add(Change.SPACES);
      } else if (Text.isHyphen(c)) {
        log.add(Change.HYPHENS);
      } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == '.') {
        log.add(Change.PUNCTUATION);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Null when {@code s} is an optional '+' followed by digits. */
  private static Problem shapeProblem(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == ',' || c == ';' || c == '、' || c == '|') {
        return new Problem("phone.several", "一个单元格里有多个号码，请拆分", "several numbers in one field; split them at the source");
      }
      if (!Text.isAsciiDigit(c) && !(c == '+' && i == 0)) {
        return new Problem("phone.character", "号码含非数字字符“" + c + "”（分机号、文字不受理）",
            "character '" + c + "' in a phone number (extensions and text are not accepted)");
      }
    }
    return s.isEmpty() || s.equals("+") ? new Problem("phone.empty", "号码中没有数字", "no digits in the phone number") : null;
  }

  private static String dropCountryCode(String s, ChangeLog log) {
    int prefix = s.startsWith("+86") ? 3 : s.startsWith("0086") ? 4
        : s.length() == 13 && s.startsWith("86") && isMobile(s.substring(2)) ? 2 : 0;
    if (prefix == 0) {
      return s;
    }
    log.add(Change.COUNTRY_CODE);
    String national = s.substring(prefix);
    // Abroad, the trunk 0 of an area code is dropped: +86 755 83456789, +86 10 62345678.
    boolean areaWithoutZero = !isMobile(national) && (national.startsWith("10") || !national.isEmpty() && national.charAt(0) >= '2');
    return areaWithoutZero ? "0" + national : national;
  }

  private static Standardised<String> classify(String s, String defaultAreaCode, ChangeLog log) {
    if (isMobile(s)) {
      return Standardised.of(s, log.list());
    }
    if (s.length() == 12 && s.startsWith("0") && isMobile(s.substring(1))) {
      log.add(Change.TRUNK_ZERO);
      return Standardised.of(s.substring(1), log.list());
    }
    if (s.startsWith("0")) {
      return landline(s, log);
    }
    if (isLocal(s) && defaultAreaCode != null) {
      log.add(Change.AREA_CODE_ADDED);
      return Standardised.of(defaultAreaCode + "-" + s, log.list());
    }
    return Standardised.invalid(problem(s), log.list());
  }

  private static Standardised<String> landline(String s, ChangeLog log) {
    int area = s.startsWith("010") || s.startsWith("02") ? 3 : 4;
    if (s.length() <= area || !isLocal(s.substring(area))) {
      return Standardised.invalid(new Problem("phone.landline", "固话应为区号（010、02x 为3位，其余4位）加7–8位本地号码，实为 " + s,
          "want an area code (3 digits for 010 and 02x, else 4) and a 7-8 digit local number starting 2-9, got " + s), log.list());
    }
    log.add(Change.AREA_CODE_SPLIT);
    return Standardised.of(s.substring(0, area) + "-" + s.substring(area), log.list());
  }

  private static boolean isLocal(String s) {
    return (s.length() == 7 || s.length() == 8) && s.charAt(0) >= '2' && Text.allDigits(s);
  }

  private static Problem problem(String s) {
    if (isLocal(s)) {
      return new Problem("phone.no_area_code", "本地号码 " + s + " 缺少区号", "local number " + s + " has no area code");
    }
    if (s.startsWith("+")) {
      return new Problem("phone.foreign", "不是中国大陆号码：" + s, "not a mainland China number: " + s);
    }
    if (s.length() == 11 && s.charAt(0) == '1') {
      return new Problem("phone.mobile_prefix", "手机号应以13–19开头，实为 " + s, "a mobile number starts 13-19, got " + s);
    }
    return new Problem("phone.length", "号码位数不对：" + s + "（" + s.length() + "位）", "not a mobile or landline number: " + s + " (" + s.length() + " digits)");
  }
}
