package cn.citygrid.backend.governance;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/** Source rows shown back to people have ID numbers and phone numbers masked wherever they appear. */
final class Masking {
  private static final Pattern ID = Pattern.compile("(?<![0-9])([0-9]{6})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9])");
  private static final Pattern MOBILE = Pattern.compile("(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])");

  private Masking() {}

  static JsonObject raw(String json) {
    JsonObject row = new JsonObject(json);
    row.forEach(e -> {
      if (e.getValue() instanceof String s) {
        e.setValue(mask(s));
      }
    });
    return row;
  }

  static String mask(String s) {
    return MOBILE.matcher(ID.matcher(s).replaceAll("$1********$2")).replaceAll("$1****$2");
  }
}
