package cn.citygrid.backend.governance.standardise;

import cn.citygrid.backend.standard.CitizenId;
import cn.citygrid.backend.standard.CityDay;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Citizen identification numbers (GB 11643-1999) as departments export them: full-width, with
 * spaces or hyphens, a lower-case or "×" check character, 15-digit first-generation numbers.
 * Validation is {@link CitizenId#problem}'s; this class only cleans up and classifies.
 */
public final class IdNumbers {
  private IdNumbers() {}

  /** Standardises against the real clock; use {@link #standardise(String, LocalDate)} in tests. */
  public static Standardised<String> standardise(String raw) {
    return standardise(raw, CityDay.today());
  }

  /**
   * NFKC, spaces/hyphens/quotes removed, x or × → X, 15 → 18 digits, then validated: 17 digits and
   * a check character, a real birth date not after {@code today}, the right check character.
   */
  public static Standardised<String> standardise(String raw, LocalDate today) {
    if (Text.isMissing(raw)) {
      return Standardised.missing();
    }
    ChangeLog log = new ChangeLog();
    String id = Text.clean(raw, log);
    if (id.indexOf('E') > 0 && id.indexOf('.') > 0 || id.indexOf('e') > 0 && id.indexOf('.') > 0) {
      return Standardised.invalid(new Problem("id.spreadsheet_number",
          "身份证号被表格软件存成了科学计数法数字（" + id + "），末几位已丢失，请按文本重新导出",
          "a spreadsheet stored the number as " + id + ", losing its last digits; re-export the column as text"), log.list());
    }
    id = upperCheckChar(Text.removeSpaces(id, true, log), log);
    if (id.length() == 15 && Text.allDigits(id)) {
      id = CitizenId.upgrade15(id);
      log.add(Change.UPGRADED_15);
    }
    Problem problem = problem(id, today);
    return problem == null ? Standardised.of(id, log.between(raw, id)) : Standardised.invalid(problem, log.list());
  }

  /** Birth date of a standardised (valid, 18-character) number. */
  public static Optional<LocalDate> birthDate(String id) {
    return CitizenId.birthDate(id);
  }

  /** GB/T 2261.1 gender code of a standardised number: "1" male, "2" female. */
  public static String genderCode(String id) {
    return CitizenId.genderCode(id);
  }

  public static String mask(String id) {
    return CitizenId.mask(id);
  }

  private static String upperCheckChar(String id, ChangeLog log) {
    if (id.isEmpty()) {
      return id;
    }
    char last = id.charAt(id.length() - 1);
    if (last == 'x' || last == '×') {
      log.add(last == 'x' ? Change.LOWER_X : Change.TIMES_X);
      return id.substring(0, id.length() - 1) + 'X';
    }
    return id;
  }

  /** Null when {@code id} is a valid 18-character number born on or before {@code today}. */
  private static Problem problem(String id, LocalDate today) {
    if (!hasShape(id)) {
      return new Problem("id.format", "身份证号应为18位（17位数字加数字或X）或15位数字，实为“" + id + "”（" + id.length() + "位）",
          "want 17 digits and a digit or X (or a 15-digit first-generation number), got \"" + id + "\" (" + id.length() + " characters)");
    }
    Optional<String> why = CitizenId.problem(id);
    Optional<LocalDate> birth = CitizenId.birthDate(id);
    String birthText = id.substring(6, 14);
    if (birth.isEmpty()) {
      return new Problem("id.birth_date", "出生日期 " + birthText + " 不存在", why.orElse("birth date " + birthText + " does not exist"));
    }
    if (birth.get().isAfter(today) || why.isPresent() && why.get().endsWith("in the future")) {
      return new Problem("id.birth_in_future", "出生日期 " + birthText + " 晚于今天", "birth date " + birthText + " is in the future");
    }
    if (why.isPresent()) {
      return new Problem("id.check_char", "校验码为 " + id.charAt(17) + "，应为 " + CitizenId.checkChar(id), why.get());
    }
    return null;
  }

  private static boolean hasShape(String id) {
    if (id.length() != 18) {
      return false;
    }
    for (int i = 0; i < 17; i++) {
      if (!Text.isAsciiDigit(id.charAt(i))) {
        return false;
      }
    }
    return Text.isAsciiDigit(id.charAt(17)) || id.charAt(17) == 'X';
  }
}
