package cn.citygrid.backend.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Implausible times on a record, as the server sees them when it arrives (sync-protocol.md §2).
 * Flagged records are accepted and kept, never dropped: the flags are for reviewers.
 */
public final class TimeFlags {
  static final Duration FUTURE = Duration.ofMinutes(5);
  static final Duration OFFSET = Duration.ofMinutes(2);
  static final Duration BEFORE_ENROLLMENT = Duration.ofMinutes(5);
  static final Duration LATE = Duration.ofDays(30);

  private TimeFlags() {}

  /**
   * @param deviceTime the device clock when the request left (t0), or null
   * @param reportedOffsetMs the client's own offset estimate (server − device), or null
   */
  public static List<String> of(Instant capturedAt, Instant receivedAt, Instant deviceTime, Long reportedOffsetMs,
      Instant enrolledAt) {
    List<String> flags = new ArrayList<>();
    if (capturedAt.isAfter(receivedAt.plus(FUTURE))) {
      flags.add("captured-in-future");
    }
    boolean offByRequest = deviceTime != null && Duration.between(deviceTime, receivedAt).abs().compareTo(OFFSET) > 0;
    boolean offByReport = reportedOffsetMs != null && Math.abs(reportedOffsetMs) > OFFSET.toMillis();
    if (offByRequest || offByReport) {
      flags.add("clock-offset");
    }
    if (enrolledAt != null && capturedAt.isBefore(enrolledAt.minus(BEFORE_ENROLLMENT))) {
      flags.add("captured-before-enrollment");
    }
    if (Duration.between(capturedAt, receivedAt).compareTo(LATE) > 0) {
      flags.add("captured-late");
    }
    return flags;
  }
}
