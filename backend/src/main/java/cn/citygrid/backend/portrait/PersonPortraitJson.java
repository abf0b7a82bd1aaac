package cn.citygrid.backend.portrait;

import cn.citygrid.backend.config.DataKeysConfig;
import cn.citygrid.backend.standard.CityDay;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.util.Set;

/** The portrait row as the JSON answer, with personal fields in clear only where disclosed. */
final class PersonPortraitJson {
  static final byte[] ID_AAD = "grid.person.id_number".getBytes(StandardCharsets.UTF_8);
  static final byte[] PHONE_AAD = "grid.person.phone".getBytes(StandardCharsets.UTF_8);

  private PersonPortraitJson() {}

  static JsonObject of(Row row, Set<Disclosure.Field> clear, DataKeysConfig keys, Purpose purpose) {
    boolean name = clear.contains(Disclosure.Field.NAME);
    LocalDate birth = row.getLocalDate("birth_date");
    JsonObject person = new JsonObject()
        .put("id", row.getLong("id"))
        .put("name", name ? row.getString("name") : Disclosure.maskName(row.getString("name")))
        .put("idNumber", PersonPortraits.decryptOrMask(row, "id_number_enc", "id_number_mask",
            clear.contains(Disclosure.Field.ID_NUMBER), keys, ID_AAD))
        .put("phone", PersonPortraits.decryptOrMask(row, "phone_enc", "phone_mask",
            clear.contains(Disclosure.Field.PHONE), keys, PHONE_AAD))
        .put("gender", CodeNames.gender(row.getString("gender")))
        .put("birthDate", birth == null ? null : birth.toString())
        .put("age", birth == null ? null : Period.between(birth, CityDay.today()).getYears())
        .put("ethnicity", CodeNames.ethnicity(row.getString("ethnicity")))
        .put("registeredRegion", row.getString("registered_region"))
        .put("careFlags", careFlags(row.getArrayOfStrings("care_flags")))
        .put("confirmedAt", row.getOffsetDateTime("confirmed_at") == null ? null : row.getOffsetDateTime("confirmed_at").toString());
    return new JsonObject()
        .put("person", person)
        .put("disclosure", new JsonObject().put("purpose", purpose.code())
            .put("clear", new JsonArray(clear.stream().map(f -> f.name().toLowerCase()).sorted().toList())))
        .put("household", household(row.getString("household"), name))
        .put("residences", array(row.getString("residences")))
        .put("enterprises", array(row.getString("enterprises")))
        .put("visits", array(row.getString("visits")))
        .put("issues", array(row.getString("issues")))
        .put("provenance", provenance(row.getString("provenance")))
        .put("coordinates", "CGCS2000");
  }

  private static JsonArray careFlags(String[] flags) {
    JsonArray out = new JsonArray();
    if (flags != null) {
      for (String f : flags) {
        out.add(CodeNames.careFlag(f));
      }
    }
    return out;
  }

  /** Members of the household appear with masked names unless names are disclosed for this purpose. */
  private static JsonObject household(String json, boolean clearNames) {
    if (json == null) {
      return null;
    }
    JsonObject h = new JsonObject(json);
    JsonArray members = h.getJsonArray("members") == null ? new JsonArray() : h.getJsonArray("members");
    h.put("members", members);
    for (int i = 0; i < members.size(); i++) {
      JsonObject m = members.getJsonObject(i);
      if (!clearNames) {
        m.put("name", Disclosure.maskName(m.getString("name")));
      }
      m.put("relation", CodeNames.relation(m.getString("relation")));
    }
    h.put("relation", CodeNames.relation(h.getString("relation")));
    return h;
  }

  /**
   * {"name": {"source", "batch", "row", "trust", "at", "visit"}, …}: where each golden value came from,
   * from a {@code provenance} column as {@code gov.prov} (V5) writes it; persons' and enterprises' alike.
   */
  static JsonObject provenance(String json) {
    JsonObject out = new JsonObject();
    new JsonObject(json).forEach(e -> {
      JsonObject p = (JsonObject) e.getValue();
      out.put(e.getKey(), new JsonObject().put("source", p.getString("s")).put("batch", p.getLong("b"))
          .put("row", p.getInteger("r")).put("trust", p.getInteger("t")).put("at", p.getString("at"))
          .put("visit", p.getBoolean("v", false)));
    });
    return out;
  }

  private static JsonArray array(String json) {
    return json == null ? new JsonArray() : new JsonArray(json);
  }
}
