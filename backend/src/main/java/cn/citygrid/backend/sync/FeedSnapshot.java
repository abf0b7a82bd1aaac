package cn.citygrid.backend.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A PostgreSQL {@code pg_snapshot} as the change feed keeps it in a cursor: {@code xmin:xmax:xip,…}. A
 * transaction is visible in it when it ended before the snapshot was taken: below {@code xmin}, or
 * below {@code xmax} and not in the in-progress list {@code xip}.
 */
record FeedSnapshot(long xmin, long xmax, List<Long> xip) {
  /** In-progress transactions a cursor carries at most; a busier snapshot is narrowed (see {@link #bounded}). */
  static final int MAX_IN_PROGRESS = 32;

  private static final Pattern TEXT = Pattern.compile("[0-9]{1,19}:[0-9]{1,19}:([0-9]{1,19}(,[0-9]{1,19})*)?");

  /** Null when {@code text} is not a well-formed snapshot. */
  static FeedSnapshot parse(String text) {
    if (text == null || !TEXT.matcher(text).matches()) {
      return null;
    }
    try {
      String[] parts = text.split(":", -1);
      long xmin = Long.parseLong(parts[0]);
      long xmax = Long.parseLong(parts[1]);
      List<Long> xip = new ArrayList<>();
      if (!parts[2].isEmpty()) {
        for (String x : parts[2].split(",")) {
          xip.add(Long.parseLong(x));
        }
      }
      xip.sort(null);
      boolean ordered = xmin <= xmax && xip.stream().allMatch(x -> x >= xmin && x < xmax);
      return ordered ? new FeedSnapshot(xmin, xmax, List.copyOf(xip)) : null;
    } catch (NumberFormatException tooLarge) {
      return null;
    }
  }

  /** The snapshot that sees every transaction below {@code xid} and none from it on. */
  static FeedSnapshot below(long xid) {
    return new FeedSnapshot(xid, xid, List.of());
  }

  /**
   * This snapshot, or — when more than {@link #MAX_IN_PROGRESS} transactions were in progress — one
   * that sees a subset of what it sees: {@code xmax} lowered to the first in-progress transaction left
   * out. The feed may narrow a snapshot, never widen it: a change seen again is harmless (it only says
   * "look again"), a change never seen is lost.
   */
  FeedSnapshot bounded() {
    if (xip.size() <= MAX_IN_PROGRESS) {
      return this;
    }
    return new FeedSnapshot(xmin, xip.get(MAX_IN_PROGRESS), xip.subList(0, MAX_IN_PROGRESS));
  }

  String text() {
    StringBuilder b = new StringBuilder().append(xmin).append(':').append(xmax).append(':');
    for (int i = 0; i < xip.size(); i++) {
      b.append(i == 0 ? "" : ",").append(xip.get(i));
    }
    return b.toString();
  }
}
