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
 * schedule in time (seen idle in {@code Selector.select} on this shared two-core machine), and one
 * whose frames above ours are all Vert.x or Netty is that library being slow ({@link #inOurCode});
 * both are still logged, but not failed on. A warning without a stack counts against us.
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

  /**
   * True when the stuck loop was in our code or in something our code called other than the event-loop
   * libraries themselves, as the call our innermost frame made says: a JDBC call, a sleep, file I/O, a
   * future's get or crypto counts; a call into Vert.x, Netty or their Micrometer metrics (writing an HTTP/2
   * frame, registering a timer — unless a {@code …Blocking} call), or the JVM linking a lambda or loading a
   * class on first use, is the loop being slow on a loaded machine, not our code blocking it.
   */
  static boolean inOurCode(IThrowableProxy thrown) {
    if (thrown == null) {
      return true;
    }
    StackTraceElement[] frames = Arrays.stream(thrown.getStackTraceElementProxyArray())
        .map(f -> f.getStackTraceElement()).toArray(StackTraceElement[]::new);
    for (int ours = 0; ours < frames.length; ours++) {
      if (frames[ours].getClassName().startsWith("cn.citygrid.")) {
        // What our innermost frame was calling decides: whatever a Vert.x or Netty call does inside (down to the
        // JDK), it did as the library; a call straight into the JDK or another library is ours.
        return ours == 0 || !eventLoopLibrary(frames[ours - 1]);
      }
    }
    return false;
  }

  private static boolean eventLoopLibrary(StackTraceElement f) {
    String c = f.getClassName();
    boolean library = c.startsWith("io.netty.") || c.startsWith("io.vertx.") || c.startsWith("io.micrometer.")
        || c.startsWith("java.lang.invoke.") || c.startsWith("jdk.internal.reflect.") || c.startsWith("jdk.internal.loader.")
        || c.equals("java.lang.ClassLoader") || c.contains("$$Lambda");
    return library && !f.getMethodName().endsWith("Blocking");
  }

  /** The warnings recorded since the last call, which clears them. */
  public static List<String> drain() {
    List<String> copy = List.copyOf(EVENTS);
    EVENTS.clear();
    return copy;
  }
}
