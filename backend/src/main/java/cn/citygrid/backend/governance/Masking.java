package cn.citygrid.backend.governance;

import cn.citygrid.backend.standard.CitizenId;
import cn.citygrid.backend.standard.Phones;
import cn.citygrid.backend.portrait.Disclosure;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Source rows shown back to people: the cells the source's mapping names as ID numbers, phones and
 * names are masked by what they are, however a department wrote them (full-width, spaced, 15
 * digits, "+86 138-0013-8000"), names unless disclosed; ID and mobile numbers are masked wherever
 * else they appear.
 */
final class Masking {
  private static final Pattern ID = Pattern.compile("(?<![0-9])([0-9]{6})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9])");
  private static final Pattern MOBILE = Pattern.compile("(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])");
  private static final Set<String> ID_FIELDS = Set.of("id_number", "legal_rep_id_number");

  private Masking() {}

  /** {@code columns}: the source mapping's column → field; {@code clearNames}: whether names are disclosed. */
  static JsonObject raw(String json, JsonObject columns, boolean clearNames) {
    JsonObject row = new JsonObject(json);
    row.forEach(e -> {
      if (e.getValue() instanceof String s) {
        // a column the mapping does not name is no field ("": Set.contains refuses null)
        String field = columns.getString(e.getKey(), "");
        e.setValue(ID_FIELDS.contains(field) ? CitizenId.mask(s.strip())
            : "phone".equals(field) ? Phones.mask(s.strip())
            : GovernanceQueries.NAME_FIELDS.contains(field) && !clearNames ? Disclosure.maskName(s.strip())
            : mask(s));
      }
    });
    return row;
  }

  static String mask(String s) {
    return MOBILE.matcher(ID.matcher(s).replaceAll("$1********$2")).replaceAll("$1****$2");
  }
}
