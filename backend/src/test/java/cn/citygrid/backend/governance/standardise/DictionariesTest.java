package cn.citygrid.backend.governance.standardise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DictionariesTest {
  @ParameterizedTest(name = "[{index}] {0} → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      1          | 1
      男         | 1
      男性       | 1
      M          | 1
      m          | 1
      Male       | 1
      MALE       | 1
      ` 男 `     | 1
      Ｍ         | 1
      １         | 1
      2          | 2
      女         | 2
      女性       | 2
      F          | 2
      female     | 2
      Ｆｅｍａｌｅ | 2
      0          | 0
      未知       | 0
      不详       | 0
      unknown    | 0
      9          | 9
      未说明     | 9
      未说明的性别 | 9
      """)
  void gender_acceptsCodesNamesAndLetters(String raw, String code) {
    assertThat(Dictionaries.GENDER.lookup(raw)).map(Code::code).contains(code);
  }

  @Test
  void gender_exactCodeIsStandard_labelIsStandardised_restIsInvalid() {
    assertThat(Dictionaries.GENDER.standardise("1").status()).isEqualTo(Status.STANDARD);
    Standardised<Code> male = Dictionaries.GENDER.standardise("男");
    assertThat(male.status()).isEqualTo(Status.STANDARDISED);
    assertThat(male.changes()).containsExactly(Change.LABEL_TO_CODE);
    assertThat(male.value()).isEqualTo(new Code("1", "男性", "male"));
    Standardised<Code> other = Dictionaries.GENDER.standardise("X");
    assertThat(other.status()).isEqualTo(Status.INVALID);
    assertThat(other.problem().code()).isEqualTo("dict.unknown");
    assertThat(Dictionaries.GENDER.standardise("  ").status()).isEqualTo(Status.MISSING);
  }

  @Test
  void ethnicity_hasAll56GroupsPlus97And98_withUniqueCodesAndNames() {
    List<Code> codes = Dictionaries.ETHNICITY.codes();
    assertThat(codes).hasSize(58);
    assertThat(codes).extracting(Code::code).doesNotHaveDuplicates();
    assertThat(codes).extracting(Code::nameZh).doesNotHaveDuplicates();
    assertThat(codes).extracting(Code::nameEn).doesNotHaveDuplicates();
    for (int i = 1; i <= 56; i++) {
      assertThat(Dictionaries.ETHNICITY.byCode(String.format("%02d", i))).as("code %02d", i).isPresent();
      assertThat(Dictionaries.ETHNICITY.byCode(String.format("%02d", i)).get().nameZh()).endsWith("族");
    }
    assertThat(Dictionaries.ETHNICITY.byCode("97")).map(Code::nameZh).contains("其他");
    assertThat(Dictionaries.ETHNICITY.byCode("98")).map(Code::nameZh).contains("外国血统中国籍人士");
  }

  @ParameterizedTest(name = "[{index}] {0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      01 | 汉族
      02 | 蒙古族
      03 | 回族
      04 | 藏族
      05 | 维吾尔族
      06 | 苗族
      07 | 彝族
      08 | 壮族
      09 | 布依族
      10 | 朝鲜族
      11 | 满族
      12 | 侗族
      13 | 瑶族
      14 | 白族
      15 | 土家族
      16 | 哈尼族
      17 | 哈萨克族
      18 | 傣族
      19 | 黎族
      20 | 傈僳族
      21 | 佤族
      22 | 畲族
      23 | 高山族
      24 | 拉祜族
      25 | 水族
      26 | 东乡族
      27 | 纳西族
      28 | 景颇族
      29 | 柯尔克孜族
      30 | 土族
      31 | 达斡尔族
      32 | 仫佬族
      33 | 羌族
      34 | 布朗族
      35 | 撒拉族
      36 | 毛南族
      37 | 仡佬族
      38 | 锡伯族
      39 | 阿昌族
      40 | 普米族
      41 | 塔吉克族
      42 | 怒族
      43 | 乌孜别克族
      44 | 俄罗斯族
      45 | 鄂温克族
      46 | 德昂族
      47 | 保安族
      48 | 裕固族
      49 | 京族
      50 | 塔塔尔族
      51 | 独龙族
      52 | 鄂伦春族
      53 | 赫哲族
      54 | 门巴族
      55 | 珞巴族
      56 | 基诺族
      """)
  void ethnicity_codesAreGb3304s(String code, String name) {
    assertThat(Dictionaries.ETHNICITY.byCode(code)).map(Code::nameZh).contains(name);
    assertThat(Dictionaries.ETHNICITY.lookup(name)).map(Code::code).contains(code);
    assertThat(Dictionaries.ETHNICITY.lookup(name.substring(0, name.length() - 1))).map(Code::code).contains(code);
  }

  @ParameterizedTest(name = "[{index}] {0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      1          | 01
      01         | 01
      ０１       | 01
      汉         | 01
      Han        | 01
      HAN        | 01
      HA         | 01
      Zhuang     | 08
      Hui        | 03
      Uyghur     | 05
      Uygur      | 05
      Uighur     | 05
      维族       | 05
      Tibetan    | 04
      Zang       | 04
      Mongol     | 02
      Mongolian  | 02
      蒙族       | 02
      Manchu     | 11
      Korean     | 10
      Kazakh     | 17
      Kazak      | 17
      Yi         | 07
      Bouyei     | 09
      Tujia      | 15
      崩龙族     | 46
      毛难族     | 36
      其他未识别民族 | 97
      其它       | 97
      外国血统   | 98
      """)
  void ethnicity_acceptsCodesShortNamesAndEnglish(String raw, String code) {
    assertThat(Dictionaries.ETHNICITY.lookup(raw)).map(Code::code).contains(code);
  }

  @Test
  void ethnicity_codeWithoutLeadingZero_isStandardisedNotStandard() {
    assertThat(Dictionaries.ETHNICITY.standardise("01").status()).isEqualTo(Status.STANDARD);
    assertThat(Dictionaries.ETHNICITY.standardise("1").status()).isEqualTo(Status.STANDARDISED);
    assertThat(Dictionaries.ETHNICITY.standardise("火星族").status()).isEqualTo(Status.INVALID);
  }

  @ParameterizedTest(name = "[{index}] {0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      本人   | 01
      户主   | 02
      配偶   | 10
      夫     | 11
      丈夫   | 11
      妻     | 12
      妻子   | 12
      子     | 20
      儿子   | 20
      长子   | 22
      女     | 30
      女儿   | 30
      孙子   | 41
      孙女   | 42
      外孙女 | 44
      父母   | 50
      父亲   | 51
      爸爸   | 51
      母亲   | 52
      妈妈   | 52
      岳母   | 56
      祖父母或外祖父母 | 60
      爷爷   | 61
      外婆   | 64
      兄弟姐妹 | 70
      哥哥   | 71
      妹妹   | 77
      其他   | 80
      其他亲属 | 97
      非亲属 | 99
      2      | 02
      20     | 20
      """)
  void relation_acceptsStandardNamesAndEverydayWords(String raw, String code) {
    assertThat(Dictionaries.RELATION.lookup(raw)).map(Code::code).contains(code);
  }

  @Test
  void relation_codesAreUnique_andEveryCodeIsTwoDigits() {
    assertThat(Dictionaries.RELATION.codes()).extracting(Code::code).doesNotHaveDuplicates()
        .allMatch(c -> c.matches("[0-9]{2}")).contains("01", "02", "10", "11", "12", "20", "30", "40", "50", "51", "52",
            "60", "70", "80", "97", "99");
  }

  @ParameterizedTest(name = "[{index}] {0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      owner  | owner
      产权人 | owner
      业主   | owner
      房主   | owner
      自住   | owner
      tenant | tenant
      租户   | tenant
      承租人 | tenant
      租住   | tenant
      出租   | tenant
      居住   | resident
      家属   | resident
      借住   | resident
      同住   | resident
      其他   | other
      OTHER  | other
      """)
  void residenceKind_acceptsOurCodesAndChineseLabels(String raw, String code) {
    assertThat(Dictionaries.RESIDENCE_KIND.lookup(raw)).map(Code::code).contains(code);
  }

  @ParameterizedTest(name = "[{index}] {0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      独居老人 | elderly_alone
      空巢独居 | elderly_alone
      独居     | elderly_alone
      残疾     | disabled
      残疾人   | disabled
      低保     | low_income
      低保户   | low_income
      低收入   | low_income
      特困     | low_income
      特困人员 | low_income
      退役军人 | veteran
      退伍军人 | veteran
      留守儿童 | left_behind_child
      """)
  void careFlag_acceptsChineseLabels(String raw, String code) {
    assertThat(Dictionaries.CARE_FLAG.lookup(raw)).map(Code::code).contains(code);
  }

  @Test
  void careFlags_readsSeveralLabels_inDictionaryOrderWithoutDuplicates() {
    Standardised<List<Code>> r = Dictionaries.careFlags("残疾人、低保，残疾; 独居老人");
    assertThat(r.status()).isEqualTo(Status.STANDARDISED);
    assertThat(r.value()).extracting(Code::code).containsExactly("elderly_alone", "disabled", "low_income");
    assertThat(Dictionaries.careFlags("disabled,low_income").status()).isEqualTo(Status.STANDARD);
    assertThat(Dictionaries.careFlags("低保、富豪").problem().code()).isEqualTo("dict.unknown");
    assertThat(Dictionaries.careFlags("无").status()).isEqualTo(Status.MISSING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gender", "ethnicity", "relation", "residence-kind", "care-flag"})
  void everyAliasInTheDataFiles_findsItsOwnCode(String file) throws IOException {
    Dictionary dictionary = switch (file) {
      case "gender" -> Dictionaries.GENDER;
      case "ethnicity" -> Dictionaries.ETHNICITY;
      case "relation" -> Dictionaries.RELATION;
      case "residence-kind" -> Dictionaries.RESIDENCE_KIND;
      default -> Dictionaries.CARE_FLAG;
    };
    try (InputStream in = getClass().getResourceAsStream("/governance/dict/" + file + ".tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        for (int i = 1; i < f.length; i++) {
          for (String alias : f[i].split("\\|")) {
            assertThat(dictionary.lookup(alias)).as("%s: %s", file, alias).map(Code::code).contains(f[0]);
          }
        }
      }
    }
  }

  @Test
  void aliasNamingTwoCodes_failsAtBuildTime() {
    List<Code> codes = List.of(new Code("1", "男性", "male"), new Code("2", "女性", "female"));
    assertThatThrownBy(() -> Dictionary.of("test", codes, Map.of("1", List.of("M"), "2", List.of("m"))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("\"m\" names both 1 and 2");
  }
}
