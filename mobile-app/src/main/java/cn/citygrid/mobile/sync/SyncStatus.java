package cn.citygrid.mobile.sync;

import cn.citygrid.sync.client.engine.SyncReport;
import java.time.Instant;

/**
 * What the app shows about sync: reachable or not (learned from the transport), a sync running, records not yet
 * acknowledged, the last completed sync and the last report. Immutable snapshots, published on the FX thread.
 */
public record SyncStatus(boolean online, boolean running, long waiting, Instant lastSync, SyncReport lastReport) {
    public SyncStatus withOnline(boolean o) {
        return new SyncStatus(o, running, waiting, lastSync, lastReport);
    }

    public SyncStatus withRunning(boolean r) {
        return new SyncStatus(online, r, waiting, lastSync, lastReport);
    }
}
