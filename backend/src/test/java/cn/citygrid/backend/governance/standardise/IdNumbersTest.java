package cn.citygrid.backend.governance.standardise;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.standard.CitizenId;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IdNumbersTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
  private static final String EXAMPLE = "11010519491231002X";

  @Test
  void standardsExample_isStandardAsIs() {
    Standardised<String> r = IdNumbers.standardise(EXAMPLE, TODAY);
    assertThat(r.status()).isEqualTo(Status.STANDARD);
    assertThat(r.value()).isEqualTo(EXAMPLE);
    assertThat(r.changes()).isEmpty();
    assertThat(IdNumbers.birthDate(r.value())).contains(LocalDate.of(1949, 12, 31));
    assertThat(IdNumbers.genderCode(r.value())).isEqualTo("2");
    assertThat(IdNumbers.mask(r.value())).isEqualTo("110105********002X");
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      11010519491231002x              | x→X
      １１０１０５１９４９１２３１００２Ｘ  | full-width→half-width
      １１０１０５１９４９１２３１００２ｘ  | x→X
      110105 19491231 002X            | spaces removed
      '  11010519491231002X  '        | quotes removed
      110105-19491231-002X            | hyphens removed
      110105－19491231－002X          | hyphens removed
      110105\u00A019491231\u00A0002X  | spaces removed
      \uFEFF11010519491231002X        | spaces removed
      11010519491231002×              | ×→X
      "11010519491231002X"            | quotes removed
      '11010519491231002X             | quotes removed
      110105491231002                 | 15→18
      110105 491231 002               | 15→18
      """)
  void dirtyInputs_areStandardisedToTheSameNumber_namingWhatWasDone(String raw, String change) {
    Standardised<String> r = IdNumbers.standardise(raw, TODAY);
    assertThat(r.status()).isEqualTo(Status.STANDARDISED);
    assertThat(r.value()).isEqualTo(EXAMPLE);
    assertThat(r.changes()).contains(change);
  }

  @Test
  void fifteenDigitNumber_isUpgradedWithCenturyAndCheckCharacter() {
    Standardised<String> r = IdNumbers.standardise("110105491231002", TODAY);
    assertThat(r.value()).isEqualTo("11010519491231002X");
    assertThat(r.changes()).containsExactly(Change.UPGRADED_15);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      110105194912310021   | id.check_char
      110105194902300021   | id.birth_date
      110105194913010020   | id.birth_date
      110105490230002      | id.birth_date
      1101051949123100     | id.format
      11010519491231002A   | id.format
      11010519491231002XX  | id.format
      1101051949123100３X  | id.check_char
      ABCDEFGHIJKLMNOPQR   | id.format
      1.10105E+17          | id.spreadsheet_number
      1.10105194912310E17  | id.spreadsheet_number
      """)
  void invalidNumbers_areInvalidWithTheReason(String raw, String code) {
    Standardised<String> r = IdNumbers.standardise(raw, TODAY);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.value()).isNull();
    assertThat(r.problem().code()).isEqualTo(code);
  }

  @Test
  void wrongCheckCharacter_namesTheExpectedOne_inBothLanguages() {
    Problem p = IdNumbers.standardise("110105194912310021", TODAY).problem();
    assertThat(p.zh()).contains("应为 X");
    assertThat(p.en()).contains("want X");
  }

  @Test
  void birthDateAfterToday_isInvalid_evenWithARightCheckCharacter() {
    String bornNextWeek = CitizenId.of("440304", TODAY.plusDays(7), 12);
    String bornLastWeek = CitizenId.of("440304", TODAY.minusDays(7), 12);
    assertThat(IdNumbers.standardise(bornNextWeek, TODAY).problem().code()).isEqualTo("id.birth_in_future");
    assertThat(IdNumbers.standardise(bornLastWeek, TODAY.minusDays(8)).problem().code()).isEqualTo("id.birth_in_future");
    assertThat(IdNumbers.standardise(bornLastWeek, TODAY).status()).isEqualTo(Status.STANDARD);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\u3000", "NULL", "null", "N/A", "-", "/", "无", "暂无"})
  void blanksAndPlaceholders_areMissing(String raw) {
    assertThat(IdNumbers.standardise(raw, TODAY).status()).isEqualTo(Status.MISSING);
  }

  @Test
  void validity_agreesWithCitizenId_forRandomNumbersAndOneDigitMutations() {
    Random random = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      String id = CitizenId.of("4403" + String.format("%02d", random.nextInt(12)),
          LocalDate.of(1930, 1, 1).plusDays(random.nextInt(30_000)), random.nextInt(1000));
      char[] mutated = id.toCharArray();
      mutated[random.nextInt(17)] = (char) ('0' + random.nextInt(10));
      for (String candidate : new String[] {id, new String(mutated)}) {
        assertThat(IdNumbers.standardise(candidate, TODAY).usable()).as(candidate).isEqualTo(CitizenId.isValid(candidate));
      }
    }
  }
}
