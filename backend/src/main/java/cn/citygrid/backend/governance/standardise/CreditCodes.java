package cn.citygrid.backend.governance.standardise;

import cn.citygrid.backend.standard.CreditCode;
import java.util.Locale;

/**
 * Unified social credit codes (GB 32100-2015) as departments export them. The letters I, O, Z, S
 * and V are not in the code's alphabet; when they appear we report it and never guess 1, 0, 2, 5
 * or U: a wrong guess would attach a record to a different organisation.
 */
public final class CreditCodes {
  private CreditCodes() {}

  /** NFKC, spaces/hyphens/quotes removed, upper-cased, then validated by {@link CreditCode#problem}. */
  public static Standardised<String> standardise(String raw) {
    if (Text.isMissing(raw)) {
      return Standardised.missing();
    }
    ChangeLog log = new ChangeLog();
    String code = Text.removeSpaces(Text.clean(raw, log), true, log);
    String upper = code.toUpperCase(Locale.ROOT);
    if (!upper.equals(code)) {
      log.add(Change.UPPER_CASE);
    }
    Problem problem = problem(upper);
    return problem == null ? Standardised.of(upper, log.between(raw, upper)) : Standardised.invalid(problem, log.list());
  }

  private static Problem problem(String code) {
    if (code.length() != 18) {
      return new Problem("credit.length", "统一社会信用代码应为18位，实为 " + code.length() + " 位",
          "want 18 characters, got " + code.length());
    }
    for (int i = 0; i < 18; i++) {
      char c = code.charAt(i);
      if (CreditCode.ALPHABET.indexOf(c) < 0) {
        String hint = "IOZSV".indexOf(c) >= 0 ? "（代码不使用 I、O、Z、S、V，不做猜测）" : "";
        return new Problem("credit.alphabet", "第 " + (i + 1) + " 位字符“" + c + "”不在代码字符集中" + hint,
            "character '" + c + "' at " + (i + 1) + " is not in the GB 32100 alphabet (I, O, Z, S, V are never used; not guessed)");
      }
    }
    return CreditCode.problem(code)
        .map(why -> new Problem("credit.check_char", "校验码为 " + code.charAt(17) + "，应为 " + CreditCode.checkChar(code), why))
        .orElse(null);
  }
}
