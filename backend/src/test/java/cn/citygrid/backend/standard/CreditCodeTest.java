package cn.citygrid.backend.standard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreditCodeTest {
  @Test
  void publishedExamples_areValid() {
    // Codes printed on public business licences.
    assertThat(CreditCode.problem("91350100M000100Y43")).isEmpty();
    assertThat(CreditCode.problem("91440300708461136T")).isEmpty();
  }

  @Test
  void alteredCharacter_failsTheCheck() {
    assertThat(CreditCode.problem("91350100M000100Y44")).get().asString().contains("want 3");
  }

  @Test
  void lettersOutsideTheAlphabet_areRefused() {
    assertThat(CreditCode.problem("91350100M0001O0Y43")).get().asString().contains("'O'");
  }

  @Test
  void of_buildsCodesThatValidate_withTheOrganisationCheckDigit() {
    String code = CreditCode.of('9', '1', "440304", "12345678");
    assertThat(CreditCode.isValid(code)).isTrue();
    // GB 11714: 12345678 → weights 3,7,9,10,5,8,4,2 sum 190, 11 - 190 mod 11 = 8
    assertThat(code.charAt(16)).isEqualTo('8');
  }
}
