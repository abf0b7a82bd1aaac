package cn.citygrid.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutTest {
  final Lockout lockout = new Lockout(5, Duration.ofSeconds(30), Duration.ofHours(1));
  final Instant now = Instant.parse("2026-11-27T00:00:00Z");

  @Test
  void belowThreshold_staysOpen() {
    assertThat(lockout.lockedUntil(4, now)).isNull();
  }

  @Test
  void atThreshold_locksForBase_thenDoubles_upToMax() {
    assertThat(lockout.lockedUntil(5, now)).isEqualTo(now.plusSeconds(30));
    assertThat(lockout.lockedUntil(6, now)).isEqualTo(now.plusSeconds(60));
    assertThat(lockout.lockedUntil(12, now)).isEqualTo(now.plusSeconds(3600));
    assertThat(lockout.lockedUntil(1000, now)).isEqualTo(now.plusSeconds(3600));
  }
}
