package cn.citygrid.backend.governance.standardise;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.standard.CreditCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodesTest {
  private static final String CODE = "91440300708461136T";

  @ParameterizedTest
  @ValueSource(strings = {"91350100M000100Y43", "91440300708461136T"})
  void publishedCodes_areStandardAsIs(String code) {
    Standardised<String> r = CreditCodes.standardise(code);
    assertThat(r.status()).isEqualTo(Status.STANDARD);
    assertThat(r.value()).isEqualTo(code);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      91440300708461136t          | lower→upper case
      ９１４４０３００７０８４６１１３６Ｔ | full-width→half-width
      9144 0300 7084 6113 6T      | spaces removed
      91440300-70846113-6T        | hyphens removed
      ' 91440300708461136T'       | quotes removed
      '91440300708461136T         | quotes removed
      """)
  void dirtyInputs_areStandardised(String raw, String change) {
    Standardised<String> r = CreditCodes.standardise(raw);
    assertThat(r.status()).isEqualTo(Status.STANDARDISED);
    assertThat(r.value()).isEqualTo(CODE);
    assertThat(r.changes()).contains(change);
  }

  @Test
  void lowerCaseMarketRegulationCode_isUpperCased() {
    String built = CreditCode.of('9', '1', "440304", "MA5FXY1K");
    assertThat(CreditCodes.standardise(built.toLowerCase()).value()).isEqualTo(built);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      9144030070846113          | credit.length
      91440300708461136T1       | credit.length
      914403OO708461136T        | credit.alphabet
      91440300708461I36T        | credit.alphabet
      91440300708461136S        | credit.alphabet
      91440300708461136A        | credit.check_char
      91440300708461137T        | credit.check_char
      """)
  void invalidCodes_areInvalid_andLettersOAndIAreNeverGuessed(String raw, String code) {
    Standardised<String> r = CreditCodes.standardise(raw);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.problem().code()).isEqualTo(code);
  }

  @Test
  void letterO_isReportedWithTheReasonNotFixed() {
    Problem p = CreditCodes.standardise("914403OO708461136T").problem();
    assertThat(p.zh()).contains("“O”").contains("不做猜测");
    assertThat(p.en()).contains("'O' at 7");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "无", "NULL"})
  void blanks_areMissing(String raw) {
    assertThat(CreditCodes.standardise(raw).status()).isEqualTo(Status.MISSING);
  }
}
