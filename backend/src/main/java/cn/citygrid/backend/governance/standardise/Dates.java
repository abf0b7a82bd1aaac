package cn.citygrid.backend.governance.standardise;

import java.time.LocalDate;
import java.time.Year;

/**
 * Calendar dates in the forms departments export: {@code 2026-11-27}, {@code 2026/11/27},
 * {@code 2026.11.27}, {@code 2026-1-5}, {@code 20261127}, {@code 2026年11月27日}, full-width
 * digits, date-times ({@code 2026-11-27T08:30:00+08:00}, {@code 2026/11/27 08:30}; the date part
 * is taken as written, without time-zone conversion) and, for spreadsheet sources only, Excel
 * serial numbers ({@code 46353} = 2026-11-27).
 *
 * <p>Day-first or two-digit-year forms ({@code 27/11/2026}, {@code 26-11-27}), dates without a
 * day, Chinese-numeral dates, impossible dates, years before 1900 and dates after {@code today}
 * are invalid: none of them can be read without guessing.
 */
public final class Dates {
  /** Where the raw text came from: only spreadsheet cells may hold Excel serial numbers. */
  public enum Source { TEXT, SPREADSHEET }

  public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
  /** Excel's day 0 for serials after its phantom 1900-02-29 (serial 60). */
  private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

  private record Ymd(int year, int month, int day) {}

  private Dates() {}

  public static Standardised<LocalDate> standardise(String raw, LocalDate today) {
    return standardise(raw, today, Source.TEXT);
  }

  public static Standardised<LocalDate> standardise(String raw, LocalDate today, Source source) {
    if (Text.isMissing(raw)) {
      return Standardised.missing();
    }
    ChangeLog log = new ChangeLog();
    String s = dropTime(Text.clean(raw, log), log);
    if (source == Source.SPREADSHEET && isSerial(s)) {
      return checked(serial(s, log), today, raw, log);
    }
    Ymd ymd = Text.allDigits(s) && s.length() == 8 ? compact(s, log) : separated(s, log);
    if (ymd == null) {
      return Standardised.invalid(formatProblem(s, source), log.list());
    }
    if (ymd.month < 1 || ymd.month > 12 || ymd.day < 1 || ymd.day > Year.of(ymd.year).atMonth(ymd.month).lengthOfMonth()) {
      String text = ymd.year + "-" + ymd.month + "-" + ymd.day;
      return Standardised.invalid(new Problem("date.impossible", "日期 " + text + " 不存在", "date " + text + " does not exist"), log.list());
    }
    return checked(LocalDate.of(ymd.year, ymd.month, ymd.day), today, raw, log);
  }

  private static Standardised<LocalDate> checked(LocalDate date, LocalDate today, String raw, ChangeLog log) {
    if (date == null) {
      return Standardised.invalid(new Problem("date.serial", "表格序列号不对应任何日期（1900-02-29 不存在）",
          "the spreadsheet serial is not a date (1900-02-29 does not exist)"), log.list());
    }
    if (date.isBefore(EARLIEST)) {
      return Standardised.invalid(new Problem("date.too_early", "日期 " + date + " 早于 1900 年", "date " + date + " is before 1900"), log.list());
    }
    if (date.isAfter(today)) {
      return Standardised.invalid(new Problem("date.future", "日期 " + date + " 晚于今天 " + today,
          "date " + date + " is after today, " + today), log.list());
    }
    return Standardised.of(date, log.between(raw, date.toString()));
  }

  /** Cuts a time of day after 'T' or a space: "2026-11-27T08:30:00+08:00", "2026/11/27 8:30". */
  private static String dropTime(String s, ChangeLog log) {
    for (int i = 6; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 'T' || Text.isSpace(c)) {
        int j = i + 1;
        while (j < s.length() && Text.isSpace(s.charAt(j))) {
          j++;
        }
        int digits = 0;
        while (j + digits < s.length() && Text.isAsciiDigit(s.charAt(j + digits))) {
          digits++;
        }
        if (digits >= 1 && digits <= 2 && j + digits < s.length() && s.charAt(j + digits) == ':') {
          log.add(Change.TIME_DROPPED);
          return Text.trim(s.substring(0, i));
        }
      }
    }
    return s;
  }

  private static Ymd compact(String s, ChangeLog log) {
    log.add(Change.COMPACT_DATE);
    return new Ymd(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 4, 6, 10), Integer.parseInt(s, 6, 8, 10));
  }

  /** year SEP month SEP day, SEP one of - / . or 年 月 (日); null when it is not that shape. */
  private static Ymd separated(String s, ChangeLog log) {
    DateScanner in = new DateScanner(s, log);
    int year = in.number(4, 4);
    char first = in.separator();
    int month = in.number(1, 2);
    char second = in.separator();
    int day = in.number(1, 2);
    boolean chinese = first == '年' && second == '月';
    if (chinese) {
      in.optional('日', '号');
    }
    boolean consistent = chinese || first != 0 && first != '年' && first != '月' && second == first;
    if (year < 0 || month < 0 || day < 0 || !consistent || !in.atEnd()) {
      return null;
    }
    if (first != '-') {
      log.add(chinese ? Change.CHINESE_DATE : Change.DATE_SEPARATORS);
    }
    return new Ymd(year, month, day);
  }

  private static boolean isSerial(String s) {
    int dot = s.indexOf('.');
    String whole = dot < 0 ? s : s.substring(0, dot);
    boolean fraction = dot < 0 || Text.allDigits(s.substring(dot + 1));
    return whole.length() >= 1 && whole.length() <= 6 && Text.allDigits(whole) && fraction;
  }

  /** Excel's 1900 date system, including its phantom 1900-02-29 (serial 60): null for that one. */
  private static LocalDate serial(String s, ChangeLog log) {
    int dot = s.indexOf('.');
    if (dot >= 0) {
      boolean timeOfDay = s.substring(dot + 1).chars().anyMatch(c -> c != '0');
      log.add(timeOfDay ? Change.TIME_DROPPED : Change.SPREADSHEET_DECIMAL);
    }
    int days = Integer.parseInt(dot < 0 ? s : s.substring(0, dot));
    log.add(Change.EXCEL_SERIAL);
    if (days == 60) {
      return null;
    }
    return days < 60 ? EXCEL_EPOCH.plusDays(days + 1L) : EXCEL_EPOCH.plusDays(days);
  }

  private static Problem formatProblem(String s, Source source) {
    String hint = source == Source.TEXT && Text.allDigits(s) ? "; if it came from a spreadsheet cell, standardise it as Source.SPREADSHEET" : "";
    String zhHint = hint.isEmpty() ? "" : "；若来自表格单元格，请按表格来源处理";
    return new Problem("date.format", "无法识别的日期“" + s + "”（应为 年-月-日）" + zhHint,
        "\"" + s + "\" is not a year-month-day date" + hint);
  }

  /** Reads a date left to right, skipping spaces and noting them as a change. */
  private static final class DateScanner {
    private final String s;
    private final ChangeLog log;
    private int pos;

    DateScanner(String s, ChangeLog log) {
      this.s = s;
      this.log = log;
    }

    /** The next run of {@code min..max} digits, or -1. */
    int number(int min, int max) {
      skipSpaces();
      int start = pos;
      while (pos < s.length() && pos - start < max + 1 && Text.isAsciiDigit(s.charAt(pos))) {
        pos++;
      }
      int length = pos - start;
      if (length < min || length > max) {
        return -1;
      }
      if (length < max && max == 2) {
        log.add(Change.ZERO_PADDED);
      }
      return Integer.parseInt(s, start, pos, 10);
    }

    char separator() {
      skipSpaces();
      if (pos < s.length() && "-/.年月".indexOf(s.charAt(pos)) >= 0) {
        return s.charAt(pos++);
      }
      return 0;
    }

    void optional(char a, char b) {
      skipSpaces();
      if (pos < s.length() && (s.charAt(pos) == a || s.charAt(pos) == b)) {
        pos++;
      }
    }

    boolean atEnd() {
      skipSpaces();
      return pos == s.length();
    }

    private void skipSpaces() {
      while (pos < s.length() && Text.isSpace(s.charAt(pos))) {
        log.add(Change.SPACES);
        pos++;
      }
    }
  }
}
