package cn.citygrid.backend.standard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CitizenIdTest {
  @Test
  void standardsExample_isValid() {
    // GB 11643-1999's own example: 北京市朝阳区, born 1949-12-31, sequence 002 (female), check X.
    assertThat(CitizenId.problem("11010519491231002X")).isEmpty();
    assertThat(CitizenId.genderCode("11010519491231002X")).isEqualTo("2");
    assertThat(CitizenId.birthDate("11010519491231002X")).contains(LocalDate.of(1949, 12, 31));
  }

  @Test
  void wrongCheckCharacter_isNamed() {
    assertThat(CitizenId.problem("110105194912310021")).contains("check character is 1, want X");
  }

  @Test
  void impossibleBirthDate_lowerCaseX_andShortNumbers_areInvalid() {
    assertThat(CitizenId.problem("110105194902300021")).get().asString().contains("does not exist");
    assertThat(CitizenId.isValid("11010519491231002x")).isFalse();
    assertThat(CitizenId.isValid("1101051949123100")).isFalse();
  }

  @Test
  void of_buildsNumbersThatValidate_withGenderInTheSequence() {
    String id = CitizenId.of("440304", LocalDate.of(1990, 2, 28), 123);
    assertThat(CitizenId.isValid(id)).isTrue();
    assertThat(CitizenId.genderCode(id)).isEqualTo("1");
  }

  @Test
  void upgrade15_insertsTheCenturyAndAddsTheCheckCharacter() {
    assertThat(CitizenId.upgrade15("110105491231002")).isEqualTo("11010519491231002X");
  }

  @Test
  void mask_keepsRegionAndLastFour() {
    assertThat(CitizenId.mask("11010519491231002X")).isEqualTo("110105********002X");
  }
}
