package cn.citygrid.sync.server.attach;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects Vert.x blocked-thread warnings so the test class that caused one fails (see {@link TestStore}). */
public final class BlockedThreadRecorder extends AppenderBase<ILoggingEvent> {
    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        EVENTS.add(event.getThreadName() + ": " + event.getFormattedMessage());
    }

    /** The warnings recorded since the last call, which clears them. */
    static List<String> drain() {
        List<String> copy = List.copyOf(EVENTS);
        EVENTS.clear();
        return copy;
    }
}
