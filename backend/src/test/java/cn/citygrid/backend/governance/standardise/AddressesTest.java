package cn.citygrid.backend.governance.standardise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {
  private static final RegionTree TREE = ShenzhenRegions.TREE;
  /** 深圳市福田区园岭街道红荔社区: a real community (the brief's 百花社区 is not in the divisions file). */
  private static final String HONGLI = "440304002016";
  private static final String CANONICAL = "深圳市福田区园岭街道红荔社区红荔路12号3栋1单元1201";

  private static ParsedAddress parse(String raw) {
    return Addresses.parse(raw, TREE);
  }

  @Test
  void canonicalAddress_isStandard_withEveryPartAndCode() {
    ParsedAddress a = parse(CANONICAL);
    assertThat(a.status()).isEqualTo(Status.STANDARD);
    assertThat(a.changes()).isEmpty();
    assertThat(a.standardForm()).isEqualTo(CANONICAL);
    assertThat(a.provinceCode()).isEqualTo("440000");
    assertThat(a.cityCode()).isEqualTo("440300");
    assertThat(a.districtCode()).isEqualTo("440304");
    assertThat(a.streetCode()).isEqualTo("440304002");
    assertThat(a.communityCode()).isEqualTo(HONGLI);
    assertThat(a.road()).isEqualTo("红荔路");
    assertThat(a.number()).isEqualTo("12");
    assertThat(a.building()).isEqualTo("3");
    assertThat(a.unit()).isEqualTo("1");
    assertThat(a.room()).isEqualTo("1201");
    assertThat(a.floor()).isEqualTo(12);
    assertThat(a.place()).isNull();
    assertThat(a.remainder()).isNull();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      广东省深圳市福田区园岭街道红荔社区红荔路12号3栋1单元1201             | province dropped
      福田区园岭街道红荔社区红荔路12号3栋1单元1201                         | city added
      深圳福田园岭红荔红荔路12号3栋1单元1201                               | short name→full name
      广东深圳福田区园岭街道红荔社区红荔路12号3栋1单元1201                 | short name→full name
      深圳市 福田区 园岭街道 红荔社区 红荔路 12 号 3 栋 1 单元 1201        | spaces removed
      深圳市福田区园岭街道红荔社区红荔路12号3栋1单元1201室                 | room suffix dropped
      深圳市福田区园岭街道红荔社区红荔路12号3栋1单元1201房                 | room suffix dropped
      深圳市福田区园岭街道红荔社区红荔路12号3栋1单元1201号                 | room suffix dropped
      深圳市福田区园岭街道红荔社区红荔路１２号３栋１单元１２０１           | full-width→half-width
      深圳市福田区园岭街道红荔社区红荔路12號3栋1单元1201                   | 号 normalised
      深圳市福田区园岭街道红荔社区红荔路12 号3栋1单元1201                  | spaces removed
      深圳市福田区园岭街道红荔社区红荔路12号3幢1单元1201                   | building suffix→栋
      深圳市福田区园岭街道红荔社区红荔路12号3座1单元1201                   | building suffix→栋
      深圳市福田区园岭街道红荔社区红荔路12号3号楼1单元1201                 | building suffix→栋
      深圳市福田区园岭街道红荔社区红荔路12号3栋楼1单元1201                 | building suffix→栋
      深圳市福田区园岭街道红荔社区红荔路12号3#1单元1201                    | building suffix→栋
      深圳市福田区园岭街道红荔社区红荔路12号三栋一单元1201                 | Chinese numeral→digits
      深圳市福田区园岭街道红荔社区红荔路12号3栋1单元12楼01                 | floor+room joined
      深圳市福田区园岭街道红荔社区红荔路12号3栋1单元12层1201               | floor+room joined
      深圳市福田区园岭街道红荔社区红荔路12号3栋1单元12F01                  | floor+room joined
      深圳市福田区园岭街道（红荔社区）红荔路12号3栋1单元1201               | brackets/dots removed
      ` 深圳市福田区园岭街道红荔社区红荔路12号3栋1单元1201 `               | spaces removed
      深圳市福田区深圳市福田区园岭街道红荔社区红荔路12号3栋1单元1201       | repeated region name removed
      """)
  void messyVariants_ofOneAddress_allReachTheCanonicalForm(String raw, String change) {
    ParsedAddress a = parse(raw);
    assertThat(a.status()).as("%s %s", a.changes(), a.problem()).isEqualTo(Status.STANDARDISED);
    assertThat(a.standardForm()).isEqualTo(CANONICAL);
    assertThat(a.communityCode()).isEqualTo(HONGLI);
    assertThat(a.changes()).contains(change);
  }

  @Test
  void letterBuildings_areUpperCased() {
    ParsedAddress a = parse("深圳市福田区园岭街道红荔社区红荔路12号b栋1201");
    assertThat(a.building()).isEqualTo("B");
    assertThat(a.standardForm()).isEqualTo("深圳市福田区园岭街道红荔社区红荔路12号B栋1201");
  }

  @Test
  void missingCommunity_resolvesToTheStreet() {
    ParsedAddress a = parse("深圳市福田区园岭街道红荔路12号3栋1单元1201");
    assertThat(a.status()).isEqualTo(Status.STANDARD);
    assertThat(a.streetCode()).isEqualTo("440304002");
    assertThat(a.communityCode()).isNull();
    assertThat(a.regionCode()).isEqualTo("440304002");
  }

  @Test
  void missingStreet_isInferredFromAUniqueCommunity() {
    ParsedAddress a = parse("深圳市福田区红荔社区红荔路12号3栋1单元1201");
    assertThat(a.communityCode()).isEqualTo(HONGLI);
    assertThat(a.standardForm()).isEqualTo(CANONICAL);
    assertThat(a.changes()).contains(Change.STREET_INFERRED);
    ParsedAddress noDistrict = parse("深圳市园岭街道红荔社区红荔路12号3栋1单元1201");
    assertThat(noDistrict.standardForm()).isEqualTo(CANONICAL);
    assertThat(noDistrict.changes()).contains(Change.DISTRICT_INFERRED);
  }

  @Test
  void communityNameUsedTwiceInTheDistrict_staysUnresolvedText_withoutGuessing() {
    ParsedAddress a = parse("深圳市宝安区径贝社区建设路1号");
    assertThat(a.status()).as("already written in canonical form").isEqualTo(Status.STANDARD);
    assertThat(a.districtCode()).isEqualTo("440306");
    assertThat(a.streetCode()).isNull();
    assertThat(a.communityCode()).isNull();
    assertThat(a.unresolvedRegion()).isEqualTo("径贝社区");
    assertThat(a.road()).isEqualTo("建设路");
    assertThat(a.standardForm()).isEqualTo("深圳市宝安区径贝社区建设路1号");
    ParsedAddress spaced = parse("深圳市 宝安区 径贝社区 建设路1号");
    assertThat(spaced.status()).isEqualTo(Status.STANDARDISED);
    assertThat(spaced.unresolvedRegion()).isEqualTo("径贝社区");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      深圳市福田区莲花路1号          | 440304 | 莲花路
      深圳市福田区梅林一路1号        | 440304 | 梅林一路
      深圳市福田区华强北路1号        | 440304 | 华强北路
      深圳市福田区香蜜湖路1号        | 440304 | 香蜜湖路
      深圳市南山区南山大道1001号     | 440305 | 南山大道
      深圳市宝安区宝安大道1号        | 440306 | 宝安大道
      深圳市龙岗区龙岗大道1号        | 440307 | 龙岗大道
      深圳市龙岗区布吉街1号          | 440307 | 布吉街
      深圳市盐田区盐田路1号          | 440308 | 盐田路
      深圳市龙华区观澜大道1号        | 440309 | 观澜大道
      深圳市光明区光明大道1号        | 440311 | 光明大道
      深圳市深南大道6008号           | 440300 | 深南大道
      深圳市福田区园岭街道红荔路12号  | 440304002 | 红荔路
      """)
  void roadsNamedAfterRegions_areRoads_notRegions(String raw, String code, String road) {
    ParsedAddress a = parse(raw);
    assertThat(a.status()).as("%s", a.problem()).isEqualTo(Status.STANDARD);
    assertThat(a.regionCode()).isEqualTo(code);
    assertThat(a.road()).isEqualTo(road);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      深圳市南山区粤海街道科技园社区科苑路15号              | 440305007003 | 深圳市南山区粤海街道科技园社区科苑路15号
      深圳市南山区粤海街道创业路社区创业路1号               | 440305007007 | 深圳市南山区粤海街道创业路社区创业路1号
      深圳市盐田区沙头角街道东和社区沙深路1号               | 440308003005 | 深圳市盐田区沙头角街道东和沙深路1号
      深圳市盐田区沙头角街道中英街                          | 440308003004 | 深圳市盐田区沙头角街道中英街
      深圳市光明新区公明街道公明社区                        | 440311002001 | 深圳市光明区公明街道公明社区
      深圳市龙华区观澜镇桂花社区                            | 440309006004 | 深圳市龙华区观澜街道桂花社区
      宝安区新安街道宝民社区新安六路1号A座1805              | 440306017001 | 深圳市宝安区新安街道宝民社区新安六路1号A栋1805
      龙岗区坂田街道五和社区五和大道3号万科城12栋B单元802    | 440307013008 | 深圳市龙岗区坂田街道五和社区五和大道3号万科城12栋B单元802
      """)
  void realCommunitiesAcrossTheCity_resolveToTheirCodes(String raw, String code, String standard) {
    ParsedAddress a = parse(raw);
    assertThat(a.status()).as("%s %s", a.changes(), a.problem()).isIn(Status.STANDARD, Status.STANDARDISED);
    assertThat(a.communityCode()).isEqualTo(code);
    assertThat(a.standardForm()).isEqualTo(standard);
  }

  @Test
  void estateNames_areKeptAsThePlace_withDerivedFloor() {
    ParsedAddress a = parse("深圳市福田区园岭街道红荔社区百花园二期3栋2单元502");
    assertThat(a.road()).isNull();
    assertThat(a.place()).isEqualTo("百花园二期");
    assertThat(a.building()).isEqualTo("3");
    assertThat(a.unit()).isEqualTo("2");
    assertThat(a.room()).isEqualTo("502");
    assertThat(a.floor()).isEqualTo(5);
    ParsedAddress b = parse("深圳市福田区华强北路1号赛格广场A座12F05");
    assertThat(b.place()).isEqualTo("赛格广场");
    assertThat(b.room()).isEqualTo("1205");
    assertThat(b.standardForm()).isEqualTo("深圳市福田区华强北路1号赛格广场A栋1205");
  }

  @Test
  void lettersInsideWords_areNotBuildingLetters() {
    ParsedAddress a = parse("深圳市南山区粤海街道科技园社区科苑路15号KKONE3栋");
    assertThat(a.place()).isEqualTo("KKONE");
    assertThat(a.building()).isEqualTo("3");
  }

  @Test
  void numbersWithoutHao_andSubNumbers_areRoadNumbers() {
    ParsedAddress a = parse("深圳市福田区园岭街道红荔社区红荔路12");
    assertThat(a.number()).isEqualTo("12");
    assertThat(a.standardForm()).isEqualTo("深圳市福田区园岭街道红荔社区红荔路12号");
    assertThat(parse("深圳市福田区园岭街道红荔社区红荔路12-1号").number()).isEqualTo("12-1");
  }

  @ParameterizedTest(name = "[{index}] {0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      深圳市福田区南头街道红荔路12号                        | address.region_mismatch
      深圳市福田区园岭街道南园社区红荔路12号                 | address.region_mismatch
      深圳市宝安区观澜镇                                    | address.region_mismatch
      深圳市福田区南山区                                    | address.region_mismatch
      深圳市朝阳区建国路1号                                  | address.unknown_region
      北京市朝阳区建国路1号                                  | address.unknown_region
      湖南省长沙市岳麓区                                    | address.unknown_region
      深圳市福田区不存在街道红荔路12号                       | address.unknown_region
      深圳市福田区园岭街道不存在社区红荔路12号               | address.unknown_region
      深圳市福田区园岭街道百花社区红荔路12号3栋1单元1201     | address.unknown_region
      红荔路12号3栋1单元1201                                 | address.no_region
      3栋1单元1201                                           | address.no_region
      """)
  void wrongOrUnknownRegions_makeTheAddressInvalid(String raw, String code) {
    ParsedAddress a = parse(raw);
    assertThat(a.status()).isEqualTo(Status.INVALID);
    assertThat(a.problem().code()).isEqualTo(code);
    assertThat(a.standardForm()).isNull();
  }

  @Test
  void invalidAddresses_keepTheConsistentPrefix_forDiagnosis() {
    ParsedAddress a = parse("深圳市福田区南头街道红荔路12号");
    assertThat(a.districtCode()).isEqualTo("440304");
    assertThat(a.streetCode()).isNull();
    assertThat(a.problem().zh()).isEqualTo("南头街道 不属于福田区");
  }

  @Test
  void addressWithoutRegions_takesTheSourcesRegion_whenGiven() {
    ParsedAddress a = Addresses.parse("红荔路12号3栋1单元1201", TREE, HONGLI);
    assertThat(a.status()).isEqualTo(Status.STANDARDISED);
    assertThat(a.communityCode()).isEqualTo(HONGLI);
    assertThat(a.standardForm()).isEqualTo(CANONICAL);
    assertThat(a.changes()).containsExactly(Change.REGION_FROM_CONTEXT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "无", "NULL"})
  void blanks_areMissing(String raw) {
    ParsedAddress a = parse(raw);
    assertThat(a.status()).isEqualTo(Status.MISSING);
    assertThat(a.asStandardised().status()).isEqualTo(Status.MISSING);
  }
}
