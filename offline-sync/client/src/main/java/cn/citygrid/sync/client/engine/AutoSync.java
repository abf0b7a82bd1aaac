package cn.citygrid.sync.client.engine;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link SyncEngine#syncIfDue()} every {@code tick} on the app's scheduler, so syncs follow the engine's own
 * schedule (right after a capture when online, back-off with jitter after failures, the idle interval after
 * success). The schedule itself is tested through the engine with an injected clock; this class only ticks.
 */
public final class AutoSync implements AutoCloseable {
    private final ScheduledFuture<?> task;

    private AutoSync(ScheduledFuture<?> task) {
        this.task = task;
    }

    public static AutoSync start(SyncEngine engine, ScheduledExecutorService scheduler, Duration tick) {
        long ms = tick.toMillis();
        return new AutoSync(scheduler.scheduleWithFixedDelay(engine::syncIfDue, 0, ms, TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
