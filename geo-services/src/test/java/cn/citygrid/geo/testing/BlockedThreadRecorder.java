package cn.citygrid.geo.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects Vert.x blocked-thread warnings whose event loop was inside our code, so the test that caused one
 * fails (see {@link TestVertx}). As in the backend's tests: a warning without a {@code cn.citygrid} frame is
 * an event loop the loaded two-core machine did not run in time (e.g. inside the JDK's first-use class
 * initialisation of a Netty channel); it is still logged, not failed on. A warning without a stack counts.
 */
public final class BlockedThreadRecorder extends AppenderBase<ILoggingEvent> {
  private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown == null || Arrays.stream(thrown.getStackTraceElementProxyArray())
        .anyMatch(f -> f.getStackTraceElement().getClassName().startsWith("cn.citygrid."))) {
      EVENTS.add(event.getThreadName() + ": " + event.getFormattedMessage());
    }
  }

  /** The warnings recorded since the last call, which clears them. */
  public static List<String> drain() {
    List<String> copy = List.copyOf(EVENTS);
    EVENTS.clear();
    return copy;
  }
}
