package cn.citygrid.backend.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects Vert.x blocked-thread warnings whose event loop was inside our code, so the test that
 * caused one fails. A warning without a {@code cn.citygrid} frame is an event loop the OS did not
 * schedule in time (seen idle in {@code Selector.select} on this shared two-core machine); it is
 * still logged, but not failed on. A warning without a stack counts against us.
 */
public final class BlockedThreadRecorder extends AppenderBase<ILoggingEvent> {
  private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    IThrowableProxy thrown = event.getThrowableProxy();
    if (!inOurCode(thrown)) {
      return;
    }
    StringBuilder where = new StringBuilder();
    if (thrown != null) {
      // The JDK frames on top (class loading, crypto) say little; show ours and our libraries'.
      Arrays.stream(thrown.getStackTraceElementProxyArray()).map(f -> f.getSTEAsString())
          .filter(f -> !f.contains("java.base")).limit(20).forEach(f -> where.append("\n    ").append(f));
    }
    EVENTS.add(event.getThreadName() + ": " + event.getFormattedMessage() + where);
  }

  static boolean inOurCode(IThrowableProxy thrown) {
    return thrown == null || Arrays.stream(thrown.getStackTraceElementProxyArray())
        .anyMatch(f -> f.getStackTraceElement().getClassName().startsWith("cn.citygrid."));
  }

  /** The warnings recorded since the last call, which clears them. */
  public static List<String> drain() {
    List<String> copy = List.copyOf(EVENTS);
    EVENTS.clear();
    return copy;
  }
}
