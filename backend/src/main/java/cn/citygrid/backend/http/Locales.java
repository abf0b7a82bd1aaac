package cn.citygrid.backend.http;

import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/** Chinese first: English only when the caller's Accept-Language prefers it. */
public final class Locales {
  private Locales() {}

  public static Locale of(RoutingContext ctx) {
    List<LanguageHeader> languages = ctx.acceptableLanguages();
    for (LanguageHeader language : languages) {
      String tag = language.tag();
      if ("zh".equalsIgnoreCase(tag)) {
        return Locale.SIMPLIFIED_CHINESE;
      }
      if ("en".equalsIgnoreCase(tag)) {
        return Locale.ENGLISH;
      }
    }
    return Locale.SIMPLIFIED_CHINESE;
  }
}
