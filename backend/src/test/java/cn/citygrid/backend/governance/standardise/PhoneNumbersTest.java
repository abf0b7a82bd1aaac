package cn.citygrid.backend.governance.standardise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {
  @ParameterizedTest
  @ValueSource(strings = {"13812345678", "19912345678", "0755-83456789", "010-62345678", "020-87654321", "0755-8345678"})
  void canonicalNumbers_areStandard(String phone) {
    Standardised<String> r = PhoneNumbers.standardise(phone);
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.STANDARD);
    assertThat(r.value()).isEqualTo(phone);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      138 1234 5678          | 13812345678   | spaces removed
      138-1234-5678          | 13812345678   | hyphens removed
      １３８１２３４５６７８   | 13812345678   | full-width→half-width
      +86 138 1234 5678      | 13812345678   | country code removed
      +8613812345678         | 13812345678   | country code removed
      008613812345678        | 13812345678   | country code removed
      8613812345678          | 13812345678   | country code removed
      (+86)13812345678       | 13812345678   | country code removed
      13812345678.0          | 13812345678   | spreadsheet '.0' removed
      013812345678           | 13812345678   | leading 0 before mobile removed
      '13812345678           | 13812345678   | quotes removed
      (0755)83456789         | 0755-83456789 | brackets/dots removed
      （0755）83456789        | 0755-83456789 | full-width→half-width
      075583456789           | 0755-83456789 | area code separated
      0755 8345 6789         | 0755-83456789 | spaces removed
      0755.8345.6789         | 0755-83456789 | brackets/dots removed
      0755－83456789         | 0755-83456789 | full-width→half-width
      02087654321            | 020-87654321  | area code separated
      01062345678            | 010-62345678  | area code separated
      +86 755 83456789       | 0755-83456789 | country code removed
      +86-10-62345678        | 010-62345678  | country code removed
      0086 20 87654321       | 020-87654321  | country code removed
      """)
  void dirtyNumbers_areStandardised(String raw, String want, String change) {
    Standardised<String> r = PhoneNumbers.standardise(raw);
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.STANDARDISED);
    assertThat(r.value()).isEqualTo(want);
    assertThat(r.changes()).contains(change);
  }

  @Test
  void localNumberWithoutAreaCode_isInvalid_unlessTheSourceGivesOne() {
    assertThat(PhoneNumbers.standardise("83456789").problem().code()).isEqualTo("phone.no_area_code");
    Standardised<String> r = PhoneNumbers.standardise("8345 6789", "0755");
    assertThat(r.value()).isEqualTo("0755-83456789");
    assertThat(r.changes()).contains(Change.AREA_CODE_ADDED);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      12812345678                 | phone.mobile_prefix
      10012345678                 | phone.mobile_prefix
      1381234567                  | phone.length
      138123456789                | phone.length
      13812345678/13912345678     | phone.several
      13812345678，13912345678     | phone.several
      13812345678、0755-83456789   | phone.several
      0755-83456789转8001          | phone.character
      0755-83456789 ext 8001       | phone.character
      电话13812345678              | phone.character
      +1 415 555 0100             | phone.foreign
      0755-1345678                | phone.landline
      0755-834567890              | phone.landline
      010-12345678                | phone.landline
      12345                       | phone.length
      1.3812345678E10             | phone.character
      ()                          | phone.empty
      """)
  void unusableNumbers_areInvalid(String raw, String code) {
    Standardised<String> r = PhoneNumbers.standardise(raw);
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.INVALID);
    assertThat(r.problem().code()).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "NULL", "无", "-", "/"})
  void blanks_areMissing(String raw) {
    assertThat(PhoneNumbers.standardise(raw).status()).isEqualTo(Status.MISSING);
  }

  @Test
  void mask_hidesTheMiddleOfMobiles_andTheLocalNumberOfLandlines() {
    assertThat(PhoneNumbers.mask("13812345678")).isEqualTo("138****5678");
    assertThat(PhoneNumbers.mask("0755-83456789")).isEqualTo("0755-****6789");
    assertThat(PhoneNumbers.mask("010-6234567")).isEqualTo("010-***4567");
  }

  @Test
  void isMobile_tellsMobilesFromLandlines() {
    assertThat(PhoneNumbers.isMobile("13812345678")).isTrue();
    assertThat(PhoneNumbers.isMobile("0755-83456789")).isFalse();
  }
}
