package cn.citygrid.backend.governance;

import cn.citygrid.backend.governance.standardise.CreditCodes;
import cn.citygrid.backend.governance.standardise.IdNumbers;
import cn.citygrid.backend.http.DomainException;
import cn.citygrid.backend.http.Text;
import java.util.List;

/** ID numbers and credit codes typed by people (in paths and searches), standardised like imported ones. */
public final class IdLookup {
  private IdLookup() {}

  /** 15 or 18 characters of digits (an X last), once full-width forms, spaces and hyphens are set aside. */
  public static boolean looksLikeIdNumber(String q) {
    String compact = java.text.Normalizer.normalize(q, java.text.Normalizer.Form.NFKC).replaceAll("[\\s\\-]", "");
    return compact.matches("[0-9]{15}|[0-9]{17}[0-9Xx]");
  }

  /** The 18-digit number, or a 400 naming what is wrong with it. */
  public static String idNumber(String raw) {
    var s = IdNumbers.standardise(raw);
    if (s.value() == null) {
      throw DomainException.validation(List.of(new DomainException.FieldError("idNumber", "invalid",
          Text.of("身份证号码不合法：" + zh(s.problem()), "Not a valid ID number: " + en(s.problem())))));
    }
    return s.value();
  }

  public static String creditCode(String raw) {
    var s = CreditCodes.standardise(raw);
    if (s.value() == null) {
      throw DomainException.validation(List.of(new DomainException.FieldError("creditCode", "invalid",
          Text.of("统一社会信用代码不合法：" + zh(s.problem()), "Not a valid credit code: " + en(s.problem())))));
    }
    return s.value();
  }

  private static String zh(cn.citygrid.backend.governance.standardise.Problem p) {
    return p == null ? "为空" : p.zh();
  }

  private static String en(cn.citygrid.backend.governance.standardise.Problem p) {
    return p == null ? "empty" : p.en();
  }
}
