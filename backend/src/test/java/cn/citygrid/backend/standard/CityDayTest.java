package cn.citygrid.backend.standard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CityDayTest {
  @Test
  void theCitysDayBeginsAt16UtcTheDayBefore() {
    assertThat(CityDay.of(Instant.parse("2026-11-27T15:59:59Z"))).isEqualTo(LocalDate.of(2026, 11, 27));
    assertThat(CityDay.of(Instant.parse("2026-11-27T16:00:00Z"))).isEqualTo(LocalDate.of(2026, 11, 28));
    assertThat(CityDay.today(Clock.fixed(Instant.parse("2026-12-31T17:30:00Z"), ZoneOffset.UTC)))
        .as("whatever zone the clock carries").isEqualTo(LocalDate.of(2027, 1, 1));
  }
}
