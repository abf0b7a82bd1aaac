package cn.citygrid.backend.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects Vert.x blocked-thread warnings so the test that caused one fails. */
public final class BlockedThreadRecorder extends AppenderBase<ILoggingEvent> {
  private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    StringBuilder where = new StringBuilder();
    if (event.getThrowableProxy() != null) {
      var frames = event.getThrowableProxy().getStackTraceElementProxyArray();
      // The JDK frames on top (class loading, crypto) say little; show ours and our libraries'.
      java.util.Arrays.stream(frames).map(f -> f.getSTEAsString()).filter(f -> !f.contains("java.base"))
          .limit(20).forEach(f -> where.append("\n    ").append(f));
    }
    EVENTS.add(event.getThreadName() + ": " + event.getFormattedMessage() + where);
  }

  /** The warnings recorded since the last call, which clears them. */
  public static List<String> drain() {
    List<String> copy = List.copyOf(EVENTS);
    EVENTS.clear();
    return copy;
  }
}
