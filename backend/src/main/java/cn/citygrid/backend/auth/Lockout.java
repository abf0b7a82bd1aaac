package cn.citygrid.backend.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * Lockout with back-off: after {@code threshold} failed sign-ins in a row the account locks for
 * {@code base}, and each further failure doubles the lock, up to {@code max}.
 */
public record Lockout(int threshold, Duration base, Duration max) {

  /** When the account unlocks after its {@code failures}-th failure in a row, or null when it stays open. */
  public Instant lockedUntil(int failures, Instant now) {
    if (failures < threshold) {
      return null;
    }
    int doublings = Math.min(failures - threshold, 30);
    Duration lock = base.multipliedBy(1L << doublings);
    return now.plus(lock.compareTo(max) > 0 ? max : lock);
  }
}
