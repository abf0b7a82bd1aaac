package cn.citygrid.backend.standard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The city's calendar: dates the platform records or compares (residences, code issue dates, ages, "not born in
 * the future") are days in Beijing time, whatever the zone of the machine or the database session (UTC here, the
 * day before until 08:00 Beijing time).
 */
public final class CityDay {
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private CityDay() {}

  public static LocalDate of(Instant at) {
    return LocalDate.ofInstant(at, ZONE);
  }

  public static LocalDate today(Clock clock) {
    return of(clock.instant());
  }

  public static LocalDate today() {
    return today(Clock.systemUTC());
  }
}
