package cn.citygrid.backend.governance.standardise;

import static org.assertj.core.api.Assertions.assertThat;

import cn.citygrid.backend.governance.standardise.Dates.Source;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

  @Test
  void isoDate_isStandard() {
    Standardised<LocalDate> r = Dates.standardise("2026-11-27", TODAY);
    assertThat(r.status()).isEqualTo(Status.STANDARD);
    assertThat(r.value()).isEqualTo(TODAY);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      2026/11/27                  | 2026-11-27 | separators→'-'
      2026.11.27                  | 2026-11-27 | separators→'-'
      2026-1-5                    | 2026-01-05 | zero-padded
      2026/1/5                    | 2026-01-05 | zero-padded
      20261127                    | 2026-11-27 | yyyyMMdd→ISO
      2026年11月27日              | 2026-11-27 | 年月日→ISO
      2026年1月5日                | 2026-01-05 | 年月日→ISO
      2026年11月27号              | 2026-11-27 | 年月日→ISO
      2026年11月27                | 2026-11-27 | 年月日→ISO
      2026 年 11 月 27 日         | 2026-11-27 | spaces removed
      ２０２６－１１－２７          | 2026-11-27 | full-width→half-width
      ２０２６年１１月２７日        | 2026-11-27 | full-width→half-width
      ` 2026-11-27 `              | 2026-11-27 | spaces removed
      2026-11-27T08:30:00+08:00   | 2026-11-27 | time dropped
      2026-11-27T08:30:00Z        | 2026-11-27 | time dropped
      2026-11-27 08:30:00         | 2026-11-27 | time dropped
      2026/11/27 8:30             | 2026-11-27 | time dropped
      2026-11-27 00:00:00.0       | 2026-11-27 | time dropped
      '2026-11-27                 | 2026-11-27 | quotes removed
      1949-10-01                  | 1949-10-01 | `NONE`
      1900-1-1                    | 1900-01-01 | zero-padded
      2024-02-29                  | 2024-02-29 | `NONE`
      """)
  void writtenDates_areStandardisedToIso(String raw, LocalDate want, String change) {
    Standardised<LocalDate> r = Dates.standardise(raw, TODAY);
    assertThat(r.value()).as(r.toString()).isEqualTo(want);
    if (change.equals("NONE")) {
      assertThat(r.status()).isEqualTo(Status.STANDARD);
    } else {
      assertThat(r.status()).isEqualTo(Status.STANDARDISED);
      assertThat(r.changes()).contains(change);
    }
  }

  @ParameterizedTest(name = "[{index}] serial {0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      46353      | 2026-11-27
      46353.0    | 2026-11-27
      46353.5    | 2026-11-27
      45658      | 2025-01-01
      18172      | 1949-10-01
      1          | 1900-01-01
      59         | 1900-02-28
      61         | 1900-03-01
      """)
  void excelSerials_areDates_whenTheSourceIsASpreadsheet(String raw, LocalDate want) {
    Standardised<LocalDate> r = Dates.standardise(raw, TODAY, Source.SPREADSHEET);
    assertThat(r.value()).isEqualTo(want);
    assertThat(r.changes()).contains(Change.EXCEL_SERIAL);
  }

  @Test
  void spreadsheetSource_stillReadsWrittenDates() {
    assertThat(Dates.standardise("2026/11/27", TODAY, Source.SPREADSHEET).value()).isEqualTo(TODAY);
    assertThat(Dates.standardise("20261127", TODAY, Source.SPREADSHEET).value()).isEqualTo(TODAY);
  }

  @Test
  void excelsPhantomLeapDay_andSerialsFromTextSources_areInvalid() {
    assertThat(Dates.standardise("60", TODAY, Source.SPREADSHEET).problem().code()).isEqualTo("date.serial");
    Problem p = Dates.standardise("46353", TODAY).problem();
    assertThat(p.code()).isEqualTo("date.format");
    assertThat(p.en()).contains("SPREADSHEET");
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      2026-02-30              | date.impossible
      2025-02-29              | date.impossible
      2026-13-01              | date.impossible
      2026-00-10              | date.impossible
      2026年4月31日           | date.impossible
      20260230                | date.impossible
      1899-12-31              | date.too_early
      1066-10-14              | date.too_early
      2026-11-28              | date.future
      2099-01-01              | date.future
      27/11/2026              | date.format
      11/27/2026              | date.format
      26-11-27                | date.format
      2026年11月              | date.format
      2026-11                 | date.format
      2026-11/27              | date.format
      2026年11-27             | date.format
      二〇二六年十一月二十七日 | date.format
      2026-11-27abc           | date.format
      2026-11-27 星期五       | date.format
      yesterday               | date.format
      """)
  void unreadableOrOutOfRangeDates_areInvalid(String raw, String code) {
    Standardised<LocalDate> r = Dates.standardise(raw, TODAY);
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.INVALID);
    assertThat(r.problem().code()).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "NULL", "无", "-", "#N/A"})
  void blanks_areMissing(String raw) {
    assertThat(Dates.standardise(raw, TODAY).status()).isEqualTo(Status.MISSING);
  }
}
