package cn.citygrid.backend.portrait;

import cn.citygrid.backend.governance.standardise.Code;
import cn.citygrid.backend.governance.standardise.Dictionaries;
import cn.citygrid.backend.governance.standardise.Dictionary;
import io.vertx.core.json.JsonObject;

/** Stored codes shown with their names: {"code":"01","name":"汉族","nameEn":"Han"}. */
final class CodeNames {
  private CodeNames() {}

  static JsonObject gender(String code) {
    return named(Dictionaries.GENDER, code);
  }

  static JsonObject ethnicity(String code) {
    return named(Dictionaries.ETHNICITY, code);
  }

  static JsonObject relation(String code) {
    return named(Dictionaries.RELATION, code);
  }

  static JsonObject careFlag(String code) {
    return named(Dictionaries.CARE_FLAG, code);
  }

  private static JsonObject named(Dictionary dictionary, String code) {
    if (code == null) {
      return null;
    }
    Code c = dictionary.byCode(code.trim()).orElse(new Code(code, code, code));
    return new JsonObject().put("code", c.code()).put("name", c.nameZh()).put("nameEn", c.nameEn());
  }
}
