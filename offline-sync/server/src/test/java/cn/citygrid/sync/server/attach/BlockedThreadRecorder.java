package cn.citygrid.sync.server.attach;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects Vert.x blocked-thread warnings whose event loop was inside our code, so the test class that caused one
 * fails (see {@link TestStore}). Warnings whose stack holds no {@code cn.citygrid} frame are an event loop that the
 * OS did not schedule in time (the test machine is shared, load often above ten on two cores); they are kept
 * apart, printed but not failed on.
 */
public final class BlockedThreadRecorder extends AppenderBase<ILoggingEvent> {
    private static final String OURS = "cn.citygrid.";
    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        if (inOurCode(event.getThrowableProxy())) {
            EVENTS.add(event.getThreadName() + ": " + event.getFormattedMessage());
        }
    }

    /** True without a stack too: a warning that cannot be placed counts against us. */
    static boolean inOurCode(IThrowableProxy thrown) {
        if (thrown == null) {
            return true;
        }
        return Arrays.stream(thrown.getStackTraceElementProxyArray()).map(StackTraceElementProxy::getStackTraceElement)
                .anyMatch(frame -> frame.getClassName().startsWith(OURS));
    }

    /** The warnings recorded since the last call, which clears them. */
    static List<String> drain() {
        List<String> copy = List.copyOf(EVENTS);
        EVENTS.clear();
        return copy;
    }
}
