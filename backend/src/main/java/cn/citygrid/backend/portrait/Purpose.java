package cn.citygrid.backend.portrait;

import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Text;
import java.util.Arrays;
import java.util.List;

/** Why a caller reads a person's data. Stated with {@code ?purpose=}; logged with every read. */
public enum Purpose {
  BROWSE("browse", "一般查看", "Browsing"),
  VISIT("visit", "入户走访", "Household visit"),
  CARE("care", "关爱服务", "Care services"),
  CASE("case", "事件处置", "Case handling"),
  VERIFICATION("verification", "身份核验", "Identity verification"),
  DATA_CORRECTION("data-correction", "数据治理", "Data correction"),
  STATISTICS("statistics", "统计分析", "Statistics"),
  OFFLINE("offline", "离线工作集", "Offline working set on a worker's phone");

  private final String code;
  private final Text label;

  Purpose(String code, String zh, String en) {
    this.code = code;
    this.label = Text.of(zh, en);
  }

  public String code() {
    return code;
  }

  public Text label() {
    return label;
  }

  /** No purpose stated is browsing; an unknown one is a validation error, not silently browsing. */
  public static Purpose parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return BROWSE;
    }
    return Arrays.stream(values()).filter(p -> p.code.equals(raw)).findFirst().orElseThrow(() ->
        DomainException.validation(List.of(new DomainException.FieldError("purpose", "enum",
            Text.of("用途应为 " + codes() + " 之一", "purpose must be one of " + codes())))));
  }

  static List<String> codes() {
    return Arrays.stream(values()).map(Purpose::code).toList();
  }
}
