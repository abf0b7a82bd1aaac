package cn.citygrid.backend.http;

import java.util.Locale;

/** User-facing text in Chinese first, with English available. */
public record Text(String zh, String en) {
  public static Text of(String zh, String en) {
    return new Text(zh, en);
  }

  public String in(Locale locale) {
    return "en".equals(locale.getLanguage()) ? en : zh;
  }
}
