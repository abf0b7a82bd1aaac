package cn.citygrid.backend.governance.standardise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowStandardiserTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
  private static final StandardiseContext CTX = StandardiseContext.of(TODAY, ShenzhenRegions.TREE);

  private static Map<String, String> row(String... pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }

  @Test
  void everyCanonicalFieldName_hasAStandardiser() {
    assertThat(Arrays.stream(FieldKind.values()).map(FieldKind::field)).containsExactly("id_number", "name", "gender",
        "birth_date", "ethnicity", "phone", "address", "registered_region", "credit_code", "relation", "residence_kind",
        "care_flag", "date");
    assertThat(FieldKind.of("phone")).contains(FieldKind.PHONE);
    assertThat(FieldKind.of("shoe_size")).isEmpty();
  }

  @Test
  void aDirtyPopulationRow_becomesCanonicalText_fieldByField() {
    StandardisedRow r = RowStandardiser.standardise(row(
        "id_number", "110105491231002", "name", "张 三", "gender", "女", "birth_date", "1949年12月31日",
        "ethnicity", "汉", "phone", "+86 138-1234-5678", "address", "福田区园岭街道红荔社区红荔路12号3幢1单元1201室",
        "registered_region", "广东省深圳市福田区", "relation", "妻子", "residence_kind", "业主",
        "care_flag", "低保、残疾", "date", "2026/11/1", "credit_code", "91440300708461136t", "source_row", "17"), CTX);
    assertThat(r.canonical()).containsExactly(
        entry("id_number", "11010519491231002X"), entry("name", "张三"), entry("gender", "2"),
        entry("birth_date", "1949-12-31"), entry("ethnicity", "01"), entry("phone", "13812345678"),
        entry("address", "深圳市福田区园岭街道红荔社区红荔路12号3栋1单元1201"), entry("registered_region", "440304"),
        entry("relation", "12"), entry("residence_kind", "owner"), entry("care_flag", "disabled,low_income"),
        entry("date", "2026-11-01"), entry("credit_code", "91440300708461136T"));
    assertThat(r.passedThrough()).containsExactly(entry("source_row", "17"));
    assertThat(r.counts()).containsEntry(Status.STANDARDISED, 13).containsEntry(Status.INVALID, 0);
    assertThat(r.conflicts()).isEmpty();
    assertThat(r.clean()).isTrue();
  }

  @Test
  void countsClassifyEveryField() {
    StandardisedRow r = RowStandardiser.standardise(row("id_number", "11010519491231002X", "name", "张三1",
        "phone", "", "gender", "男"), CTX);
    assertThat(r.counts()).containsEntry(Status.STANDARD, 1).containsEntry(Status.INVALID, 1)
        .containsEntry(Status.MISSING, 1).containsEntry(Status.STANDARDISED, 1);
    assertThat(r.clean()).isFalse();
    assertThat(r.canonical()).containsOnlyKeys("id_number", "gender");
  }

  @Test
  void genderOrBirthDateContradictingTheIdNumber_isAConflict() {
    StandardisedRow r = RowStandardiser.standardise(row("id_number", "11010519491231002X", "gender", "男",
        "birth_date", "1949-12-30"), CTX);
    assertThat(r.conflicts()).extracting(Problem::code).containsExactly("row.gender_conflicts_id", "row.birth_date_conflicts_id");
    assertThat(r.clean()).isFalse();
    StandardisedRow unknownGender = RowStandardiser.standardise(row("id_number", "11010519491231002X", "gender", "未说明"), CTX);
    assertThat(unknownGender.conflicts()).isEmpty();
  }

  @Test
  void contextDefaults_applyPerSource() {
    StandardiseContext ctx = CTX.withSpreadsheetDates().withDefaultAreaCode("0755").withDefaultRegion("440304002016");
    StandardisedRow r = RowStandardiser.standardise(row("date", "46353", "phone", "83456789", "address", "红荔路12号"), ctx);
    assertThat(r.canonical()).containsEntry("date", "2026-11-27").containsEntry("phone", "0755-83456789")
        .containsEntry("address", "深圳市福田区园岭街道红荔社区红荔路12号");
    StandardisedRow plain = RowStandardiser.standardise(row("date", "46353", "phone", "83456789", "address", "红荔路12号"), CTX);
    assertThat(plain.counts()).containsEntry(Status.INVALID, 3);
  }

  @ParameterizedTest(name = "[{index}] {0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      440304                  | 440304    | STANDARD
      ４４０３０４              | 440304    | STANDARDISED
      广东省深圳市福田区        | 440304    | STANDARDISED
      深圳市福田区              | 440304    | STANDARDISED
      福田区                    | 440304    | STANDARDISED
      福田                      | 440304    | STANDARDISED
      深圳市光明新区            | 440311    | STANDARDISED
      深圳市福田区园岭街道      | 440304002 | STANDARDISED
      440304002016              | 440304002016 | STANDARD
      """)
  void registeredRegion_acceptsCodesAndNames(String raw, String code, Status status) {
    Standardised<Region> r = Addresses.region(raw, ShenzhenRegions.TREE);
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.value().code()).isEqualTo(code);
  }

  @ParameterizedTest(name = "[{index}] {0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      999999                  | region.unknown_code
      430104                  | region.unknown_code
      湖南省长沙市岳麓区        | address.unknown_region
      深圳市福田区南头街道      | address.region_mismatch
      深圳市宝安区径贝社区      | region.unknown
      深圳市福田区红荔路        | region.unknown
      火星                      | region.unknown
      """)
  void registeredRegion_outsideTheTreeOrWithExtraText_isInvalid(String raw, String code) {
    Standardised<Region> r = Addresses.region(raw, ShenzhenRegions.TREE);
    assertThat(r.status()).isEqualTo(Status.INVALID);
    assertThat(r.problem().code()).isEqualTo(code);
  }
}
