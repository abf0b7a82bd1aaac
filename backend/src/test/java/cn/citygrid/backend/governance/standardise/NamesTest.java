package cn.citygrid.backend.governance.standardise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"张三", "欧阳娜娜", "阿依古丽·买买提", "John Smith", "J. Smith", "O'Brien", "Jean-Pierre Dupont",
      "𠈌明", "玛丽·安妮·居里", "José García"})
  void canonicalNames_areStandard(String name) {
    Standardised<String> r = Names.standardise(name);
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.STANDARD);
    assertThat(r.value()).isEqualTo(name);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      张 三                 | 张三              | spaces removed
      张　三                | 张三              | full-width→half-width
      ` 张三 `              | 张三              | spaces removed
      欧阳 娜娜             | 欧阳娜娜          | spaces removed
      阿依古丽•买买提       | 阿依古丽·买买提   | middle dot unified
      阿依古丽．买买提      | 阿依古丽·买买提   | middle dot unified
      阿依古丽.买买提       | 阿依古丽·买买提   | middle dot unified
      阿依古丽・买买提      | 阿依古丽·买买提   | middle dot unified
      阿依古丽‧买买提       | 阿依古丽·买买提   | middle dot unified
      阿依古丽∙买买提       | 阿依古丽·买买提   | middle dot unified
      阿依古丽 · 买买提     | 阿依古丽·买买提   | spaces removed
      阿依古丽··买买提      | 阿依古丽·买买提   | middle dot unified
      ·阿依古丽·买买提·     | 阿依古丽·买买提   | middle dot unified
      ＪＯＨＮ　ＳＭＩＴＨ  | JOHN SMITH        | full-width→half-width
      John   Smith          | John Smith        | spaces removed
      "李四"                | 李四              | quotes removed
      """)
  void dirtyNames_areStandardised(String raw, String want, String change) {
    Standardised<String> r = Names.standardise(raw);
    assertThat(r.status()).isEqualTo(Status.STANDARDISED);
    assertThat(r.value()).isEqualTo(want);
    assertThat(r.changes()).contains(change);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      张三1           | name.digit
      张三２          | name.digit
      李四(已故)      | name.character
      张三/李四       | name.character
      张-三           | name.character
      张              | name.too_short
      A               | name.too_short
      不详            | name.placeholder
      未知            | name.placeholder
      某某            | name.placeholder
      测试            | name.placeholder
      XXX             | name.placeholder
      张三先生@公司    | name.character
      """)
  void unusableNames_areInvalid(String raw, String code) {
    Standardised<String> r = Names.standardise(raw);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.problem().code()).isEqualTo(code);
  }

  @Test
  void zeroWidthSpaces_areRemoved_butControlCharactersMakeTheNameInvalid() {
    assertThat(Names.standardise("张\u200B三\uFEFF").value()).isEqualTo("张三");
    assertThat(Names.standardise("张三\u0007").problem().code()).isEqualTo("name.control");
    assertThat(Names.standardise("张\u0000三").problem().code()).isEqualTo("name.control");
  }

  @Test
  void thirtyCharacters_isTheLongestName() {
    assertThat(Names.standardise("买".repeat(30)).status()).isEqualTo(Status.STANDARD);
    assertThat(Names.standardise("买".repeat(31)).problem().code()).isEqualTo("name.too_long");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "NULL", "无", "-"})
  void blanks_areMissing(String raw) {
    assertThat(Names.standardise(raw).status()).isEqualTo(Status.MISSING);
  }

  @ParameterizedTest(name = "[{index}] {0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      张三              | 张*
      欧阳娜娜          | 欧***
      诸葛亮            | 诸**
      阿依古丽·买买提   | 阿*******
      John Smith        | J*********
      𠈌明              | 𠈌*
      """)
  void mask_keepsTheFirstCharacterAndStarsTheRest(String name, String masked) {
    assertThat(Names.mask(name)).isEqualTo(masked);
  }
}
