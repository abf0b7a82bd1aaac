package cn.citygrid.mobile.sync;

import cn.citygrid.mobile.shell.Background;
import cn.citygrid.sync.client.engine.AutoSync;
import cn.citygrid.sync.client.engine.SyncEngine;
import cn.citygrid.sync.client.engine.SyncEvent;
import cn.citygrid.sync.client.engine.SyncReport;
import cn.citygrid.sync.client.outbox.OutboxEntry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The app's side of the sync engine. Syncs run on the background scheduler: {@link AutoSync} follows the
 * engine's own schedule (right after a capture, back-off after failures, the idle interval after success), and
 * while the engine says offline a cheap probe of {@code /health/live} every tick notices the network coming back
 * and syncs at once instead of waiting out the back-off (Attach has no connectivity service on Maven Central: the
 * transport itself is the source of truth). Engine events arrive on the FX thread through {@link #onEvent}.
 */
public final class SyncService implements AutoCloseable {
    private final SyncEngine engine;
    private final Background background;
    private final URI health;
    private final HttpClient probeClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectProperty<SyncStatus> status = new SimpleObjectProperty<>();
    private final AtomicBoolean offline = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Consumer<SyncEvent>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private AutoSync auto;
    private ScheduledFuture<?> probe;

    public SyncService(SyncEngine engine, Background background, URI server) {
        this.engine = engine;
        this.background = background;
        this.health = server.resolve("/health/live");
        status.set(new SyncStatus(true, false, waitingCount(), engine.lastSync().orElse(null), null));
        engine.addListener(this::fromEngine);
    }

    /** Starts automatic sync: the engine's schedule and the offline probe, every {@code tick}. */
    public void start(Duration tick) {
        auto = AutoSync.start(engine, background.scheduler(), tick);
        probe = background.scheduler().scheduleWithFixedDelay(this::probeIfOffline, tick.toMillis(), tick.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public ReadOnlyObjectProperty<SyncStatus> status() {
        return status;
    }

    public SyncEngine engine() {
        return engine;
    }

    /** Engine events, on the FX thread. */
    public void onEvent(Consumer<SyncEvent> listener) {
        listeners.add(listener);
    }

    /** "Sync now": one sync on the scheduler thread (after a running one). */
    public void syncNow() {
        background.scheduler().execute(engine::syncNow);
    }

    private void probeIfOffline() {
        if (!offline.get() || running.get()) {
            return;
        }
        try {
            HttpResponse<Void> r = probeClient.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200) {
                engine.syncNow();
            }
        } catch (java.io.IOException e) {
            // still offline: the next tick probes again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fromEngine(SyncEvent event) {
        if (event instanceof SyncEvent.SyncFinished f) {
            running.set(false);
            offline.set(f.report().outcome() == SyncReport.Outcome.offline);
        }
        long waiting = event instanceof SyncEvent.Captured || event instanceof SyncEvent.RecordStateChanged
                || event instanceof SyncEvent.SyncFinished ? waitingCount() : -1;
        Platform.runLater(() -> {
            SyncStatus s = status.get();
            if (event instanceof SyncEvent.ConnectivityChanged c) {
                s = s.withOnline(c.online());
            } else if (event instanceof SyncEvent.SyncFinished f) {
                s = new SyncStatus(f.report().outcome() != SyncReport.Outcome.offline, false, s.waiting(),
                        f.report().outcome() == SyncReport.Outcome.completed ? engine.lastSync().orElse(s.lastSync()) : s.lastSync(),
                        f.report());
            }
            if (waiting >= 0) {
                s = new SyncStatus(s.online(), s.running(), waiting, s.lastSync(), s.lastReport());
            }
            status.set(s);
            listeners.forEach(l -> l.accept(event));
        });
    }

    private long waitingCount() {
        return engine.outbox().stream().map(OutboxEntry::state).filter(st -> !st.isAcked()
                && st != cn.citygrid.sync.client.outbox.OutboxState.rejected).count();
    }

    @Override
    public void close() {
        if (auto != null) {
            auto.close();
        }
        if (probe != null) {
            probe.cancel(false);
        }
    }
}
